/**
 * A cleaned benchmark from an audit: the original records minus the tasks flagged by chosen
 * finding kinds, optionally with strengthened tests (the killing asserts of the mutation check
 * appended), plus a manifest of what was removed or changed and why. `exportBenchmark` is pure
 * (records in, records out); `exportFromReport` loads the records the report's audit read.
 */
import { loadReportRecords } from '../datasets/benchmark.js';
import type { FetchOptions } from '../datasets/fetch-types.js';
import { InputError } from '../errors.js';
import { naturalCompare } from '../util/natural-compare.js';
import type { AuditReport, FindingKind, TaskRecord } from '../model/types.generated.js';

export interface SourceRecord {
  file: string;
  row: number;
  value: Record<string, unknown>;
}

export interface ExportManifest {
  benchmark: string;
  source: AuditReport['benchmark']['source'];
  files: AuditReport['benchmark']['files'];
  excludedKinds: FindingKind[];
  strengthened: boolean;
  counts: { tasks: number; kept: number; removed: number; strengthened: number; assertsAdded: number };
  removed: { taskId: string; kinds: FindingKind[]; messages: string[] }[];
  changed: { taskId: string; asserts: string[] }[];
}

/**
 * The killing asserts of a task's killable survivors, deduplicated, in report order: only confirmed ones, whose
 * witness records the checks it passed and failed none (a report written before witnesses were checked has none).
 */
export function killingAsserts(task: TaskRecord): string[] {
  type Survivor = { verdict?: string; evidence?: { assert?: string; checks?: { failed: string[] } } };
  const survivors = (task.checks.mutation as { survivors?: Survivor[] } | undefined)?.survivors ?? [];
  const out: string[] = [];
  for (const s of survivors) {
    const confirmed = s.verdict === 'killable' && s.evidence?.checks !== undefined && s.evidence.checks.failed.length === 0;
    const a = confirmed ? s.evidence?.assert : undefined;
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/** Name of the wrapper that keeps the original check and adds the new asserts (HumanEval-style tests). */
const ORIGINAL_CHECK = '_bench_audit_original_check';

/**
 * HumanEval-style test code with extra asserts: the killing asserts call `candidate(...)`, so they
 * run inside a new `check` that first runs the original one.
 */
export function strengthenedCheckCode(code: string, asserts: readonly string[], checkFunction = 'check'): string {
  return `${code.trimEnd()}\n\n\n${ORIGINAL_CHECK} = ${checkFunction}\n\n\ndef ${checkFunction}(candidate):\n    ${ORIGINAL_CHECK}(candidate)\n${asserts.map((a) => `    ${a}`).join('\n')}\n`;
}

function strengthen(value: Record<string, unknown>, asserts: string[], adapter: string, where: string): Record<string, unknown> {
  const out = { ...value };
  if (typeof value.test === 'string' && (adapter === 'humaneval' || adapter === 'evalplus')) {
    out.test = strengthenedCheckCode(value.test, asserts);
  } else if (Array.isArray(value.test_list)) {
    out.test_list = [...(value.test_list as string[]), ...asserts];
  } else if (typeof value.assertion === 'string') {
    out.assertion = `${value.assertion.trimEnd()}\n${asserts.join('\n')}\n`;
  } else {
    throw new InputError('cannot tell where this record keeps its tests (test, test_list or assertion)', { location: { file: where } });
  }
  return out;
}

export function exportBenchmark(
  report: AuditReport,
  records: readonly SourceRecord[],
  options: { exclude: readonly FindingKind[]; strengthen: boolean },
): { records: Record<string, unknown>[]; manifest: ExportManifest } {
  const byPlace = new Map(records.map((r) => [`${r.file}\0${r.row}`, r]));
  const exclude = new Set(options.exclude);
  const kept: { task: TaskRecord; value: Record<string, unknown> }[] = [];
  const removed: ExportManifest['removed'] = [];
  const changed: ExportManifest['changed'] = [];
  for (const task of report.tasks) {
    const record = byPlace.get(`${task.source.file}\0${task.source.row}`);
    if (!record) {
      throw new InputError(`the data has no record at row ${task.source.row} for task ${task.id}`, {
        hint: 'export needs the same data revision the audit read (its files and sha256 are in the report)',
        location: { file: task.source.file, row: task.source.row },
      });
    }
    const hits = task.findings.filter((f) => exclude.has(f.kind) && f.severity !== 'info');
    if (hits.length > 0) {
      removed.push({ taskId: task.id, kinds: [...new Set(hits.map((f) => f.kind))].sort(), messages: hits.map((f) => f.message) });
      continue;
    }
    let value = record.value;
    const asserts = options.strengthen ? killingAsserts(task) : [];
    if (asserts.length > 0) {
      value = strengthen(value, asserts, report.benchmark.adapter, task.source.file);
      changed.push({ taskId: task.id, asserts });
    }
    kept.push({ task, value });
  }
  return {
    records: kept.map((k) => k.value),
    manifest: {
      benchmark: report.benchmark.id,
      source: report.benchmark.source,
      files: report.benchmark.files,
      excludedKinds: [...exclude].sort(),
      strengthened: options.strengthen,
      counts: {
        tasks: report.tasks.length,
        kept: kept.length,
        removed: removed.length,
        strengthened: changed.length,
        assertsAdded: changed.reduce((a, c) => a + c.asserts.length, 0),
      },
      removed: removed.sort((a, b) => naturalCompare(a.taskId, b.taskId)),
      changed: changed.sort((a, b) => naturalCompare(a.taskId, b.taskId)),
    },
  };
}

/** The cleaned benchmark of a report: its records at the recorded data revision (sha256-checked), exported. */
export async function exportFromReport(report: AuditReport, options: { exclude: readonly FindingKind[]; strengthen: boolean; fetch?: FetchOptions }): Promise<ReturnType<typeof exportBenchmark>> {
  const records = await loadReportRecords(report.benchmark, options.fetch ?? {});
  return exportBenchmark(report, records, { exclude: options.exclude, strengthen: options.strengthen });
}
