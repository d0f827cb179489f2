/** Messages between the host and a JavaScript worker (node IPC, structured clone). */
import type { JsJob, JsResult } from './types.js';
import type { WorkerConfinement } from './worker-probe.js';

export interface WorkerRequest {
  id: number;
  job: JsJob;
}

/**
 * `ready` (id -1) once the interpreter is loaded, with what the worker's own probes found it can do; a failure means
 * the worker exits after sending it.
 */
export type WorkerReply =
  | { id: number; ok: true; ready: true; confinement: WorkerConfinement }
  /** `retiring`: the worker exits after this reply (its interpreter aborted); the host starts another for the next job. */
  | { id: number; ok: true; result: JsResult; retiring?: boolean }
  | { id: number; ok: false; message: string };

/** Environment variable naming the worker's scratch folder (its cwd), which it removes when the host goes away. */
export const WORKER_SCRATCH_ENV = 'BENCH_AUDIT_WORKER_SCRATCH';
