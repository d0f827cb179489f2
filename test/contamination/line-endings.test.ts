/**
 * Cited lines and quoted text agree whatever the line endings: a copy planted after a few lines of
 * filler is cited at the lines where a reader finds it (LF counts lines; CR only in a file without LF),
 * and the quoted text is exactly those lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { Scanner } from '../../src/contamination/scanner.js';
import { syntheticTask } from './synthetic.js';

const SOLUTION = [
  'def running_balance(operations):',
  '    balance = 0',
  '    history = []',
  '    for amount in operations:',
  '        balance += amount',
  '        if balance < 0:',
  '            history.append(("overdraft", balance))',
  '        else:',
  '            history.append(("ok", balance))',
  '    return balance, history',
];

const FILLER = ['import os', '', '"""A module', 'docstring."""', 'X = 1  # filler'];

/** The file's lines split the way a reader numbers them (LF, or CR when the file has no LF). */
function readerLines(text: string): string[] {
  return (text.includes('\n') ? text.split('\n') : text.split('\r')).map((l) => l.replace(/\r+$/, ''));
}

for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR CR LF', '\r\r\n'], ['CR', '\r']] as const) {
  test(`line numbers and quoted text agree with ${name} line endings`, () => {
    const index = buildIndex([syntheticTask('t/0', SOLUTION.join('\n') + '\n')], resolveScanParameters({ parts: ['solution'] }));
    const text = [...FILLER, ...SOLUTION, 'Y = 2', ''].join(eol);
    const scanner = new Scanner(index);
    scanner.scan({ id: 'copy.py', path: 'copy.py', bytes: new TextEncoder().encode(text) });
    const found = scanner.partial().candidates;
    assert.equal(found.length, 1, JSON.stringify(found));
    const c = found[0];
    assert.deepEqual([c.lineStart, c.lineEnd], [FILLER.length + 1, FILLER.length + SOLUTION.length]);
    const lines = readerLines(text);
    assert.equal(c.text, lines.slice(c.lineStart - 1, c.lineEnd).join('\n'));
    assert.equal(c.text, SOLUTION.join('\n'));
  });
}
