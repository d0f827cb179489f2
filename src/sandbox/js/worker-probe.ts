/**
 * What the JavaScript worker process itself can do, tried at its start: the OS-level layer under QuickJS (what an
 * interpreter escape would reach). Run in the worker, before it takes jobs; the answers go to the host in the ready
 * message and become the isolation record's `confinement.worker`. Nothing here is taken from the launcher's word
 * except `launcher`, kept beside the probes for the reader.
 */
import { closeSync, openSync, readdirSync, readFileSync, unlinkSync, constants } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';

/** Environment variable the launcher (python/js_launcher.py) sets to the layers it applied, as JSON. */
export const CONFINED_ENV = 'BENCH_AUDIT_JS_CONFINEMENT';
/** Loopback port the connect probe tries: discard, never needed open (refused still means the kernel let it try). */
const PROBE_PORT = 9;
/** A loopback connect answers at once; this long without an answer counts as reachable (fail closed). */
const CONNECT_PROBE_MS = 2000;
/** Errors that mean the attempt was refused by a confinement layer (Landlock, seccomp), not by the target. */
const DENIED = new Set(['EACCES', 'EPERM']);

export interface WorkerConfinement {
  /** The layers the launcher reports applying; null when the worker was started without it. */
  launcher: Record<string, unknown> | null;
  /** A file could be created beside the worker's scratch (outside it). */
  writeOutside: boolean;
  /** The directory holding the scratch could be listed. */
  readOutside: boolean;
  /** A TCP connect to loopback reached the kernel's network stack (connected or refused by the peer). */
  tcpConnect: boolean;
  /** From /proc/self/status; null where it cannot be read. */
  noNewPrivs: boolean | null;
  seccompFilter: boolean | null;
  /** Any effective or bounding-set capability left. */
  capabilities: boolean | null;
  /** The uid the worker runs as (-1 where the platform has none). */
  uid: number;
}

function denied(error: unknown): boolean {
  return DENIED.has((error as NodeJS.ErrnoException).code ?? '');
}

function writeOutside(scratch: string): boolean {
  const path = join(dirname(scratch), `bench-audit-js-probe-${process.pid}`);
  try {
    closeSync(openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY));
  } catch (error) {
    // Only a refusal counts as confined: any other failure (it exists) is not proof of a wall.
    return !denied(error);
  }
  unlinkSync(path);
  return true;
}

function readOutside(scratch: string): boolean {
  try {
    readdirSync(dirname(scratch));
    return true;
  } catch (error) {
    return !denied(error);
  }
}

function tcpConnect(): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: ReturnType<typeof connect>;
    const done = (reached: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reached);
    };
    const timer = setTimeout(() => done(true), CONNECT_PROBE_MS);
    try {
      socket = connect({ host: '127.0.0.1', port: PROBE_PORT });
    } catch (error) {
      clearTimeout(timer);
      return resolve(!denied(error));
    }
    socket.on('connect', () => done(true));
    socket.on('error', (error) => done(!denied(error)));
  });
}

/** Parse /proc/self/status's lines that say which layers hold (pure: the text in, the answers out). */
export function statusLayers(status: string | undefined): Pick<WorkerConfinement, 'noNewPrivs' | 'seccompFilter' | 'capabilities'> {
  const field = (name: string) => status?.match(new RegExp(`^${name}:\\s*(\\S+)`, 'm'))?.[1];
  const nnp = field('NoNewPrivs');
  const seccomp = field('Seccomp');
  const eff = field('CapEff');
  const bnd = field('CapBnd');
  return {
    noNewPrivs: nnp === undefined ? null : nnp === '1',
    // Mode 2 is a filter (1 is strict mode, which node could not run under).
    seccompFilter: seccomp === undefined ? null : seccomp === '2',
    capabilities: eff === undefined || bnd === undefined ? null : /[1-9a-f]/i.test(eff + bnd),
  };
}

function launcherRecord(): Record<string, unknown> | null {
  const raw = process.env[CONFINED_ENV];
  if (raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Try, from this process, what an escape would: write and list outside `scratch`, connect to loopback. */
export async function probeWorker(scratch: string): Promise<WorkerConfinement> {
  let status: string | undefined;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    status = undefined;
  }
  return {
    launcher: launcherRecord(),
    writeOutside: writeOutside(scratch),
    readOutside: readOutside(scratch),
    tcpConnect: await tcpConnect(),
    ...statusLayers(status),
    uid: typeof process.getuid === 'function' ? process.getuid() : -1,
  };
}

/** Whether the worker is confined at the OS level: no write or read outside, no TCP, no capability, a filter. */
export function workerConfined(c: WorkerConfinement): boolean {
  return !c.writeOutside && !c.readOutside && !c.tcpConnect && c.noNewPrivs === true && c.seccompFilter === true && c.capabilities === false;
}

/** What the probes found open, as notes for the isolation record (empty: confined). */
export function workerNotes(c: WorkerConfinement): string[] {
  const open = [
    ...(c.writeOutside ? ['it can write outside its scratch'] : []),
    ...(c.readOutside ? ['it can read outside the paths node needs'] : []),
    ...(c.tcpConnect ? ['it can open TCP connections'] : []),
    ...(c.noNewPrivs !== true ? ['no_new_privs is not set'] : []),
    ...(c.seccompFilter !== true ? ['no seccomp filter'] : []),
    ...(c.capabilities !== false ? ['it holds capabilities'] : []),
  ];
  if (open.length === 0) return [];
  const why = c.launcher === null ? ' (started without the confinement launcher: no python3)' : '';
  return [`the JavaScript worker process is not fully confined by the OS${why}: ${open.join(', ')}; an escape from QuickJS would have those rights`];
}
