"""Once per fork-server, before any job: a private mount namespace in which
  * the server's scratch directory (where every job directory is made) is a size-limited tmpfs,
    so a job can fill neither the host's disk nor its RAM beyond JOB_TMP_BYTES, and nothing a
    job writes exists outside the namespace;
  * directories other users cannot traverse (a 0700 /root holding a pyenv interpreter) are
    covered by an empty tmpfs with only the interpreter bound back in, read-only, so that jobs
    can run under a private uid (the bubblewrap plan does the same with --tmpfs/--ro-bind).
Root uses its own privileges; another user tries an unprivileged user namespace. When neither
works, nothing is mounted and `prepare` says so.
"""

import ctypes
import os

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2

# Bytes a job may keep in its directory at once (the worker runs one job at a time). Benchmark
# tests write a few small files at most; 64 MiB of tmpfs bounds the RAM one worker can pin.
JOB_TMP_BYTES = 64 * 1024 * 1024

_libc = ctypes.CDLL(None, use_errno=True)


def _check(rc, what):
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, '%s: %s' % (what, os.strerror(err)))


def _mount(source, target, fstype, flags, data=None):
    _check(_libc.mount(source and source.encode(), target.encode(), fstype and fstype.encode(),
                       ctypes.c_ulong(flags), data and data.encode()), 'mount %s' % target)


def others_can(path, read):
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return (mode & 0o005) == 0o005 if read else (mode & 0o001) != 0


def _ancestors(path):
    out = []
    cur = path
    while True:
        cur = os.path.dirname(cur)
        if cur == '/' or not cur:
            return out[::-1]
        out.append(cur)


def hidden_ancestors(paths):
    """Outermost ancestors of `paths` that other users cannot traverse, and paths they cannot read."""
    hide = set()
    unreadable = []
    for path in paths:
        blocked = next((a for a in _ancestors(path) if not others_can(a, False)), None)
        if blocked:
            hide.add(blocked)
        if not others_can(path, True):
            unreadable.append(path)
    outer = sorted(p for p in hide if not any(q != p and p.startswith(q + '/') for q in hide))
    return outer, unreadable


def _write(path, text):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _enter_namespace():
    """A private mount namespace; for a non-root user inside a new user namespace (uid kept)."""
    if os.geteuid() == 0:
        _check(_libc.unshare(CLONE_NEWNS), 'unshare(CLONE_NEWNS)')
        return 'root'
    uid, gid = os.geteuid(), os.getegid()
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), 'unshare(CLONE_NEWUSER|CLONE_NEWNS)')
    _write('/proc/self/setgroups', 'deny')
    _write('/proc/self/uid_map', '%d %d 1' % (uid, uid))
    _write('/proc/self/gid_map', '%d %d 1' % (gid, gid))
    return 'user'


def prepare(scratch, needed_paths):
    """Hide untraversable ancestors of `needed_paths` and of `scratch`, then mount the sized
    scratch tmpfs. Returns {'namespace', 'tmpBytes', 'hidden', 'uidReachable', 'errors'}; never raises."""
    out = {'namespace': None, 'tmpBytes': None, 'hidden': [], 'uidReachable': False, 'errors': []}
    os.makedirs(scratch, 0o700, exist_ok=True)
    needed = sorted({os.path.realpath(p) for p in needed_paths if os.path.exists(p)})
    hide, unreadable = hidden_ancestors(needed)
    # A job under a private uid must also reach its directory inside the scratch.
    scratch_hide, _ = hidden_ancestors([scratch])
    hide = sorted(set(hide) | set(scratch_hide))
    hide = [p for p in hide if not any(q != p and p.startswith(q + '/') for q in hide)]
    try:
        out['namespace'] = _enter_namespace()
        _mount(None, '/', None, MS_REC | MS_PRIVATE)
    except OSError as exc:
        out['errors'].append(str(exc))
        out['namespace'] = None
        return out
    if out['namespace'] == 'root' and hide:
        try:
            for top in hide:
                _cover(top, [p for p in needed if p.startswith(top + '/')])
                if scratch.startswith(top + '/'):
                    _make_traversable(top, scratch)
            out['hidden'] = hide
            hide = []
        except OSError as exc:
            out['errors'].append(str(exc))
    try:
        _mount('tmpfs', scratch, 'tmpfs', MS_NOSUID | MS_NODEV, 'size=%d,mode=0711' % JOB_TMP_BYTES)
        out['tmpBytes'] = JOB_TMP_BYTES
    except OSError as exc:
        out['errors'].append(str(exc))
    out['uidReachable'] = os.geteuid() == 0 and all_uids_mapped() and not hide and not unreadable
    return out


def _make_traversable(top, path):
    os.makedirs(path, 0o755, exist_ok=True)
    for a in _ancestors(path) + [path]:
        if a.startswith(top + '/'):
            os.chmod(a, 0o755)


def all_uids_mapped():
    """Every uid exists here (the initial user namespace, or one mapping them all): a private uid
    can be taken. Under `unshare --map-root-user` only uid 0 is mapped and setuid would fail."""
    try:
        with open('/proc/self/uid_map') as f:
            rows = [line.split() for line in f if line.strip()]
    except OSError:
        return False
    return any(r[0] == '0' and r[1] == '0' and int(r[2]) >= 2 ** 31 for r in rows)


def _cover(top, keep):
    """An empty tmpfs over `top`, with each path of `keep` bound back read-only at its place."""
    outermost = [p for p in keep if not any(q != p and p.startswith(q + '/') for q in keep)]
    fds = [os.open(p, os.O_PATH | os.O_CLOEXEC) for p in outermost]
    try:
        _mount('tmpfs', top, 'tmpfs', MS_NOSUID | MS_NODEV, 'mode=0755,size=1m')
        for path, fd in zip(outermost, fds):
            _make_traversable(top, path)
            _mount('/proc/self/fd/%d' % fd, path, None, MS_BIND | MS_REC)
            _mount(None, path, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    finally:
        for fd in fds:
            os.close(fd)


def release(scratch, mounted):
    """At the server's end: drop the scratch tmpfs and the (then empty) directory."""
    if mounted:
        _libc.umount2(scratch.encode(), MNT_DETACH)
    try:
        os.rmdir(scratch)
    except OSError:
        pass
