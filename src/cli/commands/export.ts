import { UsageError } from '../../errors.js';
import { DEFAULT_MAX_ADDED, exportFromReport } from '../../apply/export.js';
import { parseCount } from '../units.js';
import type { FindingKind } from '../../model/types.generated.js';
import { readReport } from '../../report/validate.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { FINDING_KIND_NAMES, isFindingKind } from '../../model/finding-kinds.js';
import { stringifyPythonJson } from '../../util/python-json.js';
import type { CommandFactory } from '../command.js';
import { prepareOutput } from '../outputs.js';

export const exportCommand: CommandFactory = (state) => (y) =>
  y.command(
    'export <benchmark>',
    'write a cleaned benchmark (JSONL, original schema) without the tasks an audit flags, optionally with strengthened tests',
    (c) =>
      c
        .positional('benchmark', { type: 'string', demandOption: true, describe: 'benchmark id (or the id recorded for --data)' })
        .option('audit', { type: 'string', describe: 'the audit report (default <benchmark>.audit.json)' })
        .option('exclude', { type: 'string', demandOption: true, describe: 'comma-separated finding kinds whose tasks are removed (warning or error findings)' })
        .option('strengthen', { type: 'boolean', describe: "append each kept task's strengthened suite (its first --max-added asserts) to its tests; the manifest names the wrong programs each kills and its evidence checks" })
        .option('max-added', { type: 'string', describe: `asserts added per task at most with --strengthen (default ${DEFAULT_MAX_ADDED}, HumanEval+-Mini's ~16 per task)` })
        .option('out', { type: 'string', describe: 'output JSONL (default <benchmark>.clean.jsonl); the manifest goes beside it as .manifest.json' })
        .option('offline', { type: 'boolean', describe: 'read the data from the local cache only' })
        .option('json', { type: 'boolean', describe: 'print the export manifest (what was removed or changed, and why) on stdout as one JSON document' })
        .example('$0 export humaneval --exclude canonical-fails,contaminated --strengthen', 'clean HumanEval with stronger tests')
        .example('$0 export mbpp --audit mbpp.json --exclude canonical-fails,flaky,timeout --out mbpp-clean.jsonl', ''),
    async (argv) => {
      const kinds = String(argv.exclude).split(',').map((k: string) => k.trim()).filter((k: string) => k !== '');
      const unknown = kinds.filter((k: string) => !isFindingKind(k));
      if (unknown.length > 0 || kinds.length === 0) throw new UsageError(`unknown finding kind: ${unknown.join(', ') || '(none given)'}`, { hint: `kinds: ${FINDING_KIND_NAMES.join(', ')}` });
      const maxAdded = parseCount('max-added', argv['max-added'] as string | undefined, 0) ?? DEFAULT_MAX_ADDED;
      const report = readReport(argv.audit ?? `${argv.benchmark}.audit.json`);
      if (report.benchmark.id !== argv.benchmark) throw new UsageError(`the audit is of ${report.benchmark.id}, not ${argv.benchmark}`);
      const out = argv.out ?? `${argv.benchmark}.clean.jsonl`;
      const manifestPath = `${out.replace(/\.jsonl$/, '')}.manifest.json`;
      prepareOutput(out, '--out');
      const result = await exportFromReport(report, {
        exclude: kinds as FindingKind[],
        strengthen: argv.strengthen === true,
        maxAdded,
        fetch: { ...(argv.offline ? { offline: true } : {}), log: (m) => state.io.err(m + '\n') },
      });
      writeFileAtomic(out, result.records.map((r) => stringifyPythonJson(r)).join('\n') + (result.records.length > 0 ? '\n' : ''));
      writeFileAtomic(manifestPath, canonicalJson(result.manifest));
      if (argv.json) state.io.out(canonicalJson(result.manifest));
      const c = result.manifest.counts;
      state.io.err(`wrote ${out}: ${c.kept} of ${c.tasks} tasks (${c.removed} removed, ${c.strengthened} with ${c.assertsAdded} added asserts)\nwrote ${manifestPath}\n`);
    },
  );
