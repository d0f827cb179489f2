"""A seccomp-BPF filter built and installed through ctypes (no libseccomp).

Denied with EPERM: system calls a test never needs and an escape would (debugging other
processes, namespaces and mounts, kernel keyrings, BPF, SysV IPC and POSIX message queues (so a
job has no IPC object that could outlive it), extended attributes, io_uring,
which runs operations the filter would not see, module loading, ...). New processes are refused
with EAGAIN (threads stay allowed), so the per-process address-space limit is the job's limit.
New sockets are refused with EACCES (an AF_UNIX socketpair stays allowed). x86_64 and aarch64
are described (ARCHES); on another architecture nothing is installed and `install` says so.
"""

import ctypes
import errno
import platform
import struct

# include/uapi/linux/{filter,bpf_common,seccomp,audit}.h
BPF_LD_W_ABS = 0x20
BPF_JEQ_K = 0x15
BPF_JGE_K = 0x35
BPF_JGT_K = 0x25
BPF_JA = 0x05
JUMP_MAX = 255  # jt/jf are one byte: a conditional jump reaches at most 255 instructions ahead
BPF_JSET_K = 0x45
BPF_RET_K = 0x06
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
SECCOMP_RET_KILL_PROCESS = 0x80000000
AUDIT_ARCH_X86_64 = 0xC000003E  # EM_X86_64 (62) | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE
AUDIT_ARCH_AARCH64 = 0xC00000B7  # EM_AARCH64 (183) | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE
X32_SYSCALL_BIT = 0x40000000
OFF_NR = 0
OFF_ARCH = 4
OFF_ARG0_LOW = 16  # struct seccomp_data: nr, arch, instruction_pointer (8), args[6] (8 each); little endian
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
CLONE_THREAD = 0x00010000
AF_UNIX = 1

# Calls numbered after the tables were unified (Linux 5.1+): the same number on every architecture.
UNIFIED_DENIED = {
    'pidfd_getfd': 438, 'process_madvise': 440, 'open_tree': 428, 'move_mount': 429, 'fsopen': 430,
    'fsconfig': 431, 'fsmount': 432, 'fspick': 433, 'mount_setattr': 442, 'open_tree_attr': 467,
    'setxattrat': 463, 'removexattrat': 466, 'io_uring_setup': 425, 'io_uring_enter': 426,
    'io_uring_register': 427, 'quotactl_fd': 443,
}
UNIFIED_CLONE3 = 435

# arch/x86/entry/syscalls/syscall_64.tbl
X86_64_DENIED = dict(UNIFIED_DENIED, **{
    'ptrace': 101, 'process_vm_readv': 310, 'process_vm_writev': 311, 'kcmp': 312,
    'mount': 165, 'umount2': 166, 'pivot_root': 155, 'chroot': 161, 'setns': 308,
    'unshare': 272, 'keyctl': 250, 'add_key': 248,
    'request_key': 249, 'bpf': 321, 'perf_event_open': 298, 'userfaultfd': 323, 'shmget': 29, 'shmat': 30,
    'shmctl': 31, 'shmdt': 67, 'semget': 64, 'semop': 65, 'semctl': 66, 'semtimedop': 220, 'msgget': 68,
    'msgsnd': 69, 'msgrcv': 70, 'msgctl': 71, 'mq_open': 240, 'mq_unlink': 241, 'mq_timedsend': 242,
    'mq_timedreceive': 243, 'mq_notify': 244, 'mq_getsetattr': 245, 'setxattr': 188, 'lsetxattr': 189, 'fsetxattr': 190,
    'removexattr': 197, 'lremovexattr': 198, 'fremovexattr': 199, 'init_module': 175,
    'finit_module': 313, 'delete_module': 176, 'kexec_load': 246, 'kexec_file_load': 320, 'reboot': 169,
    'swapon': 167, 'swapoff': 168, 'acct': 163, 'settimeofday': 164, 'clock_settime': 227, 'adjtimex': 159,
    'clock_adjtime': 305, 'quotactl': 179, 'iopl': 172, 'ioperm': 173,
    'open_by_handle_at': 304, 'name_to_handle_at': 303, 'vhangup': 153, 'lookup_dcookie': 212,
    'personality': 135, 'syslog': 103, 'fanotify_init': 300,
})

