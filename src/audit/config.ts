/**
 * From what a user asks for (command-line flags, a library caller's settings) to the audit's
 * `Config`, the record of every parameter that can change the report. Defaults come from one place
 * (the schema's `default` keywords, src/model/defaults.generated.ts, and the contamination
 * constants); a bad value is a UsageError that names the setting.
 */
import { existsSync, statSync } from 'node:fs';
import { CHECK_NAMES } from '../checks/registry.js';
import { DEFAULT_MUTATION_CONFIG } from '../checks/mutation/config.js';
import { contaminationConfig } from '../checks/contamination/report.js';
import { corpusSpec } from '../checks/contamination/index.js';
import { CORPUS_FORMATS, type CorpusFormat, type CorpusSpec } from '../contamination/corpus/types.js';
import { resolveScanParameters, type ScanParameters } from '../contamination/options.js';
import { resolveShard, type ShardSpec } from '../contamination/shard.js';
import { ADAPTER_NAMES, type AdapterName } from '../datasets/adapters/index.js';
import { UsageError } from '../errors.js';
import { DEFAULT_EXECUTION_CONFIG, DEFAULT_SEED, DEFAULT_STATIC_CONFIG } from '../model/defaults.generated.js';
import type { CheckName, Config, ExecutionConfig } from '../model/types.generated.js';

export { ADAPTER_NAMES, CHECK_NAMES, CORPUS_FORMATS };
export type { AdapterName, CorpusFormat, ShardSpec };

export interface ContaminationSettings {
  /** A folder, a git repository, JSONL/Parquet shard file(s), or a hub dataset `owner/name`. */
  corpus?: string;
  corpusFormat?: CorpusFormat;
  include?: string[];
  exclude?: string[];
  contentColumn?: string;
  pathColumn?: string;
  repoColumn?: string;
  revision?: string;
  compareWith?: string[];
  ngramSize?: number;
  minItemNgrams?: number;
  contaminatedThreshold?: number;
}

export interface AuditSettings {
  /** Check names (or a comma-separated list); default: all, in registry order. */
  checks?: string | readonly string[];
  seed?: number;
  fewTests?: number;
  timeoutMs?: number;
  memoryMb?: number;
  repeats?: number;
  isolation?: ExecutionConfig['isolation'];
  maxMutantsPerTask?: number;
  contamination?: ContaminationSettings;
}

/** The checks asked for, in registry order (so a selection always runs and reports in the same order). */
export function parseChecks(spec: string | readonly string[] | undefined): CheckName[] {
  if (spec === undefined) return [...CHECK_NAMES];
  const asked = (typeof spec === 'string' ? spec.split(',') : [...spec]).map((s) => s.trim()).filter((s) => s !== '');
  const unknown = asked.filter((s) => !CHECK_NAMES.includes(s as CheckName));
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(`unknown check${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ') || '(none given)'}`, { hint: `available: ${CHECK_NAMES.join(', ')}` });
  }
  return CHECK_NAMES.filter((n) => asked.includes(n));
}

function positiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UsageError(`--${name} must be a positive integer, got ${value}`);
}

/** Guess the corpus kind: a folder (git or not), shard files by extension, else a hub dataset. */
export function guessCorpusFormat(location: string): CorpusFormat {
  if (existsSync(location)) {
    if (statSync(location).isDirectory()) return existsSync(`${location}/.git`) ? 'git' : 'dir';
    if (/\.parquet$/i.test(location)) return 'parquet';
    if (/\.jsonl(\.gz)?$/i.test(location)) return 'jsonl';
    throw new UsageError(`cannot tell what kind of corpus ${location} is`, { hint: `pass --corpus-format ${CORPUS_FORMATS.join('|')}` });
  }
  if (/^[^/\s]+\/[^/\s]+$/.test(location)) return 'hub';
  throw new UsageError(`corpus ${location} does not exist`, { hint: 'give a folder, a git repository, shard files, or a hub dataset owner/name' });
}

