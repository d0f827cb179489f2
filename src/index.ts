/**
 * bench-audit as a library. The CLI (src/cli/) is a thin shell over these: settings to a config,
 * an audit request to a report (validated against schemas/audit.schema.json), renderers, and the
 * actions on a finished report.
 *
 *   import { auditFromRequest, configFromSettings, renderMarkdown } from 'bench-audit';
 */

// Report shape (generated from the schema) and the normalized task.
export type * from './model/types.generated.js';
export type { Task, TestSuite, StructuredInputs, SiblingLink, TaskSource } from './model/task.js';
export { assembleTestProgram } from './model/task.js';
export { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION } from './model/version.js';
export { FINDING_KINDS, FINDING_KIND_NAMES, RESCORE_SUBSETS, subsetKinds, type FindingKindInfo, type RescoreSubset } from './model/finding-kinds.js';
export * from './model/defaults.generated.js';
export * from './errors.js';

// Datasets.
export { listManifests, getManifest, readManifestFile, validateManifest, type DatasetManifest } from './datasets/manifest.js';
export { loadBenchmark, loadLocalBenchmark, loadReportRecords, type LoadedBenchmark, type LoadBenchmarkOptions } from './datasets/benchmark.js';
export { loadDataFile, loadFiles, linkSiblings } from './datasets/load.js';
export { fetchSource, resolveFetchOptions } from './datasets/fetch.js';
export type { FetchOptions, FetchedSource, FetchedFile } from './datasets/fetch-types.js';
export { ADAPTERS, ADAPTER_NAMES, detectAdapter, type AdapterName } from './datasets/adapters/index.js';

// The audit.
export { auditFromRequest, loadRequestTasks, requestFromReport, type AuditHooks, type AuditRequest } from './audit/request.js';
export { configFromSettings, parseChecks, executionConfigOf, type AuditSettings, type ContaminationSettings } from './audit/config.js';
export { runAudit, type AuditOptions } from './audit/run.js';
export { mergePartialFiles, mergedReport, readPartialFile } from './audit/merge-shards.js';

// Checks.
export { CHECK_FACTORIES, CHECK_NAMES, type CheckRuntime } from './checks/registry.js';
export type { Check, CheckContext, CheckOutput } from './checks/types.js';
export { silentProgress, type ProgressSink } from './model/progress.js';
export { createStaticCheck, extractPromptExamples, analyzeStatic } from './checks/static/index.js';
export { createExecutionCheck } from './checks/execution/index.js';
export { createMutationCheck, DEFAULT_MUTATION_CONFIG, generateMutants, mutationOperators } from './checks/mutation/index.js';
export { createContaminationCheck, corpusSpec } from './checks/contamination/index.js';
export { createSandboxPool, type SandboxPool } from './sandbox/pool.js';
export type { Runtime, RuntimeInfo } from './sandbox/runtime.js';
export { createRuntime, createPythonRuntime, type PythonRuntime } from './sandbox/runtimes.js';

// Reports.
export { validateReport, readReport } from './report/validate.js';
export { serializeReport, writeReport } from './report/write.js';
export { renderMarkdown } from './report/markdown.js';
export { renderHtml } from './report/html.js';
export { diffReports, type ReportDiff } from './apply/diff.js';
export { findingsByKind, type KindRow } from './report/kinds.js';

// Actions on a finished report.
export { exportBenchmark, exportFromReport } from './apply/export.js';
export { rescore, type Rescore, type SampleResult } from './apply/rescore.js';
export { compareModels, renderComparisonMarkdown, type Comparison } from './apply/compare.js';
export { bootstrapMean, pairedComparison, passAtK } from './apply/statistics.js';
export { readResults, readSamples } from './apply/samples.js';
export { countFalsePasses, rescoreSamples, sampleResults, summarizeFalsePasses, verdictLines, verdictsJsonl, type FalsePassSummary, type Sample, type SampleVerdict, type SampleVerdictLine } from './apply/false-passes.js';
