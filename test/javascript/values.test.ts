import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJsArguments, toJsLiteral } from '../../src/javascript/values.js';

describe('Python test inputs as JavaScript source', () => {
  it("decodes the typed form's tags: dicts become objects, tuples arrays, safe big ints numbers", () => {
    assert.equal(toJsLiteral({ dict: [['p', 'pineapple'], ['A', { tuple: [1, 2] }]] }), '{"p": "pineapple", "A": [1, 2]}');
    assert.equal(toJsLiteral({ dict: [[5, 'x']] }), '{"5": "x"}');
    assert.equal(toJsLiteral({ tuple: [1, 'a'] }), '[1, "a"]');
    assert.equal(toJsLiteral({ int: '12' }), '12');
    assert.equal(toJsArguments([{ dict: [] }, [1]]), '{}, [1]');
  });

  it('refuses what a translation cannot take: sets, complex numbers, unsafe ints, dicts keyed by tuples', () => {
    assert.equal(toJsLiteral({ set: [1] }), undefined);
    assert.equal(toJsLiteral({ complex: [1, 2] }), undefined);
    assert.equal(toJsLiteral({ int: '123456789012345678901234' }), undefined);
    assert.equal(toJsLiteral({ dict: [[{ tuple: [1] }, 2]] }), undefined);
    assert.equal(toJsLiteral({ float: 'nan' }, { exactNumbers: true }), undefined);
    assert.equal(toJsLiteral({ float: 'inf' }), 'Infinity');
  });
});
