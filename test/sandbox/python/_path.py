"""Puts the sandbox package (src/sandbox/python) first on sys.path for the unit tests."""
import os
import sys

PACKAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'src', 'sandbox', 'python')
if PACKAGE not in sys.path:
    sys.path.insert(0, PACKAGE)
