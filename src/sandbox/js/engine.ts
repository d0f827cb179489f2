/**
 * Runs one JavaScript job in a fresh QuickJS runtime compiled to WebAssembly. The program under test has no
 * file system, network, process or module loader to reach (the interpreter has none), its heap, stack and work are
 * capped by the runtime, and everything the verdict rests on (output written, asserts seen, how the run ended) is
 * observed by the host: the program can change what it prints, not whether it printed.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { MAX_JS_MEMORY_BYTES, takeGrowthRefused } from './module.js';
import type { AssertSiteRecord, JsEnd, JsJob, JsResult, OfficialVerdict } from './types.js';

/** The global the instrumenter rewrites `console.assert(` into: `__benchAuditAssert(site, cond, ...message)`. */
export const ASSERT_HOOK = '__benchAuditAssert';

/** The global an instrumented program calls with a probe number (src/javascript/coverage.ts writes the calls). */
export const COVER_HOOK = '__benchAuditCover';
/** The global an instrumented program passes a branch's tested value through (src/javascript/coverage.ts). */
export const COVER_TEST_HOOK = '__benchAuditCoverTest';

/** Host functions the prelude captures and then deletes from the global object. */
const HOST_WRITE = '__benchAuditHostWrite';
const HOST_ASSERT = '__benchAuditHostAssert';

/** Streams as the host numbers them. */
const STDOUT = 1;
const STDERR = 2;

/**
 * Guest code run before the program. It builds node's `console` (log/info/debug to stdout, error/warn/trace to
 * stderr, `assert` printing "Assertion failed" to stderr as node does), a seeded `Math.random`, and a `require` that
 * fails as node's does for a module that is not installed. Formatting is a simplification of node's `util.inspect`:
 * only whether something was written decides a verdict, never what.
 */
function prelude(seed: number, strict: boolean, probes: number): string {
  return `(() => {
  'use strict';
  const write = globalThis.${HOST_WRITE};
  const hostAssert = globalThis.${HOST_ASSERT};
  const E = Error;
  delete globalThis.${HOST_WRITE};
  delete globalThis.${HOST_ASSERT};
  const show = (v) => {
    if (typeof v === 'string') return v;
    try { const j = JSON.stringify(v); return j === undefined ? String(v) : j; } catch { return String(v); }
  };
  const line = (args) => args.map(show).join(' ');
  const out = (...args) => { write(${STDOUT}, line(args)); };
  const err = (...args) => { write(${STDERR}, line(args)); };
  const assert = (cond, ...args) => {
    // Where a falsy assert was called (the engine's own stack), for naming it: only read by the host, never decisive.
    hostAssert(-1, cond, cond ? undefined : new E().stack);
    if (!cond) write(${STDERR}, args.length === 0 ? 'Assertion failed' : 'Assertion failed: ' + line(args));
  };
  const console = { log: out, info: out, debug: out, error: err, warn: err, trace: err, assert };
  let state = ${seed >>> 0} | 0;
  // mulberry32: a small seeded generator, so a repeat under another seed shows a reference that depends on chance.
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  Math.random = random;
  const require = (name) => { const e = new Error("Cannot find module '" + String(name) + "'"); e.code = 'MODULE_NOT_FOUND'; throw e; };
  const hook = (site, cond, ...args) => {
    hostAssert(site, cond);
    ${strict ? 'if (!cond) write(' + STDERR + ", args.length === 0 ? 'Assertion failed' : 'Assertion failed: ' + line(args));" : 'globalThis.console.assert(cond, ...args);'}
  };
  const fixed = { writable: false, configurable: false, enumerable: false };
  Object.defineProperty(globalThis, '${ASSERT_HOOK}', { value: hook, ...fixed });
  // Counts live in this closure: the program can call the hook, never read or reset the counts.
  const hits = [];
  for (let i = 0; i < ${probes}; i++) hits.push(0);
  const cover = (k) => { if (typeof k === 'number' && k >= 0 && k < hits.length && (k | 0) === k) hits[k] += 1; };
  // Counts yes when v is truthy (nullish: null or undefined), else no; returns v itself, so the operator sees it.
  const coverTest = (yes, no, v, nullish) => { cover((nullish ? v == null : v) ? yes : no); return v; };
  ${probes > 0 ? `Object.defineProperty(globalThis, '${COVER_HOOK}', { value: cover, ...fixed });
  Object.defineProperty(globalThis, '${COVER_TEST_HOOK}', { value: coverTest, ...fixed });` : ''}
  Object.defineProperty(globalThis, 'require', { value: require, writable: true, configurable: true });
  ${
    strict
      ? `Object.freeze(console);
  Object.defineProperty(globalThis, 'console', { value: console, ...fixed });
  for (const o of [JSON, Math, Object, Array, String, Number, Boolean, Function, Object.prototype, Array.prototype,
    String.prototype, Number.prototype, Boolean.prototype, Function.prototype, RegExp.prototype, Error.prototype]) Object.freeze(o);`
      : `globalThis.console = console;`
  }
  return [${TEST_BINDINGS.map((n) => (n === 'console' ? 'console' : n === ASSERT_HOOK ? 'hook' : n)).join(', ')}, hits];
})();
`;
}

