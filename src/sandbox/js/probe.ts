/**
 * The JavaScript runtime's isolation, measured: probe jobs run as a model sample runs (a tests job, strict mode) and
 * try what a hostile program would (modules, host objects, the network, timers, the host's hooks, the harness's
 * intrinsics and console, state left for the next job, a forged verdict, work beyond the budget). What they could do
 * becomes the isolation record; nothing is taken from the plan.
 */
import type { IsolationInfo, JsProbeAnswers } from '../isolation.js';
import type { JobResult, SandboxJob, TestsJob } from '../types.js';

/** Time limit of the budget probes: small, as only whether the budget stops them matters. */
const BUDGET_PROBE_MS = 100;

/** Marker on the probe's answer line, so that other output cannot be taken for it. */
const ANSWER = 'bench-audit-js-probe:';

/**
 * The escape probe's program: each attempt caught; what it reached is left on the global object for the probe's test
 * script, which reports it with the console the tests get, beside what the tests see of the intrinsics and console.
 */
const ESCAPE_PROBE = `
const tryIt = (f) => { try { return f(); } catch (e) { return undefined; } };
const r = {};
const hostKeys = ['process', 'Deno', 'Bun', 'std', 'os', 'module', 'Buffer', 'global'];
const hasHost = (g) => g !== undefined && g !== null && hostKeys.some((k) => { const t = tryIt(() => typeof g[k]); return t !== undefined && t !== 'undefined'; });
r.moduleLoaded = ['fs', 'child_process', 'net', 'os', 'std'].some((m) => tryIt(() => { require(m); return true; }) === true);
const viaFunction = tryIt(() => (() => {}).constructor('return typeof process')());
r.hostObject = hasHost(globalThis) || hasHost(tryIt(() => Function('return this')())) || (typeof viaFunction === 'string' && viaFunction !== 'undefined');
r.networkApi = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'net', 'http'].some((k) => typeof globalThis[k] !== 'undefined');
r.timers = ['setTimeout', 'setInterval', 'setImmediate'].some((k) => typeof globalThis[k] !== 'undefined');
r.hostHooks = Object.getOwnPropertyNames(globalThis).some((k) => /^__benchAuditHost/.test(k));
const fake = { log() {}, error() {}, assert() {} };
const forgedStringify = () => '"forged"';
tryIt(() => { Object.prototype.__benchAuditProbe = 1; });
tryIt(() => { Array.prototype.__benchAuditProbe = 1; });
tryIt(() => { JSON.stringify = forgedStringify; });
tryIt(() => { Object.defineProperty(Object.prototype, 'toString', { value: () => 'forged' }); });
tryIt(() => { globalThis.JSON = { stringify: forgedStringify, parse: JSON.parse }; });
tryIt(() => { Object.defineProperty(globalThis, 'JSON', { value: { stringify: forgedStringify, parse: JSON.parse } }); });
tryIt(() => { Object.defineProperty(globalThis, 'undefined', { value: 0 }); });
tryIt(() => { console.assert = fake.assert; });
tryIt(() => { globalThis.console = fake; });
tryIt(() => { Object.defineProperty(globalThis, 'console', { value: fake }); });
tryIt(() => { globalThis.__benchAuditProbeLeft = 1; });
const dynamic = tryIt(() => Function('return import("fs")')());
Object.defineProperty(globalThis, '__benchAuditProbeFound', { value: r });
Object.defineProperty(globalThis, '__benchAuditProbeFake', { value: fake });
Promise.resolve(dynamic).then((m) => { if (m !== undefined) r.moduleLoaded = true; }, () => {});
`;

/** The escape probe's test script: what the tests see after the program's attempts, and what the program reached. */
const ESCAPE_TESTS = `
const r = Object.assign({}, globalThis.__benchAuditProbeFound);
r.intrinsicsWritable = ({}).__benchAuditProbe === 1 || [].__benchAuditProbe === 1 || JSON.stringify(1) !== '1' || ({}).toString() === 'forged' || undefined === 0;
r.consoleReplaceable = console === globalThis.__benchAuditProbeFake || console.assert === globalThis.__benchAuditProbeFake.assert;
console.log('${ANSWER}' + JSON.stringify(r));
`;

/** Run after the escape probe on every worker: what the probe left behind must be gone. */
const STATE_PROBE = `console.log('${ANSWER}' + JSON.stringify({ stateCrossesJobs: ({}).__benchAuditProbe === 1 || [].__benchAuditProbe === 1 || typeof globalThis.__benchAuditProbeLeft !== 'undefined' }));`;

