import { ReportValidationError } from '../../errors.js';
import { derivedFigureProblems } from '../../report/derived.js';
import { readReport } from '../../report/validate.js';
import { canonicalJson } from '../../util/canonical-json.js';
import type { CommandFactory } from '../command.js';

export const validateCommand: CommandFactory = (state) => (y) =>
  y.command(
    'validate <file>',
    'check that a report matches schemas/audit.schema.json and that its summary agrees with its findings',
    (c) =>
      c
        .positional('file', { type: 'string', demandOption: true, describe: 'an audit report (JSON)' })
        .option('json', { type: 'boolean', describe: 'print the result as one JSON document on stdout' })
        .example('$0 validate audits/humaneval/humaneval.audit.json', 'exit 0 if valid, 2 with every violation listed if not'),
    (argv) => {
      const report = readReport(argv.file);
      const problems = derivedFigureProblems(report);
      if (problems.length > 0) {
        throw new ReportValidationError(`the summary contradicts the report's findings:\n  ${problems.join('\n  ')}`, problems, {
          hint: 'the report was edited or merged by hand; rerun the audit (or `bench-audit merge`) to get consistent figures',
          location: { file: argv.file },
        });
      }
      const what = `schema ${report.schemaVersion}, ${report.benchmark.id}, ${report.summary.tasks} tasks`;
      if (argv.json) state.io.out(canonicalJson({ file: argv.file, valid: true, schemaVersion: report.schemaVersion, benchmark: report.benchmark.id, tasks: report.summary.tasks }));
      state.io.err(`${argv.file}: valid bench-audit report (${what}); summary figures agree with the findings\n`);
    },
  );
