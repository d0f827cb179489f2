import { readReport } from '../../report/validate.js';
import type { CommandFactory } from '../command.js';

export const validateCommand: CommandFactory = (state) => (y) =>
  y.command(
    'validate <file>',
    'check that a report matches schemas/audit.schema.json',
    (c) =>
      c
        .positional('file', { type: 'string', demandOption: true, describe: 'an audit report (JSON)' })
        .example('$0 validate audits/humaneval/humaneval.audit.json', 'exit 0 if valid, 2 with every violation listed if not'),
    (argv) => {
      const report = readReport(argv.file);
      state.io.err(`${argv.file}: valid bench-audit report (schema ${report.schemaVersion}, ${report.benchmark.id}, ${report.summary.tasks} tasks)\n`);
    },
  );
