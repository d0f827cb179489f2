/**
 * Programs that try to fake a pass, hang, escape or damage the host. Each must end failed,
 * timeout or error (never passed); afterwards the sentinel is untouched, nothing from the job is
 * alive, and the pool runs the next job correctly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSandboxPool, type SandboxPool } from '../../src/sandbox/pool.js';
import type { JobResult, TestsJob } from '../../src/sandbox/types.js';

const SECRET = 'fake-secret-7f3a9c1e';
process.env.BENCH_AUDIT_FAKE_SECRET = SECRET;

/** Short limits keep the hanging programs fast. */
const TIMEOUT_MS = 1_000;
const MEMORY_BYTES = 512 * 1024 ** 2;

const dir = mkdtempSync(join(tmpdir(), 'ba-adversarial-'));
const sentinel = join(dir, 'sentinel.txt');
const SENTINEL_TEXT = 'untouched';
const marker = `ba-daemon-${process.pid}-${Date.now()}`;

let pool: SandboxPool;
let listener: Server;
let port = 0;
let connections = 0;

/** The function must return 42; the adversarial programs return something else and try to pass anyway. */
function job(candidate: string, kind: 'assert-list' | 'check-function' = 'assert-list'): TestsJob {
  return {
    kind: 'tests',
    program: { candidate },
    entryPoint: 'f',
    timeoutMs: TIMEOUT_MS,
    memoryBytes: MEMORY_BYTES,
    tests:
      kind === 'assert-list'
        ? { kind: 'assert-list', asserts: ['assert f() == 42', 'assert f() != 0'] }
        : { kind: 'check-function', code: 'def check(candidate):\n    assert candidate() == 42\n    assert candidate() != 0\n', checkFunction: 'check' },
  };
}

/** Processes on the host whose command line contains `needle`. */
function processesMatching(needle: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmd.includes(needle)) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** pid -> ppid for every process on the host. */
function parentMap(): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      out.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  return out;
}

/** Processes below this pool's workers other than the fork-servers and their bwrap/unshare wrappers. */
function strayDescendants(): string[] {
  const parents = parentMap();
  const roots = new Set(pool.workerPids());
  const stray: string[] = [];
  for (const pid of parents.keys()) {
    let p: number | undefined = parents.get(pid);
    let below = false;
    for (let depth = 0; p !== undefined && p > 1 && depth < 64; depth++) {
      if (roots.has(p)) {
        below = true;
        break;
      }
      p = parents.get(p);
    }
    if (!below) continue;
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (cmd.startsWith('bwrap') || cmd.startsWith('unshare')) continue;
    stray.push(`${pid} ${cmd}`);
  }
  // A fork-server and its oracle per worker are expected. A job's process (a fork of the server
  // too) carries the job's seccomp filter on top of the server's: such a process is always stray.
  const python = stray.filter((s) => s.includes('python/server.py'));
  const filters = new Map(python.map((s) => [s, seccompFilters(Number(s.split(' ')[0]))]));
  const fewest = Math.min(...filters.values());
  const servers = python.filter((s) => filters.get(s) === fewest);
  const others = stray.filter((s) => !servers.includes(s));
  return servers.length <= 2 * roots.size ? others : stray;
}

