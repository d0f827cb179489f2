/**
 * What a job can really do, measured by a job: a probe program runs through the pool like any
 * reference or sample and tries, harmlessly, each thing confinement must prevent (write and read
 * outside its directory, reach a listener of ours, see our pid, trace or signal its server,
 * unshare, SysV IPC, xattrs, start a process). The report's isolation record is built from these
 * answers, not from the plan; a probe that gives no answer counts as "not confined".
 */
import type { IsolationInfo, ProbeAnswers } from './isolation.js';
import type { JobResult, TestsJob } from './types.js';

export interface ProbeTargets {
  /** A directory outside the job's: the probe tries to create a file there (and removes it). */
  outsideDir: string;
  /** A 0600 file outside the job's directory and its content. */
  secretPath: string;
  secret: string;
  /** A TCP listener on 127.0.0.1 of the auditing process. */
  port: number;
  /** The auditing process's pid. */
  hostPid: number;
  /** The fork-server's script: the probe opens it for appending, writing nothing. */
  serverPath: string;
}


const MARKER = 'BENCH-AUDIT-ISOLATION-PROBE ';
/** The probe makes a dozen system calls and one local connection attempt. */
const PROBE_TIMEOUT_MS = 10_000;
/** How long the probe waits for the local TCP connection. */
const CONNECT_TIMEOUT_S = 2;

const PROBE_SOURCE = String.raw`
import ctypes, errno, json, os, resource, socket, sys
T = json.loads(%TARGETS%)
libc = ctypes.CDLL(None, use_errno=True)

def tries(fn):
    try:
        return bool(fn())
    except OSError:
        return False

def write_outside():
    done = False
    for d in (T['outsideDir'], '/tmp', os.path.dirname(T['serverPath'])):
        p = os.path.join(d, 'bench-audit-probe-%d' % os.getpid())
        try:
            os.close(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            os.unlink(p)
            done = True
        except OSError:
            pass
    if tries(lambda: os.close(os.open(T['serverPath'], os.O_WRONLY | os.O_APPEND)) or True):
        done = True
    return done

def read_outside():
    if tries(lambda: open(T['secretPath']).read() == T['secret']):
        return True
    return tries(lambda: len(open('/etc/shadow', 'rb').read(1)) >= 0)

def connect():
    s = socket.create_connection(('127.0.0.1', T['port']), timeout=${CONNECT_TIMEOUT_S})
    s.close()
    return True

def host_pid():
    try:
        os.kill(T['hostPid'], 0)
        return True
    except PermissionError:
        return True
    except OSError:
        return False

def rc_ok(rc):
    return rc == 0

def ptrace_server():
    class Iov(ctypes.Structure):
        _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
    buf = ctypes.create_string_buffer(1)
    local = Iov(ctypes.cast(buf, ctypes.c_void_p), 1)
    remote = Iov(None, 1)
    libc.process_vm_readv.restype = ctypes.c_ssize_t
    rc = libc.process_vm_readv(os.getppid(), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    # Permitted: the read fails on the null address (EFAULT); refused: EPERM.
    return rc >= 0 or ctypes.get_errno() == errno.EFAULT

def sysv():
    shmid = libc.shmget(0, 4096, 0o1600)
    if shmid < 0:
        return False
    libc.shmctl(shmid, 0, None)
    return True

def fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return True

def caps():
    class H(ctypes.Structure):
        _fields_ = [('v', ctypes.c_uint32), ('pid', ctypes.c_int)]
    data = (ctypes.c_uint32 * 6)()
    if libc.capget(ctypes.byref(H(0x20080522, 0)), data) != 0:
        return True
    return bool(data[0] or data[3])

def xattr():
    open('bench-audit-probe', 'w').close()
    try:
        os.setxattr('bench-audit-probe', 'user.bench-audit-probe', b'1')
        return True
    finally:
        os.unlink('bench-audit-probe')

def f():
    st = os.statvfs('.')
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    # Identity first: a successful unshare probe below moves the probe into a new user namespace.
    identity = {'uid': os.getuid(), 'capabilities': caps(), 'noNewPrivs': libc.prctl(39, 0, 0, 0, 0) == 1}
    answers = {
        'writeOutside': write_outside(), 'readOutside': read_outside(), 'networkReachable': tries(connect),
        'hostPidsVisible': host_pid(), 'ptraceServer': tries(ptrace_server),
        'signalServer': tries(lambda: os.kill(os.getppid(), 0) or True),
        'unshare': tries(lambda: rc_ok(libc.unshare(0x20000)) or rc_ok(libc.unshare(0x10000000))),
        'setnsReachable': libc.setns(-1, 0) != 0 and ctypes.get_errno() == errno.EBADF,
        'sysvIpc': tries(sysv), 'xattrWrite': tries(xattr), 'startProcess': tries(fork),
        'memoryLimitBytes': None if soft == resource.RLIM_INFINITY else soft, 'jobDirBytes': st.f_blocks * st.f_frsize,
    }
    answers.update(identity)
    print(${JSON.stringify(MARKER)} + json.dumps(answers), flush=True)
`;

