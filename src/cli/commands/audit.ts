import { join, resolve } from 'node:path';
import { ADAPTER_NAMES, CHECK_NAMES, configFromSettings, shardFromSettings, type AdapterName } from '../../audit/config.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_EXECUTION_CONFIG, DEFAULT_MUTATION_SETTINGS, DEFAULT_SEED, DEFAULT_STATIC_CONFIG } from '../../model/defaults.generated.js';
import { renderHtml } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { ISOLATION_MODES, SEVERITIES } from '../../model/enums.generated.js';
import type { Severity } from '../../model/types.generated.js';
import { serializeReport } from '../../report/write.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { guardStdout } from '../io.js';
import { EXIT_FINDINGS, type CommandFactory } from '../command.js';
import { contaminationSettings, withContaminationOptions } from '../contamination-options.js';
import { withFetchOptions } from '../options.js';
import { createByteProgress, createProgress } from '../progress.js';
import { auditFromRequest } from '../../audit/request.js';
import { environmentWarnings, environmentWarningsOf, renderSummary, renderWarning } from '../table.js';
import { prepareDirectory, prepareOutput } from '../outputs.js';
import { BASELINE_FILE, CONFIG_FILE, loadBaseline, loadConfigFile, PACKAGE_KEY } from '../config-file.js';
import { splitByBaseline, updatedBaseline } from '../../apply/baseline.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { countCheckpoints, EXIT_INTERRUPTED, onInterrupt, shellQuote } from '../interrupt.js';
import { MIN_MEMORY_MB, MIN_TIME_LIMIT_MS, parseCount, parseDuration, parseSizeMb } from '../units.js';
import type { AuditReport } from '../../model/types.generated.js';

const FAIL_ON_LEVELS = [...SEVERITIES, 'none'] as const;
type FailOn = (typeof FAIL_ON_LEVELS)[number];
/** New findings listed on the console under a baseline; the rest are counted (the report has them all). */
const MAX_NEW_LISTED = 10;

interface OutputPlan {
  json?: string;
  markdown?: string;
  html?: string;
}

/** Where one benchmark's report, Markdown and HTML go (undefined: not written). */
function outputPlan(id: string, o: { out?: string; outDir?: string; json: boolean; markdown?: string; html?: string }): OutputPlan {
  const json = o.out ?? (o.outDir !== undefined ? join(o.outDir.replaceAll('{id}', id), `${id}.audit.json`) : o.json ? undefined : `${id}.audit.json`);
  const beside = (given: string, ext: string) => (given !== '' ? given : `${(json ?? `${id}.audit.json`).replace(/\.json$/, '')}.${ext}`);
  return {
    ...(json !== undefined ? { json } : {}),
    ...(o.markdown !== undefined ? { markdown: beside(o.markdown, 'md') } : {}),
    ...(o.html !== undefined ? { html: beside(o.html, 'html') } : {}),
  };
}

/** An optional-value flag's value that is not a file of its kind is a positional yargs swallowed. */
function reclaimPositional(value: string | undefined, fileLike: RegExp, positionals: string[]): string | undefined {
  if (value === undefined || value === '' || fileLike.test(value)) return value;
  positionals.push(value);
  return '';
}

function parseInteger(flag: string, text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(String(text).trim())) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

/** Checks that save per-task results (the execution check: its reference differential). */
const checkpointed = (checks: readonly string[]) => checks.includes('mutation') || checks.includes('execution');

