/**
 * Planted JavaScript contamination: HumanEval-X JavaScript solutions (the committed fixture's tasks,
 * and 40 of the real release when it is here) planted under transformations in a corpus of ordinary
 * JavaScript (the project's node_modules), also inside Markdown code blocks, a JavaScript notebook and
 * JSONL rows. Each planted copy must be found in its file with containment at the contaminated
 * threshold, the kinds must read right, and no ordinary file may match.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import type { Task } from '../../src/model/task.js';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { scanCorpus } from '../../src/contamination/run.js';
import { mergePartials, scoreCandidates, type FinalItem } from '../../src/contamination/scanner.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { fixtureFile, needData } from '../helpers/data.js';
import { repoRoot } from '../helpers/paths.js';
import { jsVariants, pickJsFiles } from './planted-js-helpers.js';
import { readText } from './planted-helpers.js';

/** Real-release tasks planted per transformation (recall in steps of 2.5%), as the Python planted test. */
const PLANTED_TASKS = 40;
/** Ordinary JavaScript files around the copies. */
const BACKGROUND_FILES = 40;

interface Planted {
  file: string;
  task: number;
  transformation: string;
}

interface PlantResult {
  items: FinalItem[];
  expected: Planted[];
  solutionItem: Map<number, number>;
  threshold: number;
  documents: number;
  /** The partial of two shards merged equals the unsharded partial (JSON text); null when not scanned in shards. */
  shardsAgree: boolean | null;
}

