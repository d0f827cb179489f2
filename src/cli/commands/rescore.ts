import Table from 'cli-table3';
import { InputError, UsageError } from '../../errors.js';
import { parseJsonl } from '../../datasets/readers.js';
import { rescore, type SampleResult } from '../../apply/rescore.js';
import { readReport } from '../../report/validate.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { readInputText } from '../../util/read-input.js';
import type { CommandFactory } from '../main.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../checks/execution/index.js';
import { countFalsePasses, type FalsePassSummary, type Sample } from '../../apply/false-passes.js';
import { createSandboxPool } from '../../sandbox/pool.js';
import { resolvePython } from '../../python/interpreter.js';
import { loadRequestTasks } from '../../audit/request.js';
import { requestFromReport } from './verify.js';
import { guardStdout } from '../io.js';

/**
 * Read a model's results: human-eval `*_results.jsonl` (one sample per line with task_id and
 * passed) or EvalPlus `eval_results.json` ({ eval: { task_id: [{ base_status, plus_status }] } }).
 */
export function readResults(file: string): SampleResult[] {
  const text = readInputText(file);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') && !/\}\s*\n\s*\{/.test(trimmed)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new InputError(`not JSON: ${(error as Error).message}`, { location: { file }, cause: error });
    }
    const evals = (doc as { eval?: unknown }).eval;
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

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

export const rescoreCommand: CommandFactory = (state) => (y) =>
  y.command(
    'rescore',
    'pass@1 of a model overall, on the clean tasks and on each flagged subset of an audit',
    (c) =>
      c
        .option('audit', { type: 'string', demandOption: true, describe: 'the audit report of the benchmark' })
        .option('results', { type: 'string', describe: 'human-eval *_results.jsonl or EvalPlus eval_results.json' })
        .option('samples', { type: 'string', describe: 'the model\'s samples (JSONL: task_id + completion or solution): re-run against the strengthened tests to count false passes' })
        .option('python', { type: 'string', describe: 'Python interpreter for the sandbox' })
        .option('json', { type: 'boolean', describe: 'print one JSON document' })
        .example('$0 rescore --audit humaneval.audit.json --results samples.jsonl_results.jsonl', 'your 85% on all tasks, and on the clean ones')
        .example('$0 rescore --audit humaneval.audit.json --samples samples.jsonl', 'how many passing samples fail the strengthened tests'),
    async (argv) => {
      if (argv.results === undefined && argv.samples === undefined) throw new UsageError('give --results, --samples, or both');
      const report = readReport(argv.audit);
      const result = argv.results === undefined ? undefined : rescore(report, readResults(argv.results));
      let falsePasses: FalsePassSummary | undefined;
      if (argv.samples !== undefined) {
        const samples = readSamples(argv.samples);
        const guard = argv.json ? guardStdout() : undefined;
        try {
          const loaded = await loadRequestTasks(requestFromReport(report, argv.python), (m) => state.io.err(m + '\n'));
          const execution = { ...DEFAULT_EXECUTION_CONFIG, ...(report.config.execution ?? {}) };
          const pool = createSandboxPool({ python: resolvePython(argv.python).executable, isolation: execution.isolation });
          try {
            falsePasses = await countFalsePasses(report, loaded.tasks, samples, pool, { timeoutMs: execution.timeLimitMs, memoryBytes: execution.memoryLimitMb * 1024 * 1024 });
          } finally {
            await pool.close();
          }
        } finally {
          guard?.restore();
        }
      }
      if (argv.json) {
        state.io.out(canonicalJson({ ...(result ?? {}), ...(falsePasses ? { falsePasses } : {}) }));
        return;
      }
      if (falsePasses) {
        const f = falsePasses;
        state.io.out(`samples: ${f.samples}; pass the benchmark's tests: ${f.passedOriginal}; pass the strengthened tests too: ${f.passedStrengthened}; false passes: ${f.falsePasses}\n`);
        for (const t of f.tasks) state.io.out(`  ${t.taskId}: ${t.falsePasses} of ${t.passedOriginal} passing samples fail the strengthened tests\n`);
        if (f.unmatchedSamples.length > 0) state.io.err(`warning: ${f.unmatchedSamples.length} sample task ids are not in the benchmark\n`);
      }
      if (!result) return;
      const plus = result.subsets.some((s) => s.plusPassAt1 !== undefined);
      const t = new Table({ head: ['subset', 'tasks', 'samples', 'pass@1', ...(plus ? ['pass@1 (plus)'] : [])], style: state.io.stdoutIsTty ? { head: ['cyan'] } : { head: [], border: [] } });
      for (const s of result.subsets) t.push([s.subset, String(s.tasks), String(s.samples), pct(s.passAt1), ...(plus ? [pct(s.plusPassAt1)] : [])]);
      state.io.out(`${result.benchmark}\n${t.toString()}\n`);
      if (result.unmatchedResults.length > 0) state.io.err(`warning: ${result.unmatchedResults.length} result task ids are not in the audit (e.g. ${result.unmatchedResults.slice(0, 3).join(', ')})\n`);
      if (result.tasksWithoutResults > 0) state.io.err(`warning: ${result.tasksWithoutResults} audited tasks have no result\n`);
    },
  );
