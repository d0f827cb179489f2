/**
 * The worker protocol as Node reads it: each line the server writes is checked before it becomes
 * a JobResult, so that nothing a job makes the server write can crash the audit or put a value of
 * the wrong shape into a report. Pure.
 */
import type { CallOutput, Coverage, ExampleOutput, JobResult, Phase, Verdict } from './types.js';

/** Longest line read from a worker: a result carries at most 8 MiB of records plus 2 x 64 KiB of output. */
export const MAX_LINE_CHARS = 32 * 1024 * 1024;

const REASONS: ReadonlySet<string> = new Set([
  'memory',
  'resource',
  'signal',
  'file-size-limit',
  'no-verdict',
  'exit-status',
  'tampered',
  'non-data-result',
  'non-data-argument',
  'protocol-error',
  'worker-died',
  'worker-unresponsive',
  'harness',
]);
const PHASES: ReadonlySet<string> = new Set(['imports', 'candidate', 'setup', 'tests']);
const CALL_STATUSES: ReadonlySet<string> = new Set(['returned', 'same', 'timeout', 'raised', 'contract-violation', 'bad-input']);
const EXAMPLE_STATUSES: ReadonlySet<string> = new Set(['match', 'mismatch', 'not-evaluable', 'raised', 'bad-call']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A result standing for a job whose messages could not be trusted. */
export function protocolErrorResult(message: string): JobResult {
  return {
    verdict: { status: 'error', reason: 'protocol-error', message },
    outputs: [],
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 0,
    leftoverProcesses: 0,
  };
}

/** The verdict of a result record, or why it is not one. */
export function parseVerdict(v: unknown): Verdict | string {
  if (!isObject(v)) return 'the verdict is not an object';
  const optStr = (k: string) => (typeof v[k] === 'string' ? { [k]: v[k] as string } : {});
  const optInt = (k: string) => (isInt(v[k]) ? { [k]: v[k] as number } : {});
  const phase = typeof v.phase === 'string' && PHASES.has(v.phase) ? { phase: v.phase as Phase } : {};
  switch (v.status) {
    case 'passed':
      return { status: 'passed' };
    case 'failed':
      return {
        status: 'failed',
        phase: (phase.phase ?? 'tests') as Phase,
        exception: str(v.exception) ?? 'Exception',
        message: str(v.message) ?? '',
        ...optInt('assertIndex'),
        ...optStr('assert'),
        ...optInt('line'),
        ...optStr('text'),
      };
    case 'timeout':
      if (!isInt(v.completed) || v.completed < 0) return 'a timeout without a count of completed outputs';
      return { status: 'timeout', completed: v.completed, ...(v.reason === 'cpu-limit' || v.reason === 'step-cap' ? { reason: v.reason } : {}) };
    case 'error': {
      if (typeof v.reason !== 'string' || !REASONS.has(v.reason)) return `an error of unknown reason ${JSON.stringify(String(v.reason)).slice(0, 80)}`;
      return {
        status: 'error',
        reason: v.reason as Extract<Verdict, { status: 'error' }>['reason'],
        ...optStr('message'),
        ...optStr('signal'),
        ...(isInt(v.exitCode) || v.exitCode === null ? { exitCode: v.exitCode as number | null } : {}),
        ...phase,
        ...optStr('exception'),
      };
    }
    default:
      return `an unknown verdict status ${JSON.stringify(String(v.status)).slice(0, 80)}`;
  }
}

function parseOutput(o: unknown, kind: string | undefined): CallOutput | ExampleOutput | string {
  if (!isObject(o) || !isInt(o.index) || o.index < 0) return 'an output without an index';
  const status = str(o.status) ?? '';
  if (kind === 'examples' ? !EXAMPLE_STATUSES.has(status) : !CALL_STATUSES.has(status)) return `an output of unknown status ${JSON.stringify(status).slice(0, 80)}`;
  if ((status === 'raised' || status === 'contract-violation' || status === 'bad-input' || status === 'bad-call') && (typeof o.exception !== 'string' || typeof o.message !== 'string')) {
    return `a ${status} output without exception and message`;
  }
  if (status === 'returned' && (!('value' in o) || typeof o.repr !== 'string')) return 'a returned output without value and repr';
  return o as unknown as CallOutput | ExampleOutput;
}

function parseCoverage(c: unknown): Coverage | undefined | string {
  if (c === undefined || c === null) return undefined;
  const nums = (v: unknown) => Array.isArray(v) && v.every((x) => isInt(x));
  if (!isObject(c) || !nums(c.lines) || !nums(c.callLines) || !Array.isArray(c.arcs) || !c.arcs.every((a) => Array.isArray(a) && a.length === 2 && nums(a))) {
    return 'a coverage record of unknown shape';
  }
  return { lines: c.lines as number[], arcs: c.arcs as [number, number][], callLines: c.callLines as number[] };
}

/**
 * A result line for job `id` (of kind `kind`) as a JobResult, or why it cannot be one. A result for
 * another job is a problem too: lines are matched to jobs by id, never by order alone.
 */
export function parseResult(msg: Json, id: number, kind: string | undefined): JobResult | string {
  if (msg.id !== id) return `a result for job ${JSON.stringify(msg.id)} while job ${id} was running`;
  const verdict = parseVerdict(msg.verdict);
  if (typeof verdict === 'string') return verdict;
  const rawOutputs = msg.outputs ?? [];
  if (!Array.isArray(rawOutputs)) return 'outputs is not an array';
  const outputs: (CallOutput | ExampleOutput)[] = [];
  for (const o of rawOutputs) {
    const parsed = parseOutput(o, kind);
    if (typeof parsed === 'string') return parsed;
    outputs.push(parsed);
  }
  const coverage = parseCoverage(msg.coverage);
  if (typeof coverage === 'string') return coverage;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  const result: JobResult = {
    verdict,
    outputs,
    stdout: str(msg.stdout) ?? '',
    stderr: str(msg.stderr) ?? '',
    stdoutTruncated: msg.stdoutTruncated === true,
    stderrTruncated: msg.stderrTruncated === true,
    durationMs: num(msg.durationMs),
    leftoverProcesses: isInt(msg.leftoverProcesses) && msg.leftoverProcesses >= 0 ? msg.leftoverProcesses : 0,
  };
  if (typeof msg.cpuMs === 'number' && Number.isFinite(msg.cpuMs)) result.cpuMs = msg.cpuMs;
  if (coverage) result.coverage = coverage;
  const stop = msg.callStop;
  if (isObject(stop)) {
    if (!isInt(stop.index) || stop.index < 0 || (stop.by !== 'cpu' && stop.by !== 'step-cap' && stop.by !== 'backstop')) return 'a call stop of unknown shape';
    result.callStop = { index: stop.index, by: stop.by };
  }
  if (msg.countedCalls !== undefined) {
    const c = msg.countedCalls;
    if (!Array.isArray(c) || !c.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && p[0] >= 0 && isInt(p[1]) && p[1] >= 0)) return 'counted calls of unknown shape';
    result.countedCalls = (c as [number, number][]).map(([index, steps]) => ({ index, steps }));
  }
  return result;
}

/**
 * Splits a worker's stdout into lines without ever holding more than MAX_LINE_CHARS of one: a
 * longer line is dropped as it arrives and reported as `overlong` when it ends.
 */
export class LineReader {
  private pieces: string[] = [];
  private length = 0;
  private overlong = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
    private readonly cap = MAX_LINE_CHARS,
  ) {}

  push(chunk: string): void {
    let start = 0;
    let nl: number;
    while ((nl = chunk.indexOf('\n', start)) >= 0) {
      this.add(chunk.slice(start, nl));
      const line = this.pieces.join('');
      const overlong = this.overlong;
      this.pieces = [];
      this.length = 0;
      this.overlong = false;
      if (overlong) this.onOverlong();
      else this.onLine(line);
      start = nl + 1;
    }
    if (start < chunk.length) this.add(chunk.slice(start));
  }

  private add(piece: string): void {
    if (this.overlong) return;
    this.length += piece.length;
    if (this.length > this.cap) {
      this.overlong = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(piece);
  }
}
