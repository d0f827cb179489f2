/**
 * `bench-audit merge <partial...> --out FILE`: combine the partial results of a sharded contamination
 * scan (`audit --corpus ... --shard K/N --partial-out FILE`) into the result an unsharded run produces.
 */
import { UsageError } from '../../errors.js';
import { contaminationDocument, mergedReport, mergePartialFiles, readPartialFile } from '../../audit/merge-shards.js';
import { readReport } from '../../report/validate.js';
import { serializeReport } from '../../report/write.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { CommandFactory } from '../command.js';
import { prepareOutput } from '../outputs.js';

export const mergeCommand: CommandFactory = (state) => (y) =>
  y.command(
    'merge <partials..>',
    'merge the partial results of a sharded contamination scan',
    (c) =>
      c
        .positional('partials', { type: 'string', array: true, demandOption: true, describe: 'partial result files, one per shard' })
        .option('out', { type: 'string', describe: 'write the merged result here (default: stdout)' })
        .option('json', { type: 'boolean', describe: 'print the merged document on stdout (also when --out is given)' })
        .option('report', { type: 'string', describe: 'the report of any one shard: write the full audit report an unsharded run gives' })
        .example('$0 merge parts/p-*.json --report parts/report-0.json --out humaneval.audit.json', 'the audit report of the whole corpus')
        .example('$0 merge parts/p-*.json --out contamination.json', 'only the merged contamination result'),
    async (argv) => {
      if (argv.out) prepareOutput(argv.out, '--out');
      const files = (argv.partials as string[]).map(readPartialFile);
      const result = mergePartialFiles(files);
      if (!result.ok) throw new UsageError(`cannot merge: ${result.reason}`, { hint: 'merge all N shards of one run (same benchmark, corpus and parameters)' });
      const text = argv.report ? serializeReport(await mergedReport(readReport(argv.report), result.merged)) : canonicalJson(contaminationDocument(result.merged));
      if (argv.out) {
        writeFileAtomic(argv.out, text, { mkdir: true });
        state.io.err(`wrote ${argv.out}\n`);
      }
      if (!argv.out || argv.json) state.io.out(text);
    },
  );
