/**
 * The audit: run the selected checks over a loaded benchmark and assemble the report.
 * Library code: no printing, no files. The CLI validates and writes the result.
 */
import { arch, cpus, platform } from 'node:os';
import type { Check, CheckOutput } from '../checks/types.js';
import { finding } from '../checks/types.js';
import { silentProgress, type ProgressSink } from '../model/progress.js';
import type { LoadedBenchmark } from '../datasets/benchmark.js';
import { compareFindings, compareWarnings } from '../model/order.js';
import type { AuditReport, CheckName, Config, Finding, TaskRecord, Warning } from '../model/types.generated.js';
import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from '../model/version.js';

export interface AuditOptions {
  config: Config;
  /** The check implementations, looked up by the names in `config.checks`. */
  checks: readonly Check[];
  progress?: ProgressSink;
  signal?: AbortSignal;
  /** Extra non-deterministic facts for the run block (interpreter, command line). */
  runInfo?: Record<string, unknown>;
  now?: () => Date;
}

export async function runAudit(loaded: LoadedBenchmark, options: AuditOptions): Promise<AuditReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const { tasks } = loaded;
  const records: TaskRecord[] = tasks.map((t) => ({
    id: t.id,
    entryPoint: t.entryPoint,
    source: { file: t.source.file, row: t.source.row, ...(t.source.split ? { split: t.source.split } : {}) },
    siblings: t.siblings.map((s) => ({ benchmark: s.benchmark, taskId: s.taskId })),
    checks: {},
    findings: [],
  }));
  const findings: Finding[] = taskCountFindings(loaded);
  const warnings: Warning[] = [...loaded.warnings];
  const summaryChecks: AuditReport['summary']['checks'] = {};
  const runChecks: Record<string, unknown> = {};

  for (const name of options.config.checks) {
    const check = options.checks.find((c) => c.name === name);
    if (!check) throw new Error(`no implementation registered for check "${name}"`);
    const t0 = Date.now();
    const output = await check.run({ benchmark: loaded.info.id, tasks, config: options.config, progress: options.progress ?? silentProgress, signal: options.signal });
    if (output.tasks.length !== tasks.length) throw new Error(`check "${name}" returned ${output.tasks.length} task results for ${tasks.length} tasks`);
    merge(name, output, records, summaryChecks);
    findings.push(...output.findings);
    warnings.push(...output.warnings.map((w) => ({ ...w, check: w.check ?? name })));
    runChecks[name] = { durationMs: Date.now() - t0, ...(output.runInfo ?? {}) };
  }

  for (const r of records) r.findings.sort(compareFindings);
  findings.sort(compareFindings);
  warnings.sort(compareWarnings);

  const all = [...findings, ...records.flatMap((r) => r.findings)];
  const bySeverity = { info: 0, warning: 0, error: 0 };
  const byKind: Record<string, number> = {};
  for (const f of all) {
    bySeverity[f.severity]++;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  }
  const finished = now();
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    benchmark: { ...loaded.info, taskCount: tasks.length },
    config: options.config,
    summary: {
      tasks: tasks.length,
      tasksWithFindings: records.filter((r) => r.findings.some((f) => f.severity !== 'info')).length,
      findingsBySeverity: bySeverity,
      findingsByKind: byKind,
      checks: summaryChecks,
    },
    tasks: records,
    findings,
    warnings,
    run: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      host: { platform: platform(), arch: arch(), cpus: cpus().length, node: process.version },
      checks: runChecks,
      ...(options.runInfo ?? {}),
    },
  };
}

/** Data at a pinned revision whose task count differs from the manifest's (unpinned, loading fails instead). */
function taskCountFindings(loaded: LoadedBenchmark): Finding[] {
  const expected = loaded.info.expectedTaskCount;
  const actual = loaded.tasks.length;
  if (expected === undefined || expected === actual) return [];
  const revision = loaded.info.source.type === 'hub' ? ` (revision ${loaded.info.source.commit})` : '';
  return [finding('static', 'task-count-mismatch', 'error', `the ${loaded.info.adapter} adapter produced ${actual} tasks; the manifest expects ${expected}${revision}`, { expected, actual })];
}

function merge(name: CheckName, output: CheckOutput<CheckName>, records: TaskRecord[], summary: AuditReport['summary']['checks']): void {
  output.tasks.forEach((t, i) => {
    if (t.section !== undefined) (records[i].checks as Record<string, unknown>)[name] = t.section;
    records[i].findings.push(...t.findings);
  });
  if (output.summary !== undefined) (summary as Record<string, unknown>)[name] = output.summary;
}
