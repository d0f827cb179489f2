/**
 * Code wherever it lives: a solution inside a string literal, a Markdown code block, a notebook cell
 * and a JSONL field is found, and cited at the file lines where a reader finds it, quoting the code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { Scanner, type CandidateRecord } from '../../src/contamination/scanner.js';
import { TokenStream, tokenizeText } from '../../src/contamination/tokenize.js';
import { jsonSegments } from '../../src/contamination/embedded.js';
import { syntheticTask } from './synthetic.js';

const SOLUTION = [
  'def second_largest(numbers):',
  '    unique = sorted(set(numbers))',
  '    if len(unique) < 2:',
  '        return None',
  '    best, runner_up = unique[-1], unique[-2]',
  '    return runner_up if best != runner_up else None',
];
const PROMPT = "Write a function to find the 'second largest' distinct value of a list; don't count repeats.";

function scanOne(path: string, text: string): CandidateRecord[] {
  const index = buildIndex([syntheticTask('Mbpp/5', SOLUTION.join('\n') + '\n', PROMPT)], resolveScanParameters({ parts: ['prompt', 'solution'] }));
  const scanner = new Scanner(index);
  scanner.scan({ id: path, path, bytes: new TextEncoder().encode(text) });
  return scanner.partial().candidates;
}

function solutionMatch(found: CandidateRecord[]): CandidateRecord {
  const m = found.find((c) => c.item === 1);
  assert.ok(m !== undefined, `no solution match in ${JSON.stringify(found)}`);
  return m;
}

test('a solution stored in a docstring is scanned as code', () => {
  const text = ['X = [', '    1,', ']', "ANSWER = '''Standard answer:", ...SOLUTION, "'''", ''].join('\n');
  const m = solutionMatch(scanOne('answers.py', text));
  assert.equal(m.rawSimilarity, 1);
  assert.deepEqual([m.lineStart, m.lineEnd], [5, 10]);
  assert.equal(m.text, SOLUTION.join('\n'));
  assert.equal(m.segment, 'string at line 4');
});

test('Markdown code blocks are documents with their own lines', () => {
  const text = ['# Answers', '', "The model's answer (it isn't checked):", '', '```python', ...SOLUTION, '```', ''].join('\n');
  const m = solutionMatch(scanOne('README.md', text));
  assert.equal(m.rawSimilarity, 1);
  assert.deepEqual([m.lineStart, m.lineEnd], [6, 11]);
  assert.equal(m.text, SOLUTION.join('\n'));
});

test('notebook cells map back to the lines of the .ipynb file', () => {
  const source = SOLUTION.map((l, i) => JSON.stringify(i < SOLUTION.length - 1 ? `${l}\n` : l));
  const text = ['{', ' "cells": [', '  {', '   "cell_type": "code",', '   "source": [', ...source.map((s, i) => `    ${s}${i < source.length - 1 ? ',' : ''}`), '   ]', '  }', ' ],', ' "nbformat": 4', '}', ''].join('\n');
  const m = solutionMatch(scanOne('nb.ipynb', text));
  assert.equal(m.rawSimilarity, 1);
  assert.deepEqual([m.lineStart, m.lineEnd], [6, 11]);
  assert.equal(m.text, SOLUTION.join('\n'));
  assert.equal(m.segment, 'cell 1');
});

test('JSONL string fields are documents cited at their row', () => {
  const rows = [{ task_id: 4, code: 'pass' }, { task_id: 5, text: PROMPT, code: SOLUTION.join('\n') }];
  const m = solutionMatch(scanOne('data/mbpp.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
  assert.equal(m.rawSimilarity, 1);
  assert.deepEqual([m.lineStart, m.lineEnd], [2, 2]);
  assert.equal(m.text, SOLUTION.join('\n'));
  assert.equal(m.segment, 'field "code" at line 2');
});

test('a JSONL row with a number longer than 64 characters is still a document (MBPP+ holds 80-digit inputs)', () => {
  const big = '9'.repeat(80);
  const rows = [`{"task_id": 5, "plus_input": [[${big}, -${big}.5e-3]], "code": ${JSON.stringify(SOLUTION.join('\n'))}}`];
  const m = solutionMatch(scanOne('data/mbpp-plus.jsonl', rows.join('\n') + '\n'));
  assert.equal(m.rawSimilarity, 1);
  assert.equal(m.segment, 'field "code" at line 1');
});

test('JSON string fields decode as JSON.parse decodes them, escapes and bad strings alike', () => {
  const pad = ' '.repeat(40);
  // As written in the file (String.raw keeps the backslashes).
  const values = [`plain${pad}`, String.raw`esc \\ \" \/ \b \f \n \r \t` + pad, String.raw`unicode \u00e9 \ud83d\ude00 \ud800` + pad, String.raw`end\\` + pad + String.raw`\n`];
  for (const v of values) {
    const r = jsonSegments(new TextEncoder().encode(`{"k": "${v}"}`));
    assert.ok(r.ok);
    assert.equal(new TextDecoder().decode(r.segments[0].bytes), new TextDecoder().decode(new TextEncoder().encode(JSON.parse(`"${v}"`) as string)));
  }
  // A raw tab and an unknown escape are JSON.parse's errors; a line break inside a string is the parser's.
  const bad: Array<[string, RegExp]> = [[`tab\t${pad}`, /control character/], [String.raw`\x` + pad, /escaped character/], [`a\nb${pad}`, /newline inside a string/]];
  for (const [v, reason] of bad) {
    const r = jsonSegments(new TextEncoder().encode(`{"k": "${v}"}`));
    assert.ok(!r.ok && reason.test(r.reason), JSON.stringify(r));
  }
});

test('quoted words and apostrophes in prose tokenize as the same words inside a docstring', () => {
  const prose = tokenizeText(PROMPT, new TokenStream());
  const doc = tokenizeText(`def f():\n    """${PROMPT}"""\n`, new TokenStream());
  const a = Array.from(prose.raw.subarray(0, prose.length));
  const b = Array.from(doc.raw.subarray(0, doc.length));
  const at = b.findIndex((_, i) => a.every((t, k) => b[i + k] === t));
  assert.ok(at >= 0, 'the prose tokens occur inside the docstring tokens');
});
