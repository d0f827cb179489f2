/**
 * Reports for the HTML renderer's tests (shared by html.test.ts and html-browser.test.ts).
 * The base is a real audit of the packaged demo benchmark through the library path; the others add
 * execution, mutation and contamination sections by hand (valid against the schema), untrusted
 * strings, or sections the renderer does not know.
 */
import { runAudit } from '../../src/audit/run.js';
import { DEFAULT_EXECUTION_CONFIG, DEFAULT_STATIC_CONFIG } from '../../src/model/defaults.generated.js';
import { DEFAULT_MUTATION_CONFIG } from '../../src/checks/mutation/config.js';
import { createStaticCheck } from '../../src/checks/static/index.js';
import { defaultScanParameters } from '../../src/contamination/options.js';
import { loadBenchmark } from '../../src/datasets/benchmark.js';
import { resolvePython } from '../../src/python/interpreter.js';
import { compareFindings } from '../../src/model/order.js';
import type { AuditReport, ContaminationTask, ExecutionTask, Finding, MutationTask, TaskRecord } from '../../src/model/types.generated.js';

/** A fixed clock, so the run block (the only dates in the page) is the same in every test run. */
const FIXED_TIME = new Date('2026-01-02T03:04:05.000Z');

let demo: Promise<AuditReport> | undefined;

/** The demo benchmark audited with the static check, exactly as the CLI's library path does it. */
export function demoStaticReport(): Promise<AuditReport> {
  demo ??= (async () => {
    const loaded = await loadBenchmark('demo');
    return runAudit(loaded, {
      config: { checks: ['static'], seed: 0, static: DEFAULT_STATIC_CONFIG },
      checks: [createStaticCheck({ python: resolvePython().executable })],
      now: () => FIXED_TIME,
    });
  })();
  return demo.then((r) => structuredClone(r));
}

