"""Confinement of one candidate process, applied after fork and before any candidate code.

`plan(...)` runs once in the fork-server and finds which layers this kernel offers;
`confine_candidate(workdir, limits)` applies them in the child. A layer the plan promised that
then fails raises ConfinementError: the job ends in error rather than running less confined than
the report says. What a job can really do is measured separately, by probes run as a job.

Layers, in order (privileged steps first, the seccomp filter last):
  no_new_privs (set once in the server where it installs the filter's server part: see Prepared);
  the capability bounding set emptied (once, in the server: see Prepared); a private uid (when the server is root and
  the interpreter is reachable for it); every remaining capability dropped; Landlock (writes only
  beneath the job directory, reads beneath the interpreter and the libraries it loads, no TCP,
  signals and abstract unix sockets scoped to the job); seccomp (see confine_seccomp: its job part
  stacked on the server part the job inherits, or, where the server could not install that, the whole filter).
"""

import ctypes
import os
import sys

import confine_landlock
import confine_seccomp
import phase_log
from phase_log import mark

PR_SET_NO_NEW_PRIVS = 38
PR_GET_NO_NEW_PRIVS = 39
PR_CAPBSET_READ = 23
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522

# Read-only places a job needs besides the interpreter: shared libraries of extension modules,
# time zone data, and the character devices Python opens (os.urandom falls back to /dev/urandom).
SYSTEM_READ_PATHS = ('/lib', '/lib64', '/usr/lib', '/usr/lib64', '/usr/share/zoneinfo', '/etc/localtime',
                     '/etc/ld.so.cache', '/dev/null', '/dev/zero', '/dev/urandom', '/dev/random')


class ConfinementError(Exception):
    """A layer the plan promised could not be applied in this job."""


