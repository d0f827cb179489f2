/**
 * The mutation check's line-event verdicts, for the layers that may not import checks/ (apply/ judges model
 * samples the way the mutation check judges mutants).
 */
export { countedVerdict, type DecidedBy } from '../checks/mutation/run.js';
export { TRACED_MIN_STEPS_PER_MS, UNTRACED_MAX_STEPS_PER_MS } from '../checks/mutation/reference-inputs.js';