/** Recompute the summary's finding counts after findings were added by hand. */
export function recount(report: AuditReport): AuditReport {
  for (const t of report.tasks) t.findings.sort(compareFindings);
  const all = [...report.findings, ...report.tasks.flatMap((t) => t.findings)];
  const bySeverity = { info: 0, warning: 0, error: 0 };
  const byKind: Record<string, number> = {};
  for (const f of all) {
    bySeverity[f.severity]++;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  }
  report.summary.findingsBySeverity = bySeverity;
  report.summary.findingsByKind = Object.fromEntries(Object.entries(byKind).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  report.summary.tasksWithFindings = report.tasks.filter((t) => t.findings.some((f) => f.severity !== 'info')).length;
  return report;
}

const task = (report: AuditReport, id: string): TaskRecord => {
  const t = report.tasks.find((x) => x.id === id);
  if (!t) throw new Error(`no task ${id}`);
  return t;
};

const zeroCounts = () => ({ total: 0, killed: 0, survived: 0, timeout: 0, error: 0, killable: 0, unconfirmed: 0, possiblyEquivalent: 0, unsorted: 0 });

export const CLAMP_DIFF = `--- solution.py
+++ mutant.py
@@ -4,3 +4,3 @@
         return lo
     if x > hi:
-        return hi
+        pass
`;
export const CLAMP_INPUT = 'clamp(11, 0, 10)';
export const CLAMP_ASSERT = 'assert candidate(11, 0, 10) == 10';

/** The demo audit plus execution, mutation and contamination sections (hand-made, schema-valid). */
export async function fullReport(): Promise<AuditReport> {
  const r = await demoStaticReport();
  r.config.checks = ['static', 'execution', 'mutation', 'contamination'];
  r.config.execution = structuredClone(DEFAULT_EXECUTION_CONFIG);
  r.config.mutation = structuredClone(DEFAULT_MUTATION_CONFIG);
  r.config.contamination = { ...defaultScanParameters(0), corpus: { format: 'dir', location: 'datasets/demo/corpus', include: [], exclude: [], contentColumn: 'content', pathColumn: 'path', repoColumn: 'repo', revision: '', maxFileBytes: 1048576, maxRowBytes: 1048576 } };

  // Execution: every reference passes except Demo/3's.
  const repeatVerdicts = (v: ExecutionTask['verdict']) => Array.from({ length: r.config.execution!.repeats }, () => v);
  for (const t of r.tasks) {
    const section: ExecutionTask = { verdict: 'passed', repeats: repeatVerdicts('passed'), promptExamples: { checked: 1, mismatched: 0, notEvaluable: 0 } };
    t.checks.execution = section;
  }
  const t3 = task(r, 'Demo/3');
  t3.checks.execution = {
    verdict: 'failed',
    repeats: repeatVerdicts('failed'),
    failure: { status: 'failed', phase: 'tests', assertIndex: 0, assert: 'assert candidate(1, 5, 3) == 3', exception: 'AssertionError', message: '' },
    promptExamples: { checked: 1, mismatched: 0, notEvaluable: 0 },
  };
  t3.findings.push({ kind: 'canonical-fails', severity: 'error', check: 'execution', message: 'the reference solution fails its tests: assert candidate(1, 5, 3) == 3', evidence: { assert: 'assert candidate(1, 5, 3) == 3', assertIndex: 0, exception: 'AssertionError' } });
  r.summary.checks.execution = {
    tasks: r.tasks.length,
    passed: r.tasks.length - 1,
    failed: 1,
    timeout: 0,
    error: 0,
    flaky: 0,
    slow: 0,
    setupErrors: 0,
    promptExamples: { checked: r.tasks.length, mismatched: 0, tasksWithMismatch: 0 },
    plusInputs: { tasks: 0, run: 0, crashed: 0, contractViolations: 0, timedOut: 0 },
  };

  // Mutation: scores spread over the distribution; Demo/6 has a killable survivor, Demo/5 accepts `return False`.
  const scores: number[] = [];
  r.tasks.forEach((t, i) => {
    if (t.id === 'Demo/3') {
      t.checks.mutation = { status: 'skipped', skipReason: 'the reference solution fails its own tests', mutants: { candidates: 0, unparsable: 0, uncompilable: 0, duplicates: 0, valid: 0, sampledOut: 0, run: 0 }, counts: zeroCounts(), byOperator: {}, score: null, scoreExcludingEquivalent: null, survivors: [], trivialPasses: [] };
      return;
    }
    const total = 10;
    const survived = t.id === 'Demo/6' ? 3 : t.id === 'Demo/5' ? 5 : i % 3;
    const killed = total - survived;
    const score = Math.round((killed / total) * 10000) / 10000;
    scores.push(score);
    const counts = { ...zeroCounts(), total, killed, survived, possiblyEquivalent: t.id === 'Demo/6' ? 2 : survived, killable: t.id === 'Demo/6' ? 1 : 0 };
    const section: MutationTask = {
      status: 'analysed',
      mutants: { candidates: 14, unparsable: 1, uncompilable: 0, duplicates: 3, valid: 10, sampledOut: 0, run: 10 },
      counts,
      byOperator: { 'relational-operator': { ...counts, total: 6, killed: 6 - survived }, 'number-constant': { ...zeroCounts(), total: 4, killed: 4 } },
      score,
      scoreExcludingEquivalent: t.id === 'Demo/6' ? 0.9 : 1,
      survivors: [],
      trivialPasses: t.id === 'Demo/5' ? ['return-false'] : [],
      inputs: { plus: 0, test: 4, generated: 40, discarded: 2 },
      coverage: { lines: { covered: 5, total: 5 }, branches: { covered: 4, total: 4 }, lineRate: 1, branchRate: 1, uncoveredLines: [] },
    };
    if (t.id === 'Demo/6') {
      section.survivors = [
        {
          id: 'statement-deletion:70-79:0',
          operator: 'statement-deletion',
          line: 6,
          column: 9,
          original: 'return hi',
          replacement: 'pass',
          diff: CLAMP_DIFF,
          verdict: 'killable',
          evidence: { input: CLAMP_INPUT, inputSource: 'generated', referenceOutput: '10', mutantOutput: '11', assert: CLAMP_ASSERT },
        },
        { id: 'relational-operator:52-53:0', operator: 'relational-operator', line: 5, column: 10, original: '>', replacement: '>=', diff: '--- solution.py\n+++ mutant.py\n@@ -5,1 +5,1 @@\n-    if x > hi:\n+    if x >= hi:\n', verdict: 'possibly-equivalent' },
      ];
      t.findings.push({
        kind: 'killable-survivor',
        severity: 'warning',
        check: 'mutation',
        message: `the tests accept a wrong solution: statement-deletion at line 6 ("return hi" -> "pass") differs from the reference on ${CLAMP_INPUT}`,
        evidence: { mutant: 'statement-deletion:70-79:0', diff: CLAMP_DIFF, input: CLAMP_INPUT, inputSource: 'generated', referenceOutput: '10', mutantOutput: '11', assert: CLAMP_ASSERT },
      });
      t.findings.push({ kind: 'possibly-equivalent-mutants', severity: 'info', check: 'mutation', message: '1 surviving mutant(s) matched the reference on every input tried (possibly equivalent)', evidence: { mutants: ['relational-operator:52-53:0'] } });
    }
    if (t.id === 'Demo/5') {
      t.findings.push({ kind: 'tests-accept-trivial-solution', severity: 'error', check: 'mutation', message: 'the tests accept a trivial solution (return-false)', evidence: { baselines: ['return-false'] } });
    }
    t.checks.mutation = section;
  });
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, tasks: 0 }));
  for (const s of scores) buckets[Math.min(9, Math.floor(s * 10))].tasks++;
  const sorted = [...scores].sort((a, b) => a - b);
  r.summary.checks.mutation = {
    tasks: { analysed: scores.length, skipped: 1 },
    counts: { ...zeroCounts(), total: scores.length * 10 },
    byOperator: { 'relational-operator': { ...zeroCounts(), total: 60 }, 'number-constant': { ...zeroCounts(), total: 44 } },
    score: 0.8,
    scoreExcludingEquivalent: 0.95,
    distribution: { buckets, tasks: scores.length, mean: 0.8, median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] },
    ranking: [{ taskId: 'Demo/6', killable: 1, survived: 3, score: 0.7 }],
    trivialSolutionPasses: { tasks: 1, byBaseline: { 'return-false': 1 } },
    coverage: { meanLineRate: 1, meanBranchRate: 1, tasksBelowThreshold: 0 },
    notes: ['scoreExcludingEquivalent removes possibly-equivalent survivors from the denominator; they may be real equivalents or gaps in the generated inputs.'],
  };

  // Contamination: Demo/10 found in the corpus; Demo/1 and Demo/11 duplicate each other.
  for (const t of r.tasks) {
    const section: ContaminationTask = {
      trivial: false,
      parts: { prompt: { tokens: 50, ngrams: 40, trivial: false }, solution: { tokens: 40, ngrams: 30, trivial: false } },
      maxContainment: 0,
      matches: [],
    };
    t.checks.contamination = section;
  }
  const t10 = task(r, 'Demo/10');
  t10.checks.contamination!.maxContainment = 0.863;
  t10.checks.contamination!.matches = [
    { corpusId: 'text_utils.py', path: 'text_utils.py', lines: { start: 12, end: 27 }, containment: 0.863, similarity: 0.9708, part: 'solution', kind: 'renamed', via: 'ngram' },
    { corpusId: 'misc.py', repo: 'example/repo', path: 'misc.py', lines: { start: 1, end: 9 }, containment: 0.41, similarity: 0.55, part: 'prompt', kind: 'near', via: 'minhash' },
  ];
  t10.findings.push({ kind: 'contaminated', severity: 'error', check: 'contamination', message: 'solution found (renamed) in text_utils.py lines 12-27: containment 0.863, similarity 0.9708', evidence: { corpusId: 'text_utils.py', path: 'text_utils.py', lines: { start: 12, end: 27 }, part: 'solution', kind: 'renamed', containment: 0.863, similarity: 0.9708 } });
  for (const [a, b] of [['Demo/1', 'Demo/11'], ['Demo/11', 'Demo/1']]) {
    const t = task(r, a);
    t.checks.contamination!.duplicates = [{ benchmark: 'demo', taskId: b, part: 'solution', otherPart: 'solution', containment: 1, similarity: 1, kind: 'verbatim' }];
    t.findings.push({ kind: 'near-duplicate-in-benchmark', severity: 'warning', check: 'contamination', message: `solution nearly duplicates task ${b} (verbatim, containment 1, similarity 1)`, evidence: { taskIds: [b] } });
  }
  task(r, 'Demo/2').checks.contamination!.overlaps = [{ benchmark: 'humaneval', taskId: 'HumanEval/0', part: 'prompt', otherPart: 'prompt', containment: 0.35, similarity: 0.42, kind: 'near' }];
  r.summary.checks.contamination = {
    corpus: { documents: 2, bytes: 1424, skipped: {}, nonUtf8: 0, boilerplateNgrams: 0 },
    tasks: r.tasks.length,
    trivialTasks: 0,
    rates: [
      { threshold: 0.3, tasks: 1, rate: 0.0833 },
      { threshold: 0.9, tasks: 0, rate: 0 },
    ],
    contaminatedTasks: 1,
    matchesByKind: { verbatim: 0, near: 1, renamed: 1 },
    duplicatePairs: 1,
    crossBenchmark: [{ benchmark: 'humaneval', tasksWithOverlap: 1, pairs: 1 }],
  };
  r.warnings.push({ code: 'plus-inputs-unavailable', check: 'execution', message: 'the demo benchmark has no plus inputs' });
  return recount(r);
}

