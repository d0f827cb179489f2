/**
 * Two builds of the contamination scan, rounds interleaved (A B, B A, ...), so a before/after
 * comparison on a loaded machine sees the same conditions.
 *
 * In one process (default): index build and scan CPU-seconds of each round. The first round of each
 * build includes its JIT warm-up; later rounds are the steady scan.
 * With --cold: every round of each build in a fresh process (as a single CLI scan runs), reporting
 * the main thread's CPU-seconds (what bounds a scan's wall time on an idle machine) and the whole
 * process's (V8's compiler and GC threads included), read from /proc.
 *
 * Run: npx tsx bench/scan-compare.ts BASE_DIST NEW_DIST CORPUS_DIR [ROUNDS] [--cold]
 *   BASE_DIST, NEW_DIST  compiled `dist` folders (`npm run build`; e.g. one from a checkout of the base commit)
 *   CORPUS_DIR           a folder scanned with the default includes (e.g. one written by bench/dense-corpus.ts)
 *   ROUNDS               rounds per build (default 8)
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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
/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

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

/** CPU-seconds of this process's threads so far: the main thread's and all of them. */
function threadCpu(): { main: number; all: number } {
  let main = 0;
  let all = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
    all += seconds;
    if (tid === String(process.pid)) main = seconds;
  }
  return { main, all };
}

const argv = process.argv.slice(2);
const cold = argv.includes('--cold');
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const benchmarkFile = join(root, '..', 'shared', 'data', 'humaneval', 'HumanEval.jsonl.gz');

if (argv[0] === '--child') {
  // One cold scan (index build included) with one build; prints its CPU as JSON.
  const build = await load(argv[1]);
  const tasks = await loadDataFile(benchmarkFile);
  const before = threadCpu();
  const partial = await build.scanCorpus(build.buildIndex(tasks, resolveScanParameters({}, 0)), corpusSpec('dir', argv[2]));
  const after = threadCpu();
  console.log(JSON.stringify({ main: after.main - before.main, all: after.all - before.all, bytes: partial.corpus.bytes }));
  process.exit(0);
}

const [baseDist, newDist, corpus, roundsArg] = argv.filter((a) => a !== '--cold');
if (baseDist === undefined || newDist === undefined || corpus === undefined) {
  console.error('usage: npx tsx bench/scan-compare.ts BASE_DIST NEW_DIST CORPUS_DIR [ROUNDS] [--cold]');
  process.exit(2);
}
const rounds = roundsArg === undefined ? DEFAULT_ROUNDS : Math.max(1, Number(roundsArg));
const load0 = loadavg();
const loads = (): string => `load average ${load0.map((x) => x.toFixed(1)).join(' ')} -> ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
const dists = { base: baseDist, new: newDist } as const;
const order = (r: number): Array<'base' | 'new'> => (r % 2 === 0 ? ['base', 'new'] : ['new', 'base']);

if (cold) {
  const runs = { base: [] as Array<{ main: number; all: number }>, new: [] as Array<{ main: number; all: number }> };
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    for (const k of order(r)) {
      const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', dists[k], corpus], { encoding: 'utf8' });
      const m = JSON.parse(out.trim().split('\n').pop() as string) as { main: number; all: number; bytes: number };
      runs[k].push(m);
      bytes = m.bytes;
    }
  }
  const median = (a: number[]): number => [...a].sort((x, y) => x - y)[a.length >> 1];
  const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;
  console.log(`${(bytes / 1e6).toFixed(1)} MB, ${rounds} cold runs each, ${loads()}`);
  for (const k of ['base', 'new'] as const) {
    const main = runs[k].map((m) => m.main);
    const all = runs[k].map((m) => m.all);
    console.log(`${k}: main thread CPU-s median ${median(main).toFixed(2)} mean ${mean(main).toFixed(3)}; all threads median ${median(all).toFixed(2)} mean ${mean(all).toFixed(3)}`);
  }
} else {
  const builds: Record<'base' | 'new', Build> = { base: await load(baseDist), new: await load(newDist) };
  const tasks = await loadDataFile(benchmarkFile);
  const params = resolveScanParameters({}, 0);
  const spec = corpusSpec('dir', corpus);
  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const times = { base: { index: [] as number[], scan: [] as number[] }, new: { index: [] as number[], scan: [] as number[] } };
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    for (const k of order(r)) {
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
  console.log(`${(bytes / 1e6).toFixed(1)} MB, ${rounds} rounds each, ${loads()}`);
  for (const k of ['base', 'new'] as const) console.log(`${k}: index CPU-s ${show(times[k].index)}; scan CPU-s ${show(times[k].scan)}`);
}
