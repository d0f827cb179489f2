import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getManifest } from '../../src/datasets/manifest.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { validateReport } from '../../src/report/validate.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
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
      // Every data file the audit read is the file a rerun reads (paths relative to the repository root).
      for (const f of report.benchmark.files) {
        const path = report.benchmark.source.type === 'local' ? join(repoRoot, f.path) : undefined;
        if (path !== undefined && existsSync(path)) {
          assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), f.sha256, `${f.path} changed since the audit`);
        }
        if (report.benchmark.source.type === 'url') {
          const manifest = getManifest(id);
          assert.ok(manifest.source.type === 'url' && manifest.source.files.some((m) => m.sha256 === f.sha256), 'the pinned release asset');
        }
      }
      assert.equal(readFileSync(join(dir, `${id}.audit.md`), 'utf8'), renderMarkdown(report));
      assert.equal(readFileSync(join(dir, `${id}.audit.html`), 'utf8'), renderHtml(report));
    });
  }
});