/** Markup, script-closing and comment sequences a hostile benchmark could carry. */
export const PAYLOADS = {
  script: '</script><script>alert(1)</script>',
  img: '<img src=x onerror="alert(2)">',
  comment: '<!-- <script>alert(3)</script>',
  quote: '" onmouseover="alert(4)',
  separators: 'line\u2028separator\u2029end',
};
export const HOSTILE_ID = `Evil/0 ${PAYLOADS.script}`;

/** The full report with untrusted text in every place a benchmark or corpus can put it. Schema-valid. */
export async function hostileReport(): Promise<AuditReport> {
  const r = await fullReport();
  const all = Object.values(PAYLOADS).join(' ');
  r.benchmark.title = `Hostile ${PAYLOADS.script} ${PAYLOADS.img}`;
  r.benchmark.homepage = 'javascript:alert(5)';
  r.benchmark.files[0].path = `data/${PAYLOADS.img}.jsonl`;
  const t = r.tasks[0];
  t.id = HOSTILE_ID;
  t.entryPoint = `f${PAYLOADS.img}`;
  t.checks.static!.promptExamples = [{ call: `f("${PAYLOADS.script}")`, expected: PAYLOADS.img, line: 3, style: 'doctest', source: PAYLOADS.script }];
  const hostile: Finding = { kind: 'no-prompt-examples', severity: 'warning', check: 'static', message: `prompt says ${all}`, evidence: { prompt: `def f():\n    """${all}"""\n`, nested: { html: PAYLOADS.img } } };
  t.findings.push(hostile);
  const m = r.tasks.find((x) => x.id === 'Demo/6')!.checks.mutation!;
  m.survivors[0].diff = `${CLAMP_DIFF}+    # ${PAYLOADS.script}\n`;
  m.survivors[0].evidence!.input = `clamp("${PAYLOADS.img}", 0, 1)`;
  m.survivors[0].evidence!.assert = `assert candidate("${PAYLOADS.script}") == 1`;
  const c = r.tasks.find((x) => x.id === 'Demo/10')!.checks.contamination!;
  c.matches[0].path = `${PAYLOADS.comment}.py`;
  r.warnings.push({ code: 'hostile', message: PAYLOADS.script, taskId: HOSTILE_ID });
  r.warnings.sort((a, b) => (a.code < b.code ? -1 : 1));
  return recount(r);
}