/**
 * Names a separate test script sees as the values they had before the program ran, passed in as parameters: QuickJS
 * lets `Object.defineProperty(globalThis, ...)` redefine even a non-configurable global (measured), and any program
 * may assign `globalThis.JSON`, so globals alone cannot keep a program from answering for the tests.
 */
const TEST_BINDINGS = ['console', ASSERT_HOOK, 'JSON', 'Math', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'Set', 'Map', 'RegExp', 'Error', 'isNaN', 'isFinite', 'parseInt', 'parseFloat', 'undefined', 'NaN', 'Infinity'];

/** The error QuickJS raises when an allocation fails under the memory limit. */
const OUT_OF_MEMORY = /out of memory/i;
/** What emscripten's abort says when the instance's linear memory cannot grow (its bound, WASM_MEMORY_MAX_BYTES). */
const INSTANCE_OUT_OF_MEMORY = /out of memory|\bOOM\b|Cannot enlarge memory/i;

/** Host-side view of an assert condition's truthiness, read without running guest code (ToBoolean has no hooks). */
function truthy(vm: QuickJSContext, handle: QuickJSHandle): boolean {
  switch (vm.typeof(handle)) {
    case 'undefined':
      return false;
    case 'boolean':
      return vm.dump(handle) === true;
    case 'number': {
      const n = vm.getNumber(handle);
      return n !== 0 && !Number.isNaN(n);
    }
    case 'string':
      // Its length, not its text: a program's 30 MB string would otherwise be copied into the worker's own heap.
      return stringLength(vm, handle) !== 0;
    case 'bigint':
      return vm.getBigInt(handle) !== 0n;
    case 'object':
      // typeof null is 'object'; every other object is truthy.
      return !vm.sameValue(handle, vm.null);
    default:
      return true;
  }
}

