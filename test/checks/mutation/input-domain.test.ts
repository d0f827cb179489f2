import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyTypedPositions, brokenRules, coerceToExampleTypes, inferDomain, isPlusInputRule, isRelationRule, manyKindPositions, saysSortedInput, valueKind } from '../../../src/checks/mutation/input-domain.js';
import { py, type PyValue } from '../../../src/checks/mutation/py-value.js';

const ints = (...xs: number[]) => py.list(...xs.map((x) => py.int(x)));
const broken = (examples: PyValue[][], args: PyValue[]) => brokenRules(inferDomain(examples), args);

describe('inferDomain: rules that hold on every example', () => {
  it('n == len(arr) and k <= len(arr) relations', () => {
    const examples = [
      [ints(1, 2, 3), py.int(3), py.int(1)],
      [ints(5, 6), py.int(2), py.int(2)],
    ];
    assert.deepEqual(broken(examples, [ints(4, 5, 6, 7), py.int(4), py.int(3)]), []);
    assert.deepEqual(broken(examples, [ints(4, 5, 6, 7), py.int(3), py.int(3)]), ['len-equals:1=len(0)']);
    assert.deepEqual(broken(examples, [ints(4, 5), py.int(2), py.int(3)]), ['len-at-most:2<=len(0)', 'at-most:2<=1']);
  });

  it('high == len(arr) - 1 and the order of two int arguments (Mbpp/550 find_Max(arr, 0, 2); Mbpp/663 y < x)', () => {
    const search = [
      [ints(2, 3, 5, 6, 9), py.int(0), py.int(4)],
      [ints(1, 2, 3), py.int(0), py.int(2)],
    ];
    assert.deepEqual(broken(search, [ints(4, 5, 6), py.int(0), py.int(2)]), []);
    // The generated find_Max([1, 2, 3], 3, 2) that made a false witness.
    assert.deepEqual(broken(search, [ints(1, 2, 3), py.int(3), py.int(2)]), ['less:1<2']);
    assert.deepEqual(broken(search, [ints(1, 2, 3), py.int(0), py.int(3)]), ['len-offset:2=len(0)-1']);
    const modulo = [
      [py.int(15), py.int(10), py.int(5)],
      [py.int(187), py.int(10), py.int(5)],
      [py.int(16), py.int(11), py.int(1)],
    ];
    assert.deepEqual(broken(modulo, [py.int(15), py.int(11), py.int(5)]), []);
    // Plain values, no index: an order the tests never break is no rule (clamp's x < hi is the tests' weakness).
    assert.deepEqual(broken(modulo, [py.int(187), py.int(1), py.int(5)]), []);
    assert.ok(isRelationRule('len-equals:1=len(0)') && isRelationRule('less:2<1') && !isRelationRule('non-empty:0'));
  });

  it('types and nesting, tuple lengths, and arity', () => {
    const examples = [[py.list(py.tuple(py.int(1), py.int(2)))], [py.list(py.tuple(py.int(3), py.int(4)), py.tuple(py.int(5), py.int(6)))]];
    assert.deepEqual(broken(examples, [py.list(py.tuple(py.int(9), py.int(9)))]), []);
    assert.deepEqual(broken(examples, [py.list(py.tuple(py.int(9), py.int(9), py.int(9)))]), ['tuple-length:0']);
    assert.deepEqual(broken(examples, [py.list(py.list(py.int(9), py.int(9)))]), ['type:0']);
    assert.deepEqual(broken(examples, [py.list(py.tuple(py.str('a'), py.int(9)))]), ['type:0']);
    assert.deepEqual(broken(examples, [py.list(), py.int(1)]), ['arity']);
  });

  it('emptiness, sign, value sets', () => {
    const examples = [[ints(0, 1, 1), py.int(7)], [ints(1, 0), py.int(9)]];
    assert.deepEqual(broken(examples, [ints(1), py.int(5)]), []);
    assert.deepEqual(broken(examples, [ints(), py.int(5)]), ['non-empty:0']);
    assert.deepEqual(broken(examples, [ints(0, 2), py.int(5)]), ['value-set:0']);
    assert.deepEqual(broken(examples, [ints(1), py.int(0)]), ['positive:1']);
    assert.deepEqual(broken([[py.int(0)], [py.int(3)]], [py.int(-1)]), ['non-negative:0']);
  });

  it('string alphabets and balanced brackets (HumanEval/1-style paren groups)', () => {
    const examples = [[py.str('(()) ()')], [py.str('((()))')]];
    assert.deepEqual(broken(examples, [py.str('() (())')]), []);
    assert.deepEqual(broken(examples, [py.str('(()')]), ['balanced-groups:0', 'balanced:0']);
    assert.deepEqual(broken(examples, [py.str('(a)')]), ['alphabet:0']);
    assert.deepEqual(broken(examples, [py.str('(()())( ((())) ) (())')]), ['balanced-groups:0']);
  });

  it('sortedness and distinctness need two examples with two or more elements', () => {
    const examples = [[ints(1, 2, 5)], [ints(0, 3)]];
    assert.deepEqual(broken(examples, [ints(2, 9)]), []);
    assert.deepEqual(broken(examples, [ints(9, 2)]), ['sorted-ascending:0']);
    assert.deepEqual(broken(examples, [ints(2, 2)]), ['distinct:0']);
    assert.deepEqual(broken([[ints(1, 2, 5)]], [ints(9, 2, 2)]), []);
    // Not believed when the tests all expect one answer (has_duplicates tested only on distinct lists).
    assert.deepEqual(brokenRules(inferDomain(examples, { patterns: false }), [ints(2, 2)]), []);
  });

  it('two sequences of equal length in every example stay equal in length', () => {
    const examples = [
      [py.str('1101'), py.str('1110')],
      [py.str('10'), py.str('01')],
    ];
    assert.deepEqual(broken(examples, [py.str('110'), py.str('011')]), []);
    assert.deepEqual(broken(examples, [py.str('110'), py.str('1110')]), ['same-length:0=1']);
  });

  it('no examples: no rules', () => {
    assert.deepEqual(inferDomain([]).rules, []);
  });
});

