import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getManifest } from '../../src/datasets/manifest.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { validateReport } from '../../src/report/validate.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { needData } from '../helpers/data.js';
import { repoRoot } from '../helpers/paths.js';

const PUBLISHED = ['humaneval', 'humaneval-plus', 'mbpp', 'mbpp-sanitized', 'mbpp-plus', 'humaneval-x-js'];

describe('the published audits in audits/', () => {
  for (const id of PUBLISHED) {
    it(`${id}: schema-valid, canonical, of the recorded data, with its Markdown and HTML rendered from it`, () => {
      const dir = join(repoRoot, 'audits', id);
      const text = readFileSync(join(dir, `${id}.audit.json`), 'utf8');
      const report = JSON.parse(text) as AuditReport;
      validateReport(report);
      assert.equal(text, canonicalJson(report), 'written by bench-audit (canonical JSON)');
      assert.equal(report.benchmark.id, id);
      assert.equal(report.summary.tasks, getManifest(id).taskCount);
      assert.deepEqual(report.config.checks, ['static', 'execution', 'mutation', 'contamination']);
      for (const f of report.benchmark.files) {
        if (report.benchmark.source.type === 'url') {
          const manifest = getManifest(id);
          assert.ok(manifest.source.type === 'url' && manifest.source.files.some((m) => m.sha256 === f.sha256), 'the pinned release asset');
        }
      }
      assert.equal(readFileSync(join(dir, `${id}.audit.md`), 'utf8'), renderMarkdown(report));
      assert.equal(readFileSync(join(dir, `${id}.audit.html`), 'utf8'), renderHtml(report));
    });

    const recorded = (JSON.parse(readFileSync(join(repoRoot, 'audits', id, `${id}.audit.json`), 'utf8')) as AuditReport).benchmark;
    if (recorded.source.type !== 'local') continue;
    it(`${id}: every data file the audit read is the release file a rerun reads`, (t) => {
      const report = { benchmark: recorded };
      // Recorded as <data folder>/<benchmark>/<file>; the same file in this machine's data folder.
      const rels = report.benchmark.files.map((f) => f.path.split('/').slice(-2).join('/'));
      const paths = needData(t, ...rels);
      if (!paths) return;
      report.benchmark.files.forEach((f, i) => {
        assert.equal(createHash('sha256').update(readFileSync(paths[i] as string)).digest('hex'), f.sha256, `${f.path} changed since the audit`);
      });
    });
  }
});
