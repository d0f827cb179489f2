import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promptWording, sameProblemPairs } from '../../../src/checks/contamination/same-problem.js';
import { findDuplicatesInBenchmark } from '../../../src/contamination/overlap.js';
import { resolveScanParameters } from '../../../src/contamination/options.js';
import type { PeerMatch } from '../../../src/contamination/overlap.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import type { Task } from '../../../src/model/task.js';
import { needData } from '../../helpers/data.js';

const task = (id: string, prompt: string): Task => ({
  benchmark: 'b',
  id,
  entryPoint: 'f',
  prompt,
  canonicalSolution: '',
  solution: '',
  setupCode: '',
  imports: [],
  tests: { kind: 'assert-list', asserts: [], challengeAsserts: [] },
  siblings: [],
  source: { file: 'x', row: 1 },
});
const peer = (taskId: string, similarity: number, part: PeerMatch['part'] = 'solution'): PeerMatch => ({
  benchmark: 'b',
  taskId,
  part,
  otherPart: part,
  containment: 0.8,
  similarity,
  kind: 'verbatim',
  sibling: false,
});

describe('sameProblemPairs', () => {
  it('pairs identical solutions, or matching solutions under the same wording, once; not a one-word change of problem', () => {
    const tasks = [
      task('1', 'Write a function to find the max of a list.'),
      task('2', 'Write a python function to find max of the given list.'),
      task('3', 'Write a function to find the min of a list.'),
      task('4', 'Anything.'),
      task('5', 'Something else.'),
    ];
    const dups = [[peer('2', 0.97), peer('3', 0.97)], [peer('1', 0.96)], [peer('1', 0.97)], [peer('5', 1)], [peer('4', 0.995)]];
    const pairs = sameProblemPairs(tasks, dups).map((p) => [tasks[p.first].id, tasks[p.second].id, p.basis]);
    assert.deepEqual(pairs, [
      ['1', '2', 'same-wording'],
      ['4', '5', 'identical-solution'],
    ]);
  });

  it('needs the solution match both ways, above the calibrated similarity, on the solution part', () => {
    const tasks = [task('1', 'same'), task('2', 'same')];
    assert.deepEqual(sameProblemPairs(tasks, [[peer('2', 1)], []]), []);
    assert.deepEqual(sameProblemPairs(tasks, [[peer('2', 0.97)], [peer('1', 0.93)]]), []);
    assert.deepEqual(sameProblemPairs(tasks, [[peer('2', 1, 'tests')], [peer('1', 1, 'tests')]]), []);
  });

  it('promptWording sets aside literals, examples, signature and filler words', () => {
    const a = 'def f(b: str):\n    """b is a string of "<" and ">".\n    >>> f("<>")\n    True\n    """\n';
    const b = 'def f(b: str):\n    """b is a string of "(" and ")".\n    >>> f("()")\n    True\n    """\n';
    assert.equal(promptWording(a), promptWording(b));
    assert.notEqual(promptWording('every odd index holds odd numbers'), promptWording('every even index holds even numbers'));
    assert.equal(promptWording("one or more b's"), 'one or more b s');
  });

  it('on real HumanEval only 56/61 is the same problem; on MBPP sanitized the pairs are rewordings', async (t) => {
    const [he, ms] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'mbpp/sanitized-mbpp.json') ?? [];
    if (!he || !ms) return;
    const params = resolveScanParameters(undefined, 0);
    const ids = async (file: string, benchmark: string) => {
      const tasks = await loadDataFile(file, { benchmark });
      return sameProblemPairs(tasks, findDuplicatesInBenchmark(tasks, params)).map((p) => `${tasks[p.first].id}/${tasks[p.second].id}`);
    };
    assert.deepEqual(await ids(he, 'humaneval'), ['HumanEval/56/HumanEval/61']);
    // Checked by hand: each pair states one problem twice (e.g. 451 and 800 remove all whitespace from a string; 434 and
    // 756 match "a followed by one or more b's"), except 775/790, whose prompts ask about odd and even indexes but whose
    // references are the same code (both check every index): as the benchmark grades them, one problem twice.
    assert.deepEqual(await ids(ms, 'mbpp-sanitized'), ['116/439', '67/608', '591/625', '563/725', '434/756', '758/779', '775/790', '451/800']);
  });
});
