/**
 * Escapes a job must not achieve, under the outer wrapper this machine has (auto: bubblewrap where
 * installed) and without it (`unshare`: the host's filesystem, confined only by the fork-server's
 * own layers). Each payload returns 42 — and so would pass — only if its attack worked; each must
 * end not passed, leave the host as it was, and leave the pool serving.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { forkServerPath } from '../../src/sandbox/isolation.js';
import { createSandboxPool, type SandboxPool } from '../../src/sandbox/pool.js';
import type { JobResult, TestsJob } from '../../src/sandbox/types.js';

const SECRET = 'confinement-secret-51c2e8';
process.env.BENCH_AUDIT_CONFINEMENT_SECRET = SECRET;
const TIMEOUT_MS = 5_000;
const MEMORY_BYTES = 512 * 1024 ** 2;

const dir = mkdtempSync(join(tmpdir(), 'ba-confinement-'));
const sentinel = join(dir, 'sentinel.txt');
const secretFile = join(dir, 'secret.txt');
const serverPath = forkServerPath();
let listener: Server;
let port = 0;
let connections = 0;

function digest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex') + String(statSync(path).mtimeMs);
}

function job(candidate: string): TestsJob {
  return {
    kind: 'tests',
    program: { candidate },
    entryPoint: 'f',
    timeoutMs: TIMEOUT_MS,
    memoryBytes: MEMORY_BYTES,
    tests: { kind: 'assert-list', asserts: ['assert f() == 42'] },
  };
}

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Each candidate's f() returns 42 only when the attack succeeded. */
const PAYLOADS: { name: string; candidate: () => string }[] = [
  {
    name: 'writes a file outside its directory',
    candidate: () =>
      lines(
        'def f():',
        '    ok = 0',
        `    for p in [${JSON.stringify(sentinel)}, ${JSON.stringify(join(dir, 'new.txt'))}, "/tmp/ba-confinement-escape", "../escape"]:`,
        '        try:',
        '            open(p, "w").write("overwritten")',
        '            ok = 42',
        '        except OSError:',
        '            pass',
        '    return ok',
      ),
  },
  {
    name: 'reads a 0600 file outside its directory',
    candidate: () =>
      lines(
        'def f():',
        '    try:',
        `        data = open(${JSON.stringify(secretFile)}).read()`,
        '    except OSError:',
        '        return 0',
        `    return 42 if ${JSON.stringify(SECRET)} in data else 1`,
      ),
  },
  {
    name: 'unshares and mounts a fresh /proc to read the auditing process environment',
    candidate: () =>
      lines(
        'import ctypes, os',
        'def f():',
        '    libc = ctypes.CDLL(None, use_errno=True)',
        '    for flags in (0x20000 | 0x20000000, 0x10000000 | 0x20000 | 0x20000000):  # NEWNS|NEWPID, +NEWUSER',
        '        if libc.unshare(flags) == 0:',
        '            break',
        '    else:',
        '        return 0',
        '    libc.mount(b"proc", b"/proc", b"proc", 0, None)',
        `    for pid in os.listdir("/proc"):`,
        '        try:',
        `            if b${JSON.stringify(SECRET)} in open("/proc/%s/environ" % pid, "rb").read():`,
        '                return 42',
        '        except OSError:',
        '            pass',
        '    return 1',
      ),
  },
  {
    name: 'setns into the host network to reach a local listener',
    candidate: () =>
      lines(
        'import ctypes, os, socket',
        'def f():',
        '    libc = ctypes.CDLL(None, use_errno=True)',
        `    for pid in ("1", str(${process.pid})):`,
        '        try:',
        '            fd = os.open("/proc/%s/ns/net" % pid, os.O_RDONLY)',
        '            libc.setns(fd, 0x40000000)',
        '        except OSError:',
        '            pass',
        '    try:',
        `        socket.create_connection(("127.0.0.1", ${port}), timeout=1).close()`,
        '        return 42',
        '    except OSError:',
        '        return 0',
      ),
  },
  {
    name: 'ptraces or process_vm_writev-s its fork-server',
    candidate: () =>
      lines(
        'import ctypes, os',
        'class Iov(ctypes.Structure):',
        '    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]',
        'def f():',
        '    libc = ctypes.CDLL(None, use_errno=True)',
        '    server = os.getppid()',
        '    if libc.ptrace(0x4206, server, 0, 0) == 0:  # PTRACE_SEIZE',
        '        return 42',
        // The server's memory has the layout of ours (fork): write its copy of an unused buffer.
        '    target = ctypes.create_string_buffer(b"unused", 16)',
        '    data = ctypes.create_string_buffer(b"UNUSED", 16)',
        '    local = Iov(ctypes.cast(data, ctypes.c_void_p), 6)',
        '    remote = Iov(ctypes.cast(target, ctypes.c_void_p), 6)',
        '    libc.process_vm_writev.restype = ctypes.c_ssize_t',
        '    if libc.process_vm_writev(server, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:',
        '        return 42',
        '    return 0',
      ),
  },
  {
    name: "opens the fork-server's own source for writing",
    candidate: () =>
      lines(
        'import os',
        'def f():',
        '    try:',
        `        fd = os.open(${JSON.stringify(serverPath)}, os.O_WRONLY | os.O_APPEND)`,
        '    except OSError:',
        '        return 0',
        '    os.close(fd)  # proven writable; nothing written',
        '    return 42',
      ),
  },
  {
    name: 'signals its fork-server',
    candidate: () =>
      lines(
        'import os, signal',
        'def f():',
        '    hit = 0',
        '    for sig in (0, signal.SIGINT, signal.SIGTERM):',
        '        try:',
        '            os.kill(os.getppid(), sig)',
        '            hit = 42',
        '        except OSError:',
        '            pass',
        '    return hit',
      ),
  },
  {
    name: 'forks children to use more memory than the job limit',
    candidate: () =>
      lines(
        'import os',
        'def f():',
        '    total = 0',
        '    for _ in range(3):',
        '        r, w = os.pipe()',
        '        try:',
        '            pid = os.fork()',
        '        except OSError:',
        '            return 0',
        '        if pid == 0:',
        '            try:',
        `                block = bytearray(${Math.floor((MEMORY_BYTES * 0.6) / 1)})`,
        '                os.write(w, b"1")',
        '            finally:',
        '                os._exit(0)',
        '        os.close(w)',
        '        total += len(os.read(r, 1))',
        '        os.waitpid(pid, 0)',
        '    return 42 if total >= 2 else 0',
      ),
  },
];

