/**
 * Per-part reporting on hand-built corpora: every copy counted (not only the listed matches), the
 * task's own copy ranked before a sibling's, `verbatim` only for identical tokens, the short-part and
 * idiom rules (info, never error).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Task } from '../../src/model/task.js';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { Scanner } from '../../src/contamination/scanner.js';
import { buildContaminationOutput } from '../../src/checks/contamination/report.js';
import { syntheticTask } from './synthetic.js';
import type { TaskCheckOutput } from '../../src/checks/types.js';
import type { ContaminationSummary } from '../../src/model/types.generated.js';

const PROMPT = [
  'def merge_intervals(intervals):',
  '    """Merge overlapping closed intervals given as (start, end) pairs and return them sorted by start.',
  '    Touching intervals such as (1, 2) and (2, 3) are merged as well.',
  '    >>> merge_intervals([(1, 3), (2, 6), (8, 10)])',
  '    [(1, 6), (8, 10)]',
  '    """',
  '',
].join('\n');
const BODY = [
  '    ordered = sorted(intervals, key=lambda pair: pair[0])',
  '    merged = []',
  '    for start, end in ordered:',
  '        if merged and start <= merged[-1][1]:',
  '            merged[-1] = (merged[-1][0], max(merged[-1][1], end))',
  '        else:',
  '            merged.append((start, end))',
  '    return merged',
  '',
].join('\n');
const TESTS = [
  'def check(candidate):',
  '    assert candidate([(1, 3), (2, 6), (8, 10)]) == [(1, 6), (8, 10)]',
  '    assert candidate([(1, 2), (2, 3)]) == [(1, 3)]',
  '    assert candidate([(5, 7), (1, 2)]) == [(1, 2), (5, 7)]',
  '    assert candidate([]) == []',
  '',
].join('\n');

const encoder = new TextEncoder();

function report(tasks: Task[], docs: Record<string, string>): { tasks: TaskCheckOutput<'contamination'>[]; summary: ContaminationSummary } {
  const params = resolveScanParameters({});
  const index = buildIndex(tasks, params);
  const scanner = new Scanner(index);
  for (const [path, text] of Object.entries(docs)) scanner.scan({ id: path, path, bytes: encoder.encode(text) });
  const out = buildContaminationOutput({ tasks, index, partial: scanner.partial(), corpus: null, duplicates: [], overlaps: [] });
  assert.ok(out.summary !== undefined);
  return { tasks: out.tasks, summary: out.summary };
}

test('every copy of every part is counted, beyond the matches listed', () => {
  const task = syntheticTask('HumanEval/7', PROMPT + BODY, PROMPT, TESTS);
  const docs: Record<string, string> = {};
  for (let i = 0; i < 12; i++) docs[`prompts/p${i}.py`] = PROMPT + '    pass\n';
  for (let i = 0; i < 8; i++) docs[`solutions/s${i}.py`] = PROMPT + BODY;
  for (let i = 0; i < 7; i++) docs[`tests/t${i}.py`] = TESTS;
  const out = report([task], docs);
  const parts = out.tasks[0]?.section?.parts;
  // Solutions hold the prompt too: 12 + 8 prompt copies.
  assert.deepEqual(parts?.prompt?.copies, { verbatim: 20, near: 0, renamed: 0 });
  assert.deepEqual(parts?.solution?.copies, { verbatim: 8, near: 0, renamed: 0 });
  assert.deepEqual(parts?.tests?.copies, { verbatim: 7, near: 0, renamed: 0 });
  assert.equal(parts?.solution?.matches?.length, 5);
  const found = out.tasks[0]?.findings.filter((f) => f.kind === 'contaminated');
  assert.deepEqual(found.map((f) => [f.evidence.part, f.severity]), [['prompt', 'error'], ['solution', 'error'], ['tests', 'error']]);
  assert.deepEqual(out.summary.parts?.solution?.tasksWithCopy, { verbatim: 1, near: 0, renamed: 0, any: 1 });
  assert.deepEqual(out.summary.parts?.tests?.files, { verbatim: 7, near: 0, renamed: 0 });
  // The task-level list holds each part's best match first.
  assert.deepEqual(new Set(out.tasks[0]?.section?.matches.slice(0, 3).map((m) => m.part)), new Set(['prompt', 'solution', 'tests']));
});

test('a tie at containment 1 goes to the task\'s own copy, not a sibling\'s file that sorts first', () => {
  const a = syntheticTask('Mbpp/20', BODY.replace(/^ {4}/gm, '').replace('ordered = sorted(intervals', 'def merge(intervals):\n    ordered = sorted(intervals').replace(/\n(?=\S)(?!def)/g, '\n    '), 'Write a function to merge overlapping intervals given as pairs and return them sorted by start point.', TESTS);
  const b = { ...a, id: 'Mbpp/21', prompt: 'Write a function that merges intervals which overlap or touch, returning the list ordered by start.', tests: { ...a.tests, code: 'def check(candidate):\n    assert candidate([(0, 4), (4, 9)]) == [(0, 9)]\n    assert candidate([(3, 3)]) == [(3, 3)]\n    assert candidate([(7, 8), (-2, 0), (1, 2)]) == [(-2, 0), (1, 2), (7, 8)]\n' } } as Task;
  const out = report([a, b], {
    'a_sibling.py': `${b.solution}\n${(b.tests as { code: string }).code}`,
    'zz_own.py': `${a.solution}\n${(a.tests as { code: string }).code}`,
  });
  const first = out.tasks[0]?.section?.parts?.solution?.matches?.[0];
  assert.equal(first?.corpusId, 'zz_own.py');
  assert.equal(first?.related, true);
  assert.equal(out.tasks[1]?.section?.parts?.solution?.matches?.[0]?.corpusId, 'a_sibling.py');
});

test('a copy that differs in one operator is near, not verbatim', () => {
  const task = syntheticTask('t/1', PROMPT + BODY, PROMPT, TESTS);
  const out = report([task], { 'edited.py': PROMPT + BODY.replace('start <= merged', 'start < merged') });
  const m = out.tasks[0]?.section?.parts?.solution?.matches?.[0];
  assert.equal(m?.kind, 'near');
  assert.ok((m?.similarity ?? 0) > 0.9, `similarity ${m?.similarity}`);
  assert.deepEqual(out.tasks[0]?.section?.parts?.solution?.copies, { verbatim: 0, near: 1, renamed: 0 });
});

const SHORT_PROMPT = 'def is_even_length(word):\n    """Return True when the word has an even number of letters, False otherwise."""\n';
const SHORT_BODY = '    return len(word) % 2 == 0\n';

test('a one-line body is short although the signature makes the solution long; short parts copied in several files are info', () => {
  const task = syntheticTask('HumanEval/99', SHORT_PROMPT + SHORT_BODY, SHORT_PROMPT, 'def check(candidate):\n    assert candidate("ab")\n');
  // The prompt's signature with another one-line body: the signature makes most of the solution's
  // n-grams, but no copy of the solution.
  const other = report([task], { 'x.py': SHORT_PROMPT + '    return len(word) % 2 == 1\n', 'y.py': SHORT_PROMPT + '    return not len(word) & 1\n' });
  assert.equal(other.tasks[0]?.section?.parts?.solution?.trivial, true);
  assert.deepEqual(other.tasks[0]?.findings.filter((f) => f.evidence.part === 'solution'), []);
  const one = report([task], { 'x.py': SHORT_PROMPT + SHORT_BODY });
  const f = one.tasks[0]?.findings.find((x) => x.evidence.part === 'solution');
  assert.equal(f?.severity, 'info');
  assert.match(f?.message ?? '', /short solution .* copied verbatim in 1 corpus file, e\.g\. x\.py lines 1-3/);
  const two = report([task], { 'x.py': SHORT_PROMPT + SHORT_BODY, 'y.py': `import os\n\n${SHORT_PROMPT}${SHORT_BODY}` });
  assert.match(two.tasks[0]?.findings.find((x) => x.evidence.part === 'solution')?.message ?? '', /copied verbatim in 2 corpus files/);
});

test('an inexact match in several files without the task\'s other parts is an idiom: info, never error', () => {
  const task = syntheticTask('Mbpp/932', 'def remove_duplicates(items):\n    seen = set()\n    result = []\n    for item in items:\n        if item not in seen:\n            seen.add(item)\n            result.append(item)\n    return result\n', 'Write a function to remove duplicate words from a given list of strings.', 'assert remove_duplicates(["a", "b", "a"]) == ["a", "b"]\n');
  const idiom = 'def uniq(seq):\n    found = set()\n    out = []\n    for x in seq:\n        if x not in found:\n            found.add(x)\n            out.append(x)\n    return out\n';
  const out = report([task], { 'lib/a.py': idiom, 'lib/b.py': `import sys\n${idiom}`, 'lib/c.py': `X = 1\n${idiom}` });
  const f = out.tasks[0]?.findings.filter((x) => x.kind === 'contaminated');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'info');
  assert.deepEqual(out.tasks[0]?.section?.parts?.solution?.copies, { verbatim: 0, near: 0, renamed: 3 });
  // The same renamed copy in one file beside the task's tests is a copy of the task: error.
  const related = report([task], { 'lib/a.py': `${idiom}\n${(task.tests as { code: string }).code}` });
  const g = related.tasks[0]?.findings.find((x) => x.evidence.part === 'solution');
  assert.equal(g?.severity, 'error');
});

test('an inexact match on the lines of another task\'s verbatim copy is that task\'s copy: info', () => {
  const a = syntheticTask('HumanEval/56', PROMPT + BODY, PROMPT, TESTS);
  const b = syntheticTask('HumanEval/61', PROMPT + BODY.replace('start <= merged', 'start < merged'), PROMPT.replace('Touching intervals such as (1, 2) and (2, 3) are merged as well.', 'Touching intervals stay apart.'), '');
  const out = report([a, b], { 'answers.py': a.solution });
  const f = out.tasks[1]?.findings.find((x) => x.evidence.part === 'solution');
  assert.equal(f?.severity, 'info');
  assert.match(f?.message ?? '', /verbatim copy of HumanEval\/56's solution/);
  assert.equal(out.tasks[0]?.findings.find((x) => x.evidence.part === 'solution')?.severity, 'error');
});
