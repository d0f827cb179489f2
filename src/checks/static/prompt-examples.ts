/**
 * Find the input/output examples written in a task's prompt: doctest `>>>` blocks and lines such
 * as `f(x) == y`, `f(x) -> y`, `f(x) ➞ y`, `f(x) should return y`, `assert f(x) == y`.
 * Pure: text in, records out. Only calls with literal arguments count, so definitions such as
 * `fib(n) == fib(n-1) + fib(n-2)` are not mistaken for examples.
 */
import type { PromptExample } from '../../model/types.generated.js';

export type { PromptExample } from '../../model/types.generated.js';

/** Separators between a call and its result, longest first so `==>` is not read as `==`. */
const SEPARATORS: { text: string; style: PromptExample['style'] }[] = [
  { text: 'should return', style: 'arrow' },
  { text: 'returns', style: 'arrow' },
  { text: 'return', style: 'arrow' },
  { text: '==>', style: 'arrow' },
  { text: '=>', style: 'arrow' },
  { text: '->', style: 'arrow' },
  { text: '➞', style: 'arrow' },
  { text: '→', style: 'arrow' },
  { text: '==', style: 'equals' },
  { text: '=', style: 'equals' },
];

const IDENT_RE = /[A-Za-z_]\w*/g;
const LITERAL_NAMES = new Set(['True', 'False', 'None', 'true', 'false', 'none', 'null', 'inf', 'nan', 'float', 'j']);

