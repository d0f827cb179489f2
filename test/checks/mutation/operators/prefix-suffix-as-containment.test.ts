import { test } from 'node:test';
import { prefixSuffixAsContainment } from '../../../../src/checks/mutation/operators/prefix-suffix-as-containment.js';
import { assertPairs } from '../helpers.js';

test('prefix-suffix-as-containment: startswith / endswith -> in, grouped where the context needs it', async () => {
  await assertPairs(prefixSuffixAsContainment, [
    ['r = [s for s in xs if s.startswith(prefix)]\n', ['r = [s for s in xs if prefix in s]\n']],
    ['ok = name.endswith(".py")\n', ['ok = ".py" in name\n']],
    ['f = filter(lambda x: x.startswith(p), xs)\n', ['f = filter(lambda x: (p in x), xs)\n']],
    ['ok = not s.endswith(p)\n', ['ok = not (p in s)\n']],
    ['ok = s.startswith(p) == flag\n', ['ok = (p in s) == flag\n']],
    ['ok = a and s.startswith(p)\n', ['ok = a and (p in s)\n']],
    ['n = len([1 for i in range(k) if t[i:].startswith(u)])\n', ['n = len([1 for i in range(k) if u in t[i:]])\n']],
    ['ok = s.startswith(a + b)\n', ['ok = a + b in s\n']],
    ['ok = s.startswith(a if c else b)\n', ['ok = (a if c else b) in s\n']],
    ['ok = s.strip().startswith(p)\n', ['ok = p in s.strip()\n']],
  ]);
});

test('prefix-suffix-as-containment: the slice forms, either side; != becomes not in', async () => {
  await assertPairs(prefixSuffixAsContainment, [
    ['ok = s[:len(p)] == p\n', ['ok = p in s\n']],
    ['ok = s[0:len(p)] == p\n', ['ok = p in s\n']],
    ['ok = p == s[-len(p):]\n', ['ok = p in s\n']],
    ['if w[:len(q)] != q:\n    pass\n', ['if q not in w:\n    pass\n']],
    ['r = [x for x in xs if x[-len(p):] == p]\n', ['r = [x for x in xs if p in x]\n']],
  ]);
});

test('prefix-suffix-as-containment: leaves other calls and slices alone', async () => {
  await assertPairs(prefixSuffixAsContainment, [
    // A tuple of prefixes, a start index, keyword arguments, the unbound method: another test, not this mistake.
    ["ok = s.startswith(('a', 'b'))\nok = s.startswith(p, 1)\nok = s.endswith(suffix=p)\nok = str.startswith(s, p)\n", []],
    ['ok = s.find(p) == 0\nok = s.startswith()\n', []],
    // A slice of another length, a step, a start past 0, a different operand, a chained or ordering comparison.
    ['ok = s[:len(q)] == p\nok = s[:2] == p\nok = s[:len(p):1] == p\nok = s[1:len(p)] == p\n', []],
    ['ok = s[-len(p):-1] == p\nok = s[:len(p)] < p\nok = s[:len(p)] == p == t\n', []],
  ]);
});
