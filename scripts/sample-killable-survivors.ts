/**
 * Draws the stratified random sample of killable-survivor findings that docs/precision.md checks
 * by hand: strata are benchmark x witness source (test / plus / generated input), each drawn with
 * a seeded generator, so the same audits and seed give the same sample.
 *
 *   npx tsx scripts/sample-killable-survivors.ts [--seed N] [--size N] [audit.json ...]
 *
 * Default audits: audits/{humaneval,mbpp,mbpp-sanitized}. Prints Markdown to stdout.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { sampleIndices, seededRandom } from '../src/util/random.js';

/** The sample size the precision target was set for (~80 findings). */
const DEFAULT_SIZE = 80;
/** Every non-empty stratum gets at least this many (or all it has), so small strata are read at all. */
const MIN_PER_STRATUM = 3;
/** Generated witnesses are where the false positives were (the issue measured 50% there): they get this weight over their share. */
const GENERATED_WEIGHT = 2;

interface Finding {
  kind: string;
  message: string;
  evidence: Record<string, unknown>;
}
interface Audit {
  benchmark: { id: string } | string;
  tasks: { id: string; findings: Finding[] }[];
}

function args(argv: string[]): { seed: number; size: number; files: string[] } {
  let seed = 0;
  let size = DEFAULT_SIZE;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seed = Number(argv[++i]);
    else if (argv[i] === '--size') size = Number(argv[++i]);
    else files.push(argv[i]);
  }
  if (!Number.isInteger(seed) || !Number.isInteger(size) || size < 1) throw new Error('--seed and --size take integers');
  return { seed, size, files: files.length > 0 ? files : ['humaneval', 'mbpp', 'mbpp-sanitized'].map((b) => `audits/${b}/${b}.audit.json`) };
}

const { seed, size, files } = args(process.argv.slice(2));
type Item = { benchmark: string; task: string; finding: Finding };
const strata = new Map<string, Item[]>();
for (const file of files) {
  const audit = JSON.parse(readFileSync(file, 'utf8')) as Audit;
  const benchmark = typeof audit.benchmark === 'string' ? audit.benchmark : (audit.benchmark?.id ?? basename(file));
  for (const t of audit.tasks) {
    for (const f of t.findings) {
      if (f.kind !== 'killable-survivor') continue;
      const key = `${benchmark} / ${String(f.evidence.inputSource ?? 'unknown')}`;
      strata.set(key, [...(strata.get(key) ?? []), { benchmark, task: t.id, finding: f }]);
    }
  }
}
const keys = [...strata.keys()].sort();
const weight = (k: string) => strata.get(k)!.length * (k.endsWith('/ generated') ? GENERATED_WEIGHT : 1);
const total = keys.reduce((s, k) => s + weight(k), 0);
const lines = [`Sample of killable-survivor findings: seed ${seed}, size ${size}, from ${files.join(', ')}`, ''];
lines.push('| stratum | findings | drawn |', '|---|---|---|');
const drawn = new Map<string, Item[]>();
for (const k of keys) {
  const items = strata.get(k)!;
  const n = Math.min(items.length, Math.max(MIN_PER_STRATUM, Math.round((size * weight(k)) / total)));
  drawn.set(k, sampleIndices(items.length, n, seededRandom(seed, `killable-survivor ${k}`)).map((i) => items[i]));
  lines.push(`| ${k} | ${items.length} | ${n} |`);
}
lines.push('');
let n = 0;
for (const k of keys) {
  for (const { benchmark, task, finding } of drawn.get(k)!) {
    const e = finding.evidence;
    lines.push(`### ${++n}. ${benchmark} ${task} (${k.split(' / ')[1]})`, '');
    lines.push(`- assert: \`${String(e.assert)}\``);
    lines.push(`- reference ${String(e.referenceOutput)}, mutant ${String(e.mutantOutput)}; checks passed: ${JSON.stringify((e.checks as { passed?: string[] })?.passed ?? [])}`);
    lines.push('', '```diff', String(e.diff).trimEnd(), '```', '');
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
