// The README's library example runs as written, against the built package entry point.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.js';

describe("the README's library example", () => {
  it('audits the demo benchmark without the CLI', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const m = /<!-- library-example -->\n```js\n([\s\S]*?)```/.exec(readme);
    assert.ok(m, 'README.md has no library example');
    const entry = pathToFileURL(join(repoRoot, 'dist', 'index.js')).href;
    const program = m[1].replace("from 'bench-audit'", `from ${JSON.stringify(entry)}`);
    const dir = mkdtempSync(join(tmpdir(), 'ba-readme-'));
    try {
      writeFileSync(join(dir, 'example.mjs'), program);
      const r = spawnSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\d+ of 12 tasks have warnings or errors$/m);
      assert.match(r.stdout, /canonical-fails/);
      assert.match(r.stdout, /^# Audit of /m);
      const written = JSON.parse(readFileSync(join(dir, 'demo.audit.json'), 'utf8')) as { benchmark: { id: string } };
      assert.equal(written.benchmark.id, 'demo');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