/** SysV shared memory and xattrs left by one job, looked for by the next on the same worker. */
const LEAVE = lines(
  'import ctypes, os',
  'def f():',
  '    libc = ctypes.CDLL(None, use_errno=True)',
  '    left = 0',
  '    if libc.shmget(0x0BA0C0DE, 4096, 0o1666) >= 0:',
  '        left = 42',
  '    for target in (".", "/dev/shm"):',
  '        try:',
  '            os.setxattr(target, "user.bench-audit", b"left")',
  '            left = 42',
  '        except OSError:',
  '            pass',
  '    try:',
  '        open("/dev/shm/ba-confinement-left", "w").write("x")',
  '        left = 42',
  '    except OSError:',
  '        pass',
  '    return left',
);
const FIND = lines(
  'import ctypes, os',
  'def f():',
  '    libc = ctypes.CDLL(None, use_errno=True)',
  '    if libc.shmget(0x0BA0C0DE, 0, 0) >= 0:',
  '        return 42',
  '    try:',
  '        if os.getxattr(".", "user.bench-audit") == b"left":',
  '            return 42',
  '    except OSError:',
  '        pass',
  '    return 42 if os.path.exists("/dev/shm/ba-confinement-left") else 0',
);

before(async () => {
  writeFileSync(sentinel, 'untouched');
  writeFileSync(secretFile, SECRET, { mode: 0o600 });
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});

after(() => {
  listener.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync('/dev/shm/ba-confinement-left', { force: true });
});

