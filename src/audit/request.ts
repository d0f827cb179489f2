/**
 * One audit from a request (what the command line, a library caller or a recorded report asks
 * for): load the benchmark and its siblings, share one sandbox pool between the checks, keep
 * mutation checkpoints and contamination partial files, run the checks. Shared by `audit` and
 * `verify`, so a verified report is re-run through exactly the same path.
 */
import { runAudit } from './run.js';
import { CHECK_FACTORIES, type CheckRuntime } from '../checks/registry.js';
import type { ProgressSink } from '../model/progress.js';
import { makePartialFile } from './merge-shards.js';
import type { AdapterName } from '../datasets/adapters/index.js';
import { loadBenchmark, loadLocalBenchmark, type LoadedBenchmark } from '../datasets/benchmark.js';
import { resolveFetchOptions } from '../datasets/fetch.js';
import { getManifest } from '../datasets/manifest.js';
import { isBenchAuditError, UsageError } from '../errors.js';
import { resolvePython } from '../python/interpreter.js';
import type { AuditReport, Config } from '../model/types.generated.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { executionConfigOf } from './config.js';
import { fileCheckpointStore } from '../checks/mutation/index.js';
import { createRuntime } from '../sandbox/runtimes.js';
import { taskLanguage, type Task } from '../model/task.js';
import { canonicalJson } from '../util/canonical-json.js';
import { CURATED_FROM, type SiblingTask } from '../checks/execution/reference-differential.js';

export interface AuditRequest {
  benchmark?: string;
  data?: string;
  adapter?: AdapterName;
  id?: string;
  revision?: string;
  offline?: boolean;
  python?: string;
  config: Config;
  /** Options that do not change the report: workers, the corpus shard. */
  runtime?: Pick<CheckRuntime, 'workers' | 'shard'>;
  /** Mutation and reference-differential checkpoints: written to this folder, read back when `resume` is set. */
  checkpointDir?: string;
  resume?: boolean;
  /** Write the contamination scan's partial result here (sharded runs, for `merge`). */
  partialOut?: string;
}

/** A benchmark named by manifest id, or a local file. */
/** Download progress for the fetch options, when the caller shows it. */
const downloadsOf = (sink: ProgressSink | undefined) => (sink ? { downloadProgress: sink } : {});

async function loadNamed(name: string, log: (m: string) => void, offline?: boolean, downloads?: ProgressSink): Promise<LoadedBenchmark> {
  try {
    getManifest(name);
  } catch (error) {
    if (isBenchAuditError(error)) return loadLocalBenchmark(name, { id: name });
    throw error;
  }
  return loadBenchmark(name, { siblings: false, log, ...(offline ? { offline } : {}), ...downloadsOf(downloads) });
}

/** Where an audit reports how it goes: progress events and log lines (the library never prints). */
export interface AuditHooks {
  progress?: ProgressSink;
  /** Bytes of each benchmark file downloaded (see FetchOptions.downloadProgress). */
  downloadProgress?: ProgressSink;
  log?: (message: string) => void;
  signal?: AbortSignal;
}