# include/uapi/asm-generic/unistd.h (arm64 uses the generic table; it has no fork, vfork, iopl or ioperm)
AARCH64_DENIED = dict(UNIFIED_DENIED, **{
    'ptrace': 117, 'process_vm_readv': 270, 'process_vm_writev': 271, 'kcmp': 272,
    'mount': 40, 'umount2': 39, 'pivot_root': 41, 'chroot': 51, 'setns': 268,
    'unshare': 97, 'keyctl': 219, 'add_key': 217,
    'request_key': 218, 'bpf': 280, 'perf_event_open': 241, 'userfaultfd': 282, 'shmget': 194, 'shmat': 196,
    'shmctl': 195, 'shmdt': 197, 'semget': 190, 'semop': 193, 'semctl': 191, 'semtimedop': 192, 'msgget': 186,
    'msgsnd': 189, 'msgrcv': 188, 'msgctl': 187, 'mq_open': 180, 'mq_unlink': 181, 'mq_timedsend': 182,
    'mq_timedreceive': 183, 'mq_notify': 184, 'mq_getsetattr': 185, 'setxattr': 5, 'lsetxattr': 6, 'fsetxattr': 7,
    'removexattr': 14, 'lremovexattr': 15, 'fremovexattr': 16, 'init_module': 105,
    'finit_module': 273, 'delete_module': 106, 'kexec_load': 104, 'kexec_file_load': 294, 'reboot': 142,
    'swapon': 224, 'swapoff': 225, 'acct': 89, 'settimeofday': 170, 'clock_settime': 112, 'adjtimex': 171,
    'clock_adjtime': 266, 'quotactl': 60,
    'open_by_handle_at': 265, 'name_to_handle_at': 264, 'vhangup': 58, 'lookup_dcookie': 18,
    'personality': 92, 'syslog': 116, 'fanotify_init': 262,
})

# Per architecture (platform.machine()): the audit arch the filter insists on, the denied table,
# process-making calls, clone (flags in arg0 on both), socket and socketpair, and whether
# syscall numbers with the x32 bit reach the same table (x86_64 only).
ARCHES = {
    'x86_64': {'audit': AUDIT_ARCH_X86_64, 'denied': X86_64_DENIED, 'fork': {'fork': 57, 'vfork': 58},
               'clone': 56, 'clone3': UNIFIED_CLONE3, 'socket': 41, 'socketpair': 53, 'x32': True},
    'aarch64': {'audit': AUDIT_ARCH_AARCH64, 'denied': AARCH64_DENIED, 'fork': {},
                'clone': 220, 'clone3': UNIFIED_CLONE3, 'socket': 198, 'socketpair': 199, 'x32': False},
}
ARCH_ALIASES = {'amd64': 'x86_64', 'arm64': 'aarch64'}


def machine():
    name = platform.machine()
    return ARCH_ALIASES.get(name, name)


def _runs(numbers):
    """Sorted numbers as [low, high] runs of consecutive values."""
    runs = []
    for n in sorted(set(numbers)):
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return runs


def _reach(offset):
    if not 0 <= offset <= JUMP_MAX:
        raise ValueError('a seccomp jump of %d instructions' % offset)
    return offset


def _ins(code, jt, jf, k):
    return struct.pack('=HBBI', code, jt, jf, k)


# Denied calls the fork-server itself still makes after its part of the filter is installed
# (install_server_part): umount2 drops the scratch tmpfs at its end. Jobs deny them in their own part.
SERVER_NEEDS = ('umount2',)
PARTS = ('all', 'server', 'job')