/** Index just past the bracket that closes the one at `open`, skipping string literals; -1 if unbalanced. */
export function matchBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c in pairs) stack.push(pairs[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** True when `text` holds only literals (numbers, strings, brackets, True/False/None), no variables. */
export function isLiteralish(text: string): boolean {
  const noStrings = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  if (/["']/.test(noStrings.replace(/""/g, ''))) return false;
  for (const m of noStrings.matchAll(IDENT_RE)) {
    const before = noStrings[m.index - 1];
    if (before !== undefined && /[0-9.]/.test(before)) continue; // 1e5, 2j
    if (!LITERAL_NAMES.has(m[0])) return false;
  }
  return true;
}

function cleanExpected(text: string): string {
  let t = text.trim();
  const hash = t.indexOf(' #');
  if (hash >= 0 && !/["']/.test(t.slice(hash))) t = t.slice(0, hash).trim();
  t = t.replace(/^`+|`+$/g, '').trim();
  if (/[.,;]$/.test(t) && !/\d\.$/.test(t)) t = t.slice(0, -1).trim();
  return t;
}

/** Split `text` at the first top-level (outside brackets and strings) occurrence of `op`. */
export function splitTopLevel(text: string, op: string): [string, string] | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && text.startsWith(op, i) && text[i + op.length] !== '=' && text[i - 1] !== '!' && text[i - 1] !== '<' && text[i - 1] !== '>') {
      return [text.slice(0, i).trim(), text.slice(i + op.length).trim()];
    }
  }
  return undefined;
}

/** `assert <expr>` lines are executable Python by design: keep the whole comparison. */
function assertExample(t: string, lineNo: number, entryPoint: string): PromptExample[] {
  const expr = t.slice('assert '.length).trim();
  if (!new RegExp(`(?<![\\w.])${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`).test(expr)) return [];
  const parts = splitTopLevel(expr, '==');
  if (parts && parts[0] !== '' && parts[1] !== '') return [{ call: parts[0], expected: parts[1], line: lineNo, style: 'assert' }];
  return [{ call: expr, expected: 'True', line: lineNo, style: 'assert' }];
}

function lineExamples(line: string, lineNo: number, entryPoint: string): PromptExample[] {
  let t = line.trim().replace(/^[-*•]\s+/, '');
  if (t.startsWith('def ') || entryPoint === '') return [];
  if (t.startsWith('assert ')) return assertExample(t, lineNo, entryPoint);
  const callRe = new RegExp(`(?<![\\w.])${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`, 'g');
  const out: PromptExample[] = [];
  for (const m of t.matchAll(callRe)) {
    const open = m.index + m[0].length - 1;
    const close = matchBracket(t, open);
    if (close < 0) continue;
    const args = t.slice(open + 1, close - 1);
    if (!isLiteralish(args)) continue;
    let rest = t.slice(close).trim().replace(/^#\s*/, '');
    const sep = SEPARATORS.find((s) => rest.startsWith(s.text) && !(s.text === '=' && rest.startsWith('==')));
    if (!sep) continue;
    rest = rest.slice(sep.text.length);
    // The result ends at the next example on the same line (", f(" or "; f(").
    const next = rest.search(new RegExp(`[,;]\\s*${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`));
    const expected = cleanExpected(next >= 0 ? rest.slice(0, next) : rest);
    if (expected === '' || !isLiteralish(expected)) continue;
    out.push({ call: `${entryPoint}(${args})`, expected, line: lineNo, style: sep.style });
  }
  return out;
}

const INPUT_RE = /^(?:Input|input)\s*:\s*(.+)$/;
const OUTPUT_RE = /^(?:Output|output)\s*:\s*(.+)$/;
const FOR_RE = /^For\s+[A-Za-z_]\w*\s*=\s*(.+?),?\s+the output should be\s+(.+)$/;

/** Parameter count of `def entryPoint(...)` in the prompt, or undefined when not found. */
function parameterCount(prompt: string, entryPoint: string): number | undefined {
  const m = new RegExp(`def\\s+${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`).exec(prompt);
  if (!m) return undefined;
  const close = matchBracket(prompt, m.index + m[0].length - 1);
  if (close < 0) return undefined;
  const params = prompt.slice(m.index + m[0].length, close - 1).replace(/\[[^\]]*\]/g, '').trim();
  return params === '' ? 0 : params.split(',').filter((p) => p.trim() !== '' && !p.trim().startsWith('*')).length;
}

/** `Input: x` / `Output: y` pairs and `For x = v the output should be y`, for one-parameter functions. */
function inputOutputExamples(lines: string[], entryPoint: string): PromptExample[] {
  const out: PromptExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const forMatch = FOR_RE.exec(t);
    if (forMatch) {
      const [arg, expected] = [forMatch[1].trim(), cleanExpected(forMatch[2])];
      if (isLiteralish(arg) && expected !== '' && isLiteralish(expected)) out.push({ call: `${entryPoint}(${arg})`, expected, line: i + 1, style: 'input-output' });
      continue;
    }
    const input = INPUT_RE.exec(t);
    if (!input) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 3); j++) {
      const output = OUTPUT_RE.exec(lines[j].trim());
      if (!output) continue;
      const [arg, expected] = [input[1].trim(), cleanExpected(output[1])];
      if (isLiteralish(arg) && expected !== '' && isLiteralish(expected)) out.push({ call: `${entryPoint}(${arg})`, expected, line: i + 1, style: 'input-output' });
      break;
    }
  }
  return out;
}

/** Every example in `prompt` for a function named `entryPoint`, in prompt order. */
export function extractPromptExamples(prompt: string, entryPoint: string): PromptExample[] {
  const lines = prompt.split('\n');
  const out: PromptExample[] = parameterCount(prompt, entryPoint) === 1 ? inputOutputExamples(lines, entryPoint) : [];
  for (let i = 0; i < lines.length; i++) {
    // A doctest may start on the docstring's opening line: """>>> f(1)
    const trimmed = lines[i].trim().replace(/^[rRuU]?(?:"""|''')/, '').trim();
    if (trimmed.startsWith('>>>')) {
      let call = trimmed.slice(3).trim();
      const start = i;
      while (i + 1 < lines.length && lines[i + 1].trim().startsWith('...')) call += '\n' + lines[++i].trim().slice(3).trim();
      const expected: string[] = [];
      while (i + 1 < lines.length && lines[i + 1].trim() !== '' && !lines[i + 1].trim().startsWith('>>>') && !lines[i + 1].includes('"""')) {
        expected.push(lines[++i].trim());
      }
      if (call !== '' && expected.length > 0) out.push({ call, expected: expected.join('\n'), line: start + 1, style: 'doctest' });
      continue;
    }
    out.push(...lineExamples(lines[i], i + 1, entryPoint));
  }
  return out.sort((a, b) => a.line - b.line);
}
