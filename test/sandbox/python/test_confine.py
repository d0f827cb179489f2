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


def run_filter(prog, arch, nr, arg0=0):
    """What the classic-BPF program returns for one system call: a small interpreter of the
    instructions build_filter emits (absolute word loads, jeq/jge/jgt/jset against a constant, ja, return)."""
    s = confine_seccomp
    data = struct.pack('<IIQ6Q', nr, arch, 0, arg0, 0, 0, 0, 0, 0)
    ins = [struct.unpack('=HBBI', prog[i:i + 8]) for i in range(0, len(prog), 8)]
    pc, acc = 0, 0
    while True:
        code, jt, jf, k = ins[pc]
        if code == s.BPF_LD_W_ABS:
            acc = struct.unpack_from('<I', data, k)[0]
            pc += 1
        elif code in (s.BPF_JEQ_K, s.BPF_JGE_K, s.BPF_JGT_K, s.BPF_JSET_K):
            hit = {s.BPF_JEQ_K: acc == k, s.BPF_JGE_K: acc >= k, s.BPF_JGT_K: acc > k, s.BPF_JSET_K: bool(acc & k)}[code]
            pc += 1 + (jt if hit else jf)
        elif code == s.BPF_JA:
            pc += 1 + k
        elif code == s.BPF_RET_K:
            return k
        else:
            raise AssertionError('unexpected opcode %#x at %d' % (code, pc))


