/**
 * rescore's speed on a HumanEval-sized sample set (~30 samples per task, ~4,920 in all, like the real model samples
 * of the issue), beside a simple baseline in the same run: a fresh python3 per sample (no sandbox) on a subset.
 *
 * The samples are built reproducibly (nothing from a model): per task the original reference, HumanEval+'s
 * reference, the hand-written fixtures of test/fixtures/strengthen/, then the reference's mutants in generation
 * order, cycled up to --per-task. They are written to --out (not the repository) and re-run by `rescore`'s own code
 * (rescoreSamples) on the published HumanEval audit: original tests and strengthened tests. Hung samples (mutants that
 * loop) cost a short untraced run and a run counted to their step budget each (the CPU limit where no reference, the
 * task's own or a sibling's, finishes the tests): the count is printed beside it, with each phase's jobs, wall and CPU time, and how the runs
 * were decided, and which tasks' limits came from a sibling's reference or are still a CPU limit. The per-sample verdicts go to DIR/verdicts.jsonl (compare two versions' files line by line).
 *
 *   npx tsx bench/rescore.ts [--out DIR] [--per-task 30] [--limit N] [--baseline 100] [--audit audits/humaneval/humaneval.audit.json]
 *
 * Run on an idle machine for the time figures (target: < 60 s for ~4,920 samples on 2 cores).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rescoreSamples, sampleProgram, summarizeFalsePasses, verdictsJsonl, type Sample } from '../src/apply/false-passes.js';
import { DEFAULT_MUTATION_CONFIG } from '../src/checks/mutation/config.js';
import { generateMutants, solutionRegion } from '../src/checks/mutation/generate.js';
import { mutationOperators } from '../src/checks/mutation/operators/index.js';
import { loadPythonParser } from '../src/checks/mutation/python-parser.js';
import { loadDataFile } from '../src/datasets/load.js';
import type { AuditReport } from '../src/model/types.generated.js';
import { resolvePython } from '../src/python/interpreter.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = join(import.meta.dirname, '..');
const data = flag('--data-dir') ?? join(root, '..', 'shared', 'data');
const out = flag('--out') ?? join(tmpdir(), 'bench-rescore');
const perTask = Number(flag('--per-task') ?? 30);
const limit = flag('--limit') ? Number(flag('--limit')) : undefined;
const baselineCount = Number(flag('--baseline') ?? 100);
/** Wall limit of one baseline run (the baseline has no sandbox; a hung sample is killed). */
const BASELINE_TIMEOUT_MS = 10_000;
/** Baseline runs at once: the machine's two cores, as the sandbox pool uses them. */
const BASELINE_PARALLEL = 2;
const report = JSON.parse(readFileSync(flag('--audit') ?? join(root, 'audits', 'humaneval', 'humaneval.audit.json'), 'utf8')) as AuditReport;

const number = (id: string) => /(\d+)$/.exec(id)![1];
let tasks = await loadDataFile(join(data, 'humaneval/HumanEval.jsonl.gz'), { benchmark: 'humaneval' });
if (limit !== undefined) tasks = tasks.slice(0, limit);
const plusById = new Map((await loadDataFile(join(data, 'evalplus/HumanEvalPlus.jsonl.gz'), { benchmark: 'humaneval-plus' })).map((t) => [number(t.id), t]));
const fixtures = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'strengthen', 'humaneval-solutions.json'), 'utf8')) as { task: string; code: string }[];
const parser = await loadPythonParser();
const operators = mutationOperators.filter((o) => DEFAULT_MUTATION_CONFIG.operators.includes(o.name));

