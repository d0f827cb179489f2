/**
 * Every check the audit can run, in the order they run. Each check is built from the recorded
 * `Config` (so `verify` can rebuild an audit from its report) plus runtime-only options that do
 * not change the report's content (interpreter path, worker count, shard).
 */
import type { Check } from './types.js';
import type { CheckName, Config } from '../report/types.generated.js';
import type { Task } from '../task.js';
import { createStaticCheck } from './static/index.js';
import { createContaminationCheck } from './contamination/index.js';
import type { ContaminationCheckOptions } from './contamination/index.js';
import { resolveScanParameters, type ScanParameters } from '../contamination/options.js';

export interface CheckRuntime {
  /** The real Python interpreter (resolved once). */
  python: string;
  /** Worker threads / processes for checks that parallelize (default: one per core where the check decides). */
  workers?: number;
  /** Tasks of the benchmarks named in config.contamination.compareWith, loaded by the caller. */
  compareWith?: { benchmark: string; tasks: readonly Task[] }[];
  /** Contamination: scan only one shard, and receive the partial result. */
  shard?: ContaminationCheckOptions['shard'];
  onPartial?: ContaminationCheckOptions['onPartial'];
  hub?: ContaminationCheckOptions['hub'];
}

/** The scan parameters a report recorded (its config section minus corpus and compareWith). */
export function scanParametersFromConfig(config: Config): ScanParameters {
  if (!config.contamination) return resolveScanParameters({}, config.seed);
  const { corpus: _corpus, compareWith: _compareWith, ...params } = config.contamination;
  return params as ScanParameters;
}

export const CHECK_FACTORIES: { name: CheckName; describe: string; create: (config: Config, runtime: CheckRuntime) => Check }[] = [
  { name: 'static', describe: 'test counts, parse errors, prompt examples, duplicates, empty fields', create: (_c, r) => createStaticCheck({ python: r.python }) },
  {
    name: 'contamination',
    describe: 'benchmark text in a corpus (--corpus), duplicates inside the benchmark, overlaps with others (--compare-with)',
    create: (config, r) =>
      createContaminationCheck({
        corpus: config.contamination?.corpus ?? null,
        params: scanParametersFromConfig(config),
        ...(r.compareWith ? { compareWith: r.compareWith } : {}),
        ...(r.workers ? { workers: r.workers } : {}),
        ...(r.shard ? { shard: r.shard } : {}),
        ...(r.onPartial ? { onPartial: r.onPartial } : {}),
        ...(r.hub ? { hub: r.hub } : {}),
      }),
  },
];

export const CHECK_NAMES = CHECK_FACTORIES.map((c) => c.name);
