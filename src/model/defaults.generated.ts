/* Generated from the `default` keywords of schemas/audit.schema.json by scripts/gen-report-types.mjs. Do not edit. */

import type { StaticConfig, ExecutionConfig, MutationConfig } from './types.generated.js';

/** Seed of every random choice (mutant sampling, input generation, MinHash). Default 0. */
export const DEFAULT_SEED = 0;

export const DEFAULT_STATIC_CONFIG: Readonly<StaticConfig> = {
  fewTestsThreshold: 2,
};

export const DEFAULT_EXECUTION_CONFIG: Readonly<ExecutionConfig> = {
  timeLimitMs: 3000,
  memoryLimitMb: 2048,
  repeats: 3,
  workers: 0,
  python: '',
  isolation: 'auto',
  slowFraction: 0.5,
  plusInputs: true,
  plusTimeFactor: 10,
  maxPlusInputs: 0,
};

export const DEFAULT_MUTATION_SETTINGS: Readonly<Pick<MutationConfig, 'maxMutantsPerTask' | 'minTimeLimitMs' | 'referenceTimeFactor' | 'inputBudget' | 'plusInputLimit' | 'compileCheck' | 'killableFindingsPerTask' | 'lowCoverageThreshold' | 'strengthen'>> = {
  maxMutantsPerTask: 100,
  minTimeLimitMs: 1000,
  referenceTimeFactor: 10,
  inputBudget: 60,
  plusInputLimit: 96,
  compileCheck: true,
  killableFindingsPerTask: 3,
  lowCoverageThreshold: 0.8,
  strengthen: true,
};