/** Run one job; the module is loaded once per worker and every job gets its own runtime and context. */
export function runJsJob(module: QuickJSWASMModule, job: JsJob): JsResult {
  // Strict means the tests run apart; a one-file strict job would be forgeable, so it is never run as one.
  if (job.mode === 'strict' && typeof job.tests !== 'string') throw new Error('a strict JavaScript job needs its test script apart from the program');
  const heap = job.limits.memoryBytes;
  if (!Number.isInteger(heap) || heap <= 0 || heap > MAX_JS_MEMORY_BYTES) throw new Error(`a JavaScript job's memoryBytes must be an integer from 1 to ${MAX_JS_MEMORY_BYTES}, not ${heap}`);
  takeGrowthRefused();
  const runtime: QuickJSRuntime = module.newRuntime();
  let work = 0;
  let timedOut = false;
  let overflowed = false;
  /** The program made the host keep more than it allows (assert sites): a memory end, decided here. */
  let hostMemory = false;
  let outBytes = 0;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const sites = new Map<number, AssertSiteRecord>();
  const unnumbered: JsResult['unnumberedAsserts'] = { calls: 0, falsy: 0 };
  runtime.setMemoryLimit(job.limits.memoryBytes);
  runtime.setMaxStackSize(job.limits.stackBytes);
  runtime.setInterruptHandler(() => {
    work += 1;
    if (work > job.limits.workBudget) timedOut = true;
    return timedOut || overflowed || hostMemory;
  });
  const vm = runtime.newContext();
  try {
    const write = vm.newFunction(HOST_WRITE, (stream, text) => {
      if (overflowed) return;
      const isString = vm.typeof(text) === 'string';
      // A string longer than the output limit in UTF-16 units has at least as many UTF-8 bytes: it overflows, and is
      // never copied out of the interpreter (a program printing a 30 MB string in a loop would copy it each time).
      if (isString && stringLength(vm, text) + 1 > job.limits.outputBytes - outBytes) {
        overflowed = true;
        return;
      }
      const s = isString ? vm.getString(text) : '';
      // A write always produces at least its newline, as console.log('') does in node.
      const bytes = Buffer.byteLength(s) + 1;
      if (outBytes + bytes > job.limits.outputBytes) {
        overflowed = true;
        return;
      }
      outBytes += bytes;
      (vm.getNumber(stream) === STDOUT ? stdout : stderr).push(s + '\n');
    });
    const assert = vm.newFunction(HOST_ASSERT, (site, cond, stack) => {
      const n = vm.typeof(site) === 'number' ? vm.getNumber(site) : -1;
      const ok = truthy(vm, cond);
      if (!Number.isInteger(n) || n < 0) {
        unnumbered.calls += 1;
        if (!ok) unnumbered.falsy += 1;
        if (!ok && unnumbered.falsy === 1 && job.tests !== undefined && stack !== undefined && vm.typeof(stack) === 'string' && stringLength(vm, stack) <= MAX_STACK_READ_CHARS) {
          const line = testsLineOf(vm.getString(stack).slice(0, MAX_STACK_CHARS), `tests-${job.filename}`);
          if (line !== undefined) unnumbered.firstFalsyLine = line;
        }
        return;
      }
      if (!sites.has(n) && sites.size >= MAX_ASSERT_SITES) {
        hostMemory = true;
        return;
      }
      const record = sites.get(n) ?? { site: n, calls: 0, falsy: 0 };
      record.calls += 1;
      if (!ok) record.falsy += 1;
      sites.set(n, record);
    });
    vm.setProp(vm.global, HOST_WRITE, write);
    vm.setProp(vm.global, HOST_ASSERT, assert);
    write.dispose();
    assert.dispose();
    const setup = vm.evalCode(prelude(job.seed, job.mode === 'strict', probeCount(job)), 'bench-audit-prelude.js');
    if (setup.error) {
      const message = String(vm.dump(setup.error));
      setup.error.dispose();
      throw new Error(`the JavaScript prelude failed: ${message}`);
    }
    const originals = setup.value;

    let end: JsEnd = { kind: 'completed' };
    try {
      for (const [code, filename] of job.tests === undefined ? [[job.source, job.filename]] : [[job.source, job.filename], [job.tests, `tests-${job.filename}`]]) {
        const result = code === job.tests ? runTests(vm, code, filename, originals) : vm.evalCode(code, filename);
        if (result.error) {
          end = { kind: 'uncaught', message: describeError(vm, result.error) };
          result.error.dispose();
          break;
        }
        result.value.dispose();
        // node drains the promise jobs before it exits.
        const pending = runtime.executePendingJobs();
        if (pending.error) {
          end = { kind: 'uncaught', message: describeError(vm, pending.error) };
          pending.error.dispose();
          break;
        }
        if (timedOut || overflowed) break;
      }
    } catch (error) {
      // The host gave out under the interpreter (its stack): the instance cannot be trusted afterwards.
      aborted = true;
      end = { kind: 'crashed', message: error instanceof Error ? error.message : String(error) };
    }
    // The instance's linear memory bound refused this job more: what it threw then (often not even an error object,
    // which could not be allocated) is the allocator's failure, not the program's.
    const refused = takeGrowthRefused();
    if (end.kind === 'crashed') {
      // Nothing more is read from a broken instance; one that gave out growing its memory past its bound ran out of it.
      if (refused || INSTANCE_OUT_OF_MEMORY.test(end.message)) end = { kind: 'memory' };
    } else if (timedOut) end = { kind: 'timeout' };
    else if (overflowed) end = { kind: 'output-limit' };
    else if (hostMemory || (end.kind === 'uncaught' && (refused || OUT_OF_MEMORY.test(end.message)))) end = { kind: 'memory' };
    const broken = aborted;
    const coverage = !broken && job.coverageProbes !== undefined ? readHits(vm, originals, probeCount(job)) : undefined;
    if (!broken) originals.dispose();
    if (end.kind === 'uncaught' || end.kind === 'crashed') stderr.push(`Uncaught ${end.message}\n`);
    // node prints its own out-of-memory crash to stderr.
    if (end.kind === 'memory' && broken) stderr.push('FATAL ERROR: out of memory\n');
    const out = stdout.join('');
    const err = stderr.join('');
    return {
      end,
      official: officialVerdict(end, out, err),
      asserts: [...sites.values()].sort((a, b) => a.site - b.site),
      unnumberedAsserts: unnumbered,
      stdout: out,
      stderr: err,
      work,
      ...(coverage ? { coverage } : {}),
    };
  } finally {
    try {
      // A broken instance is not freed: the worker exits after this job.
      if (!aborted) {
        vm.dispose();
        runtime.dispose();
      }
    } catch {
      // QuickJS aborts when a runtime that ran out of memory is freed; the instance is unusable from then on.
      aborted = true;
    }
  }
}

