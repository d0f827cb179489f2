import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mutantsForTask } from '../../../src/checks/mutation/generate.js';
import { inferDomain } from '../../../src/checks/mutation/input-domain.js';
import { py, pyRepr } from '../../../src/checks/mutation/py-value.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { BOUNDARY_BUDGET, boundaryInputs, higherOrderMutants, inputClasses, LONG_INPUT_LENGTH, selectByCoverage, selectByInputClass, selectByKills } from '../../../src/checks/mutation/strengthen.js';

const list = (...xs: number[]) => ({ type: 'list' as const, items: xs.map((x) => py.int(x)) });

test('boundary inputs stay inside the inferred domain and reach the classic edges', () => {
  const examples = [[list(3, 1, 2), py.int(2)], [list(5, 5, 4), py.int(1)]];
  const domain = inferDomain(examples);
  const out = boundaryInputs(examples, domain);
  const reprs = out.map((a) => a.map(pyRepr).join(', '));
  assert.ok(out.length > 0 && out.length <= BOUNDARY_BUDGET);
  // Non-empty lists and positive ints in every example: no empty list, no 0 or -1 for k.
  for (const args of out) {
    assert.ok((args[0] as { items: unknown[] }).items.length > 0, reprs.join(' | '));
    assert.ok(Number((args[1] as { value: bigint }).value) > 0);
  }
  assert.ok(reprs.includes('[3, 3], 2'), 'duplicates');
  // Where every example's elements are distinct, duplicates are outside the domain.
  const distinct = [[list(3, 1, 2)], [list(5, 4)]];
  assert.ok(!boundaryInputs(distinct, inferDomain(distinct)).some((a) => pyRepr(a[0]) === '[3, 3]'));
  assert.ok(reprs.includes('[5], 1'), 'one element');
  assert.ok(!reprs.includes('[3], 2'), 'k <= len(xs) in every example');
  assert.ok(reprs.includes('[1, 2, 3], 2') && reprs.includes('[3, 2, 1], 2'), 'sorted both ways');
  assert.ok(reprs.some((r) => r.split(',').length === LONG_INPUT_LENGTH + 1), 'a long list');
  assert.equal(new Set(reprs).size, reprs.length, 'distinct');
  // Deterministic.
  assert.deepEqual(boundaryInputs(examples, domain), out);
});

test('boundary inputs include empty and negative values where the examples allow them', () => {
  const examples = [[list(-1, 2)], [list()]];
  const reprs = boundaryInputs(examples, inferDomain(examples)).map((a) => a.map(pyRepr).join(', '));
  assert.ok(reprs.includes('[1, -2]'), reprs.join(' | '));
  assert.ok(reprs.includes('[-1]'));
});

test('higher-order mutants combine two first-order ones on disjoint spans, deterministically, within the cap', async () => {
  const parser = await loadPythonParser();
  const solution = 'def f(xs, t):\n    for x in xs:\n        if x >= t:\n            return False\n    return True\n';
  const { mutants } = mutantsForTask(parser, { id: 'T/1', solution, canonicalSolution: solution });
  const homs = higherOrderMutants(solution, mutants, (s) => parser.parses(s), 0, 'T/1', 5);
  assert.equal(homs.length, 5);
  for (const h of homs) {
    const [a, b] = h.parts;
    assert.ok(a.end <= b.start, h.id);
    assert.equal(h.source, solution.slice(0, a.start) + a.replacement + solution.slice(a.end, b.start) + b.replacement + solution.slice(b.end));
    assert.equal(h.id, `hom:${a.id}+${b.id}`);
  }
  assert.deepEqual(higherOrderMutants(solution, mutants, (s) => parser.parses(s), 0, 'T/1', 5), homs);
  assert.notDeepEqual(higherOrderMutants(solution, mutants, (s) => parser.parses(s), 1, 'T/1', 5).map((h) => h.id), homs.map((h) => h.id));
});

