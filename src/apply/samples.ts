/**
 * A model's outputs as bench-audit reads them: per-sample pass/fail results (human-eval
 * `*_results.jsonl` or EvalPlus `eval_results.json`) and the samples themselves (JSONL). Errors name
 * the file, row and field.
 */
import { InputError } from '../errors.js';
import { parseJsonl } from '../datasets/readers.js';
import { readInputText } from '../util/read-input.js';
import type { Sample } from './false-passes.js';
import type { SampleResult } from './rescore.js';

/**
 * Read a model's results: human-eval `*_results.jsonl` (one sample per line with task_id and
 * passed) or EvalPlus `eval_results.json` ({ eval: { task_id: [{ base_status, plus_status }] } }).
 */
export function readResults(file: string): SampleResult[] {
  const text = readInputText(file);
  // One JSON document with an "eval" object is EvalPlus's; anything else (a one-line JSONL included) is human-eval's.
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    doc = undefined;
  }
  const evals = (doc as { eval?: unknown } | undefined)?.eval;
  const isEvalPlus = doc !== null && typeof doc === 'object' && !Array.isArray(doc) && !('task_id' in doc);
  if (isEvalPlus) {
    if (evals === null || typeof evals !== 'object') {
      throw new InputError('expected EvalPlus eval_results.json with an "eval" object', { location: { file, field: 'eval' } });
    }
    const out: SampleResult[] = [];
    for (const [taskId, samples] of Object.entries(evals as Record<string, unknown>)) {
      if (!Array.isArray(samples)) throw new InputError('expected a list of samples', { location: { file, field: `eval.${taskId}` } });
      samples.forEach((s: { base_status?: unknown; plus_status?: unknown }, i) => {
        if (typeof s?.base_status !== 'string') throw new InputError('expected "base_status" (pass/fail)', { location: { file, field: `eval.${taskId}[${i}].base_status` } });
        out.push({ taskId, passed: s.base_status === 'pass', ...(typeof s.plus_status === 'string' ? { plusPassed: s.plus_status === 'pass' } : {}) });
      });
    }
    return out;
  }
  return parseJsonl(text, file).map(({ row, value }) => {
    const taskId = value.task_id;
    if (typeof taskId !== 'string' && typeof taskId !== 'number') throw new InputError('expected "task_id"', { location: { file, row, field: 'task_id' } });
    if (typeof value.passed !== 'boolean') throw new InputError('expected "passed" (true/false)', { location: { file, row, field: 'passed' } });
    return { taskId: String(taskId), passed: value.passed };
  });
}

/** Model samples: JSONL with task_id and completion (human-eval) or solution (EvalPlus). */
export function readSamples(file: string): Sample[] {
  const text = readInputText(file);
  return parseJsonl(text, file).map(({ row, value }) => {
    const taskId = value.task_id;
    if (typeof taskId !== 'string' && typeof taskId !== 'number') throw new InputError('expected "task_id"', { location: { file, row, field: 'task_id' } });
    if (typeof value.solution === 'string') return { taskId: String(taskId), solution: value.solution };
    if (typeof value.completion === 'string') return { taskId: String(taskId), completion: value.completion };
    throw new InputError('expected "completion" or "solution" (a string)', { location: { file, row, field: 'completion' } });
  });
}
