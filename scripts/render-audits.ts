// Re-renders the published Markdown and HTML in audits/<id>/ from each audit's JSON, without rerunning the audit:
// `npm run audits:render`. The JSON is the record; the renderers may change, the figures do not.
// `npm run audits:render -- --into DIR` writes DIR/<id>/ instead, leaving audits/ as it is (to read a renderer change first).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AuditReport } from '../src/model/types.generated.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { validateReport } from '../src/report/validate.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';

const root = join(import.meta.dirname, '..', 'audits');
const intoAt = process.argv.indexOf('--into');
const into = intoAt >= 0 ? process.argv[intoAt + 1] : undefined;
if (intoAt >= 0 && (into === undefined || into === '')) {
  process.stderr.write('render-audits: --into needs a directory\n');
  process.exit(2);
}
const outRoot = into !== undefined ? resolve(into) : root;
for (const id of readdirSync(root).sort()) {
  const json = join(root, id, `${id}.audit.json`);
  const report = JSON.parse(readFileSync(json, 'utf8')) as AuditReport;
  validateReport(report);
  mkdirSync(join(outRoot, id), { recursive: true });
  writeFileAtomic(join(outRoot, id, `${id}.audit.md`), renderMarkdown(report));
  writeFileAtomic(join(outRoot, id, `${id}.audit.html`), renderHtml(report));
  process.stderr.write(`rendered ${join(outRoot, id, id)}.audit.{md,html}\n`);
}
