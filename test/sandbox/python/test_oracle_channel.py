"""The server's channel to its long-lived oracle: a job and its fds cross whole, and a closed
socket reads as the end (server.send_job / server.receive_job)."""
import _socket
import os
import unittest

import _path  # noqa: F401
import server


class OracleChannel(unittest.TestCase):
    def setUp(self):
        self.mine, self.theirs = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_STREAM)
        self.addCleanup(self.mine.close)
        self.addCleanup(self.theirs.close)

    def test_a_job_and_its_five_fds_arrive_whole(self):
        pipes = [os.pipe() for _ in range(server.ORACLE_JOB_FDS)]
        self.addCleanup(lambda: [os.close(fd) for pair in pipes for fd in pair])
        payload = b'{"job": "' + b'x' * 100000 + b'"}'
        server.send_job(self.mine, payload, [w for _r, w in pipes])
        got, fds = server.receive_job(self.theirs)
        self.addCleanup(lambda: [os.close(fd) for fd in fds])
        self.assertEqual(got, payload)
        self.assertEqual(len(fds), server.ORACLE_JOB_FDS)
        # Each received fd is the write end of the matching pipe.
        for (r, _w), fd in zip(pipes, fds):
            os.write(fd, b'!')
            self.assertEqual(os.read(r, 1), b'!')

    def test_a_closed_socket_is_the_end(self):
        self.mine.close()
        self.assertIsNone(server.receive_job(self.theirs))

    def test_a_job_cut_short_is_the_end(self):
        self.mine.sendall((100).to_bytes(server.ORACLE_HEADER, 'big') + b'{"jo')
        self.mine.close()
        self.assertIsNone(server.receive_job(self.theirs))

    def test_more_fds_than_a_job_has_are_refused(self):
        pipes = [os.pipe() for _ in range(server.ORACLE_JOB_FDS + 3)]
        self.addCleanup(lambda: [os.close(fd) for pair in pipes for fd in pair])
        server.send_job(self.mine, b'{}', [w for _r, w in pipes])
        with self.assertRaises(OSError):
            server.receive_job(self.theirs)


class OracleState(unittest.TestCase):
    def test_the_state_is_stable_and_sees_a_new_module_and_a_changed_setting(self):
        import sys
        before = server.oracle_state()
        self.assertEqual(server.oracle_state(), before)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(limit + 1)
        try:
            self.assertNotEqual(server.oracle_state(), before)
        finally:
            sys.setrecursionlimit(limit)
        # sys.modules is watched with the modules' attributes (one dict among oracle_dicts).
        watch = server.AttributeWatch(server.oracle_dicts())
        name = 'bench_audit_fresh_module'
        sys.modules[name] = type(sys)(name)
        try:
            self.assertFalse(watch.unchanged())
        finally:
            del sys.modules[name]
        self.assertEqual(server.oracle_state(), before)
        self.assertTrue(server.AttributeWatch(server.oracle_dicts()).unchanged())


if __name__ == '__main__':
    unittest.main()


class Secrets(unittest.TestCase):
    """A job's secrets reach the oracle on a pipe of their own, one exact frame per job (server.receive_secrets)."""

    def frame(self, body):
        return b'%015d\n' % len(body) + body

    def setUp(self):
        self.r, self.w = os.pipe()
        self.addCleanup(os.close, self.r)
        self.addCleanup(os.close, self.w)

    def test_an_earlier_jobs_frame_is_skipped_and_the_next_frame_is_left_unread(self):
        os.write(self.w, self.frame(b'{"id": 3, "tests": "old"}') + self.frame('{"id": 5, "tests": {"asserts": ["é"]}}'.encode())
                 + self.frame(b'{"id": 6, "examples": []}'))
        job = {'id': 5, 'kind': 'tests'}
        server.receive_secrets(self.r, job)
        self.assertEqual(job, {'id': 5, 'kind': 'tests', 'tests': {'asserts': ['é']}})
        later = {'id': 6}
        server.receive_secrets(self.r, later)
        self.assertEqual(later, {'id': 6, 'examples': []})

    def test_a_later_jobs_frame_or_a_bad_header_is_an_error(self):
        os.write(self.w, self.frame(b'{"id": 9}'))
        with self.assertRaises(OSError):
            server.receive_secrets(self.r, {'id': 8})
        os.write(self.w, b'not a header....')
        with self.assertRaises(OSError):
            server.receive_secrets(self.r, {'id': 8})