for (const isolation of ['auto', 'unshare'] as const) {
  describe(`sandbox confinement (isolation ${isolation})`, () => {
    let pool: SandboxPool;
    before(() => {
      pool = createSandboxPool({ workers: 1, isolation });
    });
    after(async () => {
      await pool.close();
    });

    async function assertHarmless(result: JobResult, before: { server: string; connections: number; replaced: number }): Promise<void> {
      assert.notEqual(result.verdict.status, 'passed', JSON.stringify(result));
      assert.equal(readFileSync(sentinel, 'utf8'), 'untouched', 'the sentinel changed');
      assert.equal(digest(serverPath), before.server, "the fork-server's source changed");
      assert.equal(connections, before.connections, 'the job reached the local listener');
      assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET), 'the secret leaked');
      const good = await pool.run(job('def f():\n    return 42\n'));
      assert.equal(good.verdict.status, 'passed', JSON.stringify(good.verdict));
      assert.equal(pool.stats.workersReplaced, before.replaced, 'the job ended or disturbed its fork-server');
    }

    it('the probe measures a confined filesystem', async () => {
      const info = await pool.measureIsolation();
      assert.equal(info.probed, true, JSON.stringify(info));
      assert.equal(info.filesystem, 'confined', JSON.stringify(info));
      assert.equal(info.probes?.writeOutside, false);
      assert.equal(info.probes?.ptraceServer, false);
      assert.equal(info.probes?.signalServer, false);
    });

    for (const payload of PAYLOADS) {
      it(`a job that ${payload.name} does no harm`, async () => {
        const before = { server: digest(serverPath), connections, replaced: pool.stats.workersReplaced };
        const result = await pool.run(job(payload.candidate()));
        await assertHarmless(result, before);
      });
    }

    it('a job leaves no SysV shared memory, xattrs or /dev/shm files for the next job', async () => {
      const before = { server: digest(serverPath), connections, replaced: pool.stats.workersReplaced };
      await assertHarmless(await pool.run(job(LEAVE)), before);
      const next = await pool.run(job(FIND));
      assert.equal(next.verdict.status, 'failed', JSON.stringify(next.verdict));
    });
  });
}

// Control: the payloads are real attacks. Without confinement (--isolation none) these succeed,
// so the tests above can fail.
describe('sandbox confinement: control run with --isolation none', () => {
  const CONTROLLED = ['writes a file outside its directory', 'reads a 0600 file outside its directory', "opens the fork-server's own source for writing", 'forks children to use more memory than the job limit'];
  let pool: SandboxPool;
  before(() => {
    pool = createSandboxPool({ workers: 1, isolation: 'none' });
  });
  after(async () => {
    await pool.run(job(lines('import ctypes', 'def f():', '    libc = ctypes.CDLL(None)', '    i = libc.shmget(0x0BA0C0DE, 0, 0)', '    if i >= 0:', '        libc.shmctl(i, 0, None)')));
    await pool.close();
    writeFileSync(sentinel, 'untouched');
    rmSync('/dev/shm/ba-confinement-left', { force: true });
    rmSync('/tmp/ba-confinement-escape', { force: true });
  });

  it('the probe measures an unconfined filesystem', async () => {
    assert.equal(existsSync('/tmp/ba-confinement-escape'), false, 'a confined run above wrote outside its directory');
    const info = await pool.measureIsolation();
    assert.equal(info.filesystem, 'host', JSON.stringify(info));
    assert.equal(info.probes?.writeOutside, true);
  });

  for (const name of CONTROLLED) {
    it(`unconfined, a job that ${name} succeeds`, async () => {
      const payload = PAYLOADS.find((p) => p.name === name)!;
      const result = await pool.run(job(payload.candidate()));
      assert.equal(result.verdict.status, 'passed', JSON.stringify(result.verdict));
    });
  }

  it('unconfined, state left by one job is found by the next', async () => {
    assert.equal((await pool.run(job(LEAVE))).verdict.status, 'passed');
    assert.equal((await pool.run(job(FIND))).verdict.status, 'passed');
  });
});
