/**
 * Partial-result files for sharded scans and their merge. A partial file carries the benchmark's
 * tasks and the scan parameters, so `merge` needs nothing else: it rebuilds the index, checks the
 * fingerprint, merges the shards' partials and builds the same contamination output an unsharded
 * run produces (byte-identical canonical JSON).
 */
import { resolveScanParameters } from '../contamination/options.js';
import type { Check, CheckOutput } from '../checks/types.js';
import { InputError, UsageError } from '../errors.js';
import type { AuditReport, CheckName, ContaminationConfig } from '../model/types.generated.js';
import { canonicalJson } from '../util/canonical-json.js';
import { readInputText } from '../util/read-input.js';
import { runAudit } from './run.js';
import type { Task } from '../model/task.js';
import type { CorpusSpec } from '../contamination/corpus/types.js';
import { buildIndex } from '../contamination/index.js';
import type { ScanParameters } from '../contamination/options.js';
import { findDuplicatesInBenchmark } from '../contamination/overlap.js';
import { buildContaminationOutput, contaminationConfig } from '../checks/contamination/report.js';
import { mergePartials, type ContaminationPartial } from '../contamination/scanner.js';
import { emptyScanReason } from '../contamination/run.js';

export interface ContaminationPartialFile {
  format: 'bench-audit-contamination-partial-file';
  version: 1;
  benchmark: string;
  params: ScanParameters;
  corpus: CorpusSpec;
  tasks: Task[];
  partial: ContaminationPartial;
}

export function makePartialFile(benchmark: string, tasks: readonly Task[], params: ScanParameters, corpus: CorpusSpec, partial: ContaminationPartial): ContaminationPartialFile {
  return { format: 'bench-audit-contamination-partial-file', version: 1, benchmark, params, corpus, tasks: [...tasks], partial };
}

export interface MergedContamination {
  benchmark: string;
  tasks: Task[];
  config: ContaminationConfig;
  output: CheckOutput<'contamination'>;
}

export function isPartialFile(value: unknown): value is ContaminationPartialFile {
  const v = value as Partial<ContaminationPartialFile> | null;
  return v !== null && typeof v === 'object' && v.format === 'bench-audit-contamination-partial-file' && v.version === 1;
}

/** Merge partial files (any order) into the final contamination output. */
export function mergePartialFiles(files: readonly ContaminationPartialFile[]): { ok: true; merged: MergedContamination } | { ok: false; reason: string } {
  if (files.length === 0) return { ok: false, reason: 'no partial files given' };
  // Partial files are written with sorted keys; the index fingerprint hashes the parameters in
  // their canonical (default) key order, which resolveScanParameters restores.
  const first = { ...files[0], params: resolveScanParameters(files[0].params, files[0].params.minhash.seed) };
  const index = buildIndex(first.tasks, first.params);
  for (const f of files) {
    if (f.benchmark !== first.benchmark) return { ok: false, reason: `partials of different benchmarks (${first.benchmark}, ${f.benchmark})` };
    if (f.partial.fingerprint !== index.fingerprint) return { ok: false, reason: 'a partial was produced with different tasks or parameters (fingerprint mismatch)' };
    if (JSON.stringify(f.corpus) !== JSON.stringify(first.corpus)) return { ok: false, reason: 'partials scanned different corpora' };
  }
  const merged = mergePartials(files.map((f) => f.partial), first.params.candidatesPerItem);
  if (!merged.ok) return merged;
  const empty = emptyScanReason(merged.partial.corpus, first.corpus);
  if (empty !== null) return { ok: false, reason: empty };
  const output = buildContaminationOutput({
    tasks: first.tasks,
    index,
    partial: merged.partial,
    corpus: first.corpus,
    duplicates: findDuplicatesInBenchmark(first.tasks, first.params, index),
    overlaps: [],
  });
  return { ok: true, merged: { benchmark: first.benchmark, tasks: first.tasks, config: contaminationConfig(first.params, first.corpus, []), output } };
}

/** The deterministic JSON body `merge` writes and an unsharded run can be compared with. */
export function contaminationDocument(merged: MergedContamination): unknown {
  return {
    benchmark: merged.benchmark,
    config: merged.config,
    summary: merged.output.summary,
    tasks: merged.tasks.map((t, i) => ({ id: t.id, contamination: merged.output.tasks[i].section, findings: merged.output.tasks[i].findings })),
    findings: merged.output.findings,
    warnings: merged.output.warnings,
  };
}

/** A check that returns what a recorded report holds for it (the other checks of a sharded run are identical in every shard). */
function replayCheck(report: AuditReport, name: CheckName): Check {
  return {
    name,
    run: async () => ({
      tasks: report.tasks.map((t) => ({
        ...((t.checks as Record<string, unknown>)[name] === undefined ? {} : { section: (t.checks as Record<string, never>)[name] }),
        findings: t.findings.filter((f) => f.check === name),
      })),
      ...((report.summary.checks as Record<string, unknown>)[name] === undefined ? {} : { summary: (report.summary.checks as Record<string, never>)[name] }),
      findings: report.findings.filter((f) => f.check === name && f.kind !== 'task-count-mismatch'), // the audit adds it again
      warnings: report.warnings.filter((w) => w.check === name),
    }),
  };
}

/**
 * The full audit report an unsharded run gives: the shard report's benchmark, config and other
 * checks, with contamination replaced by the merged result, assembled by the same runAudit.
 */
export async function mergedReport(shardReport: AuditReport, merged: MergedContamination): Promise<AuditReport> {
  const config = shardReport.config;
  if (!config.checks.includes('contamination')) throw new UsageError('the --report given did not run the contamination check');
  if ((config.contamination?.compareWith ?? []).length > 0) {
    throw new UsageError('merge cannot rebuild --compare-with overlaps', { hint: 'run --compare-with in an unsharded audit without --corpus (it does not scan the corpus)' });
  }
  if (canonicalJson(config.contamination?.corpus ?? null) !== canonicalJson(merged.config.corpus ?? null)) {
    throw new UsageError('the --report given scanned another corpus than the partials');
  }
  if (shardReport.tasks.length !== merged.tasks.length || shardReport.tasks.some((t, i) => t.id !== merged.tasks[i].id)) {
    throw new UsageError('the --report given is of other tasks than the partials');
  }
  const { taskCount: _taskCount, ...info } = shardReport.benchmark;
  const contamination: Check = { name: 'contamination', run: async () => ({ ...merged.output, runInfo: { mergedShards: true } }) };
  return runAudit(
    {
      info,
      tasks: merged.tasks,
      warnings: shardReport.warnings.filter((w) => w.check === undefined),
    },
    { config, checks: config.checks.map((n) => (n === 'contamination' ? contamination : replayCheck(shardReport, n))) },
  );
}

export function readPartialFile(path: string): ContaminationPartialFile {
  const text = readInputText(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`partial result is not JSON: ${(error as Error).message}`, {
      hint: 'pass the files written by `audit --shard K/N --partial-out FILE`',
      location: { file: path },
      cause: error,
    });
  }
  if (!isPartialFile(value)) {
    throw new InputError(`${path} is not a contamination partial result`, { hint: 'pass the files written by `audit --shard K/N --partial-out FILE`', location: { file: path } });
  }
  return value;
}