def build_filter(deny_errno=errno.EPERM, arch=None, part='all'):
    """The BPF program (bytes, 8 per instruction) for `arch` (default: this machine's).

    part='all' is the whole filter. It also comes in two parts that, stacked, decide every call as
    'all' does: 'server' (the denied table but SERVER_NEEDS, and x32 numbers), installed once in the
    fork-server and inherited by every job, and 'job' (SERVER_NEEDS, new processes, sockets),
    installed in each job. The kernel compiles a filter at each install, in proportion to its
    length, so a job then compiles the short part only. The parts share no call, so the stacked
    result (the most restrictive action of the two) is the one filter's, errno included."""
    if part not in PARTS:
        raise ValueError('unknown filter part %r' % (part,))
    spec = ARCHES[arch or machine()]
    deny = SECCOMP_RET_ERRNO | deny_errno
    prog = [
        _ins(BPF_LD_W_ABS, 0, 0, OFF_ARCH),
        _ins(BPF_JEQ_K, 1, 0, spec['audit']),
        # another ABI (i386 via int 0x80, AArch32 compat) has another table and could dodge this one
        _ins(BPF_RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS),
        _ins(BPF_LD_W_ABS, 0, 0, OFF_NR),
    ]
    if part == 'server':
        denied = [nr for name, nr in spec['denied'].items() if name not in SERVER_NEEDS]
    elif part == 'job':
        denied = [spec['denied'][name] for name in SERVER_NEEDS if name in spec['denied']]
    else:
        denied = list(spec['denied'].values())
    # The denied calls as ranges of consecutive numbers, each jumping to one shared return: the
    # program stays short, and the kernel compiles it in every job (its cost grows with the length).
    block = []
    if spec['x32'] and part != 'job':
        block.append(('at-least', X32_SYSCALL_BIT))  # x32 numbers alias the table below
    for lo, hi in _runs(denied):
        block.append(('equal', lo) if lo == hi else ('range', lo, hi))
    size = sum(2 if b[0] == 'range' else 1 for b in block)
    deny_at = size + 1  # after the block and one jump over the shared return
    i = 0
    for b in block:
        if b[0] == 'range':
            prog += [_ins(BPF_JGE_K, 0, 1, b[1]), _ins(BPF_JGT_K, 0, _reach(deny_at - (i + 2)), b[2])]
            i += 2
        else:
            prog.append(_ins(BPF_JEQ_K if b[0] == 'equal' else BPF_JGE_K, _reach(deny_at - (i + 1)), 0, b[1]))
            i += 1
    prog += [_ins(BPF_JA, 0, 0, 1), _ins(BPF_RET_K, 0, 0, deny)]
    if part == 'server':
        prog.append(_ins(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW))
        return b''.join(prog)
    for nr in sorted(spec['fork'].values()):
        prog += [_ins(BPF_JEQ_K, 0, 1, nr), _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.EAGAIN)]
    # clone3 takes its flags in memory the filter cannot read: ENOSYS makes libc fall back to clone.
    prog += [_ins(BPF_JEQ_K, 0, 1, spec['clone3']), _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.ENOSYS)]
    prog += [
        _ins(BPF_JEQ_K, 0, 4, spec['clone']),
        _ins(BPF_LD_W_ABS, 0, 0, OFF_ARG0_LOW),
        _ins(BPF_JSET_K, 1, 0, CLONE_THREAD),
        _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.EAGAIN),
        _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
    ]
    # socket() for any family: a pathname or abstract unix socket reaches host daemons (docker,
    # dbus) that Landlock's rights do not cover. A connected pair stays allowed (pipes-like).
    prog += [_ins(BPF_JEQ_K, 0, 1, spec['socket']), _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.EACCES)]
    prog += [
        _ins(BPF_JEQ_K, 0, 4, spec['socketpair']),
        _ins(BPF_LD_W_ABS, 0, 0, OFF_ARG0_LOW),
        _ins(BPF_JEQ_K, 1, 0, AF_UNIX),
        _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | errno.EACCES),
        _ins(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
    ]
    prog.append(_ins(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW))
    return b''.join(prog)


class SockFprog(ctypes.Structure):
    _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.c_void_p)]


_libc = ctypes.CDLL(None, use_errno=True)


def supported():
    return machine() in ARCHES


class Prepared:
    """The filter in the form prctl takes, made once in the server: a job only makes the call."""

    def __init__(self, prog):
        self.buffer = ctypes.create_string_buffer(prog, len(prog))
        self.fprog = SockFprog(len(prog) // 8, ctypes.cast(self.buffer, ctypes.c_void_p))
        self.ref = ctypes.byref(self.fprog)
        self.prctl = _libc.prctl

    def apply(self):
        if self.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, self.ref, 0, 0) != 0:
            err = ctypes.get_errno()
            raise OSError(err, 'seccomp: %s' % errno.errorcode.get(err, err))


def install(prog=None):
    """Install the filter (built here unless given: the server builds it once for every job) on
    this process (needs no_new_privs). Returns the denied names."""
    if not supported():
        raise OSError(0, 'seccomp filter not described for %s' % platform.machine())
    Prepared(build_filter() if prog is None else prog).apply()
    return sorted(ARCHES[machine()]['denied'])
