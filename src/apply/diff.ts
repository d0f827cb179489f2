/**
 * What changed between two audits: tasks added or removed, findings added or removed per task,
 * and changes in every summary figure. Pure. Used for benchmark versions (MBPP vs MBPP+) and
 * for reproducibility (verify).
 */
import { canonicalJson } from '../util/canonical-json.js';
import { naturalCompare } from '../util/natural-compare.js';
import { scalarLeaves } from '../report/markdown.js';
import { compareFindings } from '../model/order.js';
import type { AuditReport, Finding, Warning } from '../model/types.generated.js';

export interface FindingChange {
  taskId: string | null;
  change: 'added' | 'removed';
  finding: Finding;
}

export interface FigureChange {
  figure: string;
  before: string | null;
  after: string | null;
  /** after - before, when both are numbers. */
  delta?: number;
}

export interface ReportDiff {
  identical: boolean;
  tasksAdded: string[];
  tasksRemoved: string[];
  findings: FindingChange[];
  figures: FigureChange[];
  /** Top-level blocks (other than run) that differ: benchmark, config, tool... */
  blocksChanged: string[];
  /** Warnings only in the second report (added) or only in the first (removed). */
  warnings: WarningChange[];
  /** The first field (in report order) whose value differs, with both values; absent when identical. */
  firstDifference?: { path: string; before: string; after: string };
}

export interface WarningChange {
  change: 'added' | 'removed';
  warning: Warning;
}

/** Warnings compared as a multiset, in report order. */
function warningChanges(a: Warning[], b: Warning[]): WarningChange[] {
  const left = b.map((w) => canonicalJson(w));
  const out: WarningChange[] = [];
  const inB = new Map<string, number>();
  for (const k of left) inB.set(k, (inB.get(k) ?? 0) + 1);
  const inA = new Map<string, number>();
  for (const w of a) {
    const k = canonicalJson(w);
    inA.set(k, (inA.get(k) ?? 0) + 1);
    if ((inB.get(k) ?? 0) > 0) inB.set(k, inB.get(k)! - 1);
    else out.push({ change: 'removed', warning: w });
  }
  for (const w of b) {
    const k = canonicalJson(w);
    if ((inA.get(k) ?? 0) > 0) inA.set(k, inA.get(k)! - 1);
    else out.push({ change: 'added', warning: w });
  }
  return out;
}

/**
 * The report's results: every top-level block the schema requires except `run`, which holds what
 * differs between runs of the same audit (times, host, isolation in effect, environment warnings).
 */
export const RESULT_BLOCKS = ['schemaVersion', 'tool', 'benchmark', 'config', 'summary', 'tasks', 'findings', 'warnings'] as const;

/** Characters of a differing value shown. */
const MAX_VALUE_CHARS = 200;

const describe = (v: unknown) => {
  const text = v === undefined ? '(absent)' : canonicalJson(v).trimEnd();
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}...` : text;
};

/** The path of the first place where two JSON values differ (depth first, keys in sorted order), or undefined. */
export function firstDifference(a: unknown, b: unknown, path = ''): { path: string; before: string; after: string } | undefined {
  if (a === b) return undefined;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = !bothArrays && a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
  if (bothArrays) {
    const x = a as unknown[];
    const y = b as unknown[];
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = firstDifference(x[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (bothObjects) {
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
      const d = firstDifference(x[k], y[k], path === '' ? k : `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return canonicalJson(a ?? null) === canonicalJson(b ?? null) && (a === undefined) === (b === undefined) ? undefined : { path, before: describe(a), after: describe(b) };
}

const key = (f: Finding) => canonicalJson({ kind: f.kind, severity: f.severity, check: f.check, message: f.message, evidence: f.evidence });

