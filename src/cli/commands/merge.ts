/**
 * `bench-audit merge <partial...> --out FILE`: combine the partial results of a sharded contamination
 * scan (`audit --corpus ... --shard K/N --partial-out FILE`) into the result an unsharded run produces.
 */
import type { CommandModule } from 'yargs';
import { InputError, UsageError } from '../../errors.js';
import { contaminationDocument, isPartialFile, mergePartialFiles, type ContaminationPartialFile, type MergedContamination } from '../../audit/merge-shards.js';
import { runAudit } from '../../audit/run.js';
import type { Check } from '../../checks/types.js';
import type { AuditReport, CheckName } from '../../model/types.generated.js';
import { readReport } from '../../report/validate.js';
import { serializeReport } from '../../report/write.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readInputText } from '../../util/read-input.js';

interface MergeArgs {
  partials: string[];
  out?: string;
  report?: string;
}

/** A check that returns what a recorded report holds for it (the other checks of a sharded run are identical in every shard). */
function replayCheck(report: AuditReport, name: CheckName): Check {
  return {
    name,
    run: async () => ({
      tasks: report.tasks.map((t) => ({
        ...((t.checks as Record<string, unknown>)[name] === undefined ? {} : { section: (t.checks as Record<string, never>)[name] }),
        findings: t.findings.filter((f) => f.check === name),
      })),
      ...((report.summary.checks as Record<string, unknown>)[name] === undefined ? {} : { summary: (report.summary.checks as Record<string, never>)[name] }),
      findings: report.findings.filter((f) => f.check === name && f.kind !== 'task-count-mismatch'),
      warnings: report.warnings.filter((w) => w.check === name),
    }),
  };
}

/**
 * The full audit report an unsharded run gives: the shard report's benchmark, config and other
 * checks, with contamination replaced by the merged result, assembled by the same runAudit.
 */
export async function mergedReport(shardReport: AuditReport, merged: MergedContamination): Promise<AuditReport> {
  const config = shardReport.config;
  if (!config.checks.includes('contamination')) throw new UsageError('the --report given did not run the contamination check');
  if ((config.contamination?.compareWith ?? []).length > 0) {
    throw new UsageError('merge cannot rebuild --compare-with overlaps', { hint: 'run --compare-with in an unsharded audit without --corpus (it does not scan the corpus)' });
  }
  if (canonicalJson(config.contamination?.corpus ?? null) !== canonicalJson(merged.config.corpus ?? null)) {
    throw new UsageError('the --report given scanned another corpus than the partials');
  }
  if (shardReport.tasks.length !== merged.tasks.length || shardReport.tasks.some((t, i) => t.id !== merged.tasks[i].id)) {
    throw new UsageError('the --report given is of other tasks than the partials');
  }
  const { taskCount: _taskCount, ...info } = shardReport.benchmark;
  const contamination: Check = { name: 'contamination', run: async () => ({ ...merged.output, runInfo: { mergedShards: true } }) };
  return runAudit(
    {
      info,
      tasks: merged.tasks,
      warnings: shardReport.warnings.filter((w) => w.check === undefined),
      findings: shardReport.findings.filter((f) => f.kind === 'task-count-mismatch'),
    },
    { config, checks: config.checks.map((n) => (n === 'contamination' ? contamination : replayCheck(shardReport, n))) },
  );
}

export function readPartialFile(path: string): ContaminationPartialFile {
  const text = readInputText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`partial result is not JSON: ${(error as Error).message}`, {
      hint: 'pass the files written by `audit --shard K/N --partial-out FILE`',
      location: { file: path },
      cause: error,
    });
  }
  if (!isPartialFile(value)) {
    throw new InputError(`${path} is not a contamination partial result`, { hint: 'pass the files written by `audit --shard K/N --partial-out FILE`', location: { file: path } });
  }
  return value;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <partials..>',
  describe: 'merge the partial results of a sharded contamination scan',
  builder: (y) =>
    y
      .positional('partials', { type: 'string', array: true, demandOption: true, describe: 'partial result files, one per shard' })
      .option('out', { type: 'string', describe: 'write the merged result here (default: stdout)' })
      .option('report', { type: 'string', describe: 'the report of any one shard: write the full audit report an unsharded run gives' })
      .example('$0 merge parts/p-*.json --report parts/report-0.json --out humaneval.audit.json', 'the audit report of the whole corpus')
      .example('$0 merge parts/p-*.json --out contamination.json', 'only the merged contamination result') as never,
  handler: async (args) => {
    const files = args.partials.map(readPartialFile);
    const result = mergePartialFiles(files);
    if (!result.ok) throw new UsageError(`cannot merge: ${result.reason}`, { hint: 'merge all N shards of one run (same benchmark, corpus and parameters)' });
    const text = args.report ? serializeReport(await mergedReport(readReport(args.report), result.merged)) : canonicalJson(contaminationDocument(result.merged));
    if (args.out) writeFileAtomic(args.out, text, { mkdir: true });
    else process.stdout.write(text);
  },
};
