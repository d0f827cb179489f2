/* Generated from schemas/baseline.schema.json by scripts/gen-report-types.mjs. Do not edit. */

/**
 * Findings a maintainer has accepted, so that `audit --fail-on` gates only on new ones (as knip's and eslint's baselines do). Written by `audit --update-baseline`; edit the reasons by hand. The report still records every finding.
 */
export interface Baseline {
  $schema?: string;
  suppressions: {
    /**
     * A finding kind (see the README's table).
     */
    kind: string;
    /**
     * The task the finding is on; null for a benchmark-level finding.
     */
    taskId: string | null;
    /**
     * The benchmark id, when one baseline serves several benchmarks; absent = any.
     */
    benchmark?: string;
    /**
     * Why the finding is accepted.
     */
    reason: string;
  }[];
}