export async function auditFromRequest(request: AuditRequest, hooks: AuditHooks = {}): Promise<AuditReport> {
  const log = hooks.log ?? (() => {});
  const loaded = await loadRequestTasks(request, log, hooks.downloadProgress);
  const python = resolvePython(request.python);
  const compareWith = [];
  for (const name of request.config.contamination?.compareWith ?? []) {
    const other = await loadNamed(name, log, request.offline, hooks.downloadProgress);
    compareWith.push({ benchmark: name, tasks: other.tasks });
  }
  // A hub corpus is read with the same endpoint and token as dataset downloads (HF_ENDPOINT, HF_TOKEN).
  const hubSettings = resolveFetchOptions(request.offline ? { offline: true } : {}, 'corpus');
  const runtime: CheckRuntime = {
    python: python.executable,
    hub: { hubUrl: hubSettings.hubUrl, ...(hubSettings.token ? { accessToken: hubSettings.token } : {}) },
    ...request.runtime,
    ...(compareWith.length > 0 ? { compareWith } : {}),
    ...(request.partialOut
      ? {
          onPartial: (partial, params) => {
            const corpus = request.config.contamination?.corpus;
            if (!corpus) return;
            writeFileAtomic(request.partialOut as string, canonicalJson(makePartialFile(loaded.info.id, loaded.tasks, params, corpus, partial)));
            log(`wrote partial result ${request.partialOut}`);
          },
        }
      : {}),
  };
  const checks = request.config.checks;
  if (checks.includes('mutation') || checks.includes('execution')) {
    const siblings = await loadSiblings(loaded, log, request.offline, hooks.downloadProgress);
    runtime.plusTaskFor = evalplusSiblings(siblings);
    runtime.siblingsOf = allSiblings(siblings);
    runtime.curatedSiblings = [...siblings.keys()].filter((id) => CURATED_FROM[id] !== undefined);
  }
  if (checks.includes('mutation') || checks.includes('execution')) {
    if (request.checkpointDir) runtime.checkpoints = fileCheckpointStore(request.checkpointDir, { resume: request.resume === true });
  }
  if (checks.includes('execution') || checks.includes('mutation')) {
    const execution = executionConfigOf(request.config);
    runtime.pool = createRuntime({
      python: python.executable,
      ...(request.runtime?.workers ? { workers: request.runtime.workers } : {}),
      isolation: execution.isolation,
      timeoutMs: execution.timeLimitMs,
      memoryBytes: execution.memoryLimitMb * 1024 * 1024,
    });
    // One runtime per other language the tasks are in; the checks reach each through the Runtime seam.
    const languages = [...new Set(loaded.tasks.map(taskLanguage))].filter((l) => l !== 'python').sort();
    runtime.runtimes = Object.fromEntries(
      languages.map((language) => [
        language,
        createRuntime({ language, ...(request.runtime?.workers ? { workers: request.runtime.workers } : {}), timeoutMs: execution.timeLimitMs }),
      ]),
    );
  }
  try {
    return await runAudit(loaded, {
      config: request.config,
      checks: CHECK_FACTORIES.filter((f) => checks.includes(f.name)).map((f) => f.create(request.config, runtime)),
      ...(hooks.progress ? { progress: hooks.progress } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      runInfo: { python: { executable: python.executable, version: python.version } },
    });
  } finally {
    await runtime.pool?.close();
    for (const r of Object.values(runtime.runtimes ?? {})) await r?.close();
  }
}

/** Every sibling benchmark a task links to, loaded (a sibling that cannot be loaded is a warning, and its links are not followed). */
async function loadSiblings(loaded: LoadedBenchmark, log: (m: string) => void, offline?: boolean, downloads?: ProgressSink): Promise<Map<string, Map<string, Task>>> {
  const byBenchmark = new Map<string, Map<string, Task>>();
  const wanted = new Set(loaded.tasks.flatMap((t) => t.siblings.map((s) => s.benchmark)));
  for (const id of [...wanted].sort()) {
    try {
      const sibling = await loadBenchmark(id, { siblings: false, log, ...(offline ? { offline } : {}), ...downloadsOf(downloads) });
      byBenchmark.set(id, new Map(sibling.tasks.map((t) => [t.id, t])));
    } catch (error) {
      if (!isBenchAuditError(error)) throw error;
      loaded.warnings.push({ code: 'sibling-unavailable', message: `${id} could not be loaded: its references and plus inputs are not compared (${error.describe()})` });
    }
  }
  return byBenchmark;
}

/**
 * For mutation's survivor sorting: each task's EvalPlus sibling (HumanEval -> HumanEval+, MBPP ->
 * MBPP+), whose plus inputs are run on survivors. A task that has inputs itself uses its own.
 */
function evalplusSiblings(byBenchmark: Map<string, Map<string, Task>>): (task: Task) => Task | undefined {
  return (task) => {
    if (task.inputs) return task;
    for (const s of task.siblings) {
      if (getManifest(s.benchmark).adapter !== 'evalplus') continue;
      const found = byBenchmark.get(s.benchmark)?.get(s.taskId);
      if (found) return found;
    }
    return undefined;
  };
}

/**
 * Each task's siblings, loaded (as the audit loads them): for rescore, whose samples borrow a sibling reference's
 * counts where the task's own reference cannot finish the strengthened tests.
 */
export async function loadSiblingTasks(loaded: LoadedBenchmark, log: (m: string) => void = () => {}, offline?: boolean): Promise<(task: Task) => SiblingTask[]> {
  return allSiblings(await loadSiblings(loaded, log, offline));
}

/** For the execution check's reference differential: the task in every loaded sibling benchmark. */
function allSiblings(byBenchmark: Map<string, Map<string, Task>>): (task: Task) => SiblingTask[] {
  return (task) => task.siblings.flatMap((s) => {
    const found = byBenchmark.get(s.benchmark)?.get(s.taskId);
    return found ? [{ benchmark: s.benchmark, task: found }] : [];
  });
}

/** The tasks a request audits (without running any check). */
export async function loadRequestTasks(request: AuditRequest, log: (m: string) => void = () => {}, downloads?: ProgressSink): Promise<LoadedBenchmark> {
  if ((request.benchmark === undefined) === (request.data === undefined)) throw new UsageError('an audit request names a benchmark or a data file, not both or neither');
  return request.data !== undefined
    ? loadLocalBenchmark(request.data, { adapter: request.adapter, id: request.id, fetch: { ...(request.offline ? { offline: true } : {}), log } })
    : loadBenchmark(request.benchmark as string, { ...(request.revision ? { revision: request.revision } : {}), ...(request.offline ? { offline: true } : {}), log, ...downloadsOf(downloads) });
}

/** How to re-run the audit a report records: same benchmark (or file), same data revision, same config. */
export function requestFromReport(report: AuditReport, python?: string): AuditRequest {
  const b = report.benchmark;
  let known = false;
  try {
    known = getManifest(b.id).source.type === b.source.type;
  } catch (error) {
    if (!isBenchAuditError(error)) throw error;
  }
  if (!known) {
    return { data: b.files[0]?.path, adapter: b.adapter as AdapterName, id: b.id, python, config: report.config };
  }
  return { benchmark: b.id, ...(b.source.type === 'hub' ? { revision: b.source.commit } : {}), python, config: report.config };
}
