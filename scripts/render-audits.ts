// Re-renders the published Markdown and HTML in audits/<id>/ from each audit's JSON, without rerunning the audit:
// `npm run audits:render`. The JSON is the record; the renderers may change, the figures do not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditReport } from '../src/model/types.generated.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { validateReport } from '../src/report/validate.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';

const root = join(import.meta.dirname, '..', 'audits');
for (const id of readdirSync(root).sort()) {
  const json = join(root, id, `${id}.audit.json`);
  const report = JSON.parse(readFileSync(json, 'utf8')) as AuditReport;
  validateReport(report);
  writeFileAtomic(join(root, id, `${id}.audit.md`), renderMarkdown(report));
  writeFileAtomic(join(root, id, `${id}.audit.html`), renderHtml(report));
  process.stderr.write(`rendered audits/${id}/${id}.audit.{md,html}\n`);
}