/**
 * Assert sites the host keeps counts for in one job: the instrumenter numbers one per `console.assert` of a test script
 * (HumanEval-X's have under 100); a program calling the hook with ever new numbers would grow the worker's own heap
 * without bound, so the first site past this ends the job as out of memory.
 */
export const MAX_ASSERT_SITES = 100_000;
/** Longest thrown string or error text copied out of the interpreter for display; a longer one is described by its length. */
const MAX_DESCRIBED_CHARS = 10_000;
/** Longest stack text read for an assert's line: QuickJS's frames are short unless a program names a function with megabytes. */
const MAX_STACK_READ_CHARS = 100_000;

/** A string's length in UTF-16 units, read without copying its text out of the interpreter. */
function stringLength(vm: QuickJSContext, handle: QuickJSHandle): number {
  const length = vm.getProp(handle, 'length');
  try {
    return vm.typeof(length) === 'number' ? vm.getNumber(length) : 0;
  } finally {
    length.dispose();
  }
}

/** A string for display, copied out only when short. */
function boundedString(vm: QuickJSContext, handle: QuickJSHandle): string {
  const n = stringLength(vm, handle);
  return n <= MAX_DESCRIBED_CHARS ? vm.getString(handle) : `(a string of ${n} characters)`;
}

/** Probes a job may count: more would be an instrumenter's bug, and the counts array is built before the program runs. */
const MAX_COVERAGE_PROBES = 100_000;

function probeCount(job: JsJob): number {
  const n = job.coverageProbes ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > MAX_COVERAGE_PROBES) throw new Error(`a JavaScript job's coverageProbes must be an integer from 0 to ${MAX_COVERAGE_PROBES}, not ${n}`);
  return n;
}

