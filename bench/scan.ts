/**
 * Contamination scan throughput over the machine's Python installation (stdlib + site-packages):
 * MB/s and files/s of the full scan (n-gram containment + function MinHash + verification) with 1 and
 * 2 worker threads, side by side with a naive baseline measured in the same run (regex word tokens,
 * string n-grams in a JS Set — what a quick script would do) and the bare read cost.
 *
 * Each row runs in a fresh child process, so peak RSS is that run's own and no run inherits another's
 * JIT state or heap. Besides wall time, the CPU time of the whole process (all threads) is reported:
 * on a shared machine MB per CPU-second is the stable per-core figure, while wall-clock MB/s and the
 * 1 -> 2 worker speed-up depend on what else runs (the load average is printed before and after).
 * The last rows scan half of the corpus (shard 1/2): peak memory does not grow with the corpus (it
 * follows the largest file), and full minus half gives the per-MB CPU cost apart from the fixed one
 * (thread start, index build, JIT warm-up), which is what decides scaling on a large corpus.
 *
 * Run: npx tsx bench/scan.ts [--repeat N] [--compiled]
 *   --repeat N   full-scan rows: best wall time of N runs (default 1)
 *   --compiled   full-scan rows run the tsc-compiled code (built into a temporary directory first), as the
 *                CLI does: worker threads then start without tsx, whose per-thread loader (~0.5-1 s CPU)
 *                otherwise dominates the fixed cost of a 2-worker scan of this small corpus
 *   --dense-only   only the match-dense rows (bench/dense-corpus.ts), not the Python installation's
 *   --js-only      only the JavaScript rows: the project's node_modules (.js, .mjs, .cjs) scanned against
 *                  HumanEval-X's JavaScript half, beside the same read and naive baseline (with `//`
 *                  comments stripped where the Python baseline strips `#` ones)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { backgroundFiles, writeDenseCorpus } from './dense-corpus.js';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadDataFile } from '../src/datasets/load.js';
import { resolvePython } from '../src/python/interpreter.js';
import { corpusSpec } from '../src/checks/contamination/index.js';
import { readCorpus } from '../src/contamination/corpus/open.js';
import { resolveScanParameters } from '../src/contamination/options.js';
import * as sourceRun from '../src/contamination/run.js';
import { partText } from '../src/contamination/index.js';

/** The naive baseline uses word 10-grams, like our token 10-grams. */
const NAIVE_N = 10;

interface Measurement {
  files: number;
  bytes: number;
  wall: number;
  cpu: number;
  maxRssMb: number;
  note: string;
}

type Kind = 'read' | 'naive' | 'full';
/** Which files and benchmark a row scans: Python files (HumanEval), every default format (HumanEval), or JavaScript files (HumanEval-X JS). */
type Formats = 'py' | 'all-formats' | 'js';
const JS_INCLUDES = ['*.js', '*.mjs', '*.cjs'];

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const noSink = { skip: () => undefined, warn: () => undefined, nonUtf8: () => undefined };

function corpusLocation(): string {
  const py = resolvePython();
  // The stdlib directory contains site-packages as a subdirectory.
  return execFileSync(py.executable, ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

/** Compile src/ with the project's tsc into a temporary package (node_modules linked); returns its root. */
function compileToTemp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ba-bench-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], { stdio: 'pipe' });
  } catch {
    // Type errors elsewhere in the tree (work in progress) still emit JavaScript; a missing file is caught below.
  }
  return dir;
}

/**
 * The match-dense corpus (bench/dense-corpus.ts: model completions, benchmark copies in .py, .jsonl,
 * .md and .ipynb, harness files, ordinary code), written to a temporary directory.
 */
