/**
 * The long-lived JavaScript worker: a node process that loads QuickJS once and runs each job it is sent in a fresh
 * interpreter runtime. It exits after an interpreter abort (the WebAssembly instance is unusable then); the host
 * starts another.
 */
import { engineAborted, runJsJob } from './engine.js';
import { quickJsModule } from './module.js';
import { rmSync } from 'node:fs';
import { WORKER_SCRATCH_ENV, type WorkerReply, type WorkerRequest } from './protocol.js';
import { probeWorker } from './worker-probe.js';

const module = await quickJsModule();

function reply(message: WorkerReply): Promise<void> {
  return new Promise((resolve) => {
    process.send?.(message, undefined, {}, () => resolve());
  });
}

/** Set once this worker runs no more jobs: jobs the host sent ahead are run by its successor. */
let retiring = false;

process.on('message', (raw: WorkerRequest) => {
  if (retiring) return;
  void (async () => {
    try {
      const result = runJsJob(module, raw.job);
      retiring = engineAborted();
      await reply({ id: raw.id, ok: true, result, ...(retiring ? { retiring: true } : {}) });
      if (retiring) process.exit(1);
    } catch (error) {
      retiring = true;
      await reply({ id: raw.id, ok: false, message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
  })();
});
// The host went away (closed the runtime, or died, even by SIGKILL): remove the scratch it made for this worker, end.
process.on('disconnect', () => {
  const scratch = process.env[WORKER_SCRATCH_ENV];
  try {
    // Its contents: the folder itself is in a directory the confined worker may not change (the host's reaper removes it).
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  } catch {
    // What is left is the reaper's.
  }
  process.exit(0);
});
// Before any job: what this process could do if a job escaped the interpreter (the host reports it).
const confinement = await probeWorker(process.env[WORKER_SCRATCH_ENV] ?? process.cwd());
void reply({ id: -1, ok: true, ready: true, confinement });
