/**
 * The verdict of a JavaScript run, from what the host observed (how the run ended, what was written, which assert
 * sites saw a falsy condition): the HumanEval-X harness's rule (any output fails), with where the failure is.
 */
import type { Verdict } from '../types.js';
import type { JsResult } from './types.js';

/** An assert site as the instrumenter numbered it (src/javascript/asserts.ts). */
export interface NumberedSite {
  site: number;
  line: number;
  text: string;
}

/** node's message for a `require` of a package that is not installed (the runtime's `require` says the same). */
const MODULE_NOT_FOUND = /^Error: Cannot find module '/;

function splitError(message: string): { exception: string; message: string } {
  const m = /^([A-Za-z_$][\w$]*): ([\s\S]*)$/.exec(message);
  return m ? { exception: m[1], message: m[2] } : { exception: 'Error', message };
}

/**
 * The harness's verdict, with where the failure is when the host saw it. `official`: exactly the harness's rule (a
 * program that silences `console.assert` passes, as it would under the harness). `host`: also fails a run in which
 * the host counted a falsy assert, printed or not (untrusted samples). `testsScript`: the job's separate test script,
 * whose line of the first falsy unnumbered assert names it.
 */
export function jsVerdict(result: JsResult, sites: readonly NumberedSite[] = [], rule: 'official' | 'host' = 'official', testsScript?: string): Verdict {
  const end = result.end;
  if (end.kind === 'timeout') return { status: 'timeout', completed: result.asserts.reduce((n, a) => n + a.calls, 0) };
  if (end.kind === 'memory') return { status: 'error', reason: 'memory', message: 'the heap limit was reached' };
  if (end.kind === 'crashed') return { status: 'error', reason: 'worker-died', message: end.message };
  if (end.kind === 'output-limit') return { status: 'error', reason: 'resource', message: 'the output limit was reached' };
  if (end.kind === 'uncaught') {
    // A module the harness's machine must have installed (HumanEval-X's md5 task needs js-md5): the environment, not the code.
    const phase = MODULE_NOT_FOUND.test(end.message) ? 'imports' : 'tests';
    return { status: 'failed', phase, ...splitError(end.message) };
  }
  const falsy = result.asserts.find((a) => a.falsy > 0);
  const hostSawFalsy = falsy !== undefined || result.unnumberedAsserts.falsy > 0;
  if (result.official === 'passed' && (rule === 'official' || !hostSawFalsy)) return { status: 'passed' };
  if (falsy) {
    const site = sites.find((s) => s.site === falsy.site);
    return { status: 'failed', phase: 'tests', exception: 'AssertionError', message: 'Assertion failed', ...(site ? { line: site.line, text: site.text } : {}) };
  }
  if (result.unnumberedAsserts.falsy > 0) {
    const line = result.unnumberedAsserts.firstFalsyLine;
    const text = line === undefined ? undefined : testsScript?.split('\n')[line - 1]?.trim();
    return { status: 'failed', phase: 'tests', exception: 'AssertionError', message: 'Assertion failed', ...(line !== undefined && text ? { line, text } : {}) };
  }
  const stream = result.stderr !== '' ? 'stderr' : 'stdout';
  const text = (result.stderr || result.stdout).trim().split('\n')[0].slice(0, 200);
  return { status: 'failed', phase: 'tests', exception: 'Output', message: `the program wrote to ${stream} (the harness fails any output): ${text}` };
}
