/**
 * Every check the audit can run, in the order they run. Each check is built from the recorded
 * `Config` (so `verify` can rebuild an audit from its report) plus runtime-only options that do
 * not change the report's content (interpreter path, worker count, shard).
 */
import type { Check } from './types.js';
import type { CheckName, Config } from '../model/types.generated.js';
import type { Task } from '../model/task.js';
import { createStaticCheck } from './static/index.js';
import { createContaminationCheck } from './contamination/index.js';
import type { ContaminationCheckOptions } from './contamination/index.js';
import { resolveScanParameters, type ScanParameters } from '../contamination/options.js';
import { createExecutionCheck } from './execution/index.js';
import type { SiblingTask } from './execution/reference-differential.js';
import { createMutationCheck, type CheckpointStore } from './mutation/index.js';
import type { Runtime } from '../sandbox/runtime.js';

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
  /** One sandbox pool shared by the execution and mutation checks (the caller closes it): Python's runtime. */
  pool?: Runtime;
  /** Runtimes of the other languages the benchmark's tasks are in, by language (the caller closes them). */
  runtimes?: Partial<Record<string, Runtime>>;
  /** Mutation and the execution check's reference differential: per-task checkpoints (written always; read back with --resume). */
  checkpoints?: CheckpointStore;
  /** Mutation: the EvalPlus task (HumanEval+ / MBPP+ sibling) whose plus inputs sort a task's survivors. */
  plusTaskFor?: (task: Task) => Task | undefined;
  /** Execution: the task in each loaded sibling benchmark (reference differential). */
  siblingsOf?: (task: Task) => SiblingTask[];
  /** Execution: curated releases drawn from this benchmark that were loaded. */
  curatedSiblings?: readonly string[];
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
    name: 'execution',
    describe: 'reference solutions against their own tests in the sandbox (repeated), prompt examples, EvalPlus plus inputs',
    create: (_c, r) =>
      createExecutionCheck({
        ...(r.pool ? { pool: r.pool } : {}),
        ...(r.runtimes?.javascript ? { javascript: r.runtimes.javascript } : {}),
        ...(r.siblingsOf ? { siblingsOf: r.siblingsOf } : {}),
        ...(r.curatedSiblings ? { curatedSiblings: r.curatedSiblings } : {}),
        ...(r.plusTaskFor ? { siblingFor: r.plusTaskFor } : {}),
        ...(r.checkpoints ? { checkpoints: r.checkpoints } : {}),
      }),
  },
  {
    name: 'mutation',
    describe: 'mutants of each reference solution against its tests; survivors proven wrong with a killing assert',
    create: (_c, r) =>
      createMutationCheck({
        python: r.python,
        ...(r.pool ? { pool: r.pool } : {}),
        ...(r.runtimes?.javascript ? { javascript: r.runtimes.javascript } : {}),
        ...(r.checkpoints ? { checkpoints: r.checkpoints } : {}),
        ...(r.plusTaskFor ? { plusTaskFor: r.plusTaskFor } : {}),
      }),
  },
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