function interruptedMessage(args: readonly string[], checkpointDir: string | undefined, wrote: string[]): string {
  const lines = ['bench-audit: interrupted; no report was written for the benchmark in progress'];
  if (wrote.length > 0) lines.push(`finished before the interrupt: ${wrote.join(', ')}`);
  if (checkpointDir !== undefined) {
    const n = countCheckpoints(checkpointDir);
    lines.push(n > 0 ? `${checkpointDir} holds ${n} per-task result${n === 1 ? '' : 's'} (mutation, reference differential); --resume reuses those whose config and code match` : `no task's results were checkpointed yet (${checkpointDir})`);
    const again = args.includes('--resume') ? args : [...args, '--resume'];
    lines.push(`resume with: bench-audit ${again.map(shellQuote).join(' ')}`);
  } else {
    lines.push(`only the mutation check and the reference differential save per-task results; rerun: bench-audit ${args.map(shellQuote).join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}

export const auditCommand: CommandFactory = (state) => (y) =>
  y.command(
    'audit [benchmarks..]',
    'audit one or more benchmarks and write a report for each',
    (c) =>
      withContaminationOptions(withFetchOptions(
        c
          .positional('benchmarks', { type: 'string', array: true, describe: 'benchmark ids (see `datasets list`)' })
          .option('out-dir', { type: 'string', describe: 'write <id>.audit.json (and .md / .html) for each benchmark here; {id} in the path is replaced by the id' })
          .option('data', { type: 'string', describe: 'audit a local file instead (JSONL, JSONL.gz, JSON array, Parquet)' })
          .option('adapter', { choices: ADAPTER_NAMES, describe: 'record format of --data (default: detected from the fields)' })
          .option('id', { type: 'string', describe: 'benchmark id to record for --data (default: local)' })
          .option('out', { type: 'string', describe: 'report path, one benchmark only (default: <id>.audit.json; with --json only stdout unless given)' })
          .option('json', { type: 'boolean', describe: 'print the report on stdout as one JSON document (no table)' })
          .option('markdown', { type: 'string', describe: 'also write a Markdown summary; FILE must end in .md (default path: the report\'s, with .md)' })
          .option('html', { type: 'string', describe: 'also write a self-contained HTML report; FILE must end in .html (default path: the report\'s, with .html)' })
          .option('fail-on', { choices: FAIL_ON_LEVELS, describe: 'exit 1 when a finding not in the baseline reaches this severity (default error)' })
          .option('config', { type: 'string', describe: `project settings (default ${CONFIG_FILE}, else the "${PACKAGE_KEY}" key of package.json; schemas/config.schema.json); flags win` })
          .option('baseline', { type: 'string', describe: `accepted findings (kind + task id + reason) that --fail-on ignores (default ${BASELINE_FILE} beside the config)` })
          .option('update-baseline', { type: 'boolean', describe: 'write the baseline: accept every finding at or above --fail-on (keeps the reasons already written)' })
          .option('checks', { type: 'string', describe: `comma-separated checks to run (${CHECK_NAMES.join(', ')}); default: all` })
          .option('seed', { type: 'string', describe: `seed for every random choice (default ${DEFAULT_SEED})` })
          .option('few-tests', { type: 'string', describe: `flag tasks with this many tests or fewer (default ${DEFAULT_STATIC_CONFIG.fewTestsThreshold})` })
          .option('python', { type: 'string', describe: 'Python interpreter for parsing and running code (default: python3)' })
          .option('timeout', { type: 'string', group: 'Execution:', describe: `time limit of one sandboxed run, with a unit: 3s, 500ms (default ${DEFAULT_EXECUTION_CONFIG.timeLimitMs / 1000}s, minimum ${MIN_TIME_LIMIT_MS}ms)` })
          .option('memory', { type: 'string', group: 'Execution:', describe: `memory limit of one sandboxed run, with a unit: 512MB, 2GB; 0 = none (default ${DEFAULT_EXECUTION_CONFIG.memoryLimitMb}MB, minimum ${MIN_MEMORY_MB}MB)` })
          .option('repeats', { type: 'string', group: 'Execution:', describe: `runs of each reference, with different PYTHONHASHSEEDs, to find flaky tasks (default ${DEFAULT_EXECUTION_CONFIG.repeats})` })
          .option('isolation', { choices: ISOLATION_MODES, group: 'Execution:', describe: 'sandbox isolation (default auto: the strongest that works here); none needs --unsafe-no-isolation' })
          .option('unsafe-no-isolation', { type: 'boolean', group: 'Execution:', describe: 'allow --isolation none: benchmark code then runs unconfined, with your files and network' })
          .option('max-mutants-per-task', { type: 'string', group: 'Mutation:', describe: `sample at most this many mutants per task, deterministically from --seed (default ${DEFAULT_MUTATION_SETTINGS.maxMutantsPerTask})` })
          .option('checkpoint-dir', { type: 'string', group: 'Mutation:', describe: 'per-task mutation and reference-differential results are saved here (default .bench-audit/checkpoints/<id>)' })
          .option('resume', { type: 'boolean', group: 'Mutation:', describe: 'reuse the saved results of tasks finished by an interrupted run' }),
      ))
        .example('$0 audit demo', 'the packaged demo benchmark, offline')
        .example('$0 audit humaneval mbpp --out-dir audits --markdown --html', 'several benchmarks, JSON + Markdown + HTML each')
        .example('$0 audit humaneval --out humaneval.json', 'download HumanEval from the hub and audit it')
        .example('$0 audit --data my-tasks.jsonl --json > report.json', 'audit a local file, report on stdout')
        .example('$0 audit mbpp --fail-on warning', 'exit 1 if any warning or error is found (CI gating)')
        .example('$0 audit humaneval --out h.json --markdown --html', 'also write h.md (Markdown summary) and h.html (self-contained report)')
        .example('$0 audit humaneval --corpus ~/src --workers 2', 'where do HumanEval\'s tasks appear in a code folder?')
        .example('$0 audit mbpp --checks contamination --corpus shards/ --shard 3/8 --partial-out p3.json', 'one shard of a cluster scan; combine with `merge`'),
    async (argv) => {
      const benchmarks = [...(argv.benchmarks ?? [])];
      // `--markdown demo`: yargs takes "demo" as the file; a value that is not a .md / .html path is the benchmark.
      const markdownArg = reclaimPositional(argv.markdown, /\.(md|markdown)$/i, benchmarks);
      const htmlArg = reclaimPositional(argv.html, /\.html?$/i, benchmarks);
      if ((benchmarks.length === 0) === (argv.data === undefined)) {
        throw new UsageError('name one or more benchmarks, or pass --data FILE', { hint: 'bench-audit datasets list shows the known benchmarks' });
      }
      const many = benchmarks.length > 1;
      if (many && (argv.out !== undefined || (markdownArg ?? '') !== '' || (htmlArg ?? '') !== '' || argv['partial-out'] !== undefined)) {
        throw new UsageError('with several benchmarks, name an --out-dir instead of --out / --markdown FILE / --html FILE / --partial-out');
      }
      if (argv.out !== undefined && argv['out-dir'] !== undefined) throw new UsageError('give --out or --out-dir, not both');
      // Flags win over the project's config file, which wins over the defaults.
      const project = loadConfigFile(process.cwd(), argv.config);
      const cfg = project.config;
      const workers = parseCount('workers', argv.workers, 1) ?? cfg.workers;
      const timeout = argv.timeout ?? cfg.timeout;
      const memory = argv.memory ?? cfg.memory;
      const repeats = parseCount('repeats', argv.repeats, 1) ?? cfg.repeats;
      const isolation = argv.isolation ?? cfg.isolation;
      const maxMutants = parseCount('max-mutants-per-task', argv['max-mutants-per-task'], 1) ?? cfg.maxMutantsPerTask;
      if (isolation === 'none' && argv['unsafe-no-isolation'] !== true) {
        throw new UsageError('--isolation none runs benchmark code unconfined, able to read and change your files', {
          hint: 'add --unsafe-no-isolation if you trust every program in the benchmark, or leave --isolation at auto',
        });
      }
      const config = configFromSettings({
        ...(argv.checks !== undefined ? { checks: argv.checks } : cfg.checks !== undefined ? { checks: cfg.checks } : {}),
        seed: parseInteger('seed', argv.seed) ?? cfg.seed,
        fewTests: parseCount('few-tests', argv['few-tests'], 0) ?? cfg.fewTests,
        ...(timeout !== undefined ? { timeoutMs: parseDuration('timeout', timeout, MIN_TIME_LIMIT_MS) } : {}),
        ...(memory !== undefined ? { memoryMb: parseSizeMb('memory', memory, MIN_MEMORY_MB) } : {}),
        ...(repeats !== undefined ? { repeats } : {}),
        ...(isolation !== undefined ? { isolation } : {}),
        ...(maxMutants !== undefined ? { maxMutantsPerTask: maxMutants } : {}),
        contamination: contaminationSettings(argv),
      });
      const failOn: FailOn = argv['fail-on'] ?? cfg.failOn ?? 'error';
      const baselinePath = argv.baseline !== undefined ? resolve(argv.baseline) : project.baselinePath;
      const baseline = loadBaseline(baselinePath);
      if (argv.baseline !== undefined && baseline === undefined && argv['update-baseline'] !== true) {
        throw new UsageError(`baseline ${argv.baseline} does not exist`, { hint: 'write it with --update-baseline' });
      }
      const shard = shardFromSettings(argv.shard, process.env, argv.shards);
      if (argv['partial-out'] !== undefined && !config.contamination?.corpus) {
        throw new UsageError('--partial-out needs the contamination check and --corpus');
      }
      // Every path the run will write, checked (and its directory created) before any work starts.
      const ids = argv.data !== undefined ? [argv.id ?? 'local'] : benchmarks;
      const plans = ids.map((id) => outputPlan(id, { out: argv.out, outDir: argv['out-dir'], json: argv.json === true, markdown: markdownArg, html: htmlArg }));
      const checkpointDirOf = (id: string) => argv['checkpoint-dir'] ?? join('.bench-audit', 'checkpoints', id);
      for (const [i, plan] of plans.entries()) {
        if (plan.json !== undefined) prepareOutput(plan.json, argv['out-dir'] !== undefined ? '--out-dir' : '--out');
        if (plan.markdown !== undefined) prepareOutput(plan.markdown, '--markdown');
        if (plan.html !== undefined) prepareOutput(plan.html, '--html');
        if (checkpointed(config.checks)) prepareDirectory(checkpointDirOf(ids[i]!), '--checkpoint-dir');
      }
      if (argv['partial-out'] !== undefined) prepareOutput(argv['partial-out'], '--partial-out');
      if (argv['update-baseline'] === true) prepareOutput(baselinePath, '--update-baseline');

      const guard = argv.json ? guardStdout() : undefined;
      const interrupt = onInterrupt(state.io.err);
      try {
        const log = (m: string) => state.io.err(m + '\n');
        const texts: string[] = [];
        const reports: AuditReport[] = [];
        const wrote: string[] = [];
        let failed = false;
        for (const [i, benchmark] of (argv.data !== undefined ? [undefined] : benchmarks).entries()) {
          const checkpointDir = checkpointDirOf(ids[i]!);
          let report: AuditReport;
          try {
            report = await auditFromRequest(
              {
                benchmark,
                data: argv.data,
                adapter: argv.adapter as AdapterName | undefined,
                id: argv.id,
                revision: argv.revision,
                offline: argv.offline,
                python: argv.python,
                config,
                runtime: { ...(workers ? { workers } : {}), ...(shard ? { shard } : {}) },
                ...(argv['partial-out'] ? { partialOut: argv['partial-out'] } : {}),
                checkpointDir,
                resume: argv.resume === true,
              },
              { progress: createProgress(state.io.err, state.io.stderrIsTty), downloadProgress: createByteProgress(state.io.err, state.io.stderrIsTty), log, signal: interrupt.signal },
            );
          } catch (error) {
            if (!interrupt.interrupted) throw error;
            report = undefined as never;
          }
          if (interrupt.interrupted) {
            state.io.err(interruptedMessage(state.args, checkpointed(config.checks) ? checkpointDir : undefined, wrote));
            state.exitCode = EXIT_INTERRUPTED;
            return;
          }
          // Unconfined execution is said on stderr in every output mode, not only in the table.
          for (const w of environmentWarningsOf(report).filter((x) => x.code === 'sandbox-not-confined')) state.io.err(`\n!!! WARNING: ${w.message}\n\n`);
          const text = serializeReport(report);
          texts.push(text);
          const plan = plans[i]!;
          if (plan.json !== undefined) {
            writeFileAtomic(plan.json, text, { mkdir: true });
            wrote.push(plan.json);
          }
          if (plan.markdown !== undefined) {
            writeFileAtomic(plan.markdown, renderMarkdown(report), { mkdir: true });
            wrote.push(plan.markdown);
          }
          if (plan.html !== undefined) {
            writeFileAtomic(plan.html, renderHtml(report), { mkdir: true });
            wrote.push(plan.html);
          }
          if (!guard) state.io.out(renderSummary(report, state.io.stdoutIsTty, terminalWidth()));
          for (const w of report.warnings) state.io.err(renderWarning(w) + '\n');
          for (const line of environmentWarnings(report)) state.io.err(line + '\n');
          reports.push(report);
          if (failOn !== 'none' && argv['update-baseline'] !== true) {
            const split = splitByBaseline(report, baseline ?? { suppressions: [] }, failOn);
            if (baseline !== undefined) {
              log(`baseline ${baselinePath}: ${split.accepted.length} accepted finding(s) at or above ${failOn}, ${split.fresh.length} new`);
              for (const p of split.fresh.slice(0, MAX_NEW_LISTED)) log(`  new: ${p.taskId ?? '(benchmark)'} ${p.finding.severity} ${p.finding.kind}: ${p.finding.message}`);
              if (split.fresh.length > MAX_NEW_LISTED) log(`  ... and ${split.fresh.length - MAX_NEW_LISTED} more new findings`);
              if (split.stale.length > 0) log(`  ${split.stale.length} baseline entr${split.stale.length === 1 ? 'y matches' : 'ies match'} no finding any more (--update-baseline prunes them)`);
            }
            if (split.fresh.length > 0) failed = true;
          }
        }
        if (argv['update-baseline'] === true) {
          const level: Severity = failOn === 'none' ? 'warning' : failOn;
          let next = baseline;
          for (const r of reports) next = updatedBaseline(r, next, level, many);
          writeFileAtomic(baselinePath, canonicalJson(next), { mkdir: true });
          log(`baseline: ${next!.suppressions.length} accepted finding(s) at or above ${level}; replace the placeholder reasons with real ones`);
          wrote.push(baselinePath);
        }
        // One JSON document: the report, or an array of reports for several benchmarks.
        if (guard) guard.write(many ? `[\n${texts.map((t) => t.trimEnd()).join(',\n')}\n]\n` : texts[0]);
        for (const path of wrote) log(`wrote ${path}`);
        const page = wrote.find((p) => p.endsWith('.html'));
        if (page !== undefined && !argv.json) log(`open ${resolve(page)} in a browser for the full report`);
        if (failed) state.exitCode = EXIT_FINDINGS;
      } finally {
        interrupt.dispose();
        guard?.restore();
      }
    },
  );
