"""Confinement of one candidate process, applied after fork and before any candidate code.

`plan(...)` runs once in the fork-server and finds which layers this kernel offers;
`confine_candidate(workdir, limits)` applies them in the child. A layer the plan promised that
then fails raises ConfinementError: the job ends in error rather than running less confined than
the report says. What a job can really do is measured separately, by probes run as a job.

Layers, in order (privileged steps first, the seccomp filter last):
  no_new_privs; the capability bounding set emptied; a private uid (when the server is root and
  the interpreter is reachable for it); every remaining capability dropped; Landlock (writes only
  beneath the job directory, reads beneath the interpreter and the libraries it loads, no TCP,
  signals and abstract unix sockets scoped to the job); seccomp (see confine_seccomp).
"""

import ctypes
import os
import sys

import confine_landlock
import confine_seccomp

PR_SET_NO_NEW_PRIVS = 38
PR_GET_NO_NEW_PRIVS = 39
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


def confine_candidate(workdir, limits):
    """Apply every layer of `limits` (a plan) to this process. Returns what was applied."""
    applied = {}
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise _errno_error('no_new_privs')
    applied['noNewPrivs'] = True
    if limits.get('canDropBounding'):
        for cap in range(limits.get('lastCap', 40) + 1):
            if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise _errno_error('dropping capability %d from the bounding set' % cap)
    uid = limits.get('uid')
    if uid is not None:
        os.chown(workdir, uid, uid)
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
        applied['uid'] = uid
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    header = CapHeader(LINUX_CAPABILITY_VERSION_3, 0)
    data = (CapData * 2)()
    if _libc.capset(ctypes.byref(header), data) != 0:
        raise _errno_error('capset')
    applied['capabilities'] = 'none'
    if limits.get('landlockAbi', 0) > 0:
        try:
            applied['landlock'] = confine_landlock.restrict([workdir], limits.get('readPaths', []), limits['landlockAbi'])
        except OSError as exc:
            raise ConfinementError(str(exc))
    if limits.get('seccomp'):
        try:
            confine_seccomp.install(limits.get('seccompProgram'))
        except OSError as exc:
            raise ConfinementError(str(exc))
        applied['seccomp'] = True
    return applied
