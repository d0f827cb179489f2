import json
import os
import signal
import unittest

import _path  # noqa: F401
import verdict

NONCE = 'a' * 32
JOB = {'kind': 'tests', 'testCount': 2}  # the tests themselves go to the oracle only


def exited(code):
    return code << 8


def killed(sig):
    return sig


def outcome(records, oracle=exited(0), candidate=exited(0), timed_out=False, raw=b''):
    data = b''.join((NONCE + ' ' + json.dumps(r) + '\n').encode() for r in records) + raw
    return {'timed_out': timed_out, 'result': data, 'result_dropped': 0, 'oracle_status': oracle,
            'candidate_status': candidate}


class Decide(unittest.TestCase):
    def test_pass_needs_the_oracle_end_record_with_every_test_run(self):
        self.assertEqual(verdict.decide(JOB, NONCE, outcome([{'type': 'end', 'status': 'passed', 'ran': 2}]))['verdict'],
                         {'status': 'passed'})
        v = verdict.decide(JOB, NONCE, outcome([{'type': 'end', 'status': 'passed', 'ran': 1}]))['verdict']
        self.assertEqual(v['status'], 'error')

    def test_records_without_the_nonce_are_tampering(self):
        v = verdict.decide(JOB, NONCE, outcome([{'type': 'end', 'status': 'passed', 'ran': 2}],
                                               raw=b'0' * 32 + b' {"type": "end"}\n'))['verdict']
        self.assertEqual((v['status'], v['reason']), ('error', 'tampered'))

    def test_no_end_record_or_a_crashed_oracle_is_no_verdict(self):
        self.assertEqual(verdict.decide(JOB, NONCE, outcome([]))['verdict']['reason'], 'no-verdict')
        v = verdict.decide(JOB, NONCE, outcome([{'type': 'end', 'status': 'passed', 'ran': 2}], oracle=killed(9)))
        self.assertEqual(v['verdict']['reason'], 'no-verdict')

    def test_candidate_end_is_refined_by_its_status(self):
        ended = [{'type': 'end', 'status': 'error', 'reason': verdict.CANDIDATE_ENDED, 'ran': 0}]
        self.assertEqual(verdict.decide(JOB, NONCE, outcome(ended, candidate=killed(signal.SIGXCPU)))['verdict'],
                         {'status': 'timeout', 'completed': 0, 'reason': 'cpu-limit'})
        self.assertEqual(verdict.decide(JOB, NONCE, outcome(ended, candidate=killed(signal.SIGXFSZ)))['verdict']['reason'],
                         'file-size-limit')
        v = verdict.decide(JOB, NONCE, outcome(ended, candidate=exited(0)))['verdict']
        self.assertEqual((v['reason'], v['exitCode']), ('no-verdict', 0))

    def test_a_kill_at_the_cpu_rlimit_is_a_cpu_timeout(self):
        ended = [{'type': 'end', 'status': 'error', 'reason': verdict.CANDIDATE_ENDED, 'ran': 0}]
        cpu_job = dict(JOB, cpuLimitMs=1500)  # soft rlimit ceil(1.5) + 1 = 3 s
        at_limit = dict(outcome(ended, candidate=killed(signal.SIGKILL)), cpu_ms=3000.5)
        self.assertEqual(verdict.decide(cpu_job, NONCE, at_limit)['verdict'],
                         {'status': 'timeout', 'completed': 0, 'reason': 'cpu-limit'})
        # Below the rlimit, without a CPU limit, or with per-call limits (whose total the rlimit does not know):
        # another SIGKILL (the memory cgroup, the OOM killer).
        for job, cpu in ((cpu_job, 2999.0), (JOB, 3000.5), (dict(cpu_job, callLimits={'cpuMs': [], 'cpuMsRest': 1, 'counted': []}), 3000.5)):
            v = verdict.decide(job, NONCE, dict(outcome(ended, candidate=killed(signal.SIGKILL)), cpu_ms=cpu))['verdict']
            self.assertEqual((v['status'], v['reason'], v['signal']), ('error', 'signal', 'SIGKILL'))

    def test_timeout_wins_and_counts_outputs(self):
        v = verdict.decide(JOB, NONCE, outcome([{'type': 'output', 'index': 0}], timed_out=True))
        self.assertEqual(v['verdict'], {'status': 'timeout', 'completed': 1})
        self.assertEqual(v['outputs'], [{'index': 0}])

    def test_unknown_end_status_is_a_harness_error(self):
        v = verdict.decide(JOB, NONCE, outcome([{'type': 'end', 'status': 'weird', 'ran': 2}]))['verdict']
        self.assertEqual(v['reason'], 'harness')

    def test_early_stop_only_right_after_a_differing_output(self):
        job = {'kind': 'call', 'inputs': [[1], [2], [3]], 'stopOnDifference': True}
        end = {'stoppedAt': 1}
        self.assertEqual(verdict.expected_count(job, end, [{'index': 1, 'status': 'returned'}]), 2)
        self.assertEqual(verdict.expected_count(job, end, [{'index': 1, 'status': 'same'}]), -1)


if __name__ == '__main__':
    unittest.main()
