/** The one order every list in a report is emitted in. */
import type { Finding, Warning } from './types.generated.js';
import { canonicalJson } from '../util/canonical-json.js';

const SEVERITY_RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

export function severityRank(severity: Finding['severity']): number {
  return SEVERITY_RANK[severity];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Errors first, then by kind, message and evidence, so equal inputs give equal lists. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    cmp(a.kind, b.kind) ||
    cmp(a.check, b.check) ||
    cmp(a.message, b.message) ||
    cmp(canonicalJson(a.evidence), canonicalJson(b.evidence))
  );
}

export function compareWarnings(a: Warning, b: Warning): number {
  return cmp(a.code, b.code) || cmp(a.check ?? '', b.check ?? '') || cmp(a.taskId ?? '', b.taskId ?? '') || cmp(a.message, b.message);
}

/** Does `severity` reach the `--fail-on` level? */
export function atLeast(severity: Finding['severity'], level: Finding['severity']): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[level];
}
