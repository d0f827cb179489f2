/**
 * Determinism of the mutation check under load: the check on a few HumanEval tasks (with HumanEval+ as
 * the sibling, as in the humaneval audit), written as canonical JSON without its run info (timings).
 * scripts/load-determinism.sh runs this twice, once as is and once beside two CPU-bound processes, and
 * compares the two files byte for byte.
 *
 *   npx tsx bench/load-determinism.ts --out FILE [--tasks HumanEval/75,HumanEval/130,...]
 *
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMutationCheck } from '../src/checks/mutation/index.js';
import { DEFAULT_MUTATION_CONFIG } from '../src/checks/mutation/index.js';
import { loadDataFile } from '../src/datasets/load.js';
import { silentProgress } from '../src/model/progress.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import { canonicalJson } from '../src/util/canonical-json.js';

/** Tasks with reference inputs near the step cap or the former 280 ms CPU rule (/55, /63: fib-like recursion on plus inputs; /75, /83: the slowest generated ones) and with runaways (/32, /39, /76). */
const DEFAULT_TASKS = ['HumanEval/32', 'HumanEval/39', 'HumanEval/55', 'HumanEval/63', 'HumanEval/75', 'HumanEval/76', 'HumanEval/83'];

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = flag('--out');
if (out === undefined) {
  console.error('bench/load-determinism: --out FILE is required');
  process.exit(2);
}
const wanted = flag('--tasks')?.split(',') ?? DEFAULT_TASKS;
const data = join(import.meta.dirname, '..', '..', 'shared', 'data');
const all = await loadDataFile(join(data, 'humaneval/HumanEval.jsonl.gz'), { adapter: 'humaneval', benchmark: 'humaneval' });
const plus = await loadDataFile(join(data, 'evalplus/HumanEvalPlus.jsonl.gz'), { adapter: 'evalplus', benchmark: 'humaneval-plus' });
const plusById = new Map(plus.map((t) => [t.id, t]));
const tasks = all.filter((t) => wanted.includes(t.id));
if (tasks.length !== wanted.length) {
  console.error(`bench/load-determinism: unknown task ids among ${wanted.join(', ')}`);
  process.exit(2);
}
const pool = createSandboxPool({});
const started = performance.now();
const result = await runMutationCheck(
  { benchmark: 'humaneval', tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 }, mutation: DEFAULT_MUTATION_CONFIG }, progress: silentProgress },
  { pool, plusTaskFor: (t) => plusById.get(t.id) },
);
await pool.close();
const { runInfo: _timings, ...results } = result;
writeFileSync(out, canonicalJson(results));
console.error(`bench/load-determinism: ${tasks.length} tasks in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${out}`);
