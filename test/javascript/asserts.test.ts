import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instrumentAsserts } from '../../src/javascript/asserts.js';
import { loadJavaScriptParser } from '../../src/javascript/parser.js';

describe('console.assert sites', () => {
  it('numbers each call in source order and rewrites only the callee, keeping lines and non-ASCII text', async () => {
    const parser = await loadJavaScriptParser();
    const script = "const t = () => {\n  console.assert(f('é😀') === 'x')\n  console.assert(\n    g(1) === 2, 'm'\n  )\n  console.log(1)\n}\nconsole.assert()\n";
    const { source, sites } = instrumentAsserts(parser, script);
    assert.equal(
      source,
      "const t = () => {\n  __benchAuditAssert(0, f('é😀') === 'x')\n  __benchAuditAssert(1, \n    g(1) === 2, 'm'\n  )\n  console.log(1)\n}\n__benchAuditAssert(2, )\n",
    );
    assert.deepEqual(
      sites.map((s) => [s.site, s.line, s.condition]),
      [[0, 2, "f('é😀') === 'x'"], [1, 3, 'g(1) === 2'], [2, 8, '']],
    );
    assert.ok(parser.parses(source));
  });

  it('leaves a script without console.assert unchanged', async () => {
    const parser = await loadJavaScriptParser();
    assert.deepEqual(instrumentAsserts(parser, 'const assert = require("assert")\nassert(x)\n'), { source: 'const assert = require("assert")\nassert(x)\n', sites: [] });
  });
});
