/** The resolved parameters of a contamination scan (defaults from constants.ts). */
import type { ContaminationConfig } from '../model/types.generated.js';
import * as C from './constants.js';
import { PART_NAMES } from '../model/enums.generated.js';

export type PartName = ContaminationConfig['parts'][number];
export { PART_NAMES } from '../model/enums.generated.js';

/**
 * The resolved parameters of a scan: the report's `config.contamination` (schemas/audit.schema.json,
 * the source of truth) without the corpus and the compared benchmarks.
 */
export type ScanParameters = Omit<ContaminationConfig, 'corpus' | 'compareWith'>;

export function defaultScanParameters(seed = 0): ScanParameters {
  return {
    ngramSize: C.NGRAM_SIZE,
    canonicalNgramSize: C.CANONICAL_NGRAM_SIZE,
    minItemNgrams: C.MIN_ITEM_NGRAMS,
    minRenamedTokens: C.MIN_RENAMED_TOKENS,
    candidateMinContainment: C.CANDIDATE_MIN_CONTAINMENT,
    candidateMinNgrams: C.CANDIDATE_MIN_NGRAMS,
    windowSlack: C.WINDOW_SLACK,
    verbatimSimilarity: C.VERBATIM_SIMILARITY,
    renamedSimilarity: C.RENAMED_SIMILARITY,
    minVerifiedSimilarity: C.MIN_VERIFIED_SIMILARITY,
    rateThresholds: [...C.RATE_THRESHOLDS],
    contaminatedThreshold: C.CONTAMINATED_THRESHOLD,
    contaminatedErrorThreshold: C.CONTAMINATED_ERROR_THRESHOLD,
    boilerplateDocumentFraction: C.BOILERPLATE_DOCUMENT_FRACTION,
    boilerplateMinDocuments: C.BOILERPLATE_MIN_DOCUMENTS,
    benchmarkCommonTaskFraction: C.BENCHMARK_COMMON_TASK_FRACTION,
    benchmarkCommonMinTasks: C.BENCHMARK_COMMON_MIN_TASKS,
    minhash: {
      permutations: C.MINHASH_PERMUTATIONS,
      bands: C.MINHASH_BANDS,
      rows: C.MINHASH_ROWS,
      shingle: C.MINHASH_SHINGLE,
      minJaccard: C.MINHASH_MIN_JACCARD,
      seed,
    },
    minFunctionTokens: C.MIN_FUNCTION_TOKENS,
    topMatches: C.TOP_MATCHES,
    candidatesPerItem: C.CANDIDATES_PER_ITEM,
    parts: [...PART_NAMES],
  };
}

export function resolveScanParameters(overrides: Partial<ScanParameters> = {}, seed = 0): ScanParameters {
  const base = defaultScanParameters(seed);
  return {
    ...base,
    ...overrides,
    minhash: { ...base.minhash, ...(overrides.minhash ?? {}) },
  };
}
