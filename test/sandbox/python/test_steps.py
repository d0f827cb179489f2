import sys
import unittest

import _path  # noqa: F401
from steps import StepCounter, StepLimit


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


if __name__ == '__main__':
    unittest.main()
