import { diffReports, renderDiff } from '../../apply/diff.js';
import { readReport } from '../../report/validate.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { guardStdout } from '../io.js';
import { prepareOutput } from '../outputs.js';
import { serializeReport } from '../../report/write.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { EXIT_FINDINGS, type CommandFactory } from '../command.js';
import { createProgress } from '../progress.js';
import { auditFromRequest, requestFromReport } from '../../audit/request.js';

export const verifyCommand: CommandFactory = (state) => (y) =>
  y.command(
    'verify <report>',
    're-run an audit with the report\'s recorded config and data revision; exit 0 when it reproduces',
    (c) =>
      c
        .positional('report', { type: 'string', demandOption: true })
        .option('python', { type: 'string', describe: 'Python interpreter to use' })
        .option('json', { type: 'boolean', describe: 'print the differences as one JSON document' })
        .option('offline', { type: 'boolean', describe: 'never use the network; read the data from the local cache' })
        .option('out', { type: 'string', describe: 'also write the re-run report here (to diff or publish)' })
        .example('$0 verify audits/humaneval/humaneval.audit.json', 'does the published audit reproduce here?'),
    async (argv) => {
      const recorded = readReport(argv.report);
      if (argv.out !== undefined) prepareOutput(argv.out, '--out');
      const guard = argv.json ? guardStdout() : undefined;
      try {
        const log = (m: string) => state.io.err(m + '\n');
        const request = { ...requestFromReport(recorded, argv.python), ...(argv.offline ? { offline: true } : {}) };
        const fresh = await auditFromRequest(request, { progress: createProgress(state.io.err, state.io.stderrIsTty), log });
        if (argv.out !== undefined) {
          writeFileAtomic(argv.out, serializeReport(fresh), { mkdir: true });
          log(`wrote ${argv.out}`);
        }
        const d = diffReports(recorded, fresh);
        if (guard) guard.write(canonicalJson({ reproduced: d.identical, diff: d }));
        else state.io.out(d.identical ? `reproduced: ${argv.report} (${recorded.benchmark.id}, ${recorded.summary.tasks} tasks)\n` : `NOT reproduced:\n${renderDiff(d, recorded, fresh)}`);
        if (!d.identical) state.exitCode = EXIT_FINDINGS;
      } finally {
        guard?.restore();
      }
    },
  );
