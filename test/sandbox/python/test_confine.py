"""Unit tests of src/sandbox/python/confine*.py (run by test/sandbox/python-units.test.ts).

Layers are applied in a forked child, which reports what it could still do through a pipe; the
test process itself is never confined.
"""

import errno
import json
import os
import struct
import sys
import tempfile
import unittest

import _path  # noqa: F401
import confine
import confine_landlock
import confine_mounts
import confine_seccomp


def in_confined_child(body, uid=None, workdir=None, prepared=None):
    """Fork, confine the child in a fresh directory (or `workdir`), run body(workdir) there; its JSON
    result. With `prepared` (a confine.Prepared), the child uses it and the ruleset it made, as the server does."""
    workdir = workdir or tempfile.mkdtemp(prefix='confine-test-')
    plan = prepared.limits if prepared is not None else confine.plan(uid)
    ruleset = prepared.ruleset_for(workdir) if prepared is not None else None
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        code = 0
        try:
            applied = confine.confine_candidate(workdir, plan, prepared, ruleset)
            os.chdir(workdir)
            out = {'applied': applied, 'result': body(workdir)}
            if ruleset is not None:
                out['rulesetOpen'] = attempt(lambda: os.fstat(ruleset)) == 'ok'

        except BaseException as exc:  # report anything, never return into the test runner
            out = {'error': '%s: %s' % (type(exc).__name__, exc)}
            code = 1
        os.write(w, json.dumps(out).encode())
        os._exit(code)
    os.close(w)
    chunks = []
    while True:
        data = os.read(r, 65536)
        if not data:
            break
        chunks.append(data)
    os.close(r)
    os.waitpid(pid, 0)
    os.system('rm -rf %s' % workdir)
    return json.loads(b''.join(chunks) or b'{}')


def attempt(fn):
    try:
        fn()
        return 'ok'
    except OSError as exc:
        return errno.errorcode.get(exc.errno, str(exc.errno))


