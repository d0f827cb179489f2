import Table from 'cli-table3';
import { UsageError } from '../../errors.js';
import { loadBenchmark } from '../../datasets/benchmark.js';
import { fetchSource, resolveFetchOptions } from '../../datasets/fetch.js';
import { importReleaseAsset } from '../../datasets/release.js';
import { fetchLicenseFile, importLicenseBeside } from '../../datasets/license.js';
import { getManifest, listManifests } from '../../datasets/manifest.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { guardStdout } from '../io.js';
import type { CommandFactory } from '../command.js';
import type { FetchOptions } from '../../datasets/fetch-types.js';
import { withFetchOptions } from '../options.js';
import { createByteProgress } from '../progress.js';
import type { ProgressSink } from '../../model/progress.js';

export const datasetsCommand: CommandFactory = (state) => (y) =>
  y.command('datasets', 'list, download and inspect the benchmarks bench-audit knows', (d) =>
    d
      .command(
        'list',
        'list the known benchmarks',
        (c) => c.option('json', { type: 'boolean', describe: 'print JSON on stdout' }).example('$0 datasets list', ''),
        (argv) => {
          const manifests = listManifests();
          if (argv.json) {
            state.io.out(canonicalJson(manifests.map((m) => ({ id: m.id, title: m.title, taskCount: m.taskCount, license: m.license, homepage: m.homepage, source: m.source }))));
            return;
          }
          const t = new Table({ head: ['id', 'title', 'tasks', 'license', 'source'], style: state.io.stdoutIsTty ? { head: ['cyan'] } : { head: [], border: [] } });
          for (const m of manifests) {
            const src = m.source.type === 'hub' ? `hub ${m.source.repo}${m.source.config ? ` (${m.source.config})` : ''}` : m.source.type === 'url' ? `release ${m.source.version}` : 'packaged';
            t.push([m.id, m.title, String(m.taskCount), m.license, src]);
          }
          state.io.out(t.toString() + '\n');
        },
      )
      .command(
        'fetch <id>',
        'download a benchmark into the local cache and print its files and hashes',
        (c) =>
          withFetchOptions(
            c
              .positional('id', { type: 'string', demandOption: true })
              .option('json', { type: 'boolean', describe: 'print JSON on stdout' })
              .option('from', { type: 'string', describe: 'a local copy of a release asset to place in the cache (checked against the manifest sha256)' }),
          )
            .example('$0 datasets fetch humaneval', 'download HumanEval from the Hugging Face hub')
            .example('$0 datasets fetch mbpp-plus --from ~/Downloads/MbppPlus.jsonl.gz', 'use a copy you already have (offline machines)')
            .example('HF_ENDPOINT=http://127.0.0.1:8080 $0 datasets fetch mbpp --revision main', 'use another hub endpoint'),
        async (argv) => {
          const guard = argv.json ? guardStdout() : undefined;
          try {
            if (argv.from !== undefined) {
              const manifest = getManifest(argv.id);
              if (manifest.source.type !== 'url') throw new UsageError(`--from works for release-asset benchmarks; ${argv.id} comes from the ${manifest.source.type === 'hub' ? 'Hugging Face hub (use its cache, HF_HUB_CACHE)' : 'package'}`);
              const cacheDir = resolveFetchOptions({}, argv.id).cacheDir;
              const placed = await importReleaseAsset(manifest.source, argv.from, cacheDir);
              state.io.err(`placed ${argv.from} in the cache: ${placed}\n`);
              const license = await importLicenseBeside(manifest, argv.from, cacheDir);
              if (license !== undefined) state.io.err(`placed the license file beside it in the cache: ${license}\n`);
            }
            const options = fetchOptionsFrom(argv, (m) => state.io.err(m + '\n'), createByteProgress(state.io.err, state.io.stderrIsTty));
            const manifest = getManifest(argv.id);
            const fetched = await fetchSource(manifest, options);
            const license = await fetchLicenseFile(manifest, options);
            const result = {
              id: argv.id,
              source: fetched.provenance,
              files: fetched.files.map((f) => ({ ...f.record, localPath: f.localPath })),
              ...(license === undefined ? {} : { licenseFile: { ...license.record, localPath: license.localPath } }),
            };
            if (guard) guard.write(canonicalJson(result));
            else for (const f of [...result.files, ...(result.licenseFile ? [result.licenseFile] : [])]) state.io.out(`${f.sha256}  ${f.bytes}  ${f.path}\n    -> ${f.localPath}\n`);
          } finally {
            guard?.restore();
          }
        },
      )
      .command(
        'show <id>',
        'show a benchmark\'s manifest and provenance, or one normalized task with --task',
        (c) =>
          withFetchOptions(
            c
              .positional('id', { type: 'string', demandOption: true })
              .option('task', { type: 'string', describe: 'a task id: print that task as the adapters normalize it' }),
          )
            .example('$0 datasets show mbpp', 'manifest, resolved revision and file hashes')
            .example('$0 datasets show humaneval --task HumanEval/0', 'the normalized task (JSON)'),
        async (argv) => {
          const guard = guardStdout();
          try {
            const loaded = await loadBenchmark(argv.id, { ...fetchOptionsFrom(argv, (m) => state.io.err(m + '\n'), createByteProgress(state.io.err, state.io.stderrIsTty)) });
            if (argv.task !== undefined) {
              const task = loaded.tasks.find((t) => t.id === argv.task);
              if (!task) {
                const sample = loaded.tasks.slice(0, 3).map((t) => t.id).join(', ');
                throw new UsageError(`no task "${argv.task}" in ${argv.id}`, { hint: `task ids look like: ${sample}` });
              }
              guard.write(canonicalJson(task));
            } else {
              guard.write(canonicalJson({ ...loaded.info, taskCount: loaded.tasks.length, warnings: loaded.warnings }));
            }
          } finally {
            guard.restore();
          }
        },
      )
      .demandCommand(1, 'name a datasets subcommand: list, fetch or show'),
  );

export function fetchOptionsFrom(argv: { revision?: string; offline?: boolean }, log: (m: string) => void, downloads?: ProgressSink): FetchOptions {
  return {
    ...(downloads ? { downloadProgress: downloads } : {}),
    ...(argv.revision ? { revision: argv.revision } : {}),
    ...(argv.offline ? { offline: true } : {}),
    log,
  };
}
