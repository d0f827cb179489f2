/* Generated from the enums of schemas/audit.schema.json by scripts/gen-report-types.mjs. Do not edit. */

import type { CheckName, ContaminationConfig, ExecutionConfig, Severity } from './types.generated.js';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
export const CHECK_NAMES: readonly CheckName[] = ['static', 'execution', 'mutation', 'contamination'];
export const ISOLATION_MODES: readonly ExecutionConfig['isolation'][] = ['auto', 'bwrap', 'unshare', 'none'];
export const CORPUS_FORMATS: readonly NonNullable<ContaminationConfig['corpus']>['format'][] = ['dir', 'jsonl', 'parquet', 'git', 'hub'];
export const PART_NAMES: readonly ContaminationConfig['parts'][number][] = ['prompt', 'solution', 'tests'];