/**
 * A report from a future version: a summary and task sections of a check this renderer does not
 * know, and extra fields in known ones (matched text beside the corpus span). Not schema-valid on
 * purpose: the page must still render it.
 */
export async function futureReport(): Promise<AuditReport> {
  const r = await fullReport();
  const summary = r.summary.checks as Record<string, unknown>;
  summary.licensing = { tasks: r.tasks.length, flagged: 2, byLicense: { mit: { tasks: 10, files: 3 }, gpl: { tasks: 2, files: 1 } }, notes: ['a note long enough to be shown as a list item rather than a comma-joined value'], deep: [{ a: { b: 1 } }] };
  for (const t of r.tasks) {
    (t.checks as Record<string, unknown>).licensing = { license: 'mit', spans: [{ path: 'LICENSE', lines: { start: 1, end: 3 } }], score: 0.5, multiline: 'first line\nsecond line' };
  }
  const match = r.tasks.find((x) => x.id === 'Demo/10')!.checks.contamination!.matches[0] as unknown as Record<string, unknown>;
  match.benchmarkText = '    result = []\n    for ch in text:\n        ...';
  match.corpusText = 'def rle(s):\n    out = []\n    for c in s:\n        ...';
  return r;
}

/** A suite input of the fixture: a confirmed input with the wrong programs it kills. */
function suiteInput(assertText: string, reason: 'kills' | 'coverage' | 'input-class', kills: string[]) {
  const call = /candidate\((.*)\) ==/.exec(assertText)?.[1] ?? '';
  return { input: `clamp(${call})`, inputSource: 'generated' as const, expected: assertText.split(' == ')[1] ?? '', assert: assertText, kills, reason, checks: { passed: ['in-domain', 'reference-agrees'], failed: [] } };
}

