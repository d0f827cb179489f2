import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { repoRoot } from './helpers/paths.js';

describe('the package entry point (package.json "exports")', () => {
  it('the built dist/index.js loads and runs an audit through the public API', async () => {
    const pkg = (await import(join(repoRoot, 'package.json'), { with: { type: 'json' } })).default as { exports: { '.': string } };
    const lib = (await import(join(repoRoot, pkg.exports['.']))) as typeof import('../src/index.js');
    const loaded = await lib.loadBenchmark('demo');
    const report = await lib.runAudit(loaded, {
      config: { checks: ['static'], seed: 0, static: { fewTestsThreshold: 2 } },
      checks: lib.CHECK_FACTORIES.filter((f) => f.name === 'static').map((f) => f.create({ checks: ['static'], seed: 0, static: { fewTestsThreshold: 2 } }, { python: 'python3' })),
    });
    assert.doesNotThrow(() => lib.validateReport(report));
    assert.equal(report.summary.tasks, 12);
    assert.match(lib.serializeReport(report), /"schemaVersion": "1\.0\.0"/);
    assert.equal(typeof lib.renderHtml, 'function');
  });
});
