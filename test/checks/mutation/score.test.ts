import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  countOutcomes,
  countsByOperator,
  mutationScores,
  rankByKillableSurvivors,
  scoreDistribution,
  sumCounts,
  type MutantOutcome,
} from '../../../src/checks/mutation/score.js';

const outcomes: MutantOutcome[] = [
  { operator: 'b-op', status: 'killed' },
  { operator: 'b-op', status: 'killed' },
  { operator: 'a-op', status: 'timeout' },
  { operator: 'a-op', status: 'survived', verdict: 'killable' },
  { operator: 'a-op', status: 'survived', verdict: 'possibly-equivalent' },
  { operator: 'b-op', status: 'survived' },
  { operator: 'b-op', status: 'error' },
];

test('counts, per-operator counts and scores (timeouts detected, errors excluded, equivalents excluded from the second)', () => {
  const c = countOutcomes(outcomes);
  assert.deepEqual(c, { total: 7, killed: 2, survived: 3, timeout: 1, error: 1, killable: 1, unconfirmed: 0, possiblyEquivalent: 1, unsorted: 1 });
  assert.deepEqual(mutationScores(c), { score: 0.5, scoreExcludingEquivalent: 0.6 });
  const byOp = countsByOperator(outcomes);
  assert.deepEqual(Object.keys(byOp), ['a-op', 'b-op']);
  assert.equal(byOp['a-op'].total, 3);
  assert.deepEqual(sumCounts(Object.values(byOp)), c);
  assert.deepEqual(mutationScores(countOutcomes([{ operator: 'x', status: 'error' }])), { score: null, scoreExcludingEquivalent: null });
  assert.deepEqual(mutationScores(countOutcomes([{ operator: 'x', status: 'survived', verdict: 'possibly-equivalent' }])), {
    score: 0,
    scoreExcludingEquivalent: null,
  });
  assert.equal(mutationScores(countOutcomes([...outcomes.slice(0, 2), outcomes[5]])).score, 0.6667);
});

test('score distribution: ten buckets, 1.0 in the last; mean, median, extremes', () => {
  const d = scoreDistribution([1, 0.95, 0.5, 0, 0.1]);
  assert.equal(d.buckets.length, 10);
  assert.deepEqual(d.buckets.map((b) => b.tasks), [1, 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  assert.deepEqual(d.buckets[9], { from: 0.9, to: 1, tasks: 2 });
  assert.equal(d.tasks, 5);
  assert.equal(d.mean, 0.51);
  assert.equal(d.median, 0.5);
  assert.equal(d.min, 0);
  assert.equal(d.max, 1);
  assert.equal(scoreDistribution([0.2, 0.4]).median, 0.3);
  assert.equal(scoreDistribution([]).mean, null);
});

test('ranking by killable survivors, then survivors, then natural task id', () => {
  const ranked = rankByKillableSurvivors([
    { taskId: 'HumanEval/10', killable: 2, survived: 2, score: 0.5 },
    { taskId: 'HumanEval/2', killable: 2, survived: 2, score: 0.5 },
    { taskId: 'HumanEval/3', killable: 2, survived: 5, score: 0.2 },
    { taskId: 'HumanEval/4', killable: 0, survived: 3, score: 0.1 },
    { taskId: 'HumanEval/5', killable: 7, survived: 7, score: 0.1 },
  ]);
  assert.deepEqual(ranked.map((r) => r.taskId), ['HumanEval/5', 'HumanEval/3', 'HumanEval/2', 'HumanEval/10']);
});