/** The probe counts, read as own data properties of the prelude's array (no guest code runs). */
function readHits(vm: QuickJSContext, originals: QuickJSHandle, n: number): number[] {
  const hits = vm.getProp(originals, TEST_BINDINGS.length);
  try {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const h = vm.getProp(hits, i);
      out.push(vm.typeof(h) === 'number' ? vm.getNumber(h) : 0);
      h.dispose();
    }
    return out;
  } finally {
    hits.dispose();
  }
}

/** Stack text read for the first falsy assert: its first frames are all that is read. */
const MAX_STACK_CHARS = 4000;
/** Lines the test script's wrapper puts before the script (runTests's function head). */
const TESTS_WRAPPER_LINES = 1;
/** QuickJS's stack frame line: `    at name (file:line:column)`. */
const FRAME = /^\s*at .*\((.*?):(\d+)(?::\d+)?\)\s*$/;

/**
 * The test script's line of a falsy `console.assert`: the first frame below the prelude's own must be the test script
 * (an assert the program called, even from a test, is not named after a line of the tests).
 */
export function testsLineOf(stack: string, testsFile: string): number | undefined {
  for (const frame of stack.split('\n')) {
    const m = FRAME.exec(frame);
    if (!m) continue;
    if (m[1] === 'bench-audit-prelude.js') continue;
    if (m[1] !== testsFile) return undefined;
    const line = Number(m[2]) - TESTS_WRAPPER_LINES;
    return Number.isInteger(line) && line >= 1 ? line : undefined;
  }
  return undefined;
}

/** The test script as a function of the bindings it must not share with the program, called with their originals. */
function runTests(vm: QuickJSContext, code: string, filename: string, originals: QuickJSHandle): ReturnType<QuickJSContext['evalCode']> {
  const made = vm.evalCode(`(function (${TEST_BINDINGS.join(', ')}) {\n${code}\n})`, filename);
  if (made.error) return made;
  const args = TEST_BINDINGS.map((_, i) => vm.getProp(originals, i));
  try {
    return vm.callFunction(made.value, vm.undefined, ...args);
  } finally {
    for (const a of args) a.dispose();
    made.value.dispose();
  }
}

let aborted = false;

/** True once an interpreter abort has made this process's WebAssembly instance unusable. */
export function engineAborted(): boolean {
  return aborted;
}

/** The harness's rule: timed out, else any output at all fails, else passed. */
export function officialVerdict(end: JsEnd, stdout: string, stderr: string): OfficialVerdict {
  if (end.kind === 'timeout') return 'timed-out';
  // node prints an uncaught error, an out-of-memory crash, and a flood of output to stderr.
  if (end.kind !== 'completed') return 'failed';
  return stderr !== '' || stdout !== '' ? 'failed' : 'passed';
}

/**
 * The name and message of a thrown value, for display only (read with the interrupt handler still armed). Read
 * property by property, never converted whole: converting a thrown array of two million references to one object
 * for the host (quickjs-emscripten's dump) grew the worker past 2 GB (bench/js-worker-memory.ts).
 */
function describeError(vm: QuickJSContext, handle: QuickJSHandle): string {
  try {
    switch (vm.typeof(handle)) {
      case 'string':
        return boundedString(vm, handle);
      case 'object': {
        if (vm.sameValue(handle, vm.null)) return 'null';
        const message = vm.getProp(handle, 'message');
        const name = vm.getProp(handle, 'name');
        try {
          if (vm.typeof(message) !== 'string') return '[object Object]';
          return `${vm.typeof(name) === 'string' ? boundedString(vm, name) : 'Error'}: ${boundedString(vm, message)}`;
        } finally {
          message.dispose();
          name.dispose();
        }
      }
      case 'function':
        return '[function]';
      default:
        // Numbers, booleans, undefined, bigints, symbols: small by nature.
        return String(vm.dump(handle));
    }
  } catch {
    return 'a value that cannot be shown';
  }
}
