import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inferDomain } from '../../../src/checks/mutation/input-domain.js';
import { py, pyRepr, type PyValue } from '../../../src/checks/mutation/py-value.js';
import { boundaryInputs } from '../../../src/checks/mutation/strengthen.js';
import { anchoredAnswer, answersUniquely, equivarianceShift, equivariantOnExamples, referenceCase, shiftedArgs, strippedArgs, waivableRules, waivedBy, wordEdgeSpaces, wordTextPositions } from '../../../src/checks/mutation/suite-domain.js';

const list = (...xs: number[]): PyValue => ({ type: 'list', items: xs.map((x) => py.int(x)) });
const repr = (args: readonly PyValue[]) => args.map(pyRepr).join(', ');

test('the sign rule is waivable only where the prompt states no sign; distinctness only where it speaks of duplicates', () => {
  const examples = [[list(1, 2, 3)], [list(4, 3, 9)]];
  const domain = inferDomain(examples);
  assert.deepEqual([...waivableRules(domain, 'Return maximum element in the list.').keys()], ['positive:0']);
  assert.equal(waivableRules(domain, 'Given a list of positive integers, return the largest.').size, 0);
  assert.deepEqual([...waivableRules(domain, 'Return sorted unique elements in a list').keys()].sort(), ['distinct:0', 'positive:0']);
  // Breaking a rule that is not waivable keeps the input out; breaking none is the strict domain's business.
  const waivable = waivableRules(domain, 'Return maximum element in the list.');
  assert.deepEqual(waivedBy(domain, waivable, [list(-1, -2)]), ['positive:0']);
  assert.equal(waivedBy(domain, waivable, [list(1, 2)]), undefined);
  assert.equal(waivedBy(domain, waivable, [py.int(1)]), undefined);
});

test('relaxed boundary inputs break only waivable rules and include negatives and mixed signs', () => {
  const examples = [[list(1, 2, 3)], [list(4, 3, 9)]];
  const domain = inferDomain(examples);
  const waivable = waivableRules(domain, 'Return maximum element in the list.');
  const out = boundaryInputs(examples, domain, (a) => waivedBy(domain, waivable, a) !== undefined, 16);
  const reprs = out.map(repr);
  assert.ok(reprs.includes('[-1, -2, -3]'), reprs.join(' | '));
  assert.ok(reprs.includes('[-1, 0, 1]'), 'shifted by the median');
  for (const args of out) assert.deepEqual(waivedBy(domain, waivable, args), ['positive:0']);
});

test('a prefix argument is placed inside, not at the start of, a new element', () => {
  const str = (s: string): PyValue => ({ type: 'str', value: s });
  const examples: PyValue[][] = [[{ type: 'list', items: [str('xxx'), str('asd')] }, str('xxx')]];
  const reprs = boundaryInputs(examples, inferDomain(examples)).map(repr);
  assert.ok(reprs.includes("['xxx', 'asd', 'axxx'], 'xxx'"), reprs.join(' | '));
});

test('translation equivariance is believed on the examples and anchors an out-of-range answer', () => {
  const examples = [[list(1, 5, 2)], [list(3, 4)]];
  const domain = inferDomain(examples);
  const relaxed = [[list(-3, -1)]];
  const c = equivarianceShift(examples, relaxed);
  assert.equal(c, 4n);
  const max = (args: readonly PyValue[]) => py.int(Math.max(...(args[0] as { items: { value: bigint }[] }).items.map((x) => Number(x.value))));
  const pairs = examples.map((x) => [max(x), max(shiftedArgs(x, c!)!)] as [PyValue, PyValue]);
  assert.ok(equivariantOnExamples(examples, pairs, c!, 0));
  const y = relaxed[0];
  assert.ok(anchoredAnswer(domain, y, c!, max(y), max(shiftedArgs(y, c!)!), 0));
  // A reference that starts its maximum at 0 answers 0 on all-negative lists: the anchor refutes it.
  assert.ok(!anchoredAnswer(domain, y, c!, py.int(0), max(shiftedArgs(y, c!)!), 0));
  // A sum is not equivariant: refused.
  const sum = (args: readonly PyValue[]) => py.int((args[0] as { items: { value: bigint }[] }).items.reduce((a, x) => a + Number(x.value), 0));
  assert.ok(!equivariantOnExamples(examples, examples.map((x) => [sum(x), sum(shiftedArgs(x, c!)!)] as [PyValue, PyValue]), c!, 0));
  // A constant answer shows no symmetry.
  assert.ok(!equivariantOnExamples(examples, examples.map(() => [py.bool(true), py.bool(true)] as [PyValue, PyValue]), c!, 0));
  // One example proves nothing.
  assert.ok(!equivariantOnExamples(examples.slice(0, 1), pairs.slice(0, 1), c!, 0));
});

