import { diffReports, renderDiff } from '../../apply/diff.js';
import { readReport } from '../../report/validate.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { EXIT_FINDINGS, type CommandFactory } from '../command.js';

export const diffCommand: CommandFactory = (state) => (y) =>
  y.command(
    'diff <a> <b>',
    'what changed between two audit reports (exit 1 when they differ outside the run block)',
    (c) =>
      c
        .positional('a', { type: 'string', demandOption: true, describe: 'the earlier report' })
        .positional('b', { type: 'string', demandOption: true, describe: 'the later report' })
        .option('json', { type: 'boolean', describe: 'print the differences as one JSON document' })
        .example('$0 diff mbpp.audit.json mbpp-plus.audit.json', 'findings added/removed and summary deltas')
        .example('$0 diff run1.json run2.json && echo reproducible', 'exit 0 only when identical outside the run block'),
    (argv) => {
      const a = readReport(argv.a);
      const b = readReport(argv.b);
      const d = diffReports(a, b);
      state.io.out(argv.json ? canonicalJson(d) : renderDiff(d, a, b));
      if (!d.identical) state.exitCode = EXIT_FINDINGS;
    },
  );
