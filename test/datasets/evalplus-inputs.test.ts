import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDataFile } from '../../src/datasets/load.js';
import { complexOf, hasInputRule, tagDicts, typedArgs } from '../../src/datasets/adapters/evalplus-inputs.js';
import { PyFloat } from '../../src/util/python-json.js';
import { needData } from '../helpers/data.js';

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('EvalPlus inputs in typed form', () => {
  it('tags every JSON object as a dict, so that none can pass for a tag', () => {
    assert.deepEqual(tagDicts({ tuple: [1], a: { b: 2 } }), { dict: [['tuple', [1]], ['a', { dict: [['b', 2]] }]] });
    assert.deepEqual(typedArgs('HumanEval/95', [{ a: 'apple' }]), [{ dict: [['a', 'apple']] }]);
  });

  it('restores tuples, sets and complex numbers by the MBPP+ rules', () => {
    assert.deepEqual(typedArgs('Mbpp/2', [[3, 4], [5, 6]]), [{ tuple: [3, 4] }, { tuple: [5, 6] }]);
    assert.deepEqual(typedArgs('Mbpp/63', [[[1, 2], [3, 4]]]), [[{ tuple: [1, 2] }, { tuple: [3, 4] }]]);
    assert.deepEqual(typedArgs('Mbpp/75', [[[1, 2]], 3]), [[{ tuple: [1, 2] }], 3]);
    assert.deepEqual(typedArgs('Mbpp/580', [[1, [2, [3]]]]), [{ tuple: [1, { tuple: [2, { tuple: [3] }] }] }]);
    assert.deepEqual(plain(typedArgs('Mbpp/722', [{ x: [6.2, 70] }, 6.0])), [{ dict: [['x', { tuple: [6.2, 70] }]] }, 6]);
    assert.deepEqual(typedArgs('Mbpp/115', [[[1], []]]), [[{ set: [1] }, { dict: [] }]]);
    const [f, c] = typedArgs('Mbpp/124', ['2', '1j']) as [PyFloat, unknown];
    assert.ok(f instanceof PyFloat && f.value === 2, 'float("2") is a float');
    assert.deepEqual(plain(c), { complex: [0, 1] });
    assert.equal(hasInputRule('Mbpp/3'), false);
    assert.deepEqual(typedArgs('Mbpp/3', [[1, 2]]), [[1, 2]], 'tasks without a rule keep their lists');
  });

  it('parses complex() strings as Python does', () => {
    const c = (s: unknown) => plain(complexOf(s));
    assert.deepEqual(c('1j'), { complex: [0, 1] });
    assert.deepEqual(c('-j'), { complex: [0, -1] });
    assert.deepEqual(c('(2-3.5j)'), { complex: [2, -3.5] });
    assert.deepEqual(c('4'), { complex: [4, 0] });
    assert.deepEqual(c(7), { complex: [7, 0] });
    assert.throws(() => complexOf('abc'), /malformed/);
  });

  it('an input a rule cannot restore keeps its JSON form (the sandbox calls with it)', () => {
    assert.deepEqual(typedArgs('Mbpp/2', [5, 6]), [5, 6]);
  });

  it('on MBPP+ v0.2.0 every input of a task with a rule is restored', async (t) => {
    const [file] = needData(t, 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!file) return;
    const tasks = await loadDataFile(file);
    const t2 = tasks.find((x) => x.id === 'Mbpp/2')!;
    assert.ok(t2.inputs!.plus.every((args) => args.every((a) => typeof a === 'object' && a !== null && 'tuple' in a)));
    const t722 = tasks.find((x) => x.id === 'Mbpp/722')!;
    assert.ok(t722.inputs!.base.every((args) => 'dict' in (args[0] as object)));
  });
});
