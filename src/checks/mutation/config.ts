/** Defaults of the mutation check's config (schemas/audit.schema.json `mutationConfig`). */
import type { MutationConfig } from '../../model/types.generated.js';
import { DEFAULT_INPUT_BUDGET } from './input-mutation.js';
import { mutationOperatorNames } from './operators/index.js';

/** HumanEval's solutions yield 22 mutants on average and 94 at most: 100 keeps nearly all, and bounds MBPP's few outliers. */
export const DEFAULT_MAX_MUTANTS_PER_TASK = 100;
/** Per-mutant wall-clock limit floor (issue 4: max(1 s, 10x the reference)); a tighter CPU-time limit (run.ts MUTANT_CPU_FLOOR_MS) ends hung mutants first. */
export const DEFAULT_MIN_TIME_LIMIT_MS = 1_000;
/** Per-mutant time limit as a multiple of the reference solution's test time (issue 4). */
export const DEFAULT_REFERENCE_TIME_FACTOR = 10;
/**
 * EvalPlus plus inputs each survivor is tried on (the smallest first: cost follows size), on top of
 * the tests' own and the generated inputs; fewer for a task whose reference is costly per call
 * (run.ts SURVIVOR_PLUS_LINE_BUDGET). A count, not a time budget, so the inputs chosen (and so the
 * verdicts) are the same on every machine. HumanEval+ has ~750 per task; on HumanEval, 48 prove 138
 * survivors killable and 96 prove 151 (a timing-based budget reached ~161 but made reports differ
 * between runs).
 */
export const DEFAULT_PLUS_INPUT_LIMIT = 96;
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
