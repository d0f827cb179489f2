import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsCallArguments, reversedJsArguments } from '../../../src/checks/mutation/js-values.js';
import { pyRepr } from '../../../src/checks/mutation/py-value.js';
import { loadJavaScriptParser } from '../../../src/javascript/parser.js';

describe('jsCallArguments: a JavaScript test call\'s literal arguments as Python values', () => {
  it('reads numbers, strings, arrays, objects, null and undefined as the Python path would', async () => {
    const parser = await loadJavaScriptParser();
    const args = jsCallArguments(parser, `[1.0, 2, -3.5], 'it\\'s', "a\\nb", {x: 1, "y": [true]}, null, undefined, \`t\``);
    assert.deepEqual(args?.map((a) => (a.value ? pyRepr(a.value) : undefined)), ['[1.0, 2, -3.5]', '"it\'s"', "'a\\nb'", "{'x': 1, 'y': [True]}", 'None', 'None', "'t'"]);
    assert.deepEqual(args?.[0].items, ['1.0', '2', '-3.5']);
    // A value no literal gives (NaN is an identifier) keeps its text and has no value.
    assert.deepEqual(jsCallArguments(parser, 'NaN, [x]')?.map((a) => a.value), [undefined, undefined]);
    assert.equal(jsCallArguments(parser, '[1, 2'), undefined);
  });

  it('reversedJsArguments reverses the arrays at the given positions, and is undefined where nothing changes', async () => {
    const parser = await loadJavaScriptParser();
    const args = jsCallArguments(parser, '[1, 2, 3], [4, 5], 6')!;
    assert.equal(reversedJsArguments(args, [0]), '[3, 2, 1], [4, 5], 6');
    assert.equal(reversedJsArguments(args, [0, 1, 2]), '[3, 2, 1], [5, 4], 6');
    assert.equal(reversedJsArguments(jsCallArguments(parser, '[1, 1], 2')!, [0]), undefined, 'a palindrome is not reordered');
  });
});