async function makeDenseCorpus(stdlib: string): Promise<{ dir: string; files: number; bytes: number }> {
  const data = join(root, '..', 'shared', 'data');
  const humaneval = await loadDataFile(join(data, 'humaneval', 'HumanEval.jsonl.gz'));
  const mbpp = await loadDataFile(join(data, 'mbpp', 'mbpp.jsonl'));
  const dir = mkdtempSync(join(tmpdir(), 'ba-dense-'));
  const written = writeDenseCorpus(dir, { humaneval, mbpp, background: backgroundFiles(stdlib) });
  return { dir, ...written };
}

/** Run one measurement in this process (the child side). */
async function measure(kind: Kind, location: string, workers: number, half: boolean, compiled: string | null, formats: Formats): Promise<Measurement> {
  const { scanCorpusParallel } = (compiled === null
    ? sourceRun
    : await import(pathToFileURL(join(compiled, 'dist', 'contamination', 'run.js')).href)) as typeof sourceRun;
  const benchmark = formats === 'js' ? join('humaneval-x', 'humaneval_js.jsonl.gz') : join('humaneval', 'HumanEval.jsonl.gz');
  const tasks = await loadDataFile(join(root, '..', 'shared', 'data', benchmark));
  const params = resolveScanParameters({}, 0);
  // The ordinary corpus is Python files; the dense one also keeps code in .md, .ipynb and .jsonl (default includes).
  const spec =
    formats === 'all-formats' ? corpusSpec('dir', location) : corpusSpec('dir', location, { include: formats === 'js' ? JS_INCLUDES : ['*.py'] });
  const lineComment = formats === 'js' ? /\/\/.*$/gm : /#.*$/gm;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let files = 0;
  let bytes = 0;
  let note = '';
  if (kind === 'read') {
    for await (const doc of readCorpus(spec, noSink, () => true)) {
      files++;
      bytes += doc.bytes.length;
    }
  } else if (kind === 'naive') {
    const index = new Set<string>();
    const words = (text: string): string[] => text.match(/\w+|[^\s\w]/g) ?? [];
    for (const t of tasks) {
      for (const part of params.parts) {
        const w = words(partText(t, part));
        for (let i = 0; i + NAIVE_N <= w.length; i++) index.add(w.slice(i, i + NAIVE_N).join(' '));
      }
    }
    let hits = 0;
    for await (const doc of readCorpus(spec, noSink, () => true)) {
      files++;
      bytes += doc.bytes.length;
      const w = words(Buffer.from(doc.bytes).toString('utf8').replace(lineComment, ''));
      for (let i = 0; i + NAIVE_N <= w.length; i++) if (index.has(w.slice(i, i + NAIVE_N).join(' '))) hits++;
    }
    note = `hits ${hits}`;
  } else {
    const result = await scanCorpusParallel(tasks, params, spec, workers, half ? { shard: { index: 0, count: 2 } } : {});
    if (!result.ok) throw new Error(result.reason);
    files = result.partial.corpus.documents;
    bytes = result.partial.corpus.bytes;
    note = `candidates ${result.partial.candidates.length}`;
  }
  const cpu = process.cpuUsage(c0);
  return {
    files,
    bytes,
    wall: (performance.now() - t0) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    note,
  };
}