class SeccompFilterTest(unittest.TestCase):
    def test_program_is_whole_instructions_and_ends_in_allow(self):
        prog = confine_seccomp.build_filter()
        self.assertEqual(len(prog) % 8, 0)
        code, _jt, _jf, k = struct.unpack('=HBBI', prog[-8:])
        self.assertEqual((code, k), (confine_seccomp.BPF_RET_K, confine_seccomp.SECCOMP_RET_ALLOW))
        self.assertLess(len(prog) // 8, 4096)  # BPF_MAXINSNS

    def test_every_denied_call_is_compared(self):
        prog = confine_seccomp.build_filter()
        compared = {struct.unpack('=HBBI', prog[i:i + 8])[3] for i in range(0, len(prog), 8)
                    if struct.unpack('=HBBI', prog[i:i + 8])[0] == confine_seccomp.BPF_JEQ_K}
        for name, nr in confine_seccomp.X86_64_DENIED.items():
            self.assertIn(nr, compared, name)


class MountsTest(unittest.TestCase):
    def test_hidden_ancestors_finds_the_outermost_untraversable_directory(self):
        top = tempfile.mkdtemp(prefix='confine-hide-')
        try:
            inner = os.path.join(top, 'a', 'b')
            os.makedirs(inner)
            os.chmod(top, 0o700)
            hide, unreadable = confine_mounts.hidden_ancestors([inner])
            self.assertEqual(hide, [top])
            self.assertEqual(unreadable, [])
            os.chmod(top, 0o755)
            os.chmod(inner, 0o700)
            hide, unreadable = confine_mounts.hidden_ancestors([inner])
            self.assertEqual(hide, [])
            self.assertEqual(unreadable, [inner])
        finally:
            os.chmod(top, 0o755)
            os.system('rm -rf %s' % top)


@unittest.skipUnless(confine_landlock.abi_version() >= 1 and confine_seccomp.supported(),
                     'Landlock or the x86_64 seccomp filter is not available on this machine')
class ConfineCandidateTest(unittest.TestCase):
    def test_writes_only_inside_the_job_directory(self):
        outside = tempfile.mkdtemp(prefix='confine-outside-')
        try:
            def body(workdir):
                return {'inside': attempt(lambda: open(os.path.join(workdir, 'f'), 'w').write('x')),
                        'outside': attempt(lambda: open(os.path.join(outside, 'f'), 'w').write('x'))}
            out = in_confined_child(body)
            self.assertEqual(out['result'], {'inside': 'ok', 'outside': 'EACCES'}, out)
            self.assertEqual(os.listdir(outside), [])
        finally:
            os.system('rm -rf %s' % outside)

    def test_reads_outside_the_allowed_paths_are_refused(self):
        secret = tempfile.NamedTemporaryFile('w', prefix='confine-secret-', delete=False)
        secret.write('s')
        secret.close()
        try:
            out = in_confined_child(lambda _w: {'secret': attempt(lambda: open(secret.name).read()),
                                                'stdlib': attempt(lambda: open(os.__file__).read())})
            self.assertEqual(out['result'], {'secret': 'EACCES', 'stdlib': 'ok'}, out)
        finally:
            os.unlink(secret.name)

    def test_dangerous_calls_are_denied(self):
        import ctypes

        def body(_w):
            libc = ctypes.CDLL(None, use_errno=True)
            out = {}
            for name, call in [('unshare', lambda: libc.unshare(0x20000)), ('setns', lambda: libc.setns(-1, 0)),
                               ('ptrace', lambda: libc.ptrace(16, os.getppid(), 0, 0)),
                               ('shmget', lambda: libc.shmget(0, 4096, 0o1600)),
                               ('kill-parent', lambda: libc.kill(os.getppid(), 0))]:
                rc = call()
                out[name] = 'ok' if rc >= 0 else errno.errorcode.get(ctypes.get_errno())
            out['fork'] = attempt(os.fork)
            import socket
            out['unix-socket'] = attempt(lambda: socket.socket(socket.AF_UNIX).close())
            out['socketpair'] = attempt(lambda: [s.close() for s in socket.socketpair()])
            out['setxattr'] = attempt(lambda: (open('x', 'w').close(), os.setxattr('x', 'user.a', b'1')))
            out['nnp'] = libc.prctl(confine.PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
            return out

        out = in_confined_child(body)
        self.assertEqual(out['result'], {'unshare': 'EPERM', 'setns': 'EPERM', 'ptrace': 'EPERM', 'shmget': 'EPERM',
                                         'kill-parent': 'EPERM', 'fork': 'EAGAIN', 'setxattr': 'EPERM', 'nnp': 1,
                                         'unix-socket': 'EACCES', 'socketpair': 'ok'}, out)

    def test_threads_still_run(self):
        def body(_w):
            import threading
            seen = []
            t = threading.Thread(target=lambda: seen.append(1))
            t.start()
            t.join()
            return seen
        self.assertEqual(in_confined_child(body)['result'], [1])

    @unittest.skipUnless(os.geteuid() == 0, 'needs root to change uid')
    def test_private_uid_and_no_capabilities(self):
        out = in_confined_child(lambda _w: {'uid': os.getuid(), 'setuid0': attempt(lambda: os.setuid(0))}, uid=1234567)
        self.assertEqual(out['result'], {'uid': 1234567, 'setuid0': 'EPERM'}, out)


@unittest.skipUnless(confine_landlock.abi_version() >= 1 and confine_seccomp.supported(),
                     'Landlock or the x86_64 seccomp filter is not available on this machine')
class PreparedConfinementTest(unittest.TestCase):
    """The server's path: ctypes objects, seccomp program and Landlock ruleset made once, then applied per job."""

    def writes(self, workdir, outside):
        return {'inside': attempt(lambda: open(os.path.join(workdir, 'f'), 'w').write('x')),
                'outside': attempt(lambda: open(os.path.join(outside, 'f'), 'w').write('x')),
                'fork': attempt(os.fork)}

    def test_prepared_layers_confine_as_fresh_ones_and_the_ruleset_fd_is_closed(self):
        outside = tempfile.mkdtemp(prefix='confine-outside-')
        try:
            prepared = confine.Prepared(confine.plan())
            out = in_confined_child(lambda w: self.writes(w, outside), prepared=prepared)
            self.assertEqual(out['result'], {'inside': 'ok', 'outside': 'EACCES', 'fork': 'EAGAIN'}, out)
            self.assertIs(out['rulesetOpen'], False)
            self.assertEqual(os.listdir(outside), [])
        finally:
            os.system('rm -rf %s' % outside)

    def test_a_job_directory_made_anew_gets_a_new_ruleset(self):
        outside = tempfile.mkdtemp(prefix='confine-outside-')
        parent = tempfile.mkdtemp(prefix='confine-jobs-')
        try:
            prepared = confine.Prepared(confine.plan())
            workdir = os.path.join(parent, 'job')
            os.mkdir(workdir)
            prepared.ruleset_for(workdir)
            first = prepared.ruleset_inode
            self.assertEqual(prepared.ruleset_for(workdir), prepared.ruleset)  # same inode: kept
            self.assertEqual(prepared.ruleset_inode, first)
            os.rmdir(workdir)
            os.mkdir(workdir)
            out = in_confined_child(lambda w: self.writes(w, outside), workdir=workdir, prepared=prepared)
            self.assertNotEqual(prepared.ruleset_inode, first)
            # A ruleset for the old inode would refuse the write inside (EACCES).
            self.assertEqual(out['result'], {'inside': 'ok', 'outside': 'EACCES', 'fork': 'EAGAIN'}, out)
        finally:
            os.system('rm -rf %s %s' % (outside, parent))


if __name__ == '__main__':
    sys.exit(unittest.main())