/** Plant the solutions of `tasks[planted]` (and the tests and prompt of the first) and scan. */
async function plantAndScan(tasks: Task[], count: number, shards: boolean): Promise<PlantResult> {
  const params = resolveScanParameters({}, 0);
  const index = buildIndex(tasks, params);
  assert.equal(index.language, 'javascript', 'the index knows the benchmark is JavaScript');
  const solutionItem = new Map<number, number>();
  for (const item of index.items) if (item.part === 'solution' && !item.trivial) solutionItem.set(item.task, item.id);
  const planted = [...solutionItem.keys()].slice(0, count);
  const hosts = pickJsFiles(join(repoRoot, 'node_modules', 'ajv', 'dist'), BACKGROUND_FILES, 2_000, 40_000);
  assert.ok(hosts.length >= 30, 'enough ordinary JavaScript to build the corpus');
  const root = mkdtempSync(join(tmpdir(), 'ba-planted-js-'));
  try {
    const expected: Planted[] = [];
    const write = (rel: string, text: string): void => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    hosts.forEach((host, i) => write(`ordinary/${i}-${basename(host)}`, readText(host)));
    const rows: string[] = [];
    planted.forEach((t, i) => {
      const task = tasks[t];
      const name = task.id.replace('/', '_');
      const v = jsVariants(task.solution);
      const variants: Record<string, [string, string]> = {
        verbatim: ['js', v.verbatim],
        reformatted: ['js', v.reformatted],
        renamed: ['js', v.renamed],
        commented: ['mjs', v.commented],
        'no-semicolons': ['ts', v.noSemicolons],
        embedded: ['js', `${readText(hosts[i % hosts.length])}\n\n${v.verbatim}\n`],
        markdown: ['md', `# ${task.id}\n\nA model's answer, as posted:\n\n\`\`\`javascript\n${v.commented}\n\`\`\`\n\nIt passes the tests.\n`],
        'markdown-untagged': ['md', `Answer:\n\n\`\`\`\n${v.noSemicolons}\n\`\`\`\n`],
        notebook: ['ipynb', notebook(v.verbatim)],
        // Code inside JavaScript strings: escaped in a quoted string, raw lines in a template, a JSON field in a .js file.
        string: ['js', `// answers\nconst answer = ${JSON.stringify(v.verbatim)};\nmodule.exports = answer;\n`],
        template: ['js', `const answer = \`\n${v.verbatim.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${')}\n\`;\nexport default answer;\n`],
        'json-field': ['js', `module.exports = ${JSON.stringify({ task_id: task.id, completion: v.verbatim, passed: true }, null, 2)};\n`],
      };
      for (const [transformation, [ext, text]] of Object.entries(variants)) {
        const file = `planted/${transformation}/${name}.${ext}`;
        write(file, text);
        expected.push({ file, task: t, transformation });
      }
      rows.push(JSON.stringify({ task_id: task.id, generation: v.reformatted, model: 'some-model' }));
      expected.push({ file: 'planted/jsonl/completions.jsonl', task: t, transformation: 'jsonl' });
    });
    write('planted/jsonl/completions.jsonl', `${rows.join('\n')}\n`);
    const spec = corpusSpec('dir', root);
    const partial = await scanCorpus(index, spec);
    const { items } = scoreCandidates(index, partial);
    let shardsAgree: boolean | null = null;
    if (shards) {
      const parts = [await scanCorpus(index, spec, { shard: { index: 0, count: 2 } }), await scanCorpus(index, spec, { shard: { index: 1, count: 2 } })];
      const merged = mergePartials(parts, params.candidatesPerItem);
      const whole = mergePartials([partial], params.candidatesPerItem); // the same normal form (sorted keys and lists)
      assert.ok(merged.ok && whole.ok);
      assert.ok(parts.every((p) => p.corpus.documents < partial.corpus.documents), 'each shard scans a strict subset');
      shardsAgree = JSON.stringify(merged.partial) === JSON.stringify(whole.partial);
    }
    return { items, expected, solutionItem, threshold: params.contaminatedThreshold, documents: partial.corpus.documents, shardsAgree };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** An nbformat 4 notebook with a JavaScript kernel (IJavascript) and one code cell. */
function notebook(code: string): string {
  const source = code.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  return JSON.stringify(
    {
      cells: [{ cell_type: 'markdown', metadata: {}, source: ['# Solution\n'] }, { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source }],
      metadata: { kernelspec: { display_name: 'JavaScript (Node.js)', language: 'javascript', name: 'javascript' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

function recallByTransformation(r: PlantResult): Record<string, number> {
  const recall: Record<string, { found: number; total: number }> = {};
  for (const e of r.expected) {
    const x = (recall[e.transformation] ??= { found: 0, total: 0 });
    x.total++;
    if (r.items[r.solutionItem.get(e.task)!].matches.some((m) => m.corpusId === e.file && m.containment >= r.threshold)) x.found++;
  }
  return Object.fromEntries(Object.entries(recall).map(([k, v]) => [k, v.found / v.total]));
}

function kindsOf(r: PlantResult, transformation: string): string[] {
  return r.expected
    .filter((e) => e.transformation === transformation)
    .map((e) => r.items[r.solutionItem.get(e.task)!].matches.find((m) => m.corpusId === e.file)?.kind ?? 'missed');
}

function falsePositives(r: PlantResult, tasks: Task[]): string[] {
  const out: string[] = [];
  for (const fi of r.items) {
    if (fi.item.trivial) continue;
    for (const m of fi.matches) {
      if (m.corpusId.startsWith('ordinary/') && m.containment >= r.threshold) out.push(`${tasks[fi.item.task].id} ${fi.item.part} in ${m.corpusId}:${m.lineStart}`);
    }
  }
  return out;
}

test('planted JavaScript (fixture tasks): every copy found, in .js/.mjs/.ts files, Markdown, a notebook and JSONL', async () => {
  const tasks = await loadDataFile(fixtureFile('humaneval-x/humaneval_js.jsonl.gz'));
  assert.ok(tasks.every((t) => t.language === 'javascript'));
  const r = await plantAndScan(tasks, tasks.length, true);
  assert.ok(r.solutionItem.size >= 2, 'at least two fixture solutions are long enough to be indexed as non-trivial');
  const recall = recallByTransformation(r);
  for (const [k, v] of Object.entries(recall)) assert.equal(v, 1, `recall ${k} = ${v}`);
  // Identical token sequences after the normalisation: comments, semicolons and layout do not count.
  for (const k of ['verbatim', 'commented', 'no-semicolons', 'embedded', 'notebook', 'markdown', 'markdown-untagged', 'string', 'template', 'json-field']) {
    assert.deepEqual(kindsOf(r, k), kindsOf(r, k).map(() => 'verbatim'), `${k} copies are verbatim`);
  }
  assert.deepEqual(kindsOf(r, 'renamed'), kindsOf(r, 'renamed').map(() => 'renamed'), 'renamed copies are renamed');
  assert.deepEqual(falsePositives(r, tasks), []);
  assert.equal(r.shardsAgree, true, 'two shards merged give the unsharded partial');
  // The segment a copy was found in is named (code block, cell, JSONL field).
  const md = r.items[r.solutionItem.get(0)!].matches.find((m) => m.corpusId.startsWith('planted/markdown/'));
  assert.match(md?.segment ?? '', /^code block at line 5$/);
  const row = r.items[r.solutionItem.get(0)!].matches.find((m) => m.corpusId === 'planted/jsonl/completions.jsonl');
  assert.match(row?.segment ?? '', /field "generation" at line 1/);
  // A copy inside a string is cited at the string's lines: the escaped one on its one line, the template's as written.
  const firstSolution = r.items[r.solutionItem.get(0)!];
  const inString = firstSolution.matches.find((m) => m.corpusId.startsWith('planted/string/'));
  assert.equal(inString?.segment, 'string at line 2');
  assert.equal(inString?.lineStart, 2);
  assert.equal(inString?.lineEnd, 2);
  const inTemplate = firstSolution.matches.find((m) => m.corpusId.startsWith('planted/template/'));
  assert.equal(inTemplate?.segment, 'string at line 1');
  assert.ok(inTemplate && inTemplate.lineStart >= 2 && inTemplate.lineEnd > inTemplate.lineStart, `template lines ${inTemplate?.lineStart}-${inTemplate?.lineEnd}`);
});

test('planted JavaScript (40 real HumanEval-X tasks): recall per transformation, no false positives', async (t) => {
  const [file] = needData(t, 'humaneval-x/humaneval_js.jsonl.gz') ?? [];
  if (!file) return;
  const tasks = await loadDataFile(file);
  const r = await plantAndScan(tasks, PLANTED_TASKS, false);
  assert.equal(r.expected.filter((e) => e.transformation === 'verbatim').length, PLANTED_TASKS);
  const recall = recallByTransformation(r);
  console.log('planted JavaScript recall', JSON.stringify(recall));
  for (const [k, v] of Object.entries(recall)) assert.ok(v >= (k === 'renamed' ? 0.8 : 0.95), `recall ${k} = ${v}`);
  const renamed = kindsOf(r, 'renamed');
  assert.ok(renamed.filter((k) => k === 'renamed').length >= 0.8 * PLANTED_TASKS, `renamed copies are reported as renamed: ${renamed.join(' ')}`);
  assert.ok(kindsOf(r, 'commented').every((k) => k === 'verbatim'), 'comments added leave a verbatim copy');
  assert.deepEqual(falsePositives(r, tasks), []);
});
