/**
 * Two builds of the contamination scan in one process, rounds interleaved (A B, B A, ...): index build
 * and scan CPU-seconds of each round, so a before/after comparison on a loaded machine sees the same
 * conditions. The first round of each build includes its JIT warm-up; later rounds are the steady scan.
 *
 * Run: npx tsx bench/scan-compare.ts BASE_DIST NEW_DIST CORPUS_DIR [ROUNDS]
 *   BASE_DIST, NEW_DIST  compiled `dist` folders (`npm run build`; e.g. one from a checkout of the base commit)
 *   CORPUS_DIR           a folder scanned with the default includes (e.g. one written by bench/dense-corpus.ts)
 *   ROUNDS               rounds per build (default 8)
 */
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadavg } from 'node:os';
import { loadDataFile } from '../src/datasets/load.js';
import { corpusSpec } from '../src/checks/contamination/index.js';
import { resolveScanParameters } from '../src/contamination/options.js';
import type * as IndexModule from '../src/contamination/index.js';
import type * as RunModule from '../src/contamination/run.js';

/** Rounds per build when not given: enough for a minimum and a median under load. */
const DEFAULT_ROUNDS = 8;

interface Build {
  buildIndex: typeof IndexModule.buildIndex;
  scanCorpus: typeof RunModule.scanCorpus;
}

async function load(dist: string): Promise<Build> {
  const url = (rel: string): string => pathToFileURL(join(resolve(dist), rel)).href;
  const index = (await import(url('contamination/index.js'))) as typeof IndexModule;
  const run = (await import(url('contamination/run.js'))) as typeof RunModule;
  return { buildIndex: index.buildIndex, scanCorpus: run.scanCorpus };
}

const [baseDist, newDist, corpus, roundsArg] = process.argv.slice(2);
if (baseDist === undefined || newDist === undefined || corpus === undefined) {
  console.error('usage: npx tsx bench/scan-compare.ts BASE_DIST NEW_DIST CORPUS_DIR [ROUNDS]');
  process.exit(2);
}
const rounds = roundsArg === undefined ? DEFAULT_ROUNDS : Math.max(1, Number(roundsArg));
const builds: Record<'base' | 'new', Build> = { base: await load(baseDist), new: await load(newDist) };
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const tasks = await loadDataFile(join(root, '..', 'shared', 'data', 'humaneval', 'HumanEval.jsonl.gz'));
const params = resolveScanParameters({}, 0);
const spec = corpusSpec('dir', corpus);
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const times = { base: { index: [] as number[], scan: [] as number[] }, new: { index: [] as number[], scan: [] as number[] } };
const load0 = loadavg();
let bytes = 0;
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 === 0 ? (['base', 'new'] as const) : (['new', 'base'] as const)) {
    let c = cpu();
    const index = builds[k].buildIndex(tasks, params);
    times[k].index.push(cpu() - c);
    c = cpu();
    const partial = await builds[k].scanCorpus(index, spec);
    times[k].scan.push(cpu() - c);
    bytes = partial.corpus.bytes;
  }
}
const show = (a: number[]): string => {
  const steady = a.slice(1).sort((x, y) => x - y);
  const median = steady.length === 0 ? a[0] : steady[steady.length >> 1];
  return `first ${a[0].toFixed(3)}, later min ${Math.min(...(steady.length ? steady : a)).toFixed(3)} median ${median.toFixed(3)}`;
};
console.log(`${(bytes / 1e6).toFixed(1)} MB, ${rounds} rounds each, load average ${load0.map((x) => x.toFixed(1)).join(' ')} -> ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const k of ['base', 'new'] as const) console.log(`${k}: index CPU-s ${show(times[k].index)}; scan CPU-s ${show(times[k].scan)}`);
