"""A deterministic work measure of one call: the Python line events it executes (sys.settrace),
counted in the candidate's process. Unlike CPU time it does not move with machine load or speed,
so a limit on it decides the same way everywhere. A cap stops a runaway call deterministically.
Work done inside C functions (sorted, big-int arithmetic) is not counted: a CPU-time backstop
stays in force for that. Tracing costs ~8-13x on pure-Python code (measured on Python 3.11), so
callers count steps only on the inputs where it matters."""

import sys


class StepLimit(BaseException):
    """Raised inside the call once it has executed more line events than its cap."""


class StepCounter:
    """The count lives in a closure cell, not an attribute: the per-line callback is the whole
    cost of counting, and a cell update is ~20% cheaper than a slot update (Python 3.11)."""

    __slots__ = ('cap', '_tracer', '_read')

    def __init__(self, cap):
        self.cap = cap
        n = 0

        def local(frame, event, arg):
            nonlocal n
            if event == 'line':
                n += 1
                if n > cap:
                    # Python unsets a trace function that raises: a program that catches this runs on
                    # uncounted, still capped, until the CPU backstop ends it.
                    raise StepLimit()
            return local

        def global_trace(frame, event, arg):
            return local

        def read():
            return n

        self._tracer = global_trace
        self._read = read

    @property
    def count(self):
        return self._read()

    def start(self):
        sys.settrace(self._tracer)

    def stop(self):
        sys.settrace(None)

    def capped(self):
        return self._read() > self.cap
