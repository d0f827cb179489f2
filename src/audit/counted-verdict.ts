/**
 * The mutation check's line-event verdicts, for the layers that may not import checks/ (apply/ judges model
 * samples the way the mutation check judges mutants).
 */
export { countedVerdict, perCallVerdict, REFERENCE_CPU_LIMIT_MS, type DecidedBy } from '../checks/mutation/run.js';
export { testsCallCaps } from '../checks/mutation/counted-calls.js';
export { MACHINE_RETRIES, MachineDecided, machineEnded, TRACED_MIN_STEPS_PER_MS, UNTRACED_MAX_STEPS_PER_MS } from '../checks/mutation/reference-inputs.js';