const samples: Sample[] = [];
for (const task of tasks) {
  const plus = plusById.get(number(task.id));
  const programs = [task.solution];
  if (plus) programs.push(plus.solution.replace(/\n*$/, '\n') + (plus.entryPoint === task.entryPoint ? '' : `\n${task.entryPoint} = ${plus.entryPoint}\n`));
  for (const f of fixtures) if (f.task === task.id) programs.push(f.code);
  programs.push(...generateMutants(parser, task.solution, solutionRegion(task).region, { operators }).mutants.map((m) => m.source));
  for (let i = 0; i < perTask; i++) samples.push({ taskId: task.id, solution: programs[i % programs.length] });
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'samples.jsonl'), samples.map((s) => JSON.stringify({ task_id: s.taskId, solution: s.solution }) + '\n').join(''));
console.log(`${samples.length} samples of ${tasks.length} tasks written to ${join(out, 'samples.jsonl')}`);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
// Where the time goes: each phase's wall time, jobs, their summed CPU and timeouts (profiling only).
const started = new Map<string, number>();
const phases: string[] = [];
const runs = await rescoreSamples(report, samples, {
  observe: ({ phase, jobs, end }) => {
    if (!end) started.set(phase, performance.now());
    else phases.push(`${phase}: ${jobs} jobs, ${((performance.now() - started.get(phase)!) / 1000).toFixed(1)} s wall, ${(end.cpuMs / 1000).toFixed(1)} s CPU in jobs, ${end.timeouts} timeouts`);
  },
});
const ms = performance.now() - t0;
const nodeCpu = process.cpuUsage(cpu0);
writeFileSync(join(out, 'verdicts.jsonl'), verdictsJsonl(runs.verdicts));
const f = summarizeFalsePasses(runs);
console.log(`rescore (sandboxed, original + strengthened tests): ${(ms / 1000).toFixed(1)} s, ${((samples.length / ms) * 1000).toFixed(1)} samples/s`);
console.log(`  pass the original tests: ${f.passedOriginal}; the strengthened ones too: ${f.passedStrengthened}; false passes: ${f.falsePasses}; samples with stronger tests: ${f.samplesWithStrongerTests}`);
// What the time went to: distinct programs (each runs once), and the hung ones (each costs its CPU limit, 1 s or more).
const distinct = new Set(samples.map((s) => `${s.taskId}\0${s.solution}`)).size;
const hung = new Set(runs.verdicts.filter((v) => v.original === 'timeout' || v.strengthened === 'timeout').map((v) => `${v.taskId}\0${samples[v.row - 1].solution}`)).size;
for (const p of phases) console.log(`  ${p}`);
console.log(`  runs decided by: ${Object.entries(runs.decisions ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`);
const from = Object.entries(runs.limitsFrom ?? {});
const ids = (by: string) => from.filter(([, f]) => f.by === by).map(([id]) => id);
console.log(`  tasks' limits from: their own reference ${ids('reference').length}; a sibling's ${ids('sibling').length} (${ids('sibling').join(', ')}); still CPU-decided ${ids('cpu').length} (${ids('cpu').join(', ')})`);
console.log(`  this Node process: ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s CPU; per-sample verdicts in ${join(out, 'verdicts.jsonl')}`);
console.log(`  distinct programs run: ${distinct}; of them hung (timeout): ${hung}; load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

// Baseline: a fresh python3 per sample, the original tests only, no sandbox.
const python = resolvePython(undefined).executable;
const byId = new Map(tasks.map((t) => [t.id, t]));
const subset = samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / baselineCount)) === 0).slice(0, baselineCount);
const runOne = (s: Sample): Promise<void> =>
  new Promise((resolve) => {
    const task = byId.get(s.taskId)!;
    const t = task.tests;
    const tests = t.kind === 'check-function' ? `${task.prompt}\n${t.code}\n${t.checkFunction}(${task.entryPoint})\n` : t.kind === 'assert-list' ? t.asserts.join('\n') : '';
    const child = spawn(python, ['-c', `${sampleProgram(task, s)}\n${tests}`], { stdio: 'ignore', timeout: BASELINE_TIMEOUT_MS });
    child.on('close', () => resolve());
    child.on('error', () => resolve());
  });
const b0 = performance.now();
const queue = [...subset];
await Promise.all(Array.from({ length: BASELINE_PARALLEL }, async () => {
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) await runOne(s);
}));
const bms = performance.now() - b0;
console.log(`baseline (fresh python3 per sample, original tests only, no sandbox, ${BASELINE_PARALLEL} at once): ${subset.length} samples in ${(bms / 1000).toFixed(1)} s, ${((subset.length / bms) * 1000).toFixed(1)} samples/s`);