/** How many seccomp filters a process runs under (0 when it is gone). */
function seccompFilters(pid: number): number {
  try {
    return Number(/^Seccomp_filters:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function assertPoolHealthy(): Promise<void> {
  const good = await pool.run({ ...job('def f():\n    return 42\n') });
  assert.equal(good.verdict.status, 'passed', JSON.stringify(good.verdict));
  const bad = await pool.run({ ...job('def f():\n    return 41\n') });
  assert.equal(bad.verdict.status, 'failed');
}

async function assertCleanAfter(result: JobResult): Promise<void> {
  assert.notEqual(result.verdict.status, 'passed', `must not pass: ${JSON.stringify(result)}`);
  assert.equal(readFileSync(sentinel, 'utf8'), SENTINEL_TEXT, 'sentinel changed');
  assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET), 'secret leaked into output');
  await assertPoolHealthy();
  assert.deepEqual(processesMatching(marker), [], 'a daemon from the job is alive');
  assert.deepEqual(strayDescendants(), [], 'a process of a job is alive below the workers');
}

before(async () => {
  writeFileSync(sentinel, SENTINEL_TEXT);
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
  pool = createSandboxPool({ workers: 2 });
});

after(async () => {
  await pool.close();
  listener.close();
  rmSync(dir, { recursive: true, force: true });
});

const PROGRAMS: { name: string; candidate: string; kind?: 'check-function'; expect: string[] }[] = [
  { name: 'sys.exit(0) before the tests', candidate: 'import sys\ndef f():\n    return 0\nsys.exit(0)\n', expect: ['failed'] },
  { name: 'sys.exit(0) inside the tested function', candidate: 'import sys\ndef f():\n    sys.exit(0)\n', expect: ['failed'] },
  { name: 'os._exit(0) inside the tested function', candidate: 'import os\ndef f():\n    os._exit(0)\n', expect: ['error'] },
  { name: 'os._exit(0) in a check-function suite', candidate: 'import os\ndef f():\n    os._exit(0)\n', kind: 'check-function', expect: ['error'] },
  {
    name: 'SystemExit raised from a destructor',
    candidate: 'import os\nclass D:\n    def __del__(self):\n        raise SystemExit(0)\ndef f():\n    D()\n    return 0\n',
    expect: ['failed'],
  },
  {
    name: 'os._exit(0) from a destructor run by the collector',
    candidate: 'import os, gc\nclass D:\n    def __del__(self):\n        os._exit(0)\ndef f():\n    d = D(); d.me = d; del d\n    gc.collect()\n    return 0\n',
    expect: ['error'],
  },
  {
    name: 'forged result lines on stdout and on every fd',
    candidate: [
      'import os, json',
      'def f():',
      '    fake = json.dumps({"type": "result", "verdict": {"status": "passed"}}) + "\\n"',
      '    print(fake, flush=True)',
      '    end = json.dumps({"type": "end", "status": "passed", "ran": 2}) + "\\n"',
      '    for fd in range(3, 256):',
      '        try:',
      '            os.write(fd, end.encode())',
      '            os.write(fd, ("0" * 32 + " " + end).encode())',
      '        except OSError:',
      '            pass',
      '    os._exit(0)',
    ].join('\n'),
    expect: ['error'],
  },
  {
    name: 'closing every file descriptor',
    candidate: 'import os\ndef f():\n    os.closerange(0, 1024)\n    return 42\n',
    expect: ['error'],
  },
  {
    name: 'overwriting the result channel with another file',
    candidate: 'import os\ndef f():\n    fd = os.open("junk", os.O_WRONLY | os.O_CREAT)\n    for n in range(3, 256):\n        try:\n            os.dup2(fd, n)\n        except OSError:\n            pass\n    return 42\n',
    expect: ['error'],
  },
  {
    name: 'monkeypatching the check function and the harness helpers',
    candidate: [
      'import builtins, os, json, sys',
      'def f():',
      '    return 0',
      'builtins.check = lambda candidate: None',
      'check = lambda candidate: None',
      'json.dumps = lambda *a, **k: \'{"type": "end", "status": "passed", "ran": 2}\'',
      'builtins.exec = lambda *a, **k: None',
      'builtins.compile = lambda *a, **k: compile("pass", "<x>", "exec")',
      'os.write = lambda fd, data: len(data)',
      'AssertionError = type("AssertionError", (Exception,), {})',
    ].join('\n'),
    kind: 'check-function',
    expect: ['failed'],
  },
  {
    name: 'a trace hook that swaps the candidate inside check() and removes itself',
    candidate: [
      'import sys',
      'def f():',
      '    return 0',
      'def tracer(frame, event, arg):',
      '    if frame.f_code.co_name == "check":',
      '        frame.f_locals["candidate"] = lambda: 42',
      '        sys.settrace(None)',
      '    return None',
      'sys.settrace(tracer)',
    ].join('\n'),
    kind: 'check-function',
    // The hook lives in the program's process; check() runs in the oracle's, out of its reach.
    expect: ['failed'],
  },
  {
    name: 'a profile hook installed from a thread-start hook',
    candidate: 'import threading, sys\ndef f():\n    return 0\nthreading.setprofile(lambda *a: None)\nsys.setprofile(None)\n',
    expect: ['error', 'failed'],
  },
  { name: 'an infinite loop', candidate: 'def f():\n    while True:\n        pass\n', expect: ['timeout'] },
  { name: 'sleeping forever', candidate: 'import time\ndef f():\n    time.sleep(10**6)\n', expect: ['timeout'] },
  {
    name: 'a fork bomb',
    candidate: 'import os\ndef f():\n    while True:\n        try:\n            os.fork()\n        except OSError:\n            pass\n',
    expect: ['timeout', 'error'],
  },
  { name: 'allocating 20 GB', candidate: 'def f():\n    x = bytearray(20 * 1024 ** 3)\n    return 42\n', expect: ['error'] },
  {
    name: 'allocating 20 GB step by step',
    candidate: 'def f():\n    chunks = []\n    for _ in range(20 * 1024):\n        chunks.append(bytearray(1024 ** 2))\n    return 42\n',
    expect: ['error', 'timeout'],
  },
  {
    name: 'writing the sentinel outside its directory',
    candidate: [
      'import os',
      'def f():',
      '    done = 0',
      `    for path in [${JSON.stringify(sentinel)}, "../sentinel.txt", "/tmp/x", ${JSON.stringify(join(dir, 'new.txt'))}]:`,
      '        try:',
      '            with open(path, "w") as fh:',
      '                fh.write("overwritten")',
      '            done += 1',
      '        except OSError:',
      '            pass',
      `    return 42 if open(${JSON.stringify(sentinel)}).read() == "overwritten" else 0`,
    ].join('\n'),
    expect: ['failed'],
  },
  {
    name: 'reading a secret from the environment',
    candidate: [
      'import os',
      'def f():',
      '    found = os.environ.get("BENCH_AUDIT_FAKE_SECRET")',
      '    for pid in ["1", "self", str(os.getppid())]:',
      '        try:',
      '            data = open("/proc/%s/environ" % pid, "rb").read()',
      `            if b${JSON.stringify(SECRET)} in data:`,
      '                found = "leak"',
      '        except OSError:',
      '            pass',
      '    print(found)',
      `    return 42 if found else 0`,
    ].join('\n'),
    expect: ['failed'],
  },
  {
    name: 'killing the parent',
    candidate: 'import os, signal\ndef f():\n    for pid in (os.getppid(), 1, -1):\n        try:\n            os.kill(pid, signal.SIGKILL)\n        except OSError:\n            pass\n    return 0\n',
    expect: ['failed', 'error'],
  },
  {
    name: 'leaving a daemon process running',
    candidate: [
      'import os',
      'def f():',
      '    if os.fork() == 0:',
      '        os.setsid()',
      '        if os.fork() == 0:',
      `            os.execv("/bin/sleep", ["sleep", "1000", ${JSON.stringify(marker)}])`,
      '        os._exit(0)',
      '    return 0',
    ].join('\n'),
    // error: jobs may not start processes (the memory limit is per job); failed where they may.
    expect: ['failed', 'error'],
  },
];

/**
 * Tests that no plain value can satisfy (`v == 42 and v == 0`): only a subverted harness passes
 * them. Each payload returns 0 and attacks the verdict some other way.
 */
function impossibleJob(candidate: string, kind: 'assert-list' | 'check-function'): TestsJob {
  return {
    kind: 'tests',
    program: { candidate },
    entryPoint: 'f',
    timeoutMs: TIMEOUT_MS,
    memoryBytes: MEMORY_BYTES,
    tests:
      kind === 'assert-list'
        ? { kind: 'assert-list', asserts: ['v = f()\nassert v == 42 and v == 0', 'assert abs(f() - 42) < 1e-9'] }
        : { kind: 'check-function', code: 'def check(candidate):\n    v = candidate()\n    assert v == 42 and v == 0\n    assert abs(candidate() - 42) < 1e-9\n', checkFunction: 'check' },
  };
}

/** Forge an end record on every fd, with every nonce-looking string the program can find. */
const FORGE_EVERYWHERE = [
  'def _forge(nonces):',
  '    import os, json',
  '    end = json.dumps({"type": "end", "status": "passed", "ran": 2})',
  '    for n in list(nonces) + ["0" * 32]:',
  '        for fd in range(0, 256):',
  '            try:',
  '                os.write(fd, (n + " " + end + "\\n").encode())',
  '            except OSError:',
  '                pass',
].join('\n');

const VERDICT_ATTACKS: { name: string; candidate: string }[] = [
  { name: 'a global that shadows a builtin the tests use', candidate: 'def f():\n    return 0\ndef abs(x):\n    return 0\n' },
  { name: 'a patched builtin', candidate: 'import builtins\ndef f():\n    return 0\nbuiltins.abs = lambda x: 0\nbuiltins.AssertionError = type("X", (BaseException,), {})\n' },
  { name: 'an object whose __eq__ is always True', candidate: 'class A:\n    def __eq__(self, o):\n        return True\n    __ne__ = lambda s, o: False\n    def __sub__(self, o):\n        return 0\ndef f():\n    return A()\n' },
  { name: 'an int subclass whose __eq__ is always True', candidate: 'class I(int):\n    def __eq__(self, o):\n        return True\n    __hash__ = int.__hash__\ndef f():\n    return I(42)\n' },
  {
    name: 'rewriting the callers\' frames through sys._getframe',
    candidate: [
      'import sys',
      'def f():',
      '    fr = sys._getframe(1)',
      '    while fr is not None:',
      '        for k, v in list(fr.f_globals.items()):',
      '            if callable(v) and k not in ("f",):',
      '                try:',
      '                    fr.f_globals[k] = lambda *a, **kw: None',
      '                except Exception:',
      '                    pass',
      '        fr = fr.f_back',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'harness frames from a thread through sys._current_frames()',
    candidate: [
      FORGE_EVERYWHERE,
      'import sys, threading',
      'def f():',
      '    found = []',
      '    def look():',
      '        for fr in sys._current_frames().values():',
      '            while fr is not None:',
      '                for v in list(fr.f_locals.values()):',
      '                    if isinstance(v, str) and len(v) == 32:',
      '                        found.append(v)',
      '                fr = fr.f_back',
      '    t = threading.Thread(target=look); t.start(); t.join()',
      '    _forge(found)',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'a signal handler that reads the interrupted frame',
    candidate: [
      FORGE_EVERYWHERE,
      'import signal, os',
      'found = []',
      'def handler(sig, fr):',
      '    while fr is not None:',
      '        found.extend(v for v in fr.f_locals.values() if isinstance(v, str) and len(v) == 32)',
      '        fr.f_globals.update({"AssertionError": type("X", (BaseException,), {})})',
      '        fr = fr.f_back',
      'signal.signal(signal.SIGUSR1, handler)',
      'def f():',
      '    os.kill(os.getpid(), signal.SIGUSR1)',
      '    _forge(found)',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'the harness\'s objects through gc.get_objects() (job["tests"] rewritten, nonces forged)',
    candidate: [
      FORGE_EVERYWHERE,
      'import gc',
      'def f():',
      '    nonces = []',
      '    for o in gc.get_objects():',
      '        if isinstance(o, dict) and "tests" in o and isinstance(o.get("tests"), dict):',
      '            o["tests"]["asserts"] = ["pass", "pass"]',
      '            o["tests"]["code"] = "def check(c):\\n    pass\\n"',
      '        if isinstance(o, dict):',
      '            nonces.extend(v for v in o.values() if isinstance(v, str) and len(v) == 32)',
      '    _forge(nonces)',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'import __main__ and replace what the harness calls late',
    candidate: [
      'import __main__, sys',
      'def f():',
      '    return 0',
      'for mod in list(sys.modules.values()):',
      '    for name in ("run_tests", "run_job", "decide", "oracle_main", "end_record", "failure_record"):',
      '        if hasattr(mod, name):',
      '            setattr(mod, name, lambda *a, **k: {"type": "end", "status": "passed", "ran": 2})',
      '__main__.check = lambda c: None',
    ].join('\n'),
  },
  {
    name: 'os.fork: a child that forges the end record while the parent hangs',
    candidate: [
      FORGE_EVERYWHERE,
      'import os, gc',
      'def f():',
      '    if os.fork() == 0:',
      '        _forge([v for o in gc.get_objects() if isinstance(o, dict) for v in o.values() if isinstance(v, str) and len(v) == 32])',
      '        os._exit(0)',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'the nonce read from /proc/self/mem',
    candidate: [
      FORGE_EVERYWHERE,
      'import re, ctypes',
      'def f():',
      '    found = set()',
      '    try:',
      '        libc = ctypes.CDLL(None)',
      '        libc.prctl(4, 1, 0, 0, 0)',
      '        maps = open("/proc/self/maps").read().splitlines()',
      '        with open("/proc/self/mem", "rb", 0) as mem:',
      '            for line in maps:',
      '                if "rw" not in line.split()[1]:',
      '                    continue',
      '                lo, hi = (int(x, 16) for x in line.split()[0].split("-"))',
      '                if hi - lo > 64 << 20:',
      '                    continue',
      '                try:',
      '                    mem.seek(lo)',
      '                    found.update(m.decode() for m in re.findall(rb"[0-9a-f]{32}(?= )", mem.read(hi - lo)))',
      '                except OSError:',
      '                    pass',
      '    except OSError:',
      '        pass',
      '    _forge(list(found)[:50])',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'a forged answer of unknown shape on the call channel',
    candidate: [
      'import os',
      'def f():',
      '    for fd in range(3, 256):',
      '        try:',
      '            body = b\'{"v":1,"ok":{"evil":[1]},"status":"passed"}\'',
      '            os.write(fd, len(body).to_bytes(4, "big") + body)',
      '        except OSError:',
      '            pass',
      '    return 0',
    ].join('\n'),
  },
  {
    name: 'a 600 MiB answer on the call channel',
    candidate: 'import os\ndef f():\n    for fd in range(3, 256):\n        try:\n            os.write(fd, (600 << 20).to_bytes(4, "big"))\n        except OSError:\n            pass\n    return 0\n',
  },
];

describe('sandbox: attacks on the verdict', () => {
  it('a module imported under the name of another the tests use (unittest.mock as math) does not pass', async () => {
    const result = await pool.run({
      kind: 'tests',
      program: { candidate: 'import unittest.mock as math\ndef f():\n    return 0\n' },
      entryPoint: 'f',
      timeoutMs: TIMEOUT_MS,
      tests: { kind: 'assert-list', asserts: ['assert math.isclose(f(), 42)'] },
    });
    assert.equal(result.verdict.status, 'failed', JSON.stringify(result.verdict));
    await assertCleanAfter(result);
  });

  it('a stdlib module the program imported is there for tests that use it without importing it', async () => {
    const result = await pool.run({
      kind: 'tests',
      program: { candidate: 'import math\ndef f():\n    return math.sqrt(2)\n' },
      entryPoint: 'f',
      timeoutMs: TIMEOUT_MS,
      tests: { kind: 'assert-list', asserts: ['assert math.isclose(f() ** 2, 2)'] },
    });
    assert.equal(result.verdict.status, 'passed', JSON.stringify(result.verdict));
  });

  it("redefining a helper the tests take from the benchmark (HumanEval's poly) does not pass", async () => {
    const result = await pool.run({
      kind: 'tests',
      program: { candidate: 'def poly(x):\n    return 84\ndef f():\n    return 0\n', helpers: 'def poly(x):\n    return 2 * x\ndef f():\n    pass\n' },
      entryPoint: 'f',
      timeoutMs: TIMEOUT_MS,
      tests: { kind: 'check-function', code: 'def check(candidate):\n    v = candidate()\n    assert poly(v) == 84 and v != 42\n', checkFunction: 'check' },
    });
    assert.equal(result.verdict.status, 'failed', JSON.stringify(result.verdict));
    await assertCleanAfter(result);
  });

  for (const attack of VERDICT_ATTACKS) {
    for (const kind of ['assert-list', 'check-function'] as const) {
      it(`${attack.name} (${kind}) does not pass`, async () => {
        const result = await pool.run(impossibleJob(attack.candidate, kind));
        assert.ok(['failed', 'error', 'timeout'].includes(result.verdict.status), JSON.stringify(result.verdict));
        await assertCleanAfter(result);
      });
    }
  }
});

/**
 * A program that knows the tests' expected values passes without computing anything. It runs in a fork of the
 * sandbox's server, so whatever the server ever held (the job it was handed, its frames, its heap, what it freed) is
 * the program's to read: the tests must never pass through the server.
 */
const TEST_READERS: { name: string; finder: string }[] = [
  {
    name: 'walking the stack of frames the fork inherited',
    finder: [
      'def texts():',
      '    fr = sys._getframe()',
      '    while fr is not None:',
      '        for v in list(fr.f_locals.values()):',
      '            yield repr(v)',
      '        fr = fr.f_back',
    ].join('\n'),
  },
  {
    name: 'every object the collector knows',
    finder: [
      'def texts():',
      '    for o in gc.get_objects():',
      '        if isinstance(o, (dict, list, tuple)):',
      '            yield repr(o)[:100000]',
      '        elif isinstance(o, (str, bytes)):',
      '            yield str(o)',
    ].join('\n'),
  },
  {
    name: 'raw memory of every small-object arena (ctypes)',
    finder: [
      'def texts():',
      '    import ctypes',
      '    seen = set()',
      '    for o in gc.get_objects():',
      '        if sys.getsizeof(o) <= 512:',
      '            base = id(o) & ~0x3FFFF',
      '            if base not in seen:',
      '                seen.add(base)',
      '                yield ctypes.string_at(base, 0x40000).decode("latin-1")',
    ].join('\n'),
  },
];

function secretJob(candidate: string, kind: 'assert-list' | 'check-function'): TestsJob {
  return {
    kind: 'tests',
    program: { candidate },
    entryPoint: 'f',
    timeoutMs: 20_000,
    memoryBytes: MEMORY_BYTES,
    tests:
      kind === 'assert-list'
        ? { kind: 'assert-list', asserts: ['assert f(3) == 731293', 'assert f(5) == 555017'] }
        : { kind: 'check-function', code: 'def check(candidate):\n    assert candidate(3) == 731293\n    assert candidate(5) == 555017\n', checkFunction: 'check' },
  };
}

describe('sandbox: a program cannot read the tests it is judged by', () => {
  for (const reader of TEST_READERS) {
    for (const kind of ['assert-list', 'check-function'] as const) {
      it(`${reader.name} (${kind}) finds no expected value`, async () => {
        // The answer is whatever number follows "(x) == " in anything the program can read.
        const candidate = ['import gc, re, sys', reader.finder, 'def f(x):', '    pat = re.compile(r"\\(%d\\) == (\\d+)" % x)',
          '    for t in texts():', '        m = pat.search(t)', '        if m:', '            return int(m.group(1))', '    return -1', ''].join('\n');
        const result = await pool.run(secretJob(candidate, kind));
        assert.equal(result.verdict.status, 'failed', JSON.stringify(result.verdict));
        await assertCleanAfter(result);
      });
    }
  }
});

/** Right programs that must pass however they behave around the tests. */
const RIGHT_PROGRAMS: { name: string; candidate: string }[] = [
  {
    name: 'doctest.testmod() at the end of the program',
    candidate: 'def f():\n    """\n    >>> f()\n    42\n    """\n    return 42\n\nif __name__ == "__main__":\n    import doctest\n    doctest.testmod()\n',
  },
  { name: 'printing a lot', candidate: 'def f():\n    for i in range(1000):\n        print("line", i)\n    return 42\n' },
  { name: 'deep recursion', candidate: 'import sys\nsys.setrecursionlimit(10000)\ndef depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\ndef f():\n    return depth(3000) - 3000 + 42\n' },
  { name: 'reading stdin (empty)', candidate: 'import sys\ndef f():\n    return 42 + len(sys.stdin.read())\n' },
  { name: 'building a large output, then the answer', candidate: 'def f():\n    big = [list(range(100)) for _ in range(10000)]\n    return 42 if len(big) == 10000 else 0\n' },
];

describe('sandbox: right programs pass', () => {
  for (const program of RIGHT_PROGRAMS) {
    for (const kind of ['assert-list', 'check-function'] as const) {
      it(`${program.name} (${kind})`, async () => {
        const result = await pool.run(job(program.candidate, kind));
        assert.equal(result.verdict.status, 'passed', JSON.stringify(result.verdict) + result.stderr.slice(0, 500));
      });
    }
  }

  it('a large output within limits comes back whole', async () => {
    const result = await pool.run({
      kind: 'tests',
      program: { candidate: 'def f(n):\n    return list(range(n))\n' },
      entryPoint: 'f',
      timeoutMs: 20_000,
      tests: { kind: 'assert-list', asserts: ['assert f(2_000_000) == list(range(2_000_000))'] },
    });
    assert.equal(result.verdict.status, 'passed', JSON.stringify(result.verdict));
  });

  it('a mutated argument is seen by the test', async () => {
    const result = await pool.run({
      kind: 'tests',
      program: { candidate: 'def f(xs):\n    xs.sort()\n    xs.append(99)\n' },
      entryPoint: 'f',
      timeoutMs: 5_000,
      tests: { kind: 'assert-list', asserts: ['a = [3, 1, 2]\nf(a)\nassert a == [1, 2, 3, 99]'] },
    });
    assert.equal(result.verdict.status, 'passed', JSON.stringify(result.verdict));
  });

  it('an exception the test expects is raised in the test as that builtin type', async () => {
    const result = await pool.run({
      kind: 'tests',
      program: { candidate: 'def f(x):\n    if x < 0:\n        raise ValueError("negative")\n    return x\n' },
      entryPoint: 'f',
      timeoutMs: 5_000,
      tests: { kind: 'assert-list', asserts: ['try:\n    f(-1)\n    assert False\nexcept ValueError as e:\n    assert str(e) == "negative"'] },
    });
    assert.equal(result.verdict.status, 'passed', JSON.stringify(result.verdict));
  });
});

describe('sandbox: adversarial programs', () => {
  for (const program of PROGRAMS) {
    it(`${program.name} -> ${program.expect.join(' or ')}`, async () => {
      const result = await pool.run(job(program.candidate, program.kind));
      assert.ok(program.expect.includes(result.verdict.status), `${program.name}: ${JSON.stringify(result.verdict)}`);
      await assertCleanAfter(result);
    });
  }

  // A CPU limit is ITIMER_PROF's SIGPROF, which a program can ignore or disarm; the kernel's CPU rlimit backs it
  // with SIGKILL, so the limit (not the wall clock, 120x here) still ends the job, and says so.
  const CPU_LIMIT_DODGES = [
    { name: 'ignoring SIGPROF', code: 'signal.signal(signal.SIGPROF, signal.SIG_IGN)' },
    { name: 'disarming the CPU timer and ignoring SIGXCPU', code: 'signal.setitimer(signal.ITIMER_PROF, 0)\n    signal.signal(signal.SIGXCPU, signal.SIG_IGN)' },
  ];
  for (const dodge of CPU_LIMIT_DODGES) {
    it(`${dodge.name}, then looping: a timeout at the CPU limit, not at the wall clock`, async () => {
      const candidate = `import signal\ndef f():\n    ${dodge.code}\n    while True:\n        pass\n`;
      const result = await pool.run({ ...job(candidate), cpuLimitMs: 500, timeoutMs: 60_000 });
      assert.deepEqual(result.verdict, { status: 'timeout', completed: 0, reason: 'cpu-limit' });
      await assertCleanAfter(result);
    });
  }

  it('opening a socket to 127.0.0.1 reaches nothing when the network is isolated', async () => {
    const before = connections;
    const candidate = [
      'import socket',
      'def f():',
      '    try:',
      `        s = socket.create_connection(("127.0.0.1", ${port}), timeout=0.5)`,
      '        s.sendall(b"hello")',
      '        return 42',
      '    except OSError:',
      '        return 0',
    ].join('\n');
    const result = await pool.run(job(candidate));
    // The report's isolation record must be honest: a connection happened iff the network was shared.
    if ((await pool.measureIsolation()).networkIsolated) {
      assert.equal(result.verdict.status, 'failed');
      assert.equal(connections, before, 'the job reached the host listener');
      await assertCleanAfter(result);
    } else {
      assert.ok(connections > before, 'networkIsolated=false but the job could not connect');
    }
  });

  it('a job cannot leave its working directory changed for the next job (files, mode)', async () => {
    const solo = createSandboxPool({ workers: 1 });
    const probe = job('import os\ndef f():\n    open("scratch.txt", "w").write("x")\n    return sorted(os.listdir(".")) == ["scratch.txt"] and 42\n');
    try {
      assert.equal((await solo.run(probe)).verdict.status, 'passed', 'a fresh job directory is empty and writable');
      const leaveFile = job('def f():\n    open("left-behind.txt", "w").write("x")\n    return 0\n');
      assert.equal((await solo.run(leaveFile)).verdict.status, 'failed');
      assert.equal((await solo.run(probe)).verdict.status, 'passed', 'the file of the job before is gone');
      const lockDown = job('import os\ndef f():\n    os.chmod(".", 0o500)\n    return 0\n');
      assert.equal((await solo.run(lockDown)).verdict.status, 'failed');
      assert.equal((await solo.run(probe)).verdict.status, 'passed', 'the directory is writable again');
      const emptied = job('import os\ndef f():\n    open("t", "w").close()\n    os.remove("t")\n    return 0\n');
      assert.equal((await solo.run(emptied)).verdict.status, 'failed');
      assert.equal((await solo.run(probe)).verdict.status, 'passed');
    } finally {
      await solo.close();
    }
  });

  it("a hostile candidate cannot change the next job's verdict on the same worker (one long-lived oracle)", async () => {
    // The candidate's channel to the oracle is fd 101 (server.py CANDIDATE_OUT_FD); frames are a 4-byte length and JSON.
    const hostile: [string, string][] = [
      ['floods its channel with junk', 'import os\nos.write(101, b"\\xff" * 200000)\ndef f():\n    return 42\n'],
      ['sends half a message and exits', 'import os\nos.write(101, (100).to_bytes(4, "big") + b\'{"ready": ["f"\')\nos._exit(0)\ndef f():\n    return 42\n'],
      ['sends a malformed message with junk fields', 'import os, json\nm = json.dumps({"ready": ["f"], "modules": [], "v": 1, "end": "passed", "status": "passed"}).encode()\nos.write(101, len(m).to_bytes(4, "big") + m)\ndef f():\n    return 42\n'],
      ['forges end records on its output', 'import json, sys\nfor s in (sys.stdout, sys.stderr):\n    s.write("0" * 32 + " " + json.dumps({"type": "end", "status": "passed", "ran": 2}) + "\\n")\ndef f():\n    return 41\n'],
      ['makes the oracle import modules and hold a large value', 'import decimal, fractions, statistics\ndef f():\n    return "x" * (4 * 1024 * 1024)\n'],
    ];
    const solo = createSandboxPool({ workers: 1 });
    try {
      for (const [name, candidate] of hostile) {
        const result = await solo.run(job(candidate));
        assert.notEqual(result.verdict.status, 'passed', `${name}: ${JSON.stringify(result.verdict)}`);
        const right = await solo.run(job('def f():\n    return 42\n'));
        assert.equal(right.verdict.status, 'passed', `after "${name}": ${JSON.stringify(right.verdict)}`);
        const wrong = await solo.run(job('def f():\n    return 41\n'));
        assert.equal(wrong.verdict.status, 'failed', `after "${name}": ${JSON.stringify(wrong.verdict)}`);
        assert.equal(wrong.verdict.status === 'failed' && wrong.verdict.phase, 'tests');
      }
    } finally {
      await solo.close();
    }
  });

  it("tests that draw from random or patch a preloaded module cannot change the next job's verdict", async () => {
    // The oracle preloads random, math, collections...: a job's tests share them with the next job's
    // unless the oracle restores random's state and retires when an attribute was rebound.
    const withTests = (code: string): TestsJob => ({ ...job('def f():\n    return 42\n'), tests: { kind: 'check-function', code, checkFunction: 'check' } });
    const probe = withTests(
      'import math, random, collections\n' +
        'def check(candidate):\n' +
        '    assert candidate() == 42\n' +
        '    assert 3.14 < math.pi < 3.15 and collections.Counter("ab") != collections.Counter("a")\n' +
        '    print("draw", random.random(), random.randrange(10**9))\n',
    );
    const drawer = withTests('import random\nrandom.seed(5)\nrandom.random()\ndef check(candidate):\n    assert candidate() == 42\n    random.getrandbits(4096)\n');
    const patcher = withTests(
      'import math, random, collections\n' +
        'math.pi = 3\nrandom.random = lambda: 0.5\nrandom.randrange = lambda *a: 7\ncollections.Counter.__eq__ = lambda a, b: True\n' +
        'def check(candidate):\n    assert candidate() == 42\n',
    );
    const solo = createSandboxPool({ workers: 1 });
    try {
      const first = await solo.run(probe);
      assert.equal(first.verdict.status, 'passed', JSON.stringify(first));
      const draw = /^draw \S+ \d+$/m.exec(first.stdout)?.[0];
      assert.ok(draw, first.stdout);
      for (const [name, previous] of [['draws after seeding random', drawer], ['rebinds math.pi, random.random and Counter.__eq__', patcher]] as const) {
        const before = await solo.run(previous);
        assert.equal(before.verdict.status, 'passed', `${name}: ${JSON.stringify(before.verdict)}`);
        const after = await solo.run(probe);
        assert.equal(after.verdict.status, 'passed', `after a job that ${name}: ${JSON.stringify(after)}`);
        assert.equal(/^draw \S+ \d+$/m.exec(after.stdout)?.[0], draw, `after a job that ${name}`);
      }
    } finally {
      await solo.close();
    }
  });

  it('a correct job after all of the above still passes, and output caps hold', async () => {
    const result = await pool.run({ ...job('def f():\n    print("x" * 10**6)\n    return 42\n') });
    assert.equal(result.verdict.status, 'passed');
    assert.ok(result.stdoutTruncated);
    assert.ok(result.stdout.length <= 64 * 1024);
  });
});
