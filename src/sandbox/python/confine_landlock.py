"""Landlock (Linux 5.13+) through ctypes: the calling process, and everything it starts, may
write only beneath the job's directory, read only beneath the paths it is given, bind or
connect no TCP socket, and signal or reach (abstract unix sockets) nothing outside its domain.

Constants are from the kernel's include/uapi/linux/landlock.h; each right is asked for only
when the running kernel's ABI knows it (an unknown bit makes the ruleset call fail).
"""

import ctypes
import os

# Syscall numbers are the same on every architecture (added after the table unification).
SYS_CREATE_RULESET = 444
SYS_ADD_RULE = 445
SYS_RESTRICT_SELF = 446
CREATE_RULESET_VERSION = 1 << 0
RULE_PATH_BENEATH = 1

FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_REMOVE_DIR = 1 << 4
FS_REMOVE_FILE = 1 << 5
FS_MAKE_CHAR = 1 << 6
FS_MAKE_DIR = 1 << 7
FS_MAKE_REG = 1 << 8
FS_MAKE_SOCK = 1 << 9
FS_MAKE_FIFO = 1 << 10
FS_MAKE_BLOCK = 1 << 11
FS_MAKE_SYM = 1 << 12
FS_REFER = 1 << 13  # ABI 2
FS_TRUNCATE = 1 << 14  # ABI 3
FS_IOCTL_DEV = 1 << 15  # ABI 5
NET_BIND_TCP = 1 << 0  # ABI 4
NET_CONNECT_TCP = 1 << 1  # ABI 4
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1  # ABI 6

ABI_REFER = 2
ABI_TRUNCATE = 3
ABI_NET = 4
ABI_IOCTL_DEV = 5
ABI_SCOPE = 6

FS_READ = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
FS_ALL_V1 = (1 << 13) - 1


class RulesetAttr(ctypes.Structure):
    _fields_ = [('handled_access_fs', ctypes.c_uint64), ('handled_access_net', ctypes.c_uint64),
                ('scoped', ctypes.c_uint64)]


class PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [('allowed_access', ctypes.c_uint64), ('parent_fd', ctypes.c_int32)]


_libc = ctypes.CDLL(None, use_errno=True)
_syscall = _libc.syscall
_syscall.restype = ctypes.c_long


def abi_version():
    """The kernel's Landlock ABI version; 0 when Landlock is absent or disabled."""
    n = _syscall(ctypes.c_long(SYS_CREATE_RULESET), None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    return n if n > 0 else 0


def handled_fs(abi):
    rights = FS_ALL_V1
    if abi >= ABI_REFER:
        rights |= FS_REFER
    if abi >= ABI_TRUNCATE:
        rights |= FS_TRUNCATE
    if abi >= ABI_IOCTL_DEV:
        rights |= FS_IOCTL_DEV
    return rights


def restrict(write_dirs, read_paths, abi=None):
    """Apply the domain to this process; no_new_privs must already be set (or CAP_SYS_ADMIN held).
    Returns a dict of what is now enforced; raises OSError when the kernel refuses."""
    abi = abi_version() if abi is None else abi
    ruleset = build_ruleset(write_dirs, read_paths, abi)
    try:
        return restrict_with(ruleset, abi)
    finally:
        os.close(ruleset)


def build_ruleset(write_dirs, read_paths, abi):
    """A ruleset fd holding the domain's rules, not yet enforced on anyone. Rules bind inodes, not
    paths: a ruleset made in the server stays right for a job only while its directory is the same
    inode (the server rebuilds it when the job directory is made anew)."""
    if abi < 1:
        raise OSError(0, 'Landlock is not available in this kernel')
    fs = handled_fs(abi)
    attr = RulesetAttr(fs, NET_BIND_TCP | NET_CONNECT_TCP if abi >= ABI_NET else 0,
                       SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if abi >= ABI_SCOPE else 0)
    size = ctypes.sizeof(RulesetAttr) if abi >= ABI_SCOPE else 16 if abi >= ABI_NET else 8
    ruleset = _syscall(ctypes.c_long(SYS_CREATE_RULESET), ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset < 0:
        err = ctypes.get_errno()
        raise OSError(err, 'landlock_create_ruleset: %s' % os.strerror(err))
    try:
        # Files may also be read and written where they may be made; nothing is refer-able.
        write_rights = fs & ~(FS_REFER | FS_MAKE_CHAR | FS_MAKE_BLOCK)
        for path, rights in [(p, write_rights) for p in write_dirs] + [(p, FS_READ) for p in read_paths]:
            _add_path(ruleset, path, rights)
    except BaseException:
        os.close(ruleset)
        raise
    return ruleset


def restrict_with(ruleset, abi):
    """Enforce a ruleset made by build_ruleset on this process (one system call)."""
    if _syscall(ctypes.c_long(SYS_RESTRICT_SELF), ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, 'landlock_restrict_self: %s' % os.strerror(err))
    return {'abi': abi, 'tcpDenied': abi >= ABI_NET, 'scoped': abi >= ABI_SCOPE}


def _add_path(ruleset, path, rights):
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # a path that does not exist here needs no rule
    try:
        if not os.path.isdir(path):
            # Directory-only rights on a file make the rule invalid.
            rights &= FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
        attr = PathBeneathAttr(rights, fd)
        if _syscall(ctypes.c_long(SYS_ADD_RULE), ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH),
                    ctypes.byref(attr), ctypes.c_uint32(0)) != 0:
            err = ctypes.get_errno()
            raise OSError(err, 'landlock_add_rule %s: %s' % (path, os.strerror(err)))
    finally:
        os.close(fd)