/** The probe as a job. */
export function probeJob(targets: ProbeTargets): TestsJob {
  const candidate = PROBE_SOURCE.replace('%TARGETS%', JSON.stringify(JSON.stringify(targets)));
  return { kind: 'tests', program: { candidate }, entryPoint: 'f', timeoutMs: PROBE_TIMEOUT_MS, tests: { kind: 'assert-list', asserts: ['assert f() is None'] } };
}

const BOOLEAN_KEYS = [
  'writeOutside',
  'readOutside',
  'networkReachable',
  'hostPidsVisible',
  'ptraceServer',
  'signalServer',
  'unshare',
  'setnsReachable',
  'sysvIpc',
  'xattrWrite',
  'startProcess',
  'capabilities',
  'noNewPrivs',
] as const;

/**
 * The probe's answers from its result, or the reason there are none. `connections` is how many
 * connections our listener saw: a reachable network is believed from either side.
 */
export function readProbe(result: JobResult, connections: number): { ok: true; answers: ProbeAnswers } | { ok: false; reason: string } {
  if (result.verdict.status !== 'passed') return { ok: false, reason: `the probe job ended ${result.verdict.status}: ${JSON.stringify(result.verdict).slice(0, 300)}` };
  const line = result.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (line === undefined) return { ok: false, reason: 'the probe job printed no answers' };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(line.slice(MARKER.length)) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: 'the probe job printed answers that are not JSON' };
  }
  for (const key of BOOLEAN_KEYS) if (typeof raw[key] !== 'boolean') return { ok: false, reason: `probe answer ${key} is not a boolean` };
  if (!Number.isInteger(raw.uid) || !Number.isFinite(raw.jobDirBytes) || !(raw.memoryLimitBytes === null || Number.isFinite(raw.memoryLimitBytes))) {
    return { ok: false, reason: 'probe answers uid, jobDirBytes or memoryLimitBytes are malformed' };
  }
  const answers = raw as unknown as ProbeAnswers;
  return { ok: true, answers: { ...answers, networkReachable: answers.networkReachable || connections > 0 } };
}

/**
 * The isolation record from the plan (which wrapper runs the workers) and what the probe found.
 * Without answers every guarantee is false: what was not measured is not claimed.
 */
export function measuredIsolation(plan: IsolationInfo, probe: ReturnType<typeof readProbe>, confinement: Record<string, unknown> | undefined): IsolationInfo {
  // The plan's guesses about the job uid are replaced by the measured uid.
  const notes = plan.notes.filter((n) => !n.startsWith('jobs keep uid 0'));
  if (!probe.ok) {
    notes.push(`isolation probe failed, nothing is claimed: ${probe.reason}`);
    return { mode: plan.mode, probed: false, networkIsolated: false, filesystem: 'host', pidNamespace: false, uidDropped: false, processLimit: false, notes, ...(confinement ? { confinement } : {}) };
  }
  const a = probe.answers;
  const filesystemConfined = !a.writeOutside && !a.readOutside;
  if (a.uid === 0) notes.push('jobs run as uid 0');
  if (!filesystemConfined) notes.push(`a job can ${[a.writeOutside ? 'write' : '', a.readOutside ? 'read' : ''].filter(Boolean).join(' and ')} files outside its directory`);
  return {
    mode: plan.mode,
    probed: true,
    networkIsolated: !a.networkReachable,
    filesystem: filesystemConfined ? 'confined' : 'host',
    pidNamespace: !a.hostPidsVisible,
    uidDropped: a.uid !== 0,
    processLimit: !a.startProcess || a.uid !== 0,
    notes,
    probes: a,
    ...(confinement ? { confinement } : {}),
  };
}
