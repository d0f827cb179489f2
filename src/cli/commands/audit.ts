import { join } from 'node:path';
import { ADAPTER_NAMES, CHECK_NAMES, configFromSettings, shardFromSettings, type AdapterName } from '../../audit/config.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_EXECUTION_CONFIG, DEFAULT_MUTATION_SETTINGS, DEFAULT_SEED, DEFAULT_STATIC_CONFIG } from '../../model/defaults.generated.js';
import { renderHtml } from '../../report/html.js';
import { renderMarkdown } from '../../report/markdown.js';
import { atLeast } from '../../model/order.js';
import { ISOLATION_MODES, SEVERITIES } from '../../model/enums.generated.js';
import type { Severity } from '../../model/types.generated.js';
import { serializeReport } from '../../report/write.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { guardStdout } from '../io.js';
import { EXIT_FINDINGS, type CommandFactory } from '../command.js';
import { contaminationSettings, withContaminationOptions } from '../contamination-options.js';
import { withFetchOptions } from '../options.js';
import { createProgress } from '../progress.js';
import { auditFromRequest } from '../../audit/request.js';
import { environmentWarningsOf, renderSummary } from '../table.js';

const FAIL_ON_LEVELS = [...SEVERITIES, 'none'] as const;

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
          .option('markdown', { type: 'string', describe: 'also write a Markdown summary (default path: the report\'s, with .md)' })
          .option('html', { type: 'string', describe: 'also write a self-contained HTML report (default path: the report\'s, with .html)' })
          .option('fail-on', { choices: FAIL_ON_LEVELS, default: 'error' as const, describe: 'exit 1 when a finding reaches this severity' })
          .option('checks', { type: 'string', describe: `comma-separated checks to run (${CHECK_NAMES.join(', ')}); default: all` })
          .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'seed for every random choice' })
          .option('few-tests', { type: 'number', default: DEFAULT_STATIC_CONFIG.fewTestsThreshold, describe: 'flag tasks with this many tests or fewer' })
          .option('python', { type: 'string', describe: 'Python interpreter for parsing and running code (default: python3)' })
          .option('timeout', { type: 'number', group: 'Execution:', describe: `per-job time limit in ms (default ${DEFAULT_EXECUTION_CONFIG.timeLimitMs})` })
          .option('memory', { type: 'number', group: 'Execution:', describe: `per-job memory limit in MB (default ${DEFAULT_EXECUTION_CONFIG.memoryLimitMb})` })
          .option('repeats', { type: 'number', group: 'Execution:', describe: `runs of each reference, with different PYTHONHASHSEEDs, to find flaky tasks (default ${DEFAULT_EXECUTION_CONFIG.repeats})` })
          .option('isolation', { choices: ISOLATION_MODES, group: 'Execution:', describe: 'sandbox isolation (default auto: the strongest that works here); none needs --unsafe-no-isolation' })
          .option('unsafe-no-isolation', { type: 'boolean', group: 'Execution:', describe: 'allow --isolation none: benchmark code then runs unconfined, with your files and network' })
          .option('max-mutants-per-task', { type: 'number', group: 'Mutation:', describe: `sample at most this many mutants per task, deterministically from --seed (default ${DEFAULT_MUTATION_SETTINGS.maxMutantsPerTask})` })
          .option('checkpoint-dir', { type: 'string', group: 'Mutation:', describe: 'per-task mutation results are saved here (default .bench-audit/checkpoints/<id>)' })
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
      const benchmarks = argv.benchmarks ?? [];
      if ((benchmarks.length === 0) === (argv.data === undefined)) {
        throw new UsageError('name one or more benchmarks, or pass --data FILE', { hint: 'bench-audit datasets list shows the known benchmarks' });
      }
      const many = benchmarks.length > 1;
      if (many && (argv.out !== undefined || (argv.markdown ?? '') !== '' || (argv.html ?? '') !== '' || argv['partial-out'] !== undefined)) {
        throw new UsageError('with several benchmarks, name an --out-dir instead of --out / --markdown FILE / --html FILE / --partial-out');
      }
      if (argv.out !== undefined && argv['out-dir'] !== undefined) throw new UsageError('give --out or --out-dir, not both');
      if (argv.isolation === 'none' && argv['unsafe-no-isolation'] !== true) {
        throw new UsageError('--isolation none runs benchmark code unconfined, able to read and change your files', {
          hint: 'add --unsafe-no-isolation if you trust every program in the benchmark, or leave --isolation at auto',
        });
      }
      if (argv.workers !== undefined && (!Number.isInteger(argv.workers) || argv.workers < 1)) throw new UsageError(`--workers must be a positive integer, got ${argv.workers}`);
      const config = configFromSettings({
        ...(argv.checks !== undefined ? { checks: argv.checks } : {}),
        seed: argv.seed,
        fewTests: argv['few-tests'],
        ...(argv.timeout !== undefined ? { timeoutMs: argv.timeout } : {}),
        ...(argv.memory !== undefined ? { memoryMb: argv.memory } : {}),
        ...(argv.repeats !== undefined ? { repeats: argv.repeats } : {}),
        ...(argv.isolation !== undefined ? { isolation: argv.isolation } : {}),
        ...(argv['max-mutants-per-task'] !== undefined ? { maxMutantsPerTask: argv['max-mutants-per-task'] } : {}),
        contamination: contaminationSettings(argv),
      });
      const shard = shardFromSettings(argv.shard, process.env, argv.shards);
      if (argv['partial-out'] !== undefined && !config.contamination?.corpus) {
        throw new UsageError('--partial-out needs the contamination check and --corpus');
      }
      const guard = argv.json ? guardStdout() : undefined;
      try {
        const log = (m: string) => state.io.err(m + '\n');
        const texts: string[] = [];
        let failed = false;
        for (const benchmark of argv.data !== undefined ? [undefined] : benchmarks) {
          const report = await auditFromRequest(
            {
              benchmark,
              data: argv.data,
              adapter: argv.adapter as AdapterName | undefined,
              id: argv.id,
              revision: argv.revision,
              offline: argv.offline,
              python: argv.python,
              config,
              runtime: { ...(argv.workers ? { workers: argv.workers } : {}), ...(shard ? { shard } : {}) },
              ...(argv['partial-out'] ? { partialOut: argv['partial-out'] } : {}),
              checkpointDir: argv['checkpoint-dir'] ?? join('.bench-audit', 'checkpoints', benchmark ?? argv.id ?? 'local'),
              resume: argv.resume === true,
            },
            { progress: createProgress(state.io.err, state.io.stderrIsTty), log },
          );
          // Unconfined execution is said on stderr in every output mode, not only in the table.
          for (const w of environmentWarningsOf(report).filter((x) => x.code === 'sandbox-not-confined')) state.io.err(`\n!!! WARNING: ${w.message}\n\n`);
          const text = serializeReport(report);
          texts.push(text);
          const id = report.benchmark.id;
          const out = argv.out ?? (argv['out-dir'] !== undefined ? join(argv['out-dir'].replaceAll('{id}', id), `${id}.audit.json`) : argv.json ? undefined : `${id}.audit.json`);
          if (out !== undefined) {
            writeFileAtomic(out, text, { mkdir: argv['out-dir'] !== undefined });
            log(`wrote ${out}`);
          }
          const beside = (given: string, ext: string) => (given !== '' ? given : `${(out ?? `${id}.audit.json`).replace(/\.json$/, '')}.${ext}`);
          if (argv.markdown !== undefined) {
            const md = beside(argv.markdown, 'md');
            writeFileAtomic(md, renderMarkdown(report), { mkdir: true });
            log(`wrote ${md}`);
          }
          if (argv.html !== undefined) {
            const html = beside(argv.html, 'html');
            writeFileAtomic(html, renderHtml(report), { mkdir: true });
            log(`wrote ${html}`);
          }
          if (!guard) state.io.out(renderSummary(report, state.io.stdoutIsTty));
          const failOn = argv['fail-on'];
          if (failOn !== 'none' && [...report.findings, ...report.tasks.flatMap((t) => t.findings)].some((f) => atLeast(f.severity, failOn as Severity))) failed = true;
        }
        // One JSON document: the report, or an array of reports for several benchmarks.
        if (guard) guard.write(many ? `[\n${texts.map((t) => t.trimEnd()).join(',\n')}\n]\n` : texts[0]);
        if (failed) state.exitCode = EXIT_FINDINGS;
      } finally {
        guard?.restore();
      }
    },
  );
