/* Generated from schemas/config.schema.json by scripts/gen-report-types.mjs. Do not edit. */

/**
 * Project settings for `bench-audit audit`, in bench-audit.config.json or under the "bench-audit" key of package.json. A flag given on the command line wins over the same setting here.
 */
export interface ConfigFile {
  $schema?: string;
  /**
   * Checks to run (default: all).
   *
   * @minItems 1
   */
  checks?: [
    'static' | 'execution' | 'mutation' | 'contamination',
    ...('static' | 'execution' | 'mutation' | 'contamination')[]
  ];
  /**
   * Seed for every random choice.
   */
  seed?: number;
  /**
   * Exit 1 when a finding not in the baseline reaches this severity.
   */
  failOn?: 'info' | 'warning' | 'error' | 'none';
  /**
   * Flag tasks with this many tests or fewer.
   */
  fewTests?: number;
  /**
   * Time limit of one sandboxed run, with a unit ("3s", "500ms").
   */
  timeout?: string;
  /**
   * Memory limit of one sandboxed run, with a unit ("2GB", "512MB"), or "0" for none.
   */
  memory?: string;
  /**
   * Runs of each reference, to find flaky tasks.
   */
  repeats?: number;
  /**
   * Sandbox processes and corpus-scan threads.
   */
  workers?: number;
  /**
   * Sample at most this many mutants per task.
   */
  maxMutantsPerTask?: number;
  /**
   * Sandbox isolation.
   */
  isolation?: 'auto' | 'bwrap' | 'unshare' | 'none';
  /**
   * The baseline file of accepted findings, relative to this file (default bench-audit.baseline.json).
   */
  baseline?: string;
}
