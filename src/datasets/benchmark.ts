/**
 * A benchmark by manifest id: fetch its files (hub, release URL or packaged), adapt them into
 * Tasks, check the task count the manifest promises, and link siblings that really exist.
 */
import { BenchAuditError, InputError } from '../errors.js';
import { sha256Hex } from '../util/hash.js';
import { readInputFile } from '../util/read-input.js';
import { detectFormat, parseRecords } from './readers.js';
import type { Format } from './manifest.generated.js';
import type { Benchmark, Warning } from '../model/types.generated.js';
import type { Task } from '../model/task.js';
import type { FetchOptions } from './fetch-types.js';
import { fetchSource } from './fetch.js';
import { linkSiblings, loadFiles } from './load.js';
import { getManifest, listManifests, type DatasetManifest } from './manifest.js';
import { fetchLocalFile } from './local.js';
import { fetchLicenseFile, licenseBeside } from './license.js';
import type { AdapterName } from './adapters/index.js';

export interface LoadedBenchmark {
  /**
   * What the report's `benchmark` block says (taskCount filled in by the audit, which also reports
   * a task count other than `expectedTaskCount`).
   */
  info: Omit<Benchmark, 'taskCount'>;
  tasks: Task[];
  warnings: Warning[];
}

export interface LoadBenchmarkOptions extends FetchOptions {
  /** Link tasks to sibling benchmarks (loads each sibling's ids). Default true. */
  siblings?: boolean;
}

async function loadManifestTasks(manifest: DatasetManifest, options: FetchOptions) {
  const fetched = await fetchSource(manifest, options);
  const { tasks } = await loadFiles(
    fetched.files.map((f) => ({ localPath: f.localPath, displayPath: f.record.path, format: f.format, split: f.record.split })),
    { adapter: manifest.adapter, benchmark: manifest.id },
  );
  return { fetched, tasks };
}

/** Link tasks to the sibling benchmarks the manifest names, keeping only links whose target exists. */
async function linkManifestSiblings(tasks: Task[], manifest: DatasetManifest, options: FetchOptions, warnings: Warning[]): Promise<void> {
  const ids = new Map<string, Set<string>>();
  for (const sibling of manifest.siblings ?? []) {
    try {
      const loaded = await loadManifestTasks(getManifest(sibling.benchmark), { ...options, revision: undefined });
      ids.set(sibling.benchmark, new Set(loaded.tasks.map((t) => t.id)));
    } catch (error) {
      if (!(error instanceof BenchAuditError)) throw error;
      warnings.push({ code: 'sibling-unavailable', message: `tasks are not linked to ${sibling.benchmark}: ${error.describe()}` });
    }
  }
  linkSiblings(tasks, manifest.siblings ?? [], ids);
}

export async function loadBenchmark(id: string, options: LoadBenchmarkOptions = {}): Promise<LoadedBenchmark> {
  const manifest = getManifest(id);
  const { fetched, tasks } = await loadManifestTasks(manifest, options);
  const warnings: Warning[] = [];
  // At a pinned revision the data may legitimately differ from the manifest: the audit reports it.
  if (tasks.length !== manifest.taskCount && options.revision === undefined) {
    throw new InputError(`the ${manifest.adapter} adapter produced ${tasks.length} tasks; the manifest expects ${manifest.taskCount}`, {
      hint: 'the published data changed or a file is incomplete; pin --revision, or audit the file as it is with --data',
      location: { file: fetched.files.map((f) => f.record.path).join(', ') },
    });
  }

  if (options.siblings !== false && manifest.siblings && manifest.siblings.length > 0) await linkManifestSiblings(tasks, manifest, options, warnings);
  const license = await fetchLicenseFile(manifest, options);

  return {
    info: {
      id: manifest.id,
      title: manifest.title,
      homepage: manifest.homepage,
      license: manifest.license,
      citation: manifest.citation,
      adapter: manifest.adapter,
      source: fetched.provenance,
      files: fetched.files.map((f) => f.record),
      ...(license === undefined ? {} : { licenseFile: license.record }),
      expectedTaskCount: manifest.taskCount,
    },
    tasks,
    warnings,
  };
}

/**
 * A local data file given with --data. When `id` names a known benchmark, tasks are linked to
 * that benchmark's siblings as for a download (so a local copy of HumanEval still gets
 * HumanEval+'s inputs); otherwise there are no siblings. The adapter is detected unless given. A license file
 * beside the data (the manifest's license name, else LICENSE) is recorded; without one the report records none.
 */
export async function loadLocalBenchmark(path: string, options: { adapter?: AdapterName; id?: string; fetch?: FetchOptions } = {}): Promise<LoadedBenchmark> {
  const file = await fetchLocalFile(path);
  const id = options.id ?? 'local';
  const { adapter, tasks } = await loadFiles([{ localPath: file.localPath, displayPath: file.record.path, format: file.format }], {
    adapter: options.adapter,
    benchmark: id,
  });
  const warnings: Warning[] = [];
  const manifest = listManifests().find((m) => m.id === id);
  if (manifest?.siblings && manifest.siblings.length > 0) await linkManifestSiblings(tasks, manifest, options.fetch ?? {}, warnings);
  // A local file carries no pin: the license text beside it, if any, is recorded as found.
  const license = await licenseBeside(path, manifest?.licenseFile?.name);
  return {
    info: {
      id,
      title: manifest ? `${manifest.title} (local file)` : path,
      adapter,
      source: { type: 'local' },
      files: [file.record],
      ...(license === undefined ? {} : { licenseFile: license }),
    },
    tasks,
    warnings,
  };
}

/**
 * The raw records a report's audit read, with their file (as the report names it) and row: the
 * manifest's files at the report's resolved revision, or the local file. Checks the sha256s match.
 */
export async function loadReportRecords(benchmark: Benchmark, options: FetchOptions = {}): Promise<{ file: string; row: number; value: Record<string, unknown> }[]> {
  let files: { localPath: string; path: string; format?: Format; sha256: string }[];
  if (benchmark.source.type === 'local' && !isManifest(benchmark.id, 'local')) {
    files = benchmark.files.map((f) => ({ localPath: f.path, path: f.path, sha256: f.sha256 }));
  } else {
    const fetched = await fetchSource(getManifest(benchmark.id), {
      ...options,
      ...(benchmark.source.type === 'hub' ? { revision: benchmark.source.commit } : {}),
    });
    files = fetched.files.map((f) => ({ localPath: f.localPath, path: f.record.path, format: f.format, sha256: f.record.sha256 }));
  }
  const out: { file: string; row: number; value: Record<string, unknown> }[] = [];
  for (const f of files) {
    const recorded = benchmark.files.find((r) => r.path === f.path);
    const bytes = await readInputFile(f.localPath, f.path);
    const sha = sha256Hex(bytes);
    if (recorded && recorded.sha256 !== sha) {
      throw new InputError(`${f.path} has sha256 ${sha}, the report says ${recorded.sha256}`, {
        hint: 'the data changed since the audit: re-run the audit on this data first',
        location: { file: f.path },
      });
    }
    for (const r of await parseRecords(bytes, f.format ?? detectFormat(f.path, bytes.subarray(0, 64)), f.path)) out.push({ file: f.path, row: r.row, value: r.value });
  }
  return out;
}

function isManifest(id: string, type: string): boolean {
  try {
    return getManifest(id).source.type === type;
  } catch (error) {
    if (error instanceof BenchAuditError) return false;
    throw error;
  }
}
