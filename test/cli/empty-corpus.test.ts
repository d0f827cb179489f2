/** A scan that read nothing is no result: exit 2 with the reason, never "0 contaminated". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

test('a corpus scan that read no document exits 2 and says why', async () => {
  const corpus = mkdtempSync(join(tmpdir(), 'ba-nothing-'));
  try {
    writeFileSync(join(corpus, 'notes.txt'), 'def f(): pass\n');
    const dir = await runCli(['audit', 'demo', '--checks', 'contamination', '--corpus', corpus, '--fail-on', 'none', '--json']);
    assert.equal(dir.code, 2, dir.stderr);
    assert.match(dir.stderr, /read no document \(no file matched\); check --corpus-format \(it is dir\)/);
    assert.equal(dir.stdout, '');
    // The wrong format for a directory of Python files: nothing read either.
    writeFileSync(join(corpus, 'a.py'), 'def f(): pass\n');
    const rows = await runCli(['audit', 'demo', '--checks', 'contamination', '--corpus', corpus, '--corpus-format', 'jsonl', '--fail-on', 'none']);
    assert.equal(rows.code, 2, rows.stderr);
    assert.match(rows.stderr, /read no document/);
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
});
