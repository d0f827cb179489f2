/**
 * bench-audit as a library. The CLI (src/cli/) is a thin shell over these: load a benchmark,
 * run the checks, get a report (validated against schemas/audit.schema.json), render it.
 *
 *   import { loadBenchmark, runAudit, CHECK_FACTORIES, serializeReport } from 'bench-audit';
 */

// Report shape (generated from the schema) and the normalized task.
export type * from './model/types.generated.js';
export type { Task, TestSuite, StructuredInputs, SiblingLink, TaskSource } from './model/task.js';
export { assembleTestProgram } from './model/task.js';
export { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from './model/version.js';
export * from './errors.js';

// Datasets.
export { listManifests, getManifest, readManifestFile, validateManifest, type DatasetManifest } from './datasets/manifest.js';
export { loadBenchmark, loadLocalBenchmark, loadReportRecords, type LoadedBenchmark, type LoadBenchmarkOptions } from './datasets/benchmark.js';
export { loadDataFile, loadFiles, linkSiblings } from './datasets/load.js';
export { fetchSource, resolveFetchOptions } from './datasets/fetch.js';
export type { FetchOptions, FetchedSource, FetchedFile } from './datasets/fetch-types.js';
export { ADAPTERS, ADAPTER_NAMES, detectAdapter, type AdapterName } from './datasets/adapters/index.js';

// Checks and the audit.
export { runAudit, type AuditOptions } from './audit/run.js';
export { CHECK_FACTORIES, CHECK_NAMES, type CheckRuntime } from './checks/registry.js';
export type { Check, CheckContext, CheckOutput } from './checks/types.js';
export { silentProgress, type ProgressSink } from './model/progress.js';
export { createStaticCheck, extractPromptExamples, analyzeStatic } from './checks/static/index.js';
export { createExecutionCheck } from './checks/execution/index.js';
export * from './model/defaults.generated.js';
export { createMutationCheck, DEFAULT_MUTATION_CONFIG, generateMutants, mutationOperators } from './checks/mutation/index.js';
export { createContaminationCheck, corpusSpec } from './checks/contamination/index.js';
export { createSandboxPool, type SandboxPool } from './sandbox/pool.js';
export { mergePartialFiles } from './audit/merge-shards.js';

// Reports.
export { validateReport, readReport } from './report/validate.js';
export { serializeReport, writeReport } from './report/write.js';
export { renderMarkdown } from './report/markdown.js';
export { renderHtml } from './report/html.js';
export { diffReports, type ReportDiff } from './apply/diff.js';
export { exportBenchmark } from './apply/export.js';
export { rescore } from './apply/rescore.js';
export { FINDING_KINDS, FINDING_KIND_NAMES, RESCORE_SUBSETS, subsetKinds, type FindingKindInfo, type RescoreSubset } from './model/finding-kinds.js';
export { countFalsePasses } from './apply/false-passes.js';
