/**
 * One audit from a request (what the command line or a recorded report asks for). Shared by
 * `audit` and `verify`, so a verified report is re-run through exactly the same path.
 */
import { runAudit } from '../audit.js';
import { CHECK_FACTORIES, type CheckRuntime } from '../checks/registry.js';
import type { ProgressSink } from '../checks/types.js';
import { makePartialFile } from '../contamination/merge.js';
import type { AdapterName } from '../datasets/adapters/index.js';
import { loadBenchmark, loadLocalBenchmark, type LoadedBenchmark } from '../datasets/benchmark.js';
import { getManifest } from '../datasets/manifest.js';
import { isBenchAuditError } from '../errors.js';
import { resolvePython } from '../python/interpreter.js';
import type { AuditReport, Config } from '../report/types.generated.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { canonicalJson } from '../util/canonical-json.js';

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
  /** Write the contamination scan's partial result here (sharded runs, for `merge`). */
  partialOut?: string;
}

/** A benchmark named by manifest id, or a local file. */
async function loadNamed(name: string, log: (m: string) => void, offline?: boolean): Promise<LoadedBenchmark> {
  try {
    getManifest(name);
  } catch (error) {
    if (isBenchAuditError(error)) return loadLocalBenchmark(name, { id: name });
    throw error;
  }
  return loadBenchmark(name, { siblings: false, log, ...(offline ? { offline } : {}) });
}

export async function auditFromRequest(request: AuditRequest, progress: ProgressSink, log: (m: string) => void): Promise<AuditReport> {
  const loaded =
    request.data !== undefined
      ? await loadLocalBenchmark(request.data, { adapter: request.adapter, id: request.id })
      : await loadBenchmark(request.benchmark as string, {
          ...(request.revision ? { revision: request.revision } : {}),
          ...(request.offline ? { offline: true } : {}),
          log,
        });
  const python = resolvePython(request.python);
  const compareWith = [];
  for (const name of request.config.contamination?.compareWith ?? []) {
    const other = await loadNamed(name, log, request.offline);
    compareWith.push({ benchmark: name, tasks: other.tasks });
  }
  const runtime: CheckRuntime = {
    python: python.executable,
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
  return runAudit(loaded, {
    config: request.config,
    checks: CHECK_FACTORIES.filter((f) => request.config.checks.includes(f.name)).map((f) => f.create(request.config, runtime)),
    progress,
    runInfo: { python: { executable: python.executable, version: python.version } },
  });
}
