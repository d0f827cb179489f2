/**
 * Worker-thread entry: build the index, scan this worker's part, post the partial result.
 * Mode `units`: read the units the hash split gives this worker. Mode `files`: ask the main thread for
 * batches of directory paths (keeping one request in flight so the next batch is there when the
 * current one is done), read and scan them, and at the end replay the walk's skips/warnings.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ReadScratch, readDirectoryFile } from './corpus/directory.js';
import { buildIndex } from './index.js';
import { scanCorpus, scanDocument, scannerSink, type FromWorker, type SinkEvent, type ToWorker, type WorkerRequest } from './run.js';
import { Scanner, type ContaminationPartial } from './scanner.js';

const request = workerData as WorkerRequest;
const port = parentPort;
if (port === null) throw new Error('scan-worker runs only as a worker thread');
const post = (msg: FromWorker): void => port.postMessage(msg);
const index = buildIndex(request.tasks, request.params);
/** Post progress at most every this many bytes (a message per document would cost more than a small file's scan). */
const PROGRESS_EVERY_BYTES = 4 * 1024 * 1024;
let pending = 0;
const onDocument = (bytes: number): void => {
  pending += bytes;
  if (pending >= PROGRESS_EVERY_BYTES) {
    post({ type: 'progress', bytes: pending });
    pending = 0;
  }
};

async function scanFiles(): Promise<ContaminationPartial> {
  const scanner = new Scanner(index);
  const sink = scannerSink(scanner);
  const scratch = new ReadScratch();
  const queue: string[][] = [];
  let events: SinkEvent[] | null = null;
  let wake: (() => void) | null = null;
  const onMessage = (msg: ToWorker): void => {
    if (msg.type === 'files') queue.push(msg.paths);
    else events = msg.events;
    wake?.();
  };
  port!.on('message', onMessage);
  post({ type: 'more' });
  post({ type: 'more' });
  for (;;) {
    const paths = queue.shift();
    if (paths === undefined) {
      // The answer to the request posted when the last batch started is usually waiting already:
      // take it synchronously instead of yielding to the event loop (and maybe the OS scheduler).
      const queued = receiveMessageOnPort(port!);
      if (queued !== undefined) {
        onMessage(queued.message as ToWorker);
        continue;
      }
      if (events !== null) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    post({ type: 'more' });
    for (const rel of paths) {
      const doc = readDirectoryFile(request.spec, rel, sink, scratch);
      if (doc === null) continue;
      scanDocument(scanner, doc);
      onDocument(doc.bytes.length);
    }
  }
  port!.off('message', onMessage);
  for (const e of events as SinkEvent[]) {
    if (e.kind === 'skip') scanner.skip(e.reason);
    else scanner.warn(e.code, e.message);
  }
  return scanner.partial(request.shard);
}

const partial =
  request.mode === 'files'
    ? await scanFiles()
    : await scanCorpus(index, request.spec, { shard: request.shard, worker: request.worker, hub: request.hub, onDocument });
if (pending > 0) post({ type: 'progress', bytes: pending });
post({ type: 'done', partial });
