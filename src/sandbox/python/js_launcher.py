"""Confine a JavaScript worker, then become it: the same layers as a Python job, applied to this
process before execve(node), which keeps every one of them (no_new_privs, the emptied capability
bounding set, the Landlock domain and the seccomp filter all survive execve).

Usage: js_launcher.py --scratch DIR [--uid UID] [--data-limit BYTES] [--read PATH]... -- NODE [NODE_ARGS...]

With --uid (the launcher runs as root), node runs as that private uid, which then owns DIR.
With --data-limit, the worker's RLIMIT_DATA (its writable private memory: node's heap and the interpreter's
WebAssembly memory, which V8 and the interpreter both take as an allocation failure) is BYTES.

Writes are allowed only beneath DIR (the worker's scratch); reads beneath the system libraries,
the node binary, each --read path and this process's own /proc entry (execve keeps the pid, so it
is node's). The IPC channel node's fork passed (an fd named by NODE_CHANNEL_FD) stays open across
execve. A layer the plan promised that then fails ends the launch (exit EXIT_REFUSED): the worker
never runs less confined than its record says. What was applied is handed to node in CONFINED_ENV;
the worker checks it with its own probes, and only those reach the isolation record.
"""

import json
import os
import resource
import sys

import confine

CONFINED_ENV = 'BENCH_AUDIT_JS_CONFINEMENT'
EXIT_USAGE = 2
# Not a code node uses for itself, so the host can tell a refused launch from a crashed worker.
EXIT_REFUSED = 97
# RLIMIT_DATA for the worker in bytes (--data-limit); None leaves the inherited limit.
DATA_LIMIT = None
# What node reads at start-up besides its binary and the system libraries (it refuses to start
# without OpenSSL's configuration); found by starting it under this launcher.
NODE_READ_PATHS = ('/etc/ssl/openssl.cnf',)


def parse(argv):
    scratch, uid, reads, rest = None, None, [], None
    global DATA_LIMIT
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == '--':
            rest = argv[i + 1:]
            break
        if arg in ('--scratch', '--read', '--uid', '--data-limit') and i + 1 < len(argv):
            if arg == '--scratch':
                scratch = argv[i + 1]
            elif arg == '--uid':
                uid = int(argv[i + 1])
            elif arg == '--data-limit':
                DATA_LIMIT = int(argv[i + 1])
            else:
                reads.append(argv[i + 1])
            i += 2
            continue
        raise SystemExit('js_launcher: unexpected argument %r' % arg)
    if scratch is None or not rest:
        sys.stderr.write(__doc__)
        raise SystemExit(EXIT_USAGE)
    return scratch, uid, reads, rest


def read_paths(node, reads):
    paths = {p for p in confine.SYSTEM_READ_PATHS + NODE_READ_PATHS if os.path.exists(p)}
    paths.update(os.path.realpath(p) for p in reads if os.path.exists(p))
    paths.add(os.path.realpath(node))
    paths.add('/proc/%d' % os.getpid())
    return confine.outermost(paths)


def main(argv):
    scratch, uid, reads, command = parse(argv)
    node = command[0]
    limits = confine.plan(uid)
    limits['readPaths'] = read_paths(node, reads)
    try:
        # Before the seccomp filter, which may not allow it; lowering a limit needs no privilege.
        if DATA_LIMIT is not None:
            resource.setrlimit(resource.RLIMIT_DATA, (DATA_LIMIT, DATA_LIMIT))
        applied = confine.confine_candidate(os.path.realpath(scratch), limits)
    except (confine.ConfinementError, OSError) as exc:
        sys.stderr.write('js_launcher: refusing to start the worker unconfined: %s\n' % exc)
        return EXIT_REFUSED
    applied['landlockAbi'] = limits['landlockAbi']
    env = dict(os.environ)
    env[CONFINED_ENV] = json.dumps(applied, sort_keys=True)
    os.execve(node, command, env)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