function findingChanges(taskId: string | null, a: Finding[], b: Finding[]): FindingChange[] {
  const count = (list: Finding[]) => {
    const m = new Map<string, { n: number; f: Finding }>();
    for (const f of list) m.set(key(f), { n: (m.get(key(f))?.n ?? 0) + 1, f });
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const out: FindingChange[] = [];
  for (const [k, { n, f }] of ca) for (let i = 0; i < n - (cb.get(k)?.n ?? 0); i++) out.push({ taskId, change: 'removed', finding: f });
  for (const [k, { n, f }] of cb) for (let i = 0; i < n - (ca.get(k)?.n ?? 0); i++) out.push({ taskId, change: 'added', finding: f });
  return out.sort((x, y) => (x.change < y.change ? -1 : x.change > y.change ? 1 : compareFindings(x.finding, y.finding)));
}

export function diffReports(a: AuditReport, b: AuditReport): ReportDiff {
  const ta = new Map(a.tasks.map((t) => [t.id, t]));
  const tb = new Map(b.tasks.map((t) => [t.id, t]));
  const tasksAdded = [...tb.keys()].filter((id) => !ta.has(id)).sort(naturalCompare);
  const tasksRemoved = [...ta.keys()].filter((id) => !tb.has(id)).sort(naturalCompare);
  const findings: FindingChange[] = [...findingChanges(null, a.findings, b.findings)];
  for (const id of [...ta.keys()].filter((id) => tb.has(id)).sort(naturalCompare)) {
    findings.push(...findingChanges(id, ta.get(id)!.findings, tb.get(id)!.findings));
  }
  const la = new Map(scalarLeaves(a.summary));
  const lb = new Map(scalarLeaves(b.summary));
  const figures: FigureChange[] = [];
  for (const figure of [...new Set([...la.keys(), ...lb.keys()])].sort()) {
    const before = la.get(figure) ?? null;
    const after = lb.get(figure) ?? null;
    if (before === after) continue;
    const change: FigureChange = { figure, before, after };
    if (before !== null && after !== null && before.trim() !== '' && after.trim() !== '' && !Number.isNaN(Number(before)) && !Number.isNaN(Number(after))) {
      change.delta = Math.round((Number(after) - Number(before)) * 1e6) / 1e6;
    }
    figures.push(change);
  }
  const blocksChanged = RESULT_BLOCKS.filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
  let first: ReportDiff['firstDifference'];
  for (const k of RESULT_BLOCKS) {
    first = firstDifference(a[k], b[k], k);
    if (first) break;
  }
  return { identical: blocksChanged.length === 0, tasksAdded, tasksRemoved, findings, figures, blocksChanged, ...(first ? { firstDifference: first } : {}), warnings: warningChanges(a.warnings, b.warnings) };
}

export function renderDiff(d: ReportDiff, a: AuditReport, b: AuditReport): string {
  if (d.identical) return `identical outside the run block (${a.benchmark.id}, ${a.summary.tasks} tasks)\n`;
  const out: string[] = [`${a.benchmark.id} -> ${b.benchmark.id}: differs in ${d.blocksChanged.join(', ')}`];
  if (d.firstDifference) out.push(`first difference: ${d.firstDifference.path}: ${d.firstDifference.before} -> ${d.firstDifference.after}`);
  if (d.tasksRemoved.length > 0) out.push(`tasks only in the first: ${d.tasksRemoved.length} (${d.tasksRemoved.slice(0, 10).join(', ')}${d.tasksRemoved.length > 10 ? ', ...' : ''})`);
  if (d.tasksAdded.length > 0) out.push(`tasks only in the second: ${d.tasksAdded.length} (${d.tasksAdded.slice(0, 10).join(', ')}${d.tasksAdded.length > 10 ? ', ...' : ''})`);
  for (const f of d.figures) out.push(`  ${f.figure}: ${f.before ?? '-'} -> ${f.after ?? '-'}${f.delta === undefined ? '' : ` (${f.delta >= 0 ? '+' : ''}${f.delta})`}`);
  const added = d.findings.filter((f) => f.change === 'added').length;
  const removed = d.findings.length - added;
  out.push(`findings: +${added} -${removed}`);
  for (const f of d.findings.slice(0, 40)) out.push(`  ${f.change === 'added' ? '+' : '-'} ${f.taskId ?? '(benchmark)'} ${f.finding.severity} ${f.finding.kind}: ${f.finding.message}`);
  if (d.findings.length > 40) out.push(`  ... ${d.findings.length - 40} more (use --json)`);
  if (d.warnings.length > 0) {
    out.push(`warnings: +${d.warnings.filter((w) => w.change === 'added').length} -${d.warnings.filter((w) => w.change === 'removed').length}`);
    for (const w of d.warnings.slice(0, 40)) out.push(`  ${w.change === 'added' ? '+' : '-'} ${w.warning.taskId ?? '(benchmark)'} ${w.warning.code}: ${w.warning.message}`);
    if (d.warnings.length > 40) out.push(`  ... ${d.warnings.length - 40} more (use --json)`);
  }
  return out.join('\n') + '\n';
}
