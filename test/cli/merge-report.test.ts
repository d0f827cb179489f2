import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolvePython } from '../../src/python/interpreter.js';
import { execFileSync } from 'node:child_process';
import { runCli, withoutRun } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

describe('sharded contamination scan + merge --report = the unsharded report', () => {
  it('--shard 1/3, 2/3, 3/3 then merge gives byte-identical JSON outside the run block', async () => {
    const corpus = mkdtempSync(join(tmpdir(), 'bench-audit-shard-corpus-'));
    for (const name of readdirSync(join(repoRoot, 'datasets', 'demo', 'corpus'))) copyFileSync(join(repoRoot, 'datasets', 'demo', 'corpus', name), join(corpus, name));
    const stdlib = execFileSync(resolvePython().executable, ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
    for (const name of readdirSync(stdlib).filter((n) => n.endsWith('.py')).sort().slice(0, 40)) copyFileSync(join(stdlib, name), join(corpus, name));
    const out = mkdtempSync(join(tmpdir(), 'bench-audit-shard-out-'));
    const common = ['audit', 'demo', '--checks', 'static,contamination', '--corpus', corpus, '--fail-on', 'none'];
    const whole = await runCli([...common, '--out', join(out, 'whole.json')]);
    assert.equal(whole.code, 0, whole.stderr);
    for (const k of [1, 2, 3]) {
      const r = await runCli([...common, '--shard', `${k}/3`, '--partial-out', join(out, `p${k}.json`), '--out', join(out, `r${k}.json`)]);
      assert.equal(r.code, 0, r.stderr);
    }
    const partialDocs = [1, 2, 3].map((k) => (JSON.parse(readFileSync(join(out, `p${k}.json`), 'utf8')) as { partial: { corpus: { documents: number } } }).partial.corpus.documents);
    assert.ok(partialDocs.filter((n) => n > 0).length >= 2, `the shards split the corpus: ${partialDocs.join(', ')}`);
    const m = await runCli(['merge', join(out, 'p3.json'), join(out, 'p1.json'), join(out, 'p2.json'), '--report', join(out, 'r2.json'), '--out', join(out, 'merged.json')]);
    assert.equal(m.code, 0, m.stderr);
    const merged = readFileSync(join(out, 'merged.json'), 'utf8');
    assert.equal(withoutRun(merged), withoutRun(readFileSync(join(out, 'whole.json'), 'utf8')));
    assert.ok(merged.includes('text_utils.py'), 'the planted copy is in the merged report');
    const v = await runCli(['validate', join(out, 'merged.json')]);
    assert.equal(v.code, 0, v.stderr);
  });
});
