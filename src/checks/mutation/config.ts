/** Defaults of the mutation check's config (schemas/audit.schema.json `mutationConfig`). */
import type { MutationConfig } from '../../report/types.generated.js';
import { DEFAULT_INPUT_BUDGET } from './input-mutation.js';
import { mutationOperatorNames } from './operators/index.js';

/** HumanEval's solutions yield 22 mutants on average and 94 at most: 100 keeps nearly all, and bounds MBPP's few outliers. */
export const DEFAULT_MAX_MUTANTS_PER_TASK = 100;
/** Per-mutant wall-clock limit floor (issue 4: max(1 s, 10x the reference)); a tighter CPU-time limit (run.ts MUTANT_CPU_FLOOR_MS) ends hung mutants first. */
export const DEFAULT_MIN_TIME_LIMIT_MS = 1_000;
/** Per-mutant time limit as a multiple of the reference solution's test time (issue 4). */
export const DEFAULT_REFERENCE_TIME_FACTOR = 10;
/** EvalPlus plus inputs used per task: HumanEval+ has ~750 per task; the 200 smallest find nearly every distinguishing input at a fraction of the cost. */
export const DEFAULT_PLUS_INPUT_LIMIT = 200;
/** killable-survivor findings per task (all survivors stay in the task section). */
export const DEFAULT_KILLABLE_FINDINGS_PER_TASK = 3;
/** Line coverage below which a task gets a low-coverage finding. */
export const DEFAULT_LOW_COVERAGE_THRESHOLD = 0.8;

export const DEFAULT_MUTATION_CONFIG: MutationConfig = {
  maxMutantsPerTask: DEFAULT_MAX_MUTANTS_PER_TASK,
  operators: [...mutationOperatorNames],
  minTimeLimitMs: DEFAULT_MIN_TIME_LIMIT_MS,
  referenceTimeFactor: DEFAULT_REFERENCE_TIME_FACTOR,
  inputBudget: DEFAULT_INPUT_BUDGET,
  plusInputLimit: DEFAULT_PLUS_INPUT_LIMIT,
  compileCheck: true,
  killableFindingsPerTask: DEFAULT_KILLABLE_FINDINGS_PER_TASK,
  lowCoverageThreshold: DEFAULT_LOW_COVERAGE_THRESHOLD,
};
