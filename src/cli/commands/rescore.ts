import Table from 'cli-table3';
import { UsageError } from '../../errors.js';
import { rescore } from '../../apply/rescore.js';
import { readResults, readSamples } from '../../apply/samples.js';
import { rescoreSamples, verdictsJsonl, type FalsePassSummary } from '../../apply/false-passes.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readReport } from '../../report/validate.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { CommandFactory } from '../command.js';
import { guardStdout } from '../io.js';

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
        .option('out', { type: 'string', describe: 'with --samples: write each sample\'s verdict here (JSONL: task, sample, row, verdict, the failing assert)' })
        .option('python', { type: 'string', describe: 'Python interpreter for the sandbox' })
        .option('json', { type: 'boolean', describe: 'print one JSON document' })
        .example('$0 rescore --audit humaneval.audit.json --results samples.jsonl_results.jsonl', 'your 85% on all tasks, and on the clean ones')
        .example('$0 rescore --audit humaneval.audit.json --samples samples.jsonl', 'how many passing samples fail the strengthened tests')
        .example('$0 rescore --audit humaneval.audit.json --samples samples.jsonl --out verdicts.jsonl', 'and which samples, failing which assert'),
    async (argv) => {
      if (argv.results === undefined && argv.samples === undefined) throw new UsageError('give --results, --samples, or both');
      if (argv.out !== undefined && argv.samples === undefined) throw new UsageError('--out writes per-sample verdicts: give --samples too');
      const report = readReport(argv.audit);
      const result = argv.results === undefined ? undefined : rescore(report, readResults(argv.results));
      let falsePasses: FalsePassSummary | undefined;
      if (argv.samples !== undefined) {
        const samples = readSamples(argv.samples);
        const guard = argv.json ? guardStdout() : undefined;
        try {
          const detailed = await rescoreSamples(report, samples, { ...(argv.python ? { python: argv.python } : {}), log: (m) => state.io.err(m + '\n') });
          falsePasses = detailed.summary;
          if (argv.out !== undefined) {
            writeFileAtomic(argv.out, verdictsJsonl(detailed.verdicts));
            state.io.err(`wrote ${detailed.verdicts.length} sample verdicts to ${argv.out}\n`);
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