test('n-detect greedy: each pick kills a program killed fewer than N times so far; ties go to the given order', () => {
  // Program 0 is killed by inputs 0-5, program 1 by 2 only, program 2 by nothing.
  const kills = [new Set([0, 1, 2, 3, 4, 5]), new Set([2]), new Set<number>()];
  const plain = selectByKills(kills, 6, 32, undefined, 1);
  assert.deepEqual(plain.picks.map((p) => p.input), [2]);
  assert.deepEqual([...plain.killed].sort(), [0, 1]);
  const two = selectByKills(kills, 6, 32, [5, 4, 3, 2, 1, 0], 2);
  assert.deepEqual(two.picks.map((p) => p.input), [2, 5]);
  assert.deepEqual(two.picks[0].kills, [0, 1]);
  const capped = selectByKills(kills, 6, 1, undefined, 4);
  assert.equal(capped.picks.length, 1);
  const four = selectByKills(kills, 6, 32, undefined, 4);
  assert.deepEqual(four.picks.map((p) => p.input), [2, 0, 1, 3]);
});

test('n-detect greedy: every program is killed once before any is killed again (export keeps a prefix)', () => {
  // Programs 0 and 1 die on inputs 0-5, program 2 only on input 6: one detection level at a time, input 6 comes second,
  // where a plain most-kills greedy would take it after the second, third and fourth kills of the others.
  const kills = [new Set([0, 1, 2, 3, 4, 5]), new Set([0, 1, 2, 3, 4, 5]), new Set([6])];
  const picks = selectByKills(kills, 7, 32, undefined, 4).picks;
  assert.deepEqual(picks.map((p) => p.input), [0, 6, 1, 2, 3]);
  assert.deepEqual(picks.map((p) => p.kills), [[0, 1], [2], [0, 1], [0, 1], [0, 1]]);
  assert.deepEqual(selectByKills(kills, 7, 2, undefined, 4).picks.map((p) => p.input), [0, 6]);
});

test('coverage picks: the most new branch outcomes first, only measured inputs, never a chosen one', () => {
  const reached = [new Set(['1:in']), new Set(['1:in', '2:out', '3:in']), undefined, new Set(['2:out', '4:in'])];
  const { picks, covered } = selectByCoverage(reached, new Set(['1:in']), new Set([1]), 10);
  assert.deepEqual(picks.map((p) => [p.input, p.reason]), [[3, 'coverage']]);
  assert.ok(covered.has('4:in') && !covered.has('3:in'));
  assert.deepEqual(selectByCoverage(reached, new Set(), new Set(), 1).picks.map((p) => p.input), [1]);
});

test('input classes: size, duplicates, sign and order of a list, case of a string, and how one string sits in another', () => {
  const list = inputClasses([py.list(py.int(3), py.int(-1), py.int(3), py.int(3))]);
  for (const k of ['0:type=list', '0:len=4-10', '0:multiplicity=>=3', '0:order=mixed', '0:signs=mixed', '0[]:sign=neg', '0[]:type=int']) assert.ok(list.has(k), k);
  const strs = inputClasses([py.list(py.str('xabcx'), py.str('abc')), py.str('abc')]);
  assert.ok(strs.has('1~0:inside'));
  assert.ok(strs.has('1~0:equal'));
  assert.ok(inputClasses([py.str('Ab c')]).has('0:upper'));
});

test('input-class selection: the input adding most new classes first, none of a type the tests never pass, deterministic', () => {
  const classes = [
    new Set(['0:type=list', '0[]:type=int', '0:len=1']),
    new Set(['0:type=list', '0[]:type=int', '0:len=4-10', '0:multiplicity=>=3', '0[]:sign=neg']),
    new Set(['0:type=list', '0[]:type=none', '0:len=4-10', '0:multiplicity=>=3', '0:order=flat', '0:extra']),
    new Set(['0:type=list', '0[]:type=int', '0:len=2-3']),
  ];
  const covered = new Set(['0:type=list', '0[]:type=int', '0:len=1']);
  const { picks } = selectByInputClass(classes, covered, new Set([0]), 16, [3, 2, 1, 0]);
  assert.deepEqual(picks.map((p) => p.input), [1, 3]);
  assert.ok(picks.every((p) => p.reason === 'input-class'));
  assert.deepEqual(selectByInputClass(classes, covered, new Set([0]), 1, [3, 2, 1, 0]).picks.map((p) => p.input), [1]);
});
