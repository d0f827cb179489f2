/** Worker-thread entry: build the index, scan this worker's units, post the partial result. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndex } from './index.js';
import { scanCorpus, type WorkerRequest } from './run.js';

const request = workerData as WorkerRequest;
const index = buildIndex(request.tasks, request.params);
/** Post progress at most every this many bytes (a message per document would cost more than a small file's scan). */
const PROGRESS_EVERY_BYTES = 4 * 1024 * 1024;
let pending = 0;
const partial = await scanCorpus(index, request.spec, {
  shard: request.shard,
  worker: request.worker,
  hub: request.hub,
  onDocument: (bytes) => {
    pending += bytes;
    if (pending >= PROGRESS_EVERY_BYTES) {
      parentPort?.postMessage({ type: 'progress', bytes: pending });
      pending = 0;
    }
  },
});
if (pending > 0) parentPort?.postMessage({ type: 'progress', bytes: pending });
parentPort?.postMessage({ type: 'done', partial });