class CapHeader(ctypes.Structure):
    _fields_ = [('version', ctypes.c_uint32), ('pid', ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [('effective', ctypes.c_uint32), ('permitted', ctypes.c_uint32), ('inheritable', ctypes.c_uint32)]


_libc = ctypes.CDLL(None, use_errno=True)


def _errno_error(what):
    err = ctypes.get_errno()
    return ConfinementError('%s: %s' % (what, os.strerror(err)))


def interpreter_paths():
    """Where this interpreter and its modules live (what a job must be able to read)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable)),
             os.path.dirname(os.path.abspath(__file__))}
    paths.update(p for p in sys.path if p and os.path.isdir(p))
    return sorted(os.path.realpath(p) for p in paths)


def last_cap():
    try:
        with open('/proc/sys/kernel/cap_last_cap') as f:
            return int(f.read())
    except (OSError, ValueError):
        return 40  # CAP_CHECKPOINT_RESTORE, the last one as of Linux 5.9


def plan(uid=None):
    """The layers this kernel offers, decided once in the server. Pure probing: changes nothing."""
    return {
        'uid': uid,
        'landlockAbi': confine_landlock.abi_version(),
        'seccomp': confine_seccomp.supported(),
        'seccompProgram': confine_seccomp.build_filter() if confine_seccomp.supported() else None,
        'readPaths': outermost(set(interpreter_paths()) | {p for p in SYSTEM_READ_PATHS if os.path.exists(p)}),
        'lastCap': last_cap(),
        'canDropBounding': os.geteuid() == 0 or _has_setpcap(),
    }


def outermost(paths):
    """The paths not beneath another of them (a Landlock rule covers everything beneath it)."""
    ordered = sorted(paths)
    return [p for p in ordered if not any(p != q and p.startswith(q.rstrip('/') + '/') for q in ordered)]


def _has_setpcap():
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('CapEff:'):
                    return bool(int(line.split()[1], 16) & (1 << 8))
    except (OSError, ValueError):
        pass
    return False


class Prepared:
    """What `confine_candidate` needs, made once in the server so that a job's process only makes
    system calls: bound libc functions, the capability structures, the seccomp program in the
    form prctl takes, and a Landlock ruleset for the job directory. Each job costs about a third
    of building them in the child (most of the rest is the kernel compiling the seccomp filter)."""

    def __init__(self, limits):
        self.limits = limits
        self.prctl = _libc.prctl
        self.capset = _libc.capset
        self.header = CapHeader(LINUX_CAPABILITY_VERSION_3, 0)
        self.data = (CapData * 2)()
        self.header_ref = ctypes.byref(self.header)
        self.data_ref = ctypes.byref(self.data)
        self.caps = tuple(range(limits.get('lastCap', 40) + 1))
        self.seccomp = confine_seccomp.Prepared(limits['seccompProgram']) if limits.get('seccomp') else None
        self.ruleset = None
        self.ruleset_inode = None
        # The bounding set, emptied once in the server (drop_bounding_set): inherited by every fork and
        # never raised again, so a job skips the ~41 prctl calls.
        self.bounding_dropped = False
        # no_new_privs and the seccomp filter's server part, set once in the server (install_server_part):
        # both are inherited by fork and never undone, so a job sets neither and compiles the short job part.
        self.nnp_inherited = False
        self.server_filter = False

    def install_server_part(self):
        """Set no_new_privs and install the seccomp filter's server part in this process (the server's,
        after its mounts and before any job); jobs then install only the job part. The server never
        executes another program, so no_new_privs takes nothing from it. On any failure jobs keep
        installing the whole filter themselves, as the plan says."""
        if not self.limits.get('seccomp') or self.seccomp is None:
            return False
        if self.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 or self.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1:
            return False
        self.nnp_inherited = True
        try:
            job_part = confine_seccomp.Prepared(confine_seccomp.build_filter(part='job'))
            confine_seccomp.Prepared(confine_seccomp.build_filter(part='server')).apply()
        except (OSError, KeyError, ValueError):
            return False
        self.seccomp = job_part
        self.server_filter = True
        return True

    def drop_bounding_set(self):
        """Empty this process's capability bounding set (the server's, before any job), when the plan can.
        Its own effective capabilities stay; only what an execve could gain goes. On a failure the
        jobs drop it themselves, and fail as the plan says if they cannot."""
        if not self.limits.get('canDropBounding'):
            return False
        for cap in self.caps:
            if self.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                return False
        self.bounding_dropped = all(self.prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 0 for cap in self.caps)
        return self.bounding_dropped

    def ruleset_for(self, workdir):
        """The Landlock ruleset fd for `workdir` (None without Landlock), rebuilt when `workdir` is
        not the directory (same device and inode) the kept one was made for: its rules bind inodes."""
        abi = self.limits.get('landlockAbi', 0)
        if abi <= 0:
            return None
        st = os.stat(workdir)
        inode = (st.st_dev, st.st_ino)
        if inode != self.ruleset_inode:
            if self.ruleset is not None:
                os.close(self.ruleset)
                self.ruleset = self.ruleset_inode = None
            self.ruleset = confine_landlock.build_ruleset([workdir], self.limits.get('readPaths', []), abi)
            self.ruleset_inode = inode
        return self.ruleset


def confine_candidate(workdir, limits, prepared=None, ruleset_fd=None):
    """Apply every layer of `limits` (a plan) to this process. Returns what was applied.
    With `prepared` (made in the server) and `ruleset_fd` (prepared.ruleset_for(workdir), open in
    this process), nothing is built here; the ruleset fd is closed once enforced."""
    p = prepared if prepared is not None else Prepared(limits)
    applied = {}
    if not p.nnp_inherited and p.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise _errno_error('no_new_privs')
    applied['noNewPrivs'] = True
    if phase_log.ON:
        mark('c-nnp')
    if limits.get('canDropBounding') and not p.bounding_dropped:
        prctl = p.prctl
        for cap in p.caps:
            if prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise _errno_error('dropping capability %d from the bounding set' % cap)
    uid = limits.get('uid')
    if uid is not None:
        os.chown(workdir, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        applied['uid'] = uid
        if phase_log.ON:
            mark('c-uid')
    p.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    if p.capset(p.header_ref, p.data_ref) != 0:
        raise _errno_error('capset')
    applied['capabilities'] = 'none'
    if phase_log.ON:
        mark('c-caps')
    abi = limits.get('landlockAbi', 0)
    if abi > 0:
        try:
            if ruleset_fd is None:
                applied['landlock'] = confine_landlock.restrict([workdir], limits.get('readPaths', []), abi)
            else:
                try:
                    applied['landlock'] = confine_landlock.restrict_with(ruleset_fd, abi)
                finally:
                    os.close(ruleset_fd)
        except OSError as exc:
            raise ConfinementError(str(exc))
        if phase_log.ON:
            mark('c-landlock')
    if limits.get('seccomp'):
        try:
            if p.seccomp is None:
                raise OSError(0, 'no seccomp program in the plan')
            p.seccomp.apply()
        except OSError as exc:
            raise ConfinementError(str(exc))
        applied['seccomp'] = True
        if phase_log.ON:
            mark('c-seccomp')
    return applied
