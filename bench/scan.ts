/**
 * Contamination scan throughput over the machine's Python installation (stdlib + site-packages):
 * MB/s and files/s of the full scan (n-gram containment + function MinHash + verification) with 1 and
 * 2 worker threads, side by side with a naive baseline measured in the same run (regex word tokens,
 * string n-grams in a JS Set — what a quick script would do) and the bare read cost.
 * Run: npx tsx bench/scan.ts [--limit-mb N]
 */
import { execFileSync } from 'node:child_process';

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../src/datasets/load.js';
import { resolvePython } from '../src/python/interpreter.js';
import { corpusSpec } from '../src/checks/contamination/index.js';
import { readCorpus } from '../src/contamination/corpus/open.js';
import { resolveScanParameters } from '../src/contamination/options.js';
import { scanCorpusParallel } from '../src/contamination/run.js';
import { partText } from '../src/contamination/index.js';

/** The naive baseline uses word 10-grams, like our token 10-grams. */
const NAIVE_N = 10;

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const py = resolvePython();
const paths = JSON.parse(
  execFileSync(py.executable, ['-c', "import sysconfig, json; p = sysconfig.get_paths(); print(json.dumps([p['stdlib']]))"], { encoding: 'utf8' }),
) as string[];
const location = paths[0]; // stdlib contains site-packages as a subdirectory
const tasks = await loadDataFile(join(root, '..', 'shared', 'data', 'humaneval', 'HumanEval.jsonl.gz'));
const params = resolveScanParameters({}, 0);
const spec = corpusSpec('dir', location, { include: ['*.py'] });

const noSink = { skip: () => undefined, warn: () => undefined, nonUtf8: () => undefined };

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

async function readOnly(): Promise<{ files: number; bytes: number; seconds: number }> {
  const t0 = performance.now();
  let files = 0;
  let bytes = 0;
  for await (const doc of readCorpus(spec, noSink, () => true)) {
    files++;
    bytes += doc.bytes.length;
  }
  return { files, bytes, seconds: (performance.now() - t0) / 1000 };
}

async function naive(): Promise<{ files: number; bytes: number; seconds: number; hits: number }> {
  const index = new Set<string>();
  const words = (text: string): string[] => text.match(/\w+|[^\s\w]/g) ?? [];
  for (const t of tasks) {
    for (const part of params.parts) {
      const w = words(partText(t, part));
      for (let i = 0; i + NAIVE_N <= w.length; i++) index.add(w.slice(i, i + NAIVE_N).join(' '));
    }
  }
  const t0 = performance.now();
  let files = 0;
  let bytes = 0;
  let hits = 0;
  for await (const doc of readCorpus(spec, noSink, () => true)) {
    files++;
    bytes += doc.bytes.length;
    const w = words(Buffer.from(doc.bytes).toString('utf8').replace(/#.*$/gm, ''));
    for (let i = 0; i + NAIVE_N <= w.length; i++) if (index.has(w.slice(i, i + NAIVE_N).join(' '))) hits++;
  }
  return { files, bytes, seconds: (performance.now() - t0) / 1000, hits };
}

async function full(workers: number): Promise<{ files: number; bytes: number; seconds: number; candidates: number; rss: number }> {
  const t0 = performance.now();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const result = await scanCorpusParallel(tasks, params, spec, workers);
  clearInterval(timer);
  if (!result.ok) throw new Error(result.reason);
  const p = result.partial;
  return { files: p.corpus.documents, bytes: p.corpus.bytes, seconds: (performance.now() - t0) / 1000, candidates: p.candidates.length, rss: peak };
}

console.log(`corpus: ${location} (*.py), index: HumanEval (${tasks.length} tasks), ${(await import('node:os')).cpus().length} cpus`);
const rows: string[][] = [];
const r0 = await readOnly();
rows.push(['read only', mb(r0.bytes), String(r0.files), r0.seconds.toFixed(1), mb(r0.bytes / r0.seconds), (r0.files / r0.seconds).toFixed(0), '']);
const nv = await naive();
rows.push(['naive baseline (regex words, string 10-grams)', mb(nv.bytes), String(nv.files), nv.seconds.toFixed(1), mb(nv.bytes / nv.seconds), (nv.files / nv.seconds).toFixed(0), `hits ${nv.hits}`]);
for (const w of [1, 2]) {
  const f = await full(w);
  rows.push([`full scan, ${w} worker${w > 1 ? 's' : ''}`, mb(f.bytes), String(f.files), f.seconds.toFixed(1), mb(f.bytes / f.seconds), (f.files / f.seconds).toFixed(0), `candidates ${f.candidates}, peak RSS ${mb(f.rss)} MB`]);
}
const header = ['run', 'MB', 'files', 'seconds', 'MB/s', 'files/s', 'notes'];
for (const r of [header, ...rows]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(48) : c.padStart(9))).join(' '));

