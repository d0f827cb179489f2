/**
 * Named thresholds and sizes of the contamination check, each with its reason. The defaults are
 * what `bench-audit audit --corpus` uses; every one can be overridden through the scan parameters
 * (`resolveScanParameters`, and the CLI), and the values in effect are written to the report's `config.contamination`.
 */

/**
 * Token n-gram length for exact-overlap detection. Our tokens are finer than words or BPE pieces
 * (each punctuation character is one token), so 10 of them span about one line of code. Llama 2
 * (Touvron et al. 2023, appendix A.6) counts a token as contaminated when it lies in a 10+ token match;
 * GPT-3 (Brown et al. 2020, appendix C) used 13-gram word overlap.
 */
export const NGRAM_SIZE = 10;

/**
 * N-gram length on the identifier-canonicalized stream. Replacing names with one placeholder lowers
 * the entropy per token, so the n-gram is longer to keep chance matches on ordinary code rare.
 */
export const CANONICAL_NGRAM_SIZE = 16;

/**
 * An item (a task's prompt, solution or tests) with fewer distinct n-grams than this is `trivial`:
 * a two-line solution such as `def add(a, b): return a + b` (15 tokens, 6 n-grams) matches half the
 * internet and says nothing about contamination. 16 n-grams = 25 tokens, roughly three short lines.
 */
export const MIN_ITEM_NGRAMS = 16;

/**
 * The renamed (canonical) form of a solution is only indexed when the solution has at least this
 * many tokens: short canonical sequences (`def ID(ID): return ID(ID)`) occur everywhere.
 */
export const MIN_RENAMED_TOKENS = 24;

/**
 * A document becomes a candidate for an item when it contains at least this fraction of the item's
 * distinct n-grams (before verification). Low on purpose: verification decides, this only prunes.
 */
export const CANDIDATE_MIN_CONTAINMENT = 0.2;

/** ... and at least this many distinct n-grams (one shared line is not a candidate). */
export const CANDIDATE_MIN_NGRAMS = 3;

/**
 * The aligned window may be at most this many times the item's token length (plus one n-gram):
 * room for inserted code and comments' worth of reformatting, not for a whole unrelated file.
 */
export const WINDOW_SLACK = 2;

/**
 * Token-sequence similarity (2·LCS / (|a| + |b|), the ratio difflib and Ratcliff/Obershelp report) at
 * or above which a verified match is `verbatim`: 1, identical token sequences after the tokenizer's
 * normalisation (whitespace, comments, line breaks and whitespace inside strings ignored). Anything
 * less is `near`: two MBPP tasks that differ in one operator reach 0.95 and are not copies of each other.
 */
export const VERBATIM_SIMILARITY = 1;

/**
 * Similarity of the alpha-renamed sequences (identifiers numbered by first occurrence) at or above
 * which a match whose raw similarity is lower is `renamed`. Consistent renaming keeps this at 1.0.
 */
export const RENAMED_SIMILARITY = 0.85;

/**
 * A candidate whose best verified similarity is below this is dropped: n-grams matched, but the
 * aligned window does not read like the item (scattered boilerplate hits).
 */
export const MIN_VERIFIED_SIMILARITY = 0.5;

/** Containment thresholds at which the summary reports the contamination rate. */
export const RATE_THRESHOLDS: readonly number[] = [0.3, 0.5, 0.7, 0.9];

/**
 * A task gets a `contaminated` finding when a verified match of a non-trivial part reaches this
 * containment (half the item's distinct n-grams, verified on the aligned window).
 */
export const CONTAMINATED_THRESHOLD = 0.5;

/** At or above this containment the finding is an error, below it a warning. */
export const CONTAMINATED_ERROR_THRESHOLD = 0.8;

/**
 * Corpus boilerplate: an indexed n-gram found in more than max(BOILERPLATE_MIN_DOCUMENTS,
 * BOILERPLATE_DOCUMENT_FRACTION · documents) corpus documents is dropped from containment (license
 * headers, `if __name__ == "__main__":`). Same idea as the frequent-n-gram filtering of
 * dedup tools (Lee et al. 2022, "Deduplicating Training Data Makes Language Models Better").
 */
export const BOILERPLATE_DOCUMENT_FRACTION = 0.01;
export const BOILERPLATE_MIN_DOCUMENTS = 20;

/**
 * Benchmark boilerplate: an n-gram shared by more than max(BENCHMARK_COMMON_MIN_TASKS,
 * BENCHMARK_COMMON_TASK_FRACTION · tasks) tasks (`def check(candidate):\n    assert candidate(`) is
 * not indexed: it identifies the benchmark's template, not any task.
 */
export const BENCHMARK_COMMON_TASK_FRACTION = 0.02;
export const BENCHMARK_COMMON_MIN_TASKS = 3;

/** MinHash: 128 permutations (standard choice; estimate std. error ≈ sqrt(J(1-J)/128) ≤ 0.044). */
export const MINHASH_PERMUTATIONS = 128;
/**
 * LSH banding 32 bands × 4 rows: the S-curve threshold (1/b)^(1/r) ≈ 0.42, so a pair with Jaccard 0.5
 * becomes a candidate with probability 1-(1-0.5^4)^32 ≈ 0.87 and 0.6 with 0.99 (Leskovec, Rajaraman,
 * Ullman, Mining of Massive Datasets, ch. 3.4).
 */
export const MINHASH_BANDS = 32;
export const MINHASH_ROWS = 4;
/** Shingle length (canonical tokens) for function MinHash: about one statement. */
export const MINHASH_SHINGLE = 5;
/** Estimated Jaccard at or above which an LSH candidate function is verified. */
export const MINHASH_MIN_JACCARD = 0.5;
/** Functions with fewer tokens than this are not MinHashed (no reference is that small). */
export const MIN_FUNCTION_TOKENS = 20;

/** Matches reported per task (best first). */
export const TOP_MATCHES = 5;

/**
 * Candidates kept per item across the whole corpus, best first by a key that does not depend on
 * corpus-wide statistics (so sharded runs keep the same set: top-K of a union = top-K of top-Ks).
 */
export const CANDIDATES_PER_ITEM = 200;

/** Longest item / window compared token by token (the LCS is quadratic); longer ones are cut. */
export const MAX_VERIFY_TOKENS = 3000;

/** Corpus files larger than this are skipped with a warning (The Stack drops files over 1 MB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A JSONL row longer than this is skipped (read past without buffering) with a warning. */
export const MAX_ROW_BYTES = 32 * 1024 * 1024;

/** A file whose first BINARY_SNIFF_BYTES contain a NUL byte is treated as binary and skipped (as git does). */
export const BINARY_SNIFF_BYTES = 8000;

/** At most this many warnings of one code are listed; the rest are counted in one summary warning. */
export const MAX_WARNINGS_PER_CODE = 20;

/**
 * A short part (fewer own n-grams than minItemNgrams) is reported, as info, when it is copied verbatim
 * in at least this many corpus files. One: the exact copy includes what makes the part specific (a
 * solution's signature, a test's literals), so it names the leak; info, because a few lines can also
 * coincide, and info never puts a task in a rescore subset.
 */
export const SHORT_PART_MIN_FILES = 1;

/**
 * An inexact (near or renamed) match in a file that holds no other part of the task is an idiom, not
 * a copy, when the part has such matches in at least this many files: a task's own solution is not
 * rewritten independently in three unrelated places, while a dedupe or gcd loop is. Reported as info.
 */
export const IDIOM_MIN_FILES = 3;