/** The corpus to scan, with defaults filled in; null without --corpus. */
export function corpusFromSettings(s: ContaminationSettings): CorpusSpec | null {
  if (s.corpus === undefined) return null;
  return corpusSpec(s.corpusFormat ?? guessCorpusFormat(s.corpus), s.corpus, {
    ...(s.include ? { include: s.include } : {}),
    ...(s.exclude ? { exclude: s.exclude } : {}),
    ...(s.contentColumn ? { contentColumn: s.contentColumn } : {}),
    ...(s.pathColumn ? { pathColumn: s.pathColumn } : {}),
    ...(s.repoColumn ? { repoColumn: s.repoColumn } : {}),
    ...(s.revision ? { revision: s.revision } : {}),
  });
}

function scanParameters(s: ContaminationSettings, seed: number): ScanParameters {
  const overrides: Partial<ScanParameters> = {
    ...(s.ngramSize !== undefined ? { ngramSize: s.ngramSize } : {}),
    ...(s.minItemNgrams !== undefined ? { minItemNgrams: s.minItemNgrams } : {}),
    ...(s.contaminatedThreshold !== undefined ? { contaminatedThreshold: s.contaminatedThreshold } : {}),
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError(`--${k} must be a non-negative number`);
  }
  return resolveScanParameters(overrides, seed);
}

/** The audit config for these settings (every section the selected checks read, defaults filled in). */
export function configFromSettings(settings: AuditSettings = {}): Config {
  const checks = parseChecks(settings.checks);
  const seed = settings.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${seed}`);
  const fewTests = settings.fewTests ?? DEFAULT_STATIC_CONFIG.fewTestsThreshold;
  if (!Number.isInteger(fewTests) || fewTests < 0) throw new UsageError(`--few-tests must be a non-negative integer, got ${fewTests}`);
  positiveInteger('timeout', settings.timeoutMs);
  positiveInteger('memory', settings.memoryMb);
  positiveInteger('repeats', settings.repeats);
  positiveInteger('max-mutants-per-task', settings.maxMutantsPerTask);
  const contamination = settings.contamination ?? {};
  return {
    checks,
    seed,
    static: { fewTestsThreshold: fewTests },
    ...(checks.includes('execution') || checks.includes('mutation')
      ? {
          execution: {
            ...DEFAULT_EXECUTION_CONFIG,
            ...(settings.timeoutMs !== undefined ? { timeLimitMs: settings.timeoutMs } : {}),
            ...(settings.memoryMb !== undefined ? { memoryLimitMb: settings.memoryMb } : {}),
            ...(settings.repeats !== undefined ? { repeats: settings.repeats } : {}),
            ...(settings.isolation !== undefined ? { isolation: settings.isolation } : {}),
          },
        }
      : {}),
    ...(checks.includes('mutation')
      ? { mutation: { ...DEFAULT_MUTATION_CONFIG, operators: [...DEFAULT_MUTATION_CONFIG.operators], ...(settings.maxMutantsPerTask !== undefined ? { maxMutantsPerTask: settings.maxMutantsPerTask } : {}) } }
      : {}),
    ...(checks.includes('contamination')
      ? { contamination: contaminationConfig(scanParameters(contamination, seed), corpusFromSettings(contamination), contamination.compareWith ?? []) }
      : {}),
  };
}

/**
 * Which shard of the corpus this process scans: `--shard K/N`, else the index a cluster scheduler
 * sets (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with `shards`).
 */
export function shardFromSettings(spec: string | undefined, env: Readonly<Record<string, string | undefined>>, shards?: number): ShardSpec | null {
  const resolved = resolveShard(spec, env, shards);
  if (!resolved.ok) throw new UsageError(resolved.reason);
  return resolved.shard;
}

/** The execution config a report recorded, with defaults for what an older report does not say. */
export function executionConfigOf(config: Config): ExecutionConfig {
  return { ...DEFAULT_EXECUTION_CONFIG, ...(config.execution ?? {}) };
}