/** Run one measurement in a fresh child process (same Node flags, so tsx works there too). */
function inChild(kind: Kind, location: string, workers = 1, half = false, compiled: string | null = null, formats: Formats = 'py'): Measurement {
  const script = fileURLToPath(import.meta.url);
  const args = [...process.execArgv, script, '--child', kind, location, String(workers), half ? 'half' : 'all', formats, compiled ?? ''];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Measurement;
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  const m = await measure(argv[1] as Kind, argv[2], Number(argv[3]), argv[4] === 'half', argv[6] ? argv[6] : null, argv[5] as Formats);
  console.log(JSON.stringify(m));
} else {
  const repeatAt = argv.indexOf('--repeat');
  const repeat = repeatAt >= 0 ? Math.max(1, Number(argv[repeatAt + 1]) || 1) : 1;
  const compiled = argv.includes('--compiled') ? compileToTemp() : null;
  process.on('exit', () => {
    if (compiled !== null) rmSync(compiled, { recursive: true, force: true });
  });
  // --corpus DIR scans another folder (e.g. several copies of the Python installation, to see the
  // 1 -> 2 worker speed-up once per-thread start-up costs are small next to the scan).
  const corpusAt = argv.indexOf('--corpus');
  const location = corpusAt >= 0 && argv[corpusAt + 1] ? argv[corpusAt + 1] : corpusLocation();
  const load0 = loadavg();
  console.log(
    `corpus: ${location} (*.py), index: HumanEval (164 tasks), ${cpus().length} cpus, load average ${load0.map((x) => x.toFixed(1)).join(' ')}; ` +
      `full scans run ${compiled === null ? 'from source under tsx' : 'the tsc-compiled build'}`,
  );
  const best = (f: () => Measurement): Measurement => {
    let b: Measurement | null = null;
    for (let r = 0; r < repeat; r++) {
      const m = f();
      if (b === null || m.wall < b.wall) b = m;
    }
    return b as Measurement;
  };
  const denseOnly = argv.includes('--dense-only');
  const jsOnly = argv.includes('--js-only');
  const ordinary = denseOnly || jsOnly
    ? null
    : {
        read: inChild('read', location),
        naive: inChild('naive', location),
        full1: best(() => inChild('full', location, 1, false, compiled)),
        full2: best(() => inChild('full', location, 2, false, compiled)),
        half1: best(() => inChild('full', location, 1, true, compiled)),
        half2: best(() => inChild('full', location, 2, true, compiled)),
      };
  // The same scan where matches are dense (verification, not lookup, is the work), beside its own read and baseline.
  let dense: { read: Measurement; naive: Measurement; full1: Measurement; half1: Measurement } | null = null;
  if (!jsOnly) {
    const denseCorpus = await makeDenseCorpus(location);
    process.on('exit', () => rmSync(denseCorpus.dir, { recursive: true, force: true }));
    console.log(`match-dense corpus: ${denseCorpus.files} files, ${(denseCorpus.bytes / 1e6).toFixed(1)} MB (bench/dense-corpus.ts; all formats)`);
    dense = {
      read: inChild('read', denseCorpus.dir, 1, false, null, 'all-formats'),
      naive: inChild('naive', denseCorpus.dir, 1, false, null, 'all-formats'),
      full1: best(() => inChild('full', denseCorpus.dir, 1, false, compiled, 'all-formats')),
      half1: best(() => inChild('full', denseCorpus.dir, 1, true, compiled, 'all-formats')),
    };
  }
  // JavaScript: ordinary code (the project's node_modules) against HumanEval-X's JavaScript half, beside its own read and baseline.
  const jsLocation = join(root, 'node_modules');
  if (!denseOnly) console.log(`javascript corpus: ${jsLocation} (${JS_INCLUDES.join(', ')}), index: HumanEval-X JavaScript (164 tasks)`);
  const js = denseOnly
    ? null
    : {
        read: inChild('read', jsLocation, 1, false, null, 'js'),
        naive: inChild('naive', jsLocation, 1, false, null, 'js'),
        full1: best(() => inChild('full', jsLocation, 1, false, compiled, 'js')),
      };
  const rows: Array<[string, Measurement]> = [
    ...(ordinary === null
      ? []
      : ([
          ['read only', ordinary.read],
          ['naive baseline (regex words, string 10-grams)', ordinary.naive],
          ['full scan, 1 worker', ordinary.full1],
          ['full scan, 2 workers', ordinary.full2],
          ['full scan, 1 worker, half the corpus (shard 1/2)', ordinary.half1],
          ['full scan, 2 workers, half the corpus (shard 1/2)', ordinary.half2],
        ] as Array<[string, Measurement]>)),
    ...(dense === null
      ? []
      : ([
          ['match-dense: read only', dense.read],
          ['match-dense: naive baseline', dense.naive],
          ['match-dense: full scan, 1 worker', dense.full1],
          ['match-dense: full scan, 1 worker, shard 1/2', dense.half1],
        ] as Array<[string, Measurement]>)),
    ...(js === null
      ? []
      : ([
          ['javascript: read only', js.read],
          ['javascript: naive baseline', js.naive],
          ['javascript: full scan, 1 worker', js.full1],
        ] as Array<[string, Measurement]>)),
  ];
  // Each row against the read and the naive baseline of its own corpus.
  const baseOf = (name: string): [Measurement, Measurement] => {
    if (name.startsWith('match-dense') && dense !== null) return [dense.read, dense.naive];
    if (name.startsWith('javascript') && js !== null) return [js.read, js.naive];
    if (ordinary !== null) return [ordinary.read, ordinary.naive];
    throw new Error(`no baseline for ${name}`);
  };
  const mbps = (m: Measurement): number => m.bytes / 1e6 / m.wall;
  const header = ['run', 'MB', 'files', 'wall s', 'cpu s', 'MB/s', 'MB/cpu-s', 'files/s', 'x read', 'x naive', 'peak RSS', 'notes'];
  const table = rows.map(([name, m]) => {
    const [r, nv] = baseOf(name);
    return [
      name,
      (m.bytes / 1e6).toFixed(1),
      String(m.files),
      m.wall.toFixed(2),
      m.cpu.toFixed(2),
      mbps(m).toFixed(1),
      (m.bytes / 1e6 / m.cpu).toFixed(1),
      (m.files / m.wall).toFixed(0),
      // Wall time relative to just reading the same bytes, and throughput relative to the naive script.
      ((m.wall / m.bytes) / (r.wall / r.bytes)).toFixed(2),
      (mbps(m) / mbps(nv)).toFixed(1),
      `${m.maxRssMb.toFixed(0)} MB`,
      m.note,
    ];
  });
  for (const r of [header, ...table]) console.log(r.map((c, i) => (i === 0 ? c.padEnd(50) : i === r.length - 1 ? ` ${c}` : c.padStart(9))).join(' '));
  // Full vs half corpus separates the per-MB cost from the fixed one (thread start, index, JIT warm-up).
  const marginal = (whole: Measurement, half: Measurement): { rate: number; fixed: number } => {
    const rate = (whole.bytes - half.bytes) / 1e6 / (whole.cpu - half.cpu);
    return { rate, fixed: half.cpu - half.bytes / 1e6 / rate };
  };
  const after = `load average after ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
  const md = dense === null ? null : marginal(dense.full1, dense.half1);
  const denseLine = md === null ? '' : `match-dense, 1 worker ${md.rate.toFixed(1)} MB/cpu-s + ${md.fixed.toFixed(2)} cpu s fixed`;
  if (ordinary === null) console.log(md === null ? after : `marginal (full minus half corpus): ${denseLine}; ${after}`);
  else {
    const { full1, full2 } = ordinary;
    const m1 = marginal(full1, ordinary.half1);
    const m2 = marginal(full2, ordinary.half2);
    console.log(
      `marginal (full minus half corpus): 1 worker ${m1.rate.toFixed(1)} MB/cpu-s + ${m1.fixed.toFixed(2)} cpu s fixed; ` +
        `2 workers ${m2.rate.toFixed(1)} MB/cpu-s + ${m2.fixed.toFixed(2)} cpu s fixed; ${denseLine}`,
    );
    console.log(
      `speed-up 1 -> 2 workers: ${(full1.wall / full2.wall).toFixed(2)}x wall; CPU per MB ${((full2.cpu / full2.bytes) / (full1.cpu / full1.bytes)).toFixed(2)}x of 1 worker's` +
        `; ${after}${repeat > 1 ? `; full scans: best of ${repeat}` : ''}`,
    );
  }
}
