/**
 * One audit from a request (what the command line or a recorded report asks for). Shared by
 * `audit` and `verify`, so a verified report is re-run through exactly the same path.
 */
import { runAudit } from '../audit.js';
import { CHECK_FACTORIES } from '../checks/registry.js';
import type { AdapterName } from '../datasets/adapters/index.js';
import { loadBenchmark, loadLocalBenchmark } from '../datasets/benchmark.js';
import { resolvePython } from '../python/interpreter.js';
import type { AuditReport, Config } from '../report/types.generated.js';
import type { ProgressSink } from '../checks/types.js';

export interface AuditRequest {
  benchmark?: string;
  data?: string;
  adapter?: AdapterName;
  id?: string;
  revision?: string;
  offline?: boolean;
  python?: string;
  config: Config;
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
  return runAudit(loaded, {
    config: request.config,
    checks: CHECK_FACTORIES.filter((f) => request.config.checks.includes(f.name)).map((f) => f.create({ python: python.executable })),
    progress,
    runInfo: { python: { executable: python.executable, version: python.version } },
  });
}