describe('coerceToExampleTypes', () => {
  it('reads JSON lists as tuples where the examples pass tuples (EvalPlus MBPP+ deserialization), nested too', () => {
    const examples = [[py.tuple(py.int(1), py.str('a')), py.list(py.tuple(py.int(1)))]];
    const coerced = coerceToExampleTypes([ints(1, 2), py.list(ints(3))], examples);
    assert.deepEqual(coerced, [py.tuple(py.int(1), py.int(2)), py.list(py.tuple(py.int(3)))]);
    assert.deepEqual(coerceToExampleTypes([ints(1)], [[ints(2)]]), [ints(1)]);
  });
});

describe('isPlusInputRule: the domain rules an EvalPlus plus input is held to', () => {
  // Mbpp/597 find_kth(arr1, arr2, k), "from the given two sorted arrays"; its tests pass sorted int lists.
  const prompt = 'Write a function to find kth element from the given two sorted arrays.';
  const kth = [
    [ints(2, 3, 6, 7, 9), ints(1, 4, 8, 10), py.int(5)],
    [ints(100, 112, 256, 349, 770), ints(72, 86, 113, 119, 265, 445, 892), py.int(7)],
    [ints(3, 4, 7, 8, 10), ints(2, 5, 9, 11), py.int(6)],
  ];
  const plusRules = (args: PyValue[], text: string) => broken(kth, args).filter((name) => isPlusInputRule(name, text));

  it('a bool list where the tests pass ints, unsorted where the prompt says sorted: outside (the false witness find_kth([1, 2, 3], [True, False], 3))', () => {
    assert.deepEqual(plusRules([ints(1, 2, 3), py.list(py.bool(true), py.bool(false)), py.int(3)], prompt), ['int-not-bool:1', 'sorted-ascending:1']);
  });

  it('a sorted int input of another size is inside, and sortedness binds only when the prompt says sorted', () => {
    assert.deepEqual(plusRules([ints(1, 5), ints(2, 3, 4), py.int(4)], prompt), []);
    const unsorted = [ints(1, 2, 3), ints(9, 4), py.int(2)];
    assert.deepEqual(plusRules(unsorted, prompt), ['sorted-ascending:1']);
    assert.deepEqual(plusRules(unsorted, 'Write a function to find the kth element of two arrays.'), []);
    // Sign, emptiness and value rules stay for generated inputs only: EvalPlus's contract decides them for plus inputs.
    assert.deepEqual(plusRules([ints(1, 2, 3), ints(-4, 0), py.int(3)], prompt), []);
  });
});

