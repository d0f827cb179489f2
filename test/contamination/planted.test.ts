/**
 * Planted contamination: a corpus of real code (the local Python stdlib) with HumanEval solutions
 * planted under transformations. Recall per transformation and false positives on unplanted files
 * are computed from the scan and checked against the requirements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { needData } from '../helpers/data.js';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { scanCorpus } from '../../src/contamination/run.js';
import { scoreCandidates } from '../../src/contamination/scanner.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { embed, partialCopy, pickStdlibFiles, readText, stdlibDir, transformSources } from './planted-helpers.js';


/** Tasks planted per transformation: enough for recall to be measured in steps of 2.5%. */
const PLANTED_TASKS = 40;
/** Unplanted stdlib files (also the hosts of the embedded copies). */
const UNPLANTED_FILES = 120;

test('planted contamination: recall per transformation, no false positives on unplanted code', async (t) => {
  const [heFile] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (!heFile) return;
  const tasks = await loadDataFile(heFile);
  const params = resolveScanParameters({}, 0);
  const index = buildIndex(tasks, params);
  const solutionItem = new Map<number, number>();
  for (const item of index.items) if (item.part === 'solution' && !item.trivial) solutionItem.set(item.task, item.id);
  const planted = [...solutionItem.keys()].slice(0, PLANTED_TASKS);
  assert.equal(planted.length, PLANTED_TASKS);

  const transformed = transformSources(planted.map((t) => tasks[t].solution));
  const hosts = pickStdlibFiles(stdlibDir(), UNPLANTED_FILES, 4_000, 60_000);
  assert.ok(hosts.length >= 40, 'enough stdlib files to build the corpus');

  const root = mkdtempSync(join(tmpdir(), 'ba-planted-'));
  try {
    const expected: { file: string; task: number; transformation: string }[] = [];
    const write = (rel: string, text: string): void => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    for (const host of hosts) write(`stdlib/${basename(host)}`, readText(host));
    planted.forEach((t, i) => {
      const name = tasks[t].id.replace('/', '_');
      const tr = transformed[i];
      assert.ok(tr !== null, `python could transform ${tasks[t].id}`);
      const variants: Record<string, string> = {
        verbatim: tasks[t].solution,
        reformatted: tr.reformatted,
        commented: tr.commented,
        renamed: tr.renamed,
        embedded: embed(readText(hosts[i % hosts.length]), tasks[t].solution),
        partial60: partialCopy(tasks[t].solution, 0.6),
      };
      for (const [transformation, text] of Object.entries(variants)) {
        const file = `planted/${transformation}/${name}.py`;
        write(file, text);
        expected.push({ file, task: t, transformation });
      }
    });

    const partial = await scanCorpus(index, corpusSpec('dir', root));
    assert.equal(partial.corpus.documents, hosts.length + expected.length);
    const { items } = scoreCandidates(index, partial);

    const recall: Record<string, { found: number; total: number }> = {};
    for (const e of expected) {
      const r = (recall[e.transformation] ??= { found: 0, total: 0 });
      r.total++;
      const matches = items[solutionItem.get(e.task)!].matches;
      if (matches.some((m) => m.corpusId === e.file && m.containment >= params.contaminatedThreshold)) r.found++;
    }
    const rate = (k: string): number => recall[k].found / recall[k].total;
    const summary = Object.fromEntries(Object.keys(recall).map((k) => [k, rate(k)]));
    console.log('planted recall', JSON.stringify(summary));
    for (const k of ['verbatim', 'reformatted', 'embedded', 'commented']) assert.ok(rate(k) >= 0.95, `recall ${k} = ${rate(k)} >= 0.95`);
    assert.ok(rate('renamed') >= 0.8, `recall renamed = ${rate('renamed')} >= 0.8`);

    // False positives: any non-trivial item matched above threshold in an unplanted stdlib file.
    const falsePositives: string[] = [];
    for (const fi of items) {
      if (fi.item.trivial) continue;
      for (const m of fi.matches) {
        if (m.corpusId.startsWith('stdlib/') && m.containment >= params.contaminatedThreshold) {
          falsePositives.push(`${tasks[fi.item.task].id} ${fi.item.part} in ${m.corpusId}:${m.lineStart} (${m.containment})`);
        }
      }
    }
    assert.deepEqual(falsePositives, []);

    // Kinds: verbatim copies are classified verbatim, renamed copies renamed (on the found ones).
    const kindOf = (transformation: string, kind: string): number =>
      expected.filter((e) => e.transformation === transformation).filter((e) =>
        items[solutionItem.get(e.task)!].matches.some((m) => m.corpusId === e.file && m.kind === kind),
      ).length;
    assert.ok(kindOf('verbatim', 'verbatim') >= 0.95 * PLANTED_TASKS, 'verbatim copies are reported as verbatim');
    assert.ok(kindOf('renamed', 'renamed') >= 0.8 * PLANTED_TASKS, 'renamed copies are reported as renamed');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
