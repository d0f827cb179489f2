import { writeFileAtomic } from '../util/atomic-write.js';
import { canonicalJson } from '../util/canonical-json.js';
import type { AuditReport } from '../model/types.generated.js';
import { validateReport } from './validate.js';

/** The report's bytes: validated, keys sorted, trailing newline. */
export function serializeReport(report: AuditReport): string {
  validateReport(report);
  return canonicalJson(report);
}

/** Validate, then write atomically: a report that fails the schema is never written. */
export function writeReport(report: AuditReport, path: string): string {
  const text = serializeReport(report);
  writeFileAtomic(path, text);
  return text;
}
