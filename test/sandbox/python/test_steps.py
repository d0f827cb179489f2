import sys
import unittest

import _path  # noqa: F401
from steps import StepCounter, StepLimit
from call_harness import CANDIDATE_FILE, Coverage, CoverageCount


def loop(n):
    s = 0
    for i in range(n):
        s += i
    return s


def swallow(n, times):
    for _ in range(times):
        try:
            loop(n)
        except BaseException:
            pass
    return 'done'


class StepCounterTest(unittest.TestCase):
    def count(self, fn, *args, cap=10 ** 9):
        counter = StepCounter(cap)
        counter.start()
        try:
            fn(*args)
        finally:
            counter.stop()
        return counter

    def test_same_work_same_count(self):
        # Line events of loop(n): the first line, then 2 per iteration, the loop's last test and the return.
        a = self.count(loop, 1000).count
        self.assertEqual(a, self.count(loop, 1000).count)
        self.assertEqual(self.count(loop, 2000).count - a, 2000)
        self.assertIsNone(sys.gettrace())

    def test_cap_stops_a_runaway(self):
        counter = StepCounter(500)
        counter.start()
        with self.assertRaises(StepLimit):
            loop(10 ** 9)
        counter.stop()
        self.assertTrue(counter.capped())
        self.assertEqual(counter.count, 501)

    def test_a_program_that_catches_the_limit_runs_on_untraced_and_stays_capped(self):
        # Python unsets a trace function that raises: the call can only end by the CPU backstop then.
        counter = StepCounter(100)
        counter.start()
        self.assertEqual(swallow(1000, 3), 'done')
        counter.stop()
        self.assertTrue(counter.capped())
        self.assertEqual(counter.count, 101)


CANDIDATE = """
def f(n):
    s = 0
    for i in range(n):
        s += i
    if n > 5:
        return 'big'
    return s
"""


class CoverageCapTest(unittest.TestCase):
    """The coverage tracer counts a call's line events itself and cuts it at the cap, and the next call is traced."""

    def test_a_capped_call_ends_at_the_cap_and_the_next_call_is_traced(self):
        ns = {}
        exec(compile(CANDIDATE, CANDIDATE_FILE, 'exec'), ns)
        coverage = Coverage()
        first = CoverageCount(coverage, 50)
        first.start()
        try:
            with self.assertRaises(StepLimit):
                ns['f'](10 ** 9)
        finally:
            first.stop()
        self.assertTrue(first.capped())
        self.assertEqual(first.count, 51)
        # The line after the loop was never reached by the capped call.
        self.assertNotIn(6, coverage.lines)
        second = CoverageCount(coverage, 50)
        second.start()
        try:
            self.assertEqual(ns['f'](3), 3)
        finally:
            second.stop()
            sys.settrace(None)
        self.assertFalse(second.capped())
        self.assertIn(6, coverage.lines)
        self.assertIn(8, coverage.lines)
        self.assertNotIn(7, coverage.lines)


if __name__ == '__main__':
    unittest.main()
