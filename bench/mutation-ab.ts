/**
 * Before/after of the mutation check's per-task analysis in one process: the same tasks analysed (analyseTask, the
 * check's own code and limits) by two code bases in turn, ROUNDS times interleaved, so that both see the same load.
 * Prints per run the wall time, the CPU time of the sandbox jobs (each job's `cpuMs`, summed) and the job count, and
 * per task its counts and a hash of its section (equal hashes: the same section). ROOT_A and ROOT_B are checkouts
 * (e.g. a `git archive` of the old commit with node_modules linked, and this one).
 *
 *   npx tsx bench/mutation-ab.ts ROOT_A ROOT_B DATAFILE BENCHMARK ROUNDS TASK_ID...
 */
import { createHash } from 'node:crypto';
const [rootA, rootB, file, bench, roundsArg, ...ids] = process.argv.slice(2);
async function load(root: string) {
  const run = await import(`${root}/src/checks/mutation/run.ts`);
  const gen = await import(`${root}/src/checks/mutation/generate.ts`);
  const ops = await import(`${root}/src/checks/mutation/operators/index.ts`);
  const cfg = await import(`${root}/src/checks/mutation/config.ts`);
  const parserMod = await import(`${root}/src/checks/mutation/python-parser.ts`);
  const ds = await import(`${root}/src/datasets/load.ts`);
  const rt = await import(`${root}/src/sandbox/runtimes.ts`);
  const sr = await import(`${root}/src/checks/mutation/strengthen-run.ts`);
  const cc = await import(`${root}/src/checks/mutation/compile-check.ts`);
  return { run, gen, ops, cfg, parserMod, ds, rt, sr, cc };
}
const A = await load(rootA);
const B = await load(rootB);
async function once(M: Awaited<ReturnType<typeof load>>, label: string) {
  const parser = await M.parserMod.loadPythonParser();
  const tasks = (await M.ds.loadDataFile(file, { benchmark: bench })).filter((t: any) => ids.includes(t.id));
  const config = M.cfg.DEFAULT_MUTATION_CONFIG;
  const operators = M.ops.mutationOperators.filter((o: any) => config.operators.includes(o.name));
  const pool = M.rt.createRuntime({ workers: 2 });
  let cpu = 0;
  let jobs = 0;
  const counting = { ...pool, size: pool.size, info: () => pool.info(), run: async (j: any) => { const r = await pool.run(j); cpu += r.cpuMs ?? 0; jobs++; return r; } };
  const started = performance.now();
  const out: string[] = [];
  for (const task of tasks) {
    const { region } = M.gen.solutionRegion(task);
    const g = M.gen.generateMutants(parser, task.solution, region, { operators });
    const ok = M.cc.pythonCompiles(g.mutants.map((m: any) => m.source), {});
    const valid = g.mutants.filter((_: any, k: number) => ok[k]);
    const sampled = M.gen.sampleMutants(valid, config.maxMutantsPerTask, 0, task.id);
    const a = await M.run.analyseTask({ task, plusTask: task.inputs ? task : undefined, mutants: { ...g, mutants: sampled, uncompilable: g.mutants.length - valid.length, sampledOut: valid.length - sampled.length }, config, seed: 0, parser, pool: counting, strengthen: M.sr.strengthenTask });
    const h = createHash('sha256').update(JSON.stringify(a.section)).digest('hex').slice(0, 12);
    out.push(`${task.id} ${a.section.status} ${JSON.stringify(a.section.counts)} trivial=${JSON.stringify(a.section.trivialPasses)} section=${h} counted=${a.runInfo.mutantsCounted} backstop=${a.runInfo.mutantsBackstop}${a.transient ? ' TRANSIENT' : ''}`);
  }
  await pool.close();
  console.log(`[${label}] wall ${((performance.now() - started) / 1000).toFixed(1)} s, CPU in jobs ${(cpu / 1000).toFixed(1)} s, jobs ${jobs}`);
  for (const l of out) console.log(`[${label}]   ${l}`);
}
const rounds = Number(roundsArg);
for (let i = 0; i < rounds; i++) {
  await once(A, `before#${i}`);
  await once(B, `after#${i}`);
}
