"""Unit tests of src/sandbox/python/js_launcher.py's pure parts (the confinement itself is tested by running node
through it: test/sandbox/js/confinement.test.ts)."""

import os
import unittest

import _path  # noqa: F401
import js_launcher


class ParseTest(unittest.TestCase):
    def test_options_then_the_command(self):
        self.assertEqual(js_launcher.parse(['--scratch', '/s', '--uid', '7', '--read', '/a', '--read', '/b', '--', 'node', '--x', 'w.js']),
                         ('/s', 7, ['/a', '/b'], ['node', '--x', 'w.js']))

    def test_data_limit(self):
        self.assertEqual(js_launcher.parse(['--scratch', '/s', '--data-limit', '1024', '--', 'node']), ('/s', None, [], ['node']))
        self.assertEqual(js_launcher.DATA_LIMIT, 1024)

    def test_no_scratch_or_no_command_is_a_usage_error(self):
        with self.assertRaises(SystemExit) as cm:
            js_launcher.parse(['--', 'node'])
        self.assertEqual(cm.exception.code, js_launcher.EXIT_USAGE)
        with self.assertRaises(SystemExit):
            js_launcher.parse(['--scratch', '/s', '--'])

    def test_an_unknown_option_is_refused(self):
        with self.assertRaises(SystemExit):
            js_launcher.parse(['--write', '/', '--', 'node'])


class ReadPathsTest(unittest.TestCase):
    def test_node_its_own_proc_entry_and_existing_reads_only(self):
        here = os.path.dirname(os.path.abspath(__file__))
        paths = js_launcher.read_paths('/bin/sh', [here, '/no/such/path'])
        covered = lambda path: any(path == p or path.startswith(p + '/') for p in paths)  # noqa: E731
        self.assertTrue(covered(os.path.realpath('/bin/sh')))
        self.assertIn('/proc/%d' % os.getpid(), paths)
        self.assertTrue(covered(here))
        self.assertFalse(covered('/no/such/path'))
        self.assertFalse(covered('/etc/passwd'))


if __name__ == '__main__':
    unittest.main()