describe('int-not-bool: not where the signature says Any', () => {
  it('binds a list of ints (Mbpp/597) but not List[Any] (HumanEval/22 filter_integers: bools are values there)', () => {
    const anyValues = [[py.list()], [py.list(py.int(4), py.dict(), py.list(), py.float(23.2), py.int(9), py.str('adasd'))]];
    const prompt = 'from typing import List, Any\n\n\ndef filter_integers(values: List[Any]) -> List[int]:\n    """ Filter given list of any python values only for integers\n';
    const plus = (examples: PyValue[][], args: PyValue[], text: string) => broken(examples, args).filter((name) => isPlusInputRule(name, text));
    assert.deepEqual(plus(anyValues, [py.list(py.bool(true), py.int(0), py.str('test'))], prompt), []);
    assert.deepEqual(plus(anyValues, [py.list(py.bool(true), py.int(0), py.str('test'))], ''), ['int-not-bool:0']);
    assert.deepEqual(plus([[ints(1, 2)], [ints(3)]], [py.list(py.bool(true), py.int(0))], 'def f(xs: List[int]):'), ['int-not-bool:0']);
    assert.deepEqual(anyTypedPositions(prompt), [0]);
    assert.deepEqual(anyTypedPositions('def f(pairs: List[Tuple[int, int]], x: Any, n: int = 0):'), [1]);
    assert.deepEqual(anyTypedPositions('def g(a, b):'), []);
  });
});

describe('kind: a plus input passes, at each position, a kind of value some example passes there', () => {
  // HumanEval/68 pluck(arr): every test passes a list of ints; EvalPlus's type mutation gives pluck('') (the
  // contract checks only the elements, so '' passes it vacuously).
  const lists = [[ints(4, 2, 3)], [ints(1, 2, 3)], [py.list()]];
  const prompt = 'def pluck(arr):\n    "Given an array representing a branch of a tree ..."';
  const plus = (examples: PyValue[][], args: PyValue[], text: string) => broken(examples, args).filter((name) => isPlusInputRule(name, text));
  it("binds plus inputs: a string where every example passes a list (the false witness pluck('') == [])", () => {
    assert.deepEqual(plus(lists, [py.str('')], prompt), ['kind:0']);
    assert.deepEqual(plus(lists, [py.none()], prompt), ['kind:0']);
    // A generated input is held to the finer type rule as well.
    assert.deepEqual(broken(lists, [py.str('')]), ['type:0', 'kind:0']);
  });
  it('is coarse: another list, a tuple, a float for an int are of the same kind', () => {
    assert.deepEqual(plus(lists, [py.list(py.str('a'))], prompt), []);
    assert.deepEqual(plus(lists, [py.tuple(py.int(1))], prompt), []);
    assert.deepEqual(plus([[py.int(3), py.str('a')], [py.int(5), py.str('')]], [py.float(2.5), py.str('b')], ''), []);
    assert.deepEqual([py.set(), py.float(1), py.bool(true), py.dict(), py.none()].map(valueKind), ['sequence', 'number', 'bool', 'dict', 'none']);
  });
  it('admits every kind some example passes, and any kind where the signature says Any, Union, Optional or X | Y', () => {
    const mixed = [[py.int(3)], [py.str('3')]];
    assert.deepEqual(plus(mixed, [py.str('')], ''), []);
    assert.deepEqual(plus(mixed, [py.list()], ''), ['kind:0']);
    assert.deepEqual(plus(lists, [py.none()], 'def f(arr: Optional[List[int]]):'), []);
    assert.deepEqual(plus(lists, [py.str('')], 'def f(arr: List[Any]):'), ['kind:0']);
    assert.deepEqual(manyKindPositions('def f(a: Any, b: List[Any], c: Union[int, str], d: int | None, e: List[int | str] = []):'), [0, 2, 3]);
  });
});