/**
 * The full report with strengthened suites: Demo/6 has 18 inputs (more than export's default 16), Demo/5 an empty
 * suite because no candidate input was confirmed, the other analysed tasks a one-assert suite; Demo/3 stays skipped.
 * Asserts may carry a pipe and backticks (a benchmark's strings), which the Markdown table must keep intact.
 */
export async function suitesReport(): Promise<AuditReport> {
  const r = await fullReport();
  const wrong = (killed: number, total: number) => ({ total, killed, possiblyEquivalent: total > killed ? ['mistake:x'] : [], byKind: { mutant: { total: total - 2, killed: killed - 2 }, 'higher-order': { total: 2, killed: 2 } } });
  for (const t of r.tasks) {
    const m = t.checks.mutation;
    if (m?.status !== 'analysed') continue;
    if (t.id === 'Demo/6') {
      const inputs = [
        suiteInput(CLAMP_ASSERT, 'kills', ['statement-deletion:70-79:0', 'hom:a+b']),
        suiteInput("assert candidate('a|b`c', 0, 1) == 'a|b`c'", 'coverage', []),
        ...Array.from({ length: 16 }, (_, i) => suiteInput(`assert candidate(${i - 20}, -5, 5) == -5`, 'input-class', i === 15 ? ['relational-operator:52-53:0'] : [])),
      ];
      m.strengthened = { inputs, wrongPrograms: wrong(3, 4), candidates: { total: 40, confirmed: 30, byFailedCheck: { 'not-answered': 10 } } };
    } else if (t.id === 'Demo/5') {
      m.strengthened = { inputs: [], wrongPrograms: wrong(2, 2), candidates: { total: 12, confirmed: 0, byFailedCheck: { 'literal-oracle': 9, 'not-answered': 3 } } };
    } else {
      m.strengthened = { inputs: [suiteInput('assert candidate(1, 0, 2) == 1', 'kills', ['m1', 'm2'])], wrongPrograms: wrong(2, 2), candidates: { total: 10, confirmed: 10, byFailedCheck: {} } };
    }
  }
  return r;
}
