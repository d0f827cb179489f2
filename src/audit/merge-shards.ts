/**
 * Partial-result files for sharded scans and their merge. A partial file carries the benchmark's
 * tasks and the scan parameters, so `merge` needs nothing else: it rebuilds the index, checks the
 * fingerprint, merges the shards' partials and builds the same contamination output an unsharded
 * run produces (byte-identical canonical JSON).
 */
import { resolveScanParameters } from '../contamination/options.js';
import type { CheckOutput } from '../checks/types.js';
import type { ContaminationConfig } from '../model/types.generated.js';
import type { Task } from '../model/task.js';
import type { CorpusSpec } from '../contamination/corpus/types.js';
import { buildIndex } from '../contamination/index.js';
import type { ScanParameters } from '../contamination/options.js';
import { findDuplicatesInBenchmark } from '../contamination/overlap.js';
import { buildContaminationOutput, contaminationConfig } from '../checks/contamination/report.js';
import { mergePartials, type ContaminationPartial } from '../contamination/scanner.js';

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