describe('edge-space: leading or trailing whitespace no example has', () => {
  // Mbpp/113 check_integer(text): tests 'python', '1', '12345'. Whether '   15' represents an integer is open.
  const texts = [[py.str('python')], [py.str('1')], [py.str('12345')]];
  it('binds plus inputs (the false witness check_integer("   15") == True), not other characters ("1,0")', () => {
    const plus = (args: PyValue[]) => broken(texts, args).filter((name) => isPlusInputRule(name, 'Write a function to check if a string represents an integer or not.'));
    assert.deepEqual(plus([py.str('   15')]), ['edge-space:0']);
    assert.deepEqual(plus([py.str('15 ')]), ['edge-space:0']);
    assert.deepEqual(plus([py.str('1,0')]), []);
    assert.deepEqual(plus([py.str('-12')]), []);
  });
  it('no rule where an example has the whitespace (HumanEval/140 fix_spaces tests "   Exa 1 2 2 mple")', () => {
    const spaces = [[py.str('Example')], [py.str('   Exa 1 2 2 mple')]];
    assert.ok(!broken(spaces, [py.str('   ')]).some((n) => n.startsWith('edge-space')));
  });
});

describe('saysSortedInput: sortedness is a precondition only where the prompt says it of an input', () => {
  it('an input (MBPP+ 597, 622, 223, 119, 736) is, the result or a question (MBPP+ 560, 108, 567; HumanEval/104, /33, /123) is not', () => {
    for (const said of [
      'Write a function to find kth element from the given two sorted arrays.',
      'Write a function to find the median of two sorted lists of same size.',
      'Write a function that takes in a sorted array, its length (n), and an element and returns whether the element is the majority element in the given sorted array.',
      'Write a python function to find the element that appears only once in a sorted array.',
      'Write a function to locate the left insertion point for a specified value in sorted order.',
      'Return the k-th smallest element of the sorted list xs.',
    ]) assert.equal(saysSortedInput(said), true, said);
    for (const result of [
      'Write a function to find the union of the elements of two given tuples and output them in sorted order.',
      'Write a function to merge three lists into a single sorted list.',
      'Write a function to check whether a specified list is sorted or not.',
      '"""Given a list of positive integers x. return a sorted list of all\n    elements that hasn\'t any even digit.\n\n    Note: Returned list should be sorted in increasing order.',
      'This function takes a list l and returns a list l\' such that\n    l\' is identical to l in the indicies that are not divisible by three, while its values at the indicies that are divisible by three are equal\n    to the values of the corresponding indicies of l, but sorted.',
      'Note: \n        1. Collatz(1) is [1].\n        2. returned list sorted in increasing order.',
      'Write a python function to count the number of rotations required to generate a sorted array.',
      'def sorted_list_sum(lst):',
    ]) assert.equal(saysSortedInput(result), false, result);
  });

  it('an unsorted plus input is inside where "sorted" is said of the result (Mbpp/560 union_elements((1, 60, 3, 4), (1, 2, 3, 4)))', () => {
    // Its tests: union_elements((3, 4, 5, 6), (5, 7, 4, 10)), ((1, 2, 3, 4), (3, 4, 5, 6)), ((11, 12, 13, 14), (13, 15, 16, 17)).
    const tup = (...xs: number[]) => py.tuple(...xs.map((x) => py.int(x)));
    const tuples = [[tup(3, 4, 5, 6), tup(5, 7, 4, 10)], [tup(1, 2, 3, 4), tup(3, 4, 5, 6)], [tup(11, 12, 13, 14), tup(13, 15, 16, 17)]];
    const args = [tup(1, 60, 3, 4), tup(1, 2, 3, 4)];
    assert.deepEqual(broken(tuples, args), ['sorted-ascending:0']);
    assert.deepEqual(broken(tuples, args).filter((name) => isPlusInputRule(name, 'Write a function to find the union of the elements of two given tuples and output them in sorted order.')), []);
  });
});
