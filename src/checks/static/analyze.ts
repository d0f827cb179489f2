/**
 * The static check's pure core: everything that can be said about a task without running it.
 * Syntax checking is injected (`parse`) so this module does no I/O.
 */
import type { Finding, StaticConfig, StaticSummary, StaticTask } from '../../model/types.generated.js';
import type { SyntaxResult } from '../../python/syntax.js';
import { taskLanguage, type Task } from '../../model/task.js';
import { finding, type TaskCheckOutput } from '../types.js';
import { countTests } from './count-tests.js';
import { extractPromptExamples } from './prompt-examples.js';

type Part = { part: 'solution' | 'test' | 'assert' | 'challenge-assert' | 'setup' | 'imports'; index?: number; source: string };

/** The pieces of a task that must each be valid Python on their own. */
export function syntaxParts(task: Task): Part[] {
  const parts: Part[] = [];
  if (task.solution.trim() !== '') parts.push({ part: 'solution', source: task.solution });
  if (task.tests.kind === 'check-function') {
    if (task.tests.code.trim() !== '') parts.push({ part: 'test', source: task.tests.code });
  } else if (task.tests.kind === 'script') {
    if (task.tests.code.trim() !== '') parts.push({ part: 'test', source: task.tests.code });
  } else {
    task.tests.asserts.forEach((source, index) => parts.push({ part: 'assert', index, source }));
    task.tests.challengeAsserts.forEach((source, index) => parts.push({ part: 'challenge-assert', index, source }));
  }
  if (task.setupCode.trim() !== '') parts.push({ part: 'setup', source: task.setupCode });
  if (task.imports.length > 0) parts.push({ part: 'imports', source: task.imports.join('\n') });
  return parts;
}

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface StaticAnalysis {
  tasks: TaskCheckOutput<'static'>[];
  summary: StaticSummary;
}

/**
 * `parse` checks Python sources in one batch; `parseJavaScript` checks the parts of JavaScript tasks (required when
 * there are any).
 */
export function analyzeStatic(
  tasks: readonly Task[],
  config: StaticConfig,
  parse: (sources: string[]) => SyntaxResult[],
  parseJavaScript?: (source: string) => SyntaxResult,
): StaticAnalysis {
  const partsPerTask = tasks.map(syntaxParts);
  const isJs = tasks.map((t) => taskLanguage(t) === 'javascript');
  if (isJs.some(Boolean) && !parseJavaScript) throw new Error('analyzeStatic: JavaScript tasks need a JavaScript parser');
  const pythonResults = parse(partsPerTask.filter((_, i) => !isJs[i]).flat().map((p) => p.source));
  let pythonCursor = 0;
  const resultsPerTask = partsPerTask.map((parts, i) => parts.map((p) => (isJs[i] ? parseJavaScript!(p.source) : pythonResults[pythonCursor++])));

  const byId = new Map<string, Task[]>();
  for (const t of tasks) byId.set(t.id, [...(byId.get(t.id) ?? []), t]);
  const firstPrompt = new Map<string, Task>();
  const firstSolution = new Map<string, Task>();

  const outputs = tasks.map((task, i): TaskCheckOutput<'static'> => {
    const findings: Finding[] = [];
    const add = (kind: Finding['kind'], severity: Finding['severity'], message: string, evidence: Record<string, unknown> = {}) =>
      findings.push(finding('static', kind, severity, message, evidence));

    for (const [field, value] of [
      ['prompt', task.prompt],
      ['canonical_solution', task.canonicalSolution],
      ['entry_point', task.entryPoint],
    ] as const) {
      if (value.trim() === '') add('missing-field', 'error', `the ${field} field is empty`, { field });
    }

    const sameId = byId.get(task.id) ?? [];
    if (sameId.length > 1) {
      add('duplicate-task-id', 'error', `task id ${task.id} is used by ${sameId.length} records`, {
        id: task.id,
        records: sameId.map((t) => ({ file: t.source.file, row: t.source.row })),
      });
    }

    for (const [field, text, seen] of [
      ['prompt', task.prompt, firstPrompt],
      ['canonical_solution', task.canonicalSolution, firstSolution],
    ] as const) {
      const key = normalize(text);
      if (key === '') continue;
      const first = seen.get(key);
      if (first && first.id !== task.id) {
        add('duplicate-task', 'warning', `same ${field} as task ${first.id}`, { field, duplicateOf: first.id });
      } else if (!first) seen.set(key, task);
    }

    const counted = countTests(task);
    if (counted.tests === 0) add('no-tests', 'error', 'the task has no tests', { testKind: counted.testKind });
    else if (counted.tests <= config.fewTestsThreshold) {
      add('few-tests', 'warning', `only ${counted.tests} test${counted.tests === 1 ? '' : 's'} (threshold ${config.fewTestsThreshold})`, {
        tests: counted.tests,
        threshold: config.fewTestsThreshold,
      });
    }

    for (const [k, part] of partsPerTask[i].entries()) {
      const r = resultsPerTask[i][k];
      if (r.ok) continue;
      const evidence = { part: part.part, ...(part.index === undefined ? {} : { index: part.index }), line: r.line, column: r.column, error: r.message, ...(part.part.endsWith('assert') ? { source: part.source } : {}) };
      const where = part.index === undefined ? part.part : `${part.part} ${part.index + 1}`;
      if (part.part === 'solution') add('solution-syntax-error', 'error', `the reference solution does not parse: ${r.message} (line ${r.line})`, evidence);
      else add('test-syntax-error', 'error', `${where} does not parse: ${r.message} (line ${r.line})`, evidence);
    }

    const promptExamples = extractPromptExamples(task.prompt, task.entryPoint);
    // Only prompts that show the function's signature (HumanEval style) are expected to carry
    // examples; MBPP's one-sentence prompts never do, and flagging all of them would be noise.
    const name = task.entryPoint.replace(/[^\w$]/g, '').replaceAll('$', '\\$');
    const signature = isJs[i] ? `(?:const|let|var|function)\\s+${name}\\b` : `def\\s+${name}\\s*\\(`;
    const showsSignature = task.entryPoint !== '' && new RegExp(signature).test(task.prompt);
    if (promptExamples.length === 0 && showsSignature) add('no-prompt-examples', 'info', 'the prompt shows no input/output example');

    const section: StaticTask = { ...counted, promptExamples };
    return { section, findings };
  });

  const counts = outputs.map((o) => o.section?.tests ?? 0).sort((a, b) => a - b);
  const total = counts.reduce((a, b) => a + b, 0);
  const mid = counts.length >> 1;
  const median = counts.length === 0 ? 0 : counts.length % 2 === 1 ? counts[mid] : (counts[mid - 1] + counts[mid]) / 2;
  const summary: StaticSummary = {
    tests: {
      total,
      mean: counts.length === 0 ? 0 : round(total / counts.length),
      median,
      min: counts[0] ?? 0,
      max: counts[counts.length - 1] ?? 0,
    },
    tasksWithFewTests: outputs.filter((o) => o.findings.some((f) => f.kind === 'few-tests' || f.kind === 'no-tests')).length,
    tasksWithPromptExamples: outputs.filter((o) => (o.section?.promptExamples.length ?? 0) > 0).length,
    promptExamples: outputs.reduce((a, o) => a + (o.section?.promptExamples.length ?? 0), 0),
  };
  return { tasks: outputs, summary };
}

/** Summary figures are rounded to 4 decimals so they print and compare stably. */
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