/** A wrong candidate that silences every channel it can think of; its false assert must still fail it. */
const FORGING_CANDIDATE = `
function answer() { return 1; }
const quiet = () => {};
try { console.assert = quiet; } catch (e) {}
try { console.error = quiet; } catch (e) {}
try { globalThis.console = { assert: quiet, log: quiet, error: quiet }; } catch (e) {}
try { Object.defineProperty(globalThis, 'console', { value: { assert: quiet, log: quiet, error: quiet } }); } catch (e) {}
try { Boolean.prototype.valueOf = () => true; } catch (e) {}
try { Number.prototype.valueOf = () => 2; } catch (e) {}
try { Object.defineProperty(globalThis, '__benchAuditAssert', { value: quiet }); } catch (e) {}
`;

/** Programs that try to outlast the work budget. */
const BUDGET_PROBES = [
  'while (true) {}',
  'for (;;) { try { while (true) {} } catch (e) {} }',
  'const loop = () => Promise.resolve().then(loop); loop();',
];

function testsJob(candidate: string, tests: string, timeoutMs?: number): TestsJob {
  return { kind: 'tests', program: { candidate }, entryPoint: 'answer', tests: { kind: 'script', code: tests }, ...(timeoutMs ? { timeoutMs, cpuLimitMs: timeoutMs } : {}) };
}

function answerOf(result: JobResult): Record<string, unknown> | undefined {
  const line = result.stdout.split('\n').find((l) => l.startsWith(ANSWER));
  if (line === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(line.slice(ANSWER.length));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The names of the probe answers that show a way out (empty: none found). */
export function jsEscapes(answers: JsProbeAnswers): string[] {
  return Object.entries(answers).filter(([, v]) => v).map(([k]) => k);
}

/** Notes on each way out the probes found. */
const ESCAPE_NOTES: Record<keyof JsProbeAnswers, string> = {
  moduleLoaded: 'a probe job loaded a module (require or import)',
  hostObject: 'a probe job reached a host object (process, Deno, Bun, std, os)',
  networkApi: 'a probe job found a network API',
  timers: 'a probe job found host timers (a callback could run after its budget)',
  hostHooks: "a probe job reached the host's output or assert hooks",
  intrinsicsWritable: 'a probe job changed what the tests see of the intrinsics (Object/Array prototypes, JSON, undefined)',
  consoleReplaceable: 'a probe job replaced the console or console.assert the tests call',
  stateCrossesJobs: "a probe job's changes were visible to the next job",
  verdictForged: 'a wrong program that silenced its asserts was judged passed',
  budgetEscaped: 'a probe job ended other than by the work budget',
};

/**
 * Run the probes through `run` (the runtime's own job path) and turn their answers into the isolation record. A probe
 * that gives no answer counts as a way out (fail closed).
 */
export async function probeJsIsolation(run: (job: SandboxJob) => Promise<JobResult>, plan: IsolationInfo, workers = 1): Promise<IsolationInfo> {
  const escape = answerOf(await run(testsJob(ESCAPE_PROBE, ESCAPE_TESTS)));
  const states = await Promise.all(Array.from({ length: workers }, () => run(testsJob(STATE_PROBE, ''))).map((p) => p.then(answerOf)));
  const forged = await run(testsJob(FORGING_CANDIDATE, 'console.assert(answer() === 2);'));
  const budgets = await Promise.all(BUDGET_PROBES.map((p) => run(testsJob(p, '', BUDGET_PROBE_MS))));
  const flag = (o: Record<string, unknown> | undefined, key: string) => o === undefined || o[key] !== false;
  const answers: JsProbeAnswers = {
    moduleLoaded: flag(escape, 'moduleLoaded'),
    hostObject: flag(escape, 'hostObject'),
    networkApi: flag(escape, 'networkApi'),
    timers: flag(escape, 'timers'),
    hostHooks: flag(escape, 'hostHooks'),
    intrinsicsWritable: flag(escape, 'intrinsicsWritable'),
    consoleReplaceable: flag(escape, 'consoleReplaceable'),
    stateCrossesJobs: states.some((s) => flag(s, 'stateCrossesJobs')),
    verdictForged: forged.verdict.status !== 'failed',
    budgetEscaped: budgets.some((b) => b.verdict.status !== 'timeout'),
  };
  const found = jsEscapes(answers) as (keyof JsProbeAnswers)[];
  const reachesHost = answers.moduleLoaded || answers.hostObject;
  return {
    mode: 'quickjs-wasm',
    networkIsolated: !reachesHost && !answers.networkApi,
    filesystem: reachesHost ? 'host' : 'confined',
    pidNamespace: !reachesHost,
    // Jobs share the worker's uid: the runtime sets this from the worker's own probes (runtime.ts, withWorker).
    uidDropped: false,
    processLimit: !reachesHost,
    notes: [
      ...plan.notes.filter((n) => !n.startsWith('not yet measured')),
      ...(escape === undefined ? ['the escape probe gave no answer: every escape it tests is counted as possible'] : []),
      ...found.map((k) => ESCAPE_NOTES[k]),
    ],
    probed: escape !== undefined,
    jsProbes: answers,
  };
}
