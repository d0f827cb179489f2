/**
 * The cross-language check: a translated task's reference (JavaScript) and its Python sibling's reference, called on
 * the Python task's own test inputs (HumanEval+'s `base_input`, translated to JavaScript values as data), must
 * return the same values. Where they do not, the translation changed the task's behaviour.
 */
import type { Finding } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { toJsArguments } from '../../javascript/values.js';
import type { JsLimits } from '../../sandbox/js/types.js';
import type { CallOutput, EncodedValue, JobResult } from '../../sandbox/types.js';
import { MODULE_NOT_FOUND, probeOutputs, probeSource } from '../mutation/javascript.js';
import { evalplusAccepts, oracleFor } from './evalplus-oracle.js';
import { asJsValue, sameValue } from '../mutation/js-values.js';

export { asJsValue, sameValue };

/** Disagreeing inputs shown in a finding (all are counted). */
const MAX_SHOWN = 5;
import { finding } from '../types.js';
import type { JsJobRunner } from './javascript.js';

export interface CrossLanguageResult {
  compared: number;
  /** Inputs where the values differ but the Python task's contract accepts both (see `contractAccepts`). */
  acceptedByContract: number;
  /** Inputs not compared because the JavaScript reference needs a module that is not installed (the environment). */
  missingModule: number;
  disagreements: { input: string; python: string; javascript: string }[];
}

/**
 * Compare on `pythonTask`'s base inputs. `python` is the Python sandbox's run of the Python reference on them (a
 * call job); inputs the Python reference raises on, or whose value has no JavaScript counterpart, are not compared.
 */
export async function compareWithPython(task: Task, pythonTask: Task, python: JobResult, runner: JsJobRunner, limits: JsLimits): Promise<CrossLanguageResult> {
  const inputs = pythonTask.inputs?.base ?? [];
  const args = inputs.map((a) => toJsArguments(a, { exactNumbers: true }));
  const usable = args.map((a, i) => ({ a, i })).filter((x): x is { a: string; i: number } => x.a !== undefined);
  if (usable.length === 0) return { compared: 0, acceptedByContract: 0, missingModule: 0, disagreements: [] };
  const js = probeOutputs(await runner.run({ source: probeSource(task.solution, task.entryPoint, usable.map((u) => u.a)), filename: 'probe.js', seed: 0, limits, mode: 'official' }));
  const byIndex = new Map((python.outputs as CallOutput[]).map((o) => [o.index, o]));
  const out: CrossLanguageResult = { compared: 0, acceptedByContract: 0, missingModule: 0, disagreements: [] };
  usable.forEach(({ a, i }, k) => {
    const py = byIndex.get(i);
    if (py?.status !== 'returned') return;
    const expected = asJsValue(py.value);
    const got = js.get(k);
    if (expected === undefined || got === undefined) return;
    if (got.startsWith('!') && got.endsWith(` ${MODULE_NOT_FOUND}`)) {
      out.missingModule += 1;
      return;
    }
    out.compared += 1;
    const call = `${task.entryPoint}(${a})`;
    if (got.startsWith('!')) {
      out.disagreements.push({ input: call, python: py.repr, javascript: `throws ${got.slice(1)}` });
      return;
    }
    const text = got.slice(1);
    // A function that returns undefined where Python returns None is the same answer.
    const value: unknown = text === 'undefined' ? null : JSON.parse(text);
    if (sameValue(expected, value)) return;
    if (contractAccepts(pythonTask, inputs[i], py.value, value)) {
      out.acceptedByContract += 1;
      return;
    }
    out.disagreements.push({ input: call, python: py.repr, javascript: text });
  });
  return out;
}

/**
 * Where the task's answer is not unique, the translation agrees when the Python task's own output oracle accepts its
 * answer with the Python reference's as the expected one. The oracle is EvalPlus's, for the Python sibling's id
 * (HumanEval/32 find_zero: any x with |poly(x)| within tolerance is a right answer); for tasks with a unique answer
 * (EvalPlus's `==`) values must be equal. Only numbers, strings, booleans, null and arrays of them are put to the
 * oracle: a JavaScript object has no unambiguous Python reading.
 */
export function contractAccepts(pythonTask: Task, args: unknown[], python: EncodedValue, javascript: unknown): boolean {
  const oracle = oracleFor(pythonTask.id, pythonTask.entryPoint);
  if (oracle === 'equal' || !isPlainData(javascript)) return false;
  return evalplusAccepts(javascript, python, { oracle, atol: pythonTask.inputs?.atol ?? 0, args });
}

function isPlainData(v: unknown): v is EncodedValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return Array.isArray(v) && v.every(isPlainData);
}

export function crossLanguageFinding(task: Task, pythonTask: Task, r: CrossLanguageResult): Finding | undefined {
  if (r.disagreements.length === 0) return undefined;
  const first = r.disagreements[0];
  return finding(
    'execution',
    'translation-mismatch',
    'warning',
    `the reference disagrees with ${pythonTask.benchmark} ${pythonTask.id}'s on ${r.disagreements.length} of ${r.compared} of its test inputs (first: ${first.input} gives ${first.javascript}, Python ${first.python})`,
    { sibling: `${pythonTask.benchmark}:${pythonTask.id}`, compared: r.compared, count: r.disagreements.length, inputs: r.disagreements.slice(0, MAX_SHOWN) },
  );
}
