import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { probeRegionCoverage } from '../../src/checks/mutation/coverage.js';
import { solutionRegion } from '../../src/checks/mutation/generate.js';
import { loadDataFile } from '../../src/datasets/load.js';
import { instrumentCoverage, probeCoverage } from '../../src/javascript/coverage.js';
import { loadJavaScriptParser } from '../../src/javascript/parser.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../src/sandbox/js/runtime.js';
import { createRuntime } from '../../src/sandbox/runtimes.js';
import { fixtureFile } from '../helpers/data.js';

const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
const runner = scriptRunner(jsRuntime);
after(() => jsRuntime.close());

/** Coverage of `program` (whole file is the region) under `tests`, and the instrumented run's verdict. */
async function cover(program: string, tests: string) {
  const parser = await loadJavaScriptParser();
  const ins = instrumentCoverage(parser, program, { start: 0, end: program.length });
  assert.ok(ins, 'the program parses');
  assert.ok(parser.parses(ins.source), ins.source);
  const run = await runner.run({ source: `${ins.source}\n${tests}`, filename: 'test.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official', coverageProbes: ins.probes.length });
  return { run, coverage: probeRegionCoverage(ins.probes, run.coverage ?? []), source: ins.source };
}

describe('JavaScript coverage probes', () => {
  it('a branch the tests never take leaves exactly its lines and outcomes uncovered', async () => {
    const program = ['function sign(x) {', '  if (x < 0) {', '    return -1', '  } else if (x === 0) return 0', '  return 1', '}'].join('\n');
    const { run, coverage } = await cover(program, 'console.assert(sign(5) === 1)\nconsole.assert(sign(-2) === -1)');
    assert.equal(run.official, 'passed');
    // Line 4 runs (its condition is tested) but its `return 0` never does: same line, so the line counts as run.
    assert.deepEqual(coverage.uncoveredLines, []);
    // if (x < 0): in and out; else if (x === 0): out only.
    assert.deepEqual(coverage.branches, { covered: 3, total: 4 });
    const missing = await cover(program.replace('else if (x === 0) return 0', 'else if (x === 0)\n    return 0'), 'console.assert(sign(5) === 1)');
    assert.deepEqual(missing.coverage.uncoveredLines, [3, 5]);
    assert.deepEqual(missing.coverage.lines, { covered: 3, total: 5 });
    assert.deepEqual(missing.coverage.branches, { covered: 2, total: 4 });
  });

  it('loops: a loop never entered, one never left by its condition, and for...of', async () => {
    const program = [
      'const f = (xs, n) => {',
      '  let s = 0',
      '  for (let i = 0; i < n; i++) s += i',
      '  while (true) { if (s >= 0) break }',
      '  for (const x of xs) {',
      '    s += x',
      '  }',
      '  do s--; while (s > 100)',
      '  return s',
      '}',
    ].join('\n');
    const { run, coverage } = await cover(program, 'console.assert(f([], 0) === -1)');
    assert.equal(run.official, 'passed');
    assert.deepEqual(coverage.uncoveredLines, [6]);
    // for: out only; while: in only (left by break); if: in only; for...of: out only; do: in and out.
    assert.deepEqual(coverage.branches, { covered: 6, total: 10 });
  });

  it('?:, &&, ||, ?? and switch cases are branch points: exactly the outcomes the tests never take are uncovered', async () => {
    const program = [
      'function pick(x, y, k) {',
      '  const a = x > 0 ? "pos" : "neg"',
      '  const b = x && y',
      '  const c = x || y',
      '  const d = y ?? k',
      '  switch (k) {',
      '    case 1:',
      '    case 2: return [a, b, c, d, "low"]',
      '    case x: return [a, b, c, d, "x"]',
      '    default: return [a, b, c, d]',
      '  }',
      '}',
    ].join('\n');
    const tests = "console.assert(JSON.stringify(pick(1, null, 2)) === '[\"pos\",null,1,2,\"low\"]')\nconsole.assert(pick(0, 3, 9).length === 4)";
    const { run, coverage } = await cover(program, tests);
    assert.equal(run.official, 'passed');
    const parser = await loadJavaScriptParser();
    const ins = instrumentCoverage(parser, program, { start: 0, end: program.length })!;
    const missing = probeCoverage(ins.probes, run.coverage ?? []).uncoveredBranches;
    // x is 1 then 0: ?: both ways, && both ways, || both ways; y is null then 3: ?? both ways.
    // k is 2 then 9: case 1 never matched, case 2 matched and missed, case x (1, then 0) never matched.
    assert.deepEqual(missing, [
      { line: 7, construct: 'case', outcome: 'in' },
      { line: 9, construct: 'case', outcome: 'in' },
    ]);
    assert.deepEqual(coverage.branches, { covered: 12, total: 14 });
    const one = await cover(program, "console.assert(pick(-1, 0, undefined).length === 4)");
    assert.deepEqual(
      probeCoverage(ins.probes, one.run.coverage ?? []).uncoveredBranches.map((b) => `${b.line}:${b.construct}:${b.outcome}`),
      // x = -1 is truthy but not > 0: && runs its right side, || does not; y = 0 is not nullish.
      ['2:?::in', '3:&&:out', '4:||:in', '5:??:in', '7:case:in', '8:case:in', '9:case:in'],
    );
  });

  it('&&=, ||=, ??= are branch points like &&, ||, ??: in = the right side ran and was assigned, with the values kept', async () => {
    const program = [
      'function fill(o, k, x) {',
      '  let a = x',
      '  a &&= k',
      '  o.n ||= 5',
      '  o[k] ??= [x]',
      '  this.z ??= 1',
      '  return [a, o.n, o[k]]',
      '}',
    ].join('\n');
    const tests = "console.assert(JSON.stringify(fill.call({}, { n: 0 }, 'q', 0)) === '[0,5,[0]]')";
    const { run, coverage } = await cover(program, tests);
    assert.equal(run.official, 'passed', run.stderr);
    const parser = await loadJavaScriptParser();
    const ins = instrumentCoverage(parser, program, { start: 0, end: program.length })!;
    assert.deepEqual(
      ins.probes.filter((p) => p.kind === 'branch').map((p) => p.kind === 'branch' && `${p.header}:${p.construct}:${p.outcome}`),
      ['3:&&=:in', '3:&&=:out', '4:||=:in', '4:||=:out', '5:??=:in', '5:??=:out', '6:??=:in', '6:??=:out'],
    );
    // x = 0 is falsy: &&= short-circuits; o.n = 0 is falsy: ||= assigns; o.q and this.z are missing: ??= assigns.
    const missing = probeCoverage(ins.probes, run.coverage ?? []).uncoveredBranches.map((b) => `${b.line}:${b.construct}:${b.outcome}`);
    assert.deepEqual(missing, ['3:&&=:in', '4:||=:out', '5:??=:out', '6:??=:out']);
    assert.deepEqual(coverage.branches, { covered: 4, total: 8 });
    const other = await cover(program, "console.assert(JSON.stringify(fill.call({ z: 2 }, { n: 3, r: null }, 'r', 7)) === '[\"r\",3,[7]]')");
    assert.equal(other.run.official, 'passed', other.run.stderr);
    assert.deepEqual(
      probeCoverage(ins.probes, other.run.coverage ?? []).uncoveredBranches.map((b) => `${b.line}:${b.construct}:${b.outcome}`),
      ['3:&&=:out', '4:||=:in', '5:??=:out', '6:??=:in'],
    );
  });

  it('a logical assignment whose target a second read could change (a call, a computed key) gets no branch point', async () => {
    const parser = await loadJavaScriptParser();
    const program = 'function g(o, f) {\n  o[f()] ||= 1\n  f().x &&= 2\n  o.a.b ??= 3\n  return o\n}\n';
    const ins = instrumentCoverage(parser, program, { start: 0, end: program.length })!;
    assert.deepEqual(ins.probes.filter((p) => p.kind === 'branch'), []);
    assert.equal(ins.source.split('\n').length, program.split('\n').length);
    const run = await runner.run({ source: `${ins.source}\nlet calls = 0\nconst o = { a: {} }\ng(o, () => (calls += 1, { x: 1 }))\nconsole.log(calls)`, filename: 't.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official', coverageProbes: ins.probes.length });
    assert.equal(run.stdout, '2\n', 'f runs once per assignment');
  });

  it('?. is a branch point: the access runs (in) or the chain stops at a nullish object (out), its value and this kept', async () => {
    const program = [
      'function get(o, k, h) {',
      '  const n = o?.name',
      '  const v = o?.[k]',
      '  const g = o?.greet?.()',
      '  const f = h?.()',
      '  return [n, v, g, f]',
      '}',
    ].join('\n');
    const tests = "console.assert(JSON.stringify(get({ name: 'a', x: 2, greet() { return this.name } }, 'x')) === '[\"a\",2,\"a\",null]')";
    const { run, coverage } = await cover(program, tests);
    assert.equal(run.official, 'passed', run.stderr);
    const parser = await loadJavaScriptParser();
    const ins = instrumentCoverage(parser, program, { start: 0, end: program.length })!;
    // o is never nullish and h always is; greet is called through ?. as a method (that callee is left alone: wrapping
    // would lose `this`, which the test's value shows kept).
    const missing = probeCoverage(ins.probes, run.coverage ?? []).uncoveredBranches.map((b) => `${b.line}:${b.construct}:${b.outcome}`);
    assert.deepEqual(missing, ['2:?.:out', '3:?.:out', '4:?.:out', '5:?.:in']);
    assert.deepEqual(coverage.branches, { covered: 4, total: 8 });
    const none = await cover(program, "console.assert(JSON.stringify(get(null, undefined, () => 7)) === '[null,null,null,7]')");
    assert.deepEqual(
      probeCoverage(ins.probes, none.run.coverage ?? []).uncoveredBranches.map((b) => `${b.line}:${b.construct}:${b.outcome}`),
      ['2:?.:in', '3:?.:in', '4:?.:in', '5:?.:out'],
    );
  });

  it('expression probes keep short-circuits, evaluate each operand and case test once, in order, with the same values', async () => {
    const program = [
      'const log = []',
      'const t = (name, v) => (log.push(name), v)',
      'function f(k) {',
      '  const r = [t("a", 0) && t("b", 1), t("c", "") || t("d", 0), t("e", null) ?? t("f", NaN), t("g", 1) ? t("h", 2) : t("i", 3)]',
      '  switch (t("s", k)) {',
      '    case t("c1", NaN): r.push("nan"); break',
      '    case t("c2", 2): r.push("two")',
      '    case t("c3", 3): r.push("fell"); break',
      '    default: r.push("default")',
      '  }',
      '  lbl: switch (k) { case 0: break lbl; default: r.push("after") }',
      '  return r',
      '}',
    ].join('\n');
    const tests = [
      'const out = [f(2), f(NaN), f(0)]',
      'console.log(JSON.stringify(out))',
      'console.log(log.join(","))',
      'console.log(Object.is(f(-0)[1], 0))',
    ].join('\n');
    const parser = await loadJavaScriptParser();
    const plain = await runner.run({ source: `${program}\n${tests}`, filename: 't.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' });
    const { run } = await cover(program, tests);
    assert.equal(plain.end.kind, 'completed');
    assert.equal(run.stdout, plain.stdout);
    assert.match(plain.stdout, /"two","fell"/);
    assert.ok((instrumentCoverage(parser, program, { start: 0, end: program.length })?.probes.length ?? 0) > 0);
  });

  it('the probes change no line number, no directive and no result; a program without probes keeps its source', async () => {
    const parser = await loadJavaScriptParser();
    const program = "function g(a) {\n  'use strict'\n  if (a) return this\n  return 1\n}\n";
    const { run, source } = await cover(program, 'console.assert(g(true) === undefined)\nconsole.assert(g(false) === 1)');
    assert.equal(run.official, 'passed', 'the directive still makes `this` undefined');
    assert.equal(source.split('\n').length, program.split('\n').length);
    assert.equal(instrumentCoverage(parser, 'let x = 1 +', { start: 0, end: 11 }), undefined, 'no probes in a program that does not parse');
  });

  it('every fixture HumanEval-X reference passes its tests instrumented, with the same output', async () => {
    const parser = await loadJavaScriptParser();
    const tasks = await loadDataFile(fixtureFile('humaneval-x/humaneval_js.jsonl.gz'));
    assert.ok(tasks.length > 0);
    for (const task of tasks) {
      assert.equal(task.tests.kind, 'script');
      if (task.tests.kind !== 'script') continue;
      const ins = instrumentCoverage(parser, task.solution, solutionRegion(task).region);
      assert.ok(ins && ins.probes.length > 0, task.id);
      const job = { filename: 'test.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' as const };
      const plain = await runner.run({ ...job, source: `${task.solution}\n${task.tests.code}` });
      const traced = await runner.run({ ...job, source: `${ins.source}\n${task.tests.code}`, coverageProbes: ins.probes.length });
      assert.equal(traced.official, plain.official, task.id);
      assert.equal(traced.stdout + traced.stderr, plain.stdout + plain.stderr, task.id);
      assert.equal(traced.coverage?.length, ins.probes.length);
    }
  });

  it('a program calling the hook with junk changes nothing; without probes the hook does not exist', async () => {
    const junk = await runner.run({ source: "__benchAuditCover(-1); __benchAuditCover('0'); __benchAuditCover(1e9); __benchAuditCover(0)", filename: 't.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official', coverageProbes: 2 });
    assert.deepEqual(junk.coverage, [1, 0]);
    const none = await runner.run({ source: 'console.log(typeof __benchAuditCover)', filename: 't.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' });
    assert.equal(none.stdout, 'undefined\n');
    assert.equal(none.coverage, undefined);
  });
});
