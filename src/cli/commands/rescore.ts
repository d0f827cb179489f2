import Table from 'cli-table3';
import { UsageError } from '../../errors.js';
import { rescore, type Rescore } from '../../apply/rescore.js';
import type { Estimate } from '../../apply/statistics.js';
import { DEFAULT_SEED } from '../../model/defaults.generated.js';
import { readResults, readSamples } from '../../apply/samples.js';
import { rescoreSamples, sampleResults, summarizeFalsePasses, verdictsJsonl, type FalsePassSummary } from '../../apply/false-passes.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readReport } from '../../report/validate.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { CommandFactory } from '../command.js';
import { guardStdout } from '../io.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
/** "85.4% [80.1, 90.2]": the estimate and its interval, in points. */
const withInterval = (e: Estimate | null | undefined) =>
  e === null || e === undefined ? '-' : `${pct(e.value)} [${(e.low * 100).toFixed(1)}, ${(e.high * 100).toFixed(1)}]`;

/** One table per scoring: a row per subset, a column per suite and k. */
function scoreTable(result: Rescore, color: boolean): string {
  const columns = [...new Map(result.subsets.flatMap((s) => s.scores).map((c) => [`${c.suite}\0${c.k}`, c] as const)).values()];
  const head = ['subset', 'tasks', 'samples', ...columns.map((c) => `pass@${c.k}${c.suite === 'original' ? '' : ` (${c.suite})`}`)];
  const t = new Table({ head, style: color ? { head: ['cyan'] } : { head: [], border: [] } });
  for (const s of result.subsets) {
    const cell = (suite: string, k: number) => withInterval(s.scores.find((x) => x.suite === suite && x.k === k)?.estimate);
    t.push([s.subset, String(s.tasks), String(s.samples), ...columns.map((c) => cell(c.suite, c.k))]);
  }
  return `${t.toString()}\n${Math.round(result.confidence * 100)}% bootstrap intervals over tasks (seed ${result.seed})\n`;
}

export const rescoreCommand: CommandFactory = (state) => (y) =>
  y.command(
    'rescore',
    "a model's pass@k (with intervals) overall, on the clean tasks and on each flagged subset of an audit",
    (c) =>
      c
        .option('audit', { type: 'string', demandOption: true, describe: 'the audit report of the benchmark' })
        .option('results', { type: 'string', describe: 'human-eval *_results.jsonl or EvalPlus eval_results.json' })
        .option('samples', { type: 'string', describe: "the model's samples (JSONL: task_id + completion or solution): re-run on the benchmark's tests and on the strengthened tests" })
        .option('out', { type: 'string', describe: "with --samples: write each sample's verdict here (JSONL: task, sample, row, verdict, the failing assert)" })
        .option('seed', { type: 'number', describe: 'seed of the bootstrap resampling', default: DEFAULT_SEED })
        .option('python', { type: 'string', describe: 'Python interpreter for the sandbox' })
        .option('json', { type: 'boolean', describe: 'print one JSON document' })
        .example('$0 rescore --audit humaneval.audit.json --results samples.jsonl_results.jsonl', 'pass@1 and pass@10 on all tasks and on the clean ones, with 95% intervals')
        .example('$0 rescore --audit humaneval.audit.json --samples samples.jsonl', 'the same on the strengthened tests, and the samples they newly reject')
        .example('$0 rescore --audit humaneval.audit.json --samples samples.jsonl --out verdicts.jsonl', 'and which samples, failing which assert'),
    async (argv) => {
      if (argv.results === undefined && argv.samples === undefined) throw new UsageError('give --results, --samples, or both');
      if (argv.out !== undefined && argv.samples === undefined) throw new UsageError('--out writes per-sample verdicts: give --samples too');
      const seed = argv.seed as number;
      if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, got ${String(argv.seed)}`);
      const report = readReport(argv.audit);
      const result = argv.results === undefined ? undefined : rescore(report, readResults(argv.results), { seed });
      if (result && result.tasksWithoutResults === report.tasks.length) {
        throw new UsageError(`none of the task ids in ${argv.results} is in the audit of ${report.benchmark.id}${result.unmatchedResults.length > 0 ? ` (e.g. ${result.unmatchedResults.slice(0, 3).join(', ')}; the audit has ${report.tasks.slice(0, 2).map((t) => t.id).join(', ')}, ...)` : ' (no results read)'}`, {
          hint: 'are the results and the audit of the same benchmark?',
        });
      }
      let falsePasses: FalsePassSummary | undefined;
      let sampleScores: Rescore | undefined;
      if (argv.samples !== undefined) {
        const samples = readSamples(argv.samples);
        const known = new Set(report.tasks.map((t) => t.id));
        if (!samples.some((x) => known.has(x.taskId))) {
          throw new UsageError(`none of the task ids in ${argv.samples} is in the audit of ${report.benchmark.id}`, { hint: 'are the samples and the audit of the same benchmark?' });
        }
        const guard = argv.json ? guardStdout() : undefined;
        try {
          const runs = await rescoreSamples(report, samples, { ...(argv.python ? { python: argv.python } : {}), log: (m) => state.io.err(m + '\n') });
          falsePasses = summarizeFalsePasses(runs);
          if (argv.out !== undefined) {
            writeFileAtomic(argv.out, verdictsJsonl(runs.verdicts));
            state.io.err(`wrote ${runs.verdicts.length} sample verdicts to ${argv.out}\n`);
          }
          sampleScores = rescore(report, sampleResults(runs.verdicts), { seed });
        } finally {
          guard?.restore();
        }
      }
      if (argv.json) {
        state.io.out(canonicalJson({ ...(result ?? {}), ...(falsePasses ? { falsePasses, sampleScores } : {}) }));
        return;
      }
      const color = state.io.stdoutIsTty;
      if (falsePasses && sampleScores) {
        const f = falsePasses;
        state.io.out(`${sampleScores.benchmark}: samples re-run on the benchmark's tests and on the strengthened tests\n${scoreTable(sampleScores, color)}`);
        state.io.out(`samples: ${f.samples}; pass the benchmark's tests: ${f.passedOriginal}; pass the strengthened tests too: ${f.passedStrengthened}; false passes: ${f.falsePasses}\n`);
        for (const t of f.tasks) state.io.out(`  ${t.taskId}: ${t.falsePasses} of ${t.passedOriginal} passing samples fail the strengthened tests\n`);
        if (f.unmatchedSamples.length > 0) state.io.err(`warning: ${f.unmatchedSamples.length} sample task ids are not in the benchmark (e.g. ${f.unmatchedSamples.slice(0, 3).join(', ')})\n`);
      }
      if (!result) return;
      state.io.out(`${result.benchmark}: results as given\n${scoreTable(result, color)}`);
      if (result.unmatchedResults.length > 0) state.io.err(`warning: ${result.unmatchedResults.length} result task ids are not in the audit (e.g. ${result.unmatchedResults.slice(0, 3).join(', ')})\n`);
      if (result.tasksWithoutResults > 0) state.io.err(`warning: ${result.tasksWithoutResults} audited tasks have no result\n`);
    },
  );