class SeccompArchesTest(unittest.TestCase):
    """The program for each described architecture, run through run_filter (no kernel needed)."""

    ERR = confine_seccomp.SECCOMP_RET_ERRNO
    ALLOW = confine_seccomp.SECCOMP_RET_ALLOW

    def verdicts(self, arch_name, calls):
        spec = confine_seccomp.ARCHES[arch_name]
        prog = confine_seccomp.build_filter(arch=arch_name)
        self.assertLess(len(prog) // 8, 4096)
        return {name: run_filter(prog, spec['audit'], nr, arg0) for name, (nr, arg0) in calls.items()}

    def check_arch(self, arch_name, allowed):
        spec = confine_seccomp.ARCHES[arch_name]
        prog = confine_seccomp.build_filter(arch=arch_name)
        for name, nr in spec['denied'].items():
            self.assertEqual(run_filter(prog, spec['audit'], nr), self.ERR | errno.EPERM, name)
        for name, nr in allowed.items():
            self.assertEqual(run_filter(prog, spec['audit'], nr), self.ALLOW, name)
        out = self.verdicts(arch_name, {
            'thread': (spec['clone'], confine_seccomp.CLONE_THREAD | 0x100), 'process': (spec['clone'], 17),
            'clone3': (spec['clone3'], 0), 'socket': (spec['socket'], 1),
            'pair-unix': (spec['socketpair'], 1), 'pair-inet': (spec['socketpair'], 2)})
        self.assertEqual(out, {'thread': self.ALLOW, 'process': self.ERR | errno.EAGAIN, 'clone3': self.ERR | errno.ENOSYS,
                               'socket': self.ERR | errno.EACCES, 'pair-unix': self.ALLOW, 'pair-inet': self.ERR | errno.EACCES})
        for name, nr in spec['fork'].items():
            self.assertEqual(run_filter(prog, spec['audit'], nr), self.ERR | errno.EAGAIN, name)
        # Any other audit arch (a 32-bit ABI with its own numbers) ends the process.
        other = next(a['audit'] for n, a in confine_seccomp.ARCHES.items() if n != arch_name)
        self.assertEqual(run_filter(prog, other, 0), confine_seccomp.SECCOMP_RET_KILL_PROCESS)
        self.assertEqual(run_filter(prog, 0x40000003, 0), confine_seccomp.SECCOMP_RET_KILL_PROCESS)  # i386

    def test_x86_64(self):
        self.check_arch('x86_64', {'read': 0, 'write': 1, 'openat': 257, 'mmap': 9, 'getxattr': 191, 'exit_group': 231})
        prog = confine_seccomp.build_filter(arch='x86_64')
        # x32 numbers alias the 64-bit table (ptrace | x32 bit): denied too.
        self.assertEqual(run_filter(prog, confine_seccomp.AUDIT_ARCH_X86_64, 101 | confine_seccomp.X32_SYSCALL_BIT),
                         self.ERR | errno.EPERM)

    def test_aarch64(self):
        spec = confine_seccomp.ARCHES['aarch64']
        self.assertEqual(spec['audit'], 0xC00000B7)
        self.assertEqual(set(confine_seccomp.X86_64_DENIED) - set(spec['denied']), {'iopl', 'ioperm'})  # x86-only calls
        self.check_arch('aarch64', {'read': 63, 'write': 64, 'openat': 56, 'mmap': 222, 'getxattr': 8, 'exit_group': 94,
                                    'execve': 221, 'prctl': 167})

    def expected(self, spec, nr, arg0):
        """What the filter must answer, read from the tables rather than from the program."""
        s = confine_seccomp
        if (spec['x32'] and nr >= s.X32_SYSCALL_BIT) or nr in spec['denied'].values():
            return self.ERR | errno.EPERM
        if nr in spec['fork'].values():
            return self.ERR | errno.EAGAIN
        if nr == spec['clone3']:
            return self.ERR | errno.ENOSYS
        if nr == spec['clone']:
            return self.ALLOW if arg0 & s.CLONE_THREAD else self.ERR | errno.EAGAIN
        if nr == spec['socket']:
            return self.ERR | errno.EACCES
        if nr == spec['socketpair']:
            return self.ALLOW if arg0 == s.AF_UNIX else self.ERR | errno.EACCES
        return self.ALLOW

    def test_every_number_gets_what_the_tables_say(self):
        x32 = confine_seccomp.X32_SYSCALL_BIT
        for arch_name, spec in confine_seccomp.ARCHES.items():
            prog = confine_seccomp.build_filter(arch=arch_name)
            for nr in list(range(0, 1024)) + [x32, x32 + 101, x32 + 1, 0x7FFFFFFF, 0xFFFFFFFF]:
                for arg0 in (0, 1, 2, 17, confine_seccomp.CLONE_THREAD | 0x100):
                    self.assertEqual(run_filter(prog, spec['audit'], nr, arg0), self.expected(spec, nr, arg0),
                                     '%s nr=%d arg0=%d' % (arch_name, nr, arg0))

    def test_the_server_and_job_parts_stacked_decide_every_call_as_the_whole_filter(self):
        # The kernel runs every installed filter and keeps the most restrictive action; for two errnos
        # the later filter's. The parts share no call, so the stacked answer must be the whole filter's.
        x32 = confine_seccomp.X32_SYSCALL_BIT
        kill = confine_seccomp.SECCOMP_RET_KILL_PROCESS
        for arch_name, spec in confine_seccomp.ARCHES.items():
            server = confine_seccomp.build_filter(arch=arch_name, part='server')
            job = confine_seccomp.build_filter(arch=arch_name, part='job')
            self.assertLess(len(job), len(server), arch_name)
            other = next(a['audit'] for n, a in confine_seccomp.ARCHES.items() if n != arch_name)
            for audit in (spec['audit'], other):
                for nr in list(range(0, 1024)) + [x32, x32 + 101, x32 + 1, 0x7FFFFFFF, 0xFFFFFFFF]:
                    for arg0 in (0, 1, 2, 17, confine_seccomp.CLONE_THREAD | 0x100):
                        both = [run_filter(server, audit, nr, arg0), run_filter(job, audit, nr, arg0)]
                        if kill in both:
                            stacked = kill
                        else:
                            errors = [v for v in both if v != self.ALLOW]
                            self.assertLessEqual(len(errors), 1, '%s nr=%d: both parts decide it' % (arch_name, nr))
                            stacked = errors[0] if errors else self.ALLOW
                        whole = run_filter(confine_seccomp.build_filter(arch=arch_name), audit, nr, arg0) \
                            if audit != spec['audit'] else self.expected(spec, nr, arg0)
                        self.assertEqual(stacked, whole, '%s audit=%#x nr=%d arg0=%d' % (arch_name, audit, nr, arg0))

    def test_the_server_part_leaves_the_server_what_it_still_needs(self):
        for arch_name, spec in confine_seccomp.ARCHES.items():
            server = confine_seccomp.build_filter(arch=arch_name, part='server')
            numbers = {'umount2': spec['denied']['umount2'], 'clone': spec['clone'], 'socketpair': spec['socketpair']}
            numbers.update(spec['fork'])
            for name, nr in numbers.items():
                self.assertEqual(run_filter(server, spec['audit'], nr, confine_seccomp.AF_UNIX), self.ALLOW, name)

    def test_the_denied_calls_share_one_return(self):
        # Ranges and a shared return keep the program short (the kernel compiles it in every job).
        for arch_name, spec in confine_seccomp.ARCHES.items():
            prog = confine_seccomp.build_filter(arch=arch_name)
            self.assertLess(len(prog) // 8, len(spec['denied']) + 40, arch_name)

    def test_this_machine_uses_its_own_table(self):
        if not confine_seccomp.supported():
            self.skipTest('no seccomp table for %s' % confine_seccomp.machine())
        self.assertEqual(confine_seccomp.build_filter(), confine_seccomp.build_filter(arch=confine_seccomp.machine()))


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
                     'Landlock or a seccomp table for this architecture is not available here')
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
                     'Landlock or a seccomp table for this architecture is not available here')
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

    @unittest.skipUnless(os.geteuid() == 0, 'needs root to empty the bounding set')
    def test_a_bounding_set_emptied_once_in_the_server_is_empty_in_every_job(self):
        def bounding(_workdir):
            read = confine._libc.prctl
            return {'kept': [c for c in range(confine.last_cap() + 1) if read(confine.PR_CAPBSET_READ, c, 0, 0, 0) != 0],
                    'setuid0': attempt(lambda: os.setuid(0))}

        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the server's part, in a child: the test process keeps its bounding set
            os.close(r)
            try:
                prepared = confine.Prepared(confine.plan(1234567))
                out = {'dropped': prepared.drop_bounding_set()}
                out.update(in_confined_child(bounding, prepared=prepared))
            except BaseException as exc:
                out = {'error': '%s: %s' % (type(exc).__name__, exc)}
            os.write(w, json.dumps(out).encode())
            os._exit(0)
        os.close(w)
        data = b''
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            data += chunk
        os.close(r)
        os.waitpid(pid, 0)
        out = json.loads(data or b'{}')
        self.assertIs(out.get('dropped'), True, out)
        self.assertEqual(out.get('result'), {'kept': [], 'setuid0': 'EPERM'}, out)

    def test_the_server_part_installed_once_then_jobs_confine_as_with_the_whole_filter(self):
        outside = tempfile.mkdtemp(prefix='confine-outside-')
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the server's part, in a child: the test process stays unfiltered
            os.close(r)
            try:
                prepared = confine.Prepared(confine.plan())
                out = {'installed': prepared.install_server_part(),
                       'serverFork': attempt(lambda: os.waitpid(os.fork() or os._exit(0), 0)),
                       'serverUnshare': attempt(lambda: os.unshare(os.CLONE_NEWNS)) if hasattr(os, 'unshare') else 'EPERM'}
                out.update(in_confined_child(lambda wd: dict(self.writes(wd, outside), unshare=attempt(
                    lambda: os.unshare(os.CLONE_NEWUTS)) if hasattr(os, 'unshare') else 'EPERM'), prepared=prepared))
            except BaseException as exc:
                out = {'error': '%s: %s' % (type(exc).__name__, exc)}
            os.write(w, json.dumps(out).encode())
            os._exit(0)
        os.close(w)
        data = b''
        while True:
            chunk = os.read(r, 65536)
            if not chunk:
                break
            data += chunk
        os.close(r)
        os.waitpid(pid, 0)
        os.system('rm -rf %s' % outside)
        out = json.loads(data or b'{}')
        if not confine_seccomp.supported():
            self.assertIs(out.get('installed'), False, out)
            return
        self.assertIs(out.get('installed'), True, out)
        self.assertEqual((out.get('serverFork'), out.get('serverUnshare')), ('ok', 'EPERM'), out)
        self.assertEqual(out.get('result'), {'inside': 'ok', 'outside': 'EACCES', 'fork': 'EAGAIN', 'unshare': 'EPERM'}, out)
        self.assertIs(out['applied'].get('noNewPrivs'), True, out)

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