test('a value the reference compares its parameter with is a case the reference decides', () => {
  const source = 'def fib(n: int):\n    if n == 0:\n        return 0\n    if n == 1:\n        return 1\n    return fib(n - 1) + fib(n - 2)\n';
  assert.ok(referenceCase(source, 'fib', [py.int(0)], [0]));
  assert.ok(!referenceCase(source, 'fib', [py.int(-1)], [0]));
  assert.ok(!referenceCase(source, 'fib', [py.int(10)], [0]), '10 is no case of the reference: n == 1 must not match 10');
  assert.ok(!referenceCase('def f(n):\n    return n == 0.5\n', 'f', [py.int(0)], [0]));
});

test('where the prompt asks for unique elements a list answer repeats none', () => {
  assert.ok(answersUniquely('Return sorted unique common elements', list(1, 2)));
  assert.ok(!answersUniquely('Return sorted unique common elements', list(2, 2)));
  assert.ok(answersUniquely('Return the common elements', list(2, 2)));
});

test('a threshold argument is set to the smallest gap between two elements of a list argument (a tie)', () => {
  const floats: PyValue = { type: 'list', items: [1.0, 2.0, 3.9, 4.0].map((x) => ({ type: 'float' as const, value: x })) };
  const examples: PyValue[][] = [[floats, { type: 'float', value: 0.3 }]];
  const reprs = boundaryInputs(examples, inferDomain(examples)).map(repr);
  const gap = Math.abs(3.9 - 4.0);
  assert.ok(reprs.includes(`${pyRepr(floats)}, ${pyRepr({ type: 'float', value: gap })}`), reprs.join(' | '));
  const ints: PyValue[][] = [[list(5, 1, 9), py.int(3)], [list(2, 8), py.int(7)]];
  assert.ok(boundaryInputs(ints, inferDomain(ints)).map(repr).includes('[5, 1, 9], 4'));
});

test('edge-space is waivable, given the stripped anchor, only at a position whose examples are text of several words', () => {
  // HumanEval/91 is_bored(S): sentences of words; Mbpp/113 check_integer(text): one token ('   15' is open).
  const sentences: PyValue[][] = [[py.str('Hello world')], [py.str('I love It !')], [py.str('bIt')]];
  const tokens: PyValue[][] = [[py.str('python')], [py.str('12345')]];
  assert.deepEqual(wordTextPositions(sentences), [0]);
  assert.deepEqual(wordTextPositions(tokens), []);
  assert.deepEqual(wordTextPositions([[py.str('a b'), py.int(1)], [py.str('c'), py.int(2)]]), [0]);
  assert.deepEqual(wordEdgeSpaces(['edge-space:0'], [0]), [0]);
  assert.equal(wordEdgeSpaces(['edge-space:0'], []), undefined);
  // Any other broken rule keeps the input out.
  assert.equal(wordEdgeSpaces(['edge-space:0', 'alphabet:0'], [0]), undefined);
  assert.equal(wordEdgeSpaces([], [0]), undefined);
  assert.equal(repr(strippedArgs([py.str(' I am here. '), py.int(3)], [0])), "'I am here.', 3");
});
