/**
 * Find the input/output examples written in a task's prompt, in every form the five benchmarks use: doctest `>>>`
 * blocks (also `>>> f(x) == y` on one line), `f(x) == y`, `f(x) -> y`, `=>`, `➞`, `should return`, `assert f(x) == y`,
 * examples under another function name, and argument values with a result (`Input:`/`Output:`, `For x = v, the result
 * should be y`, `arr = ...` then `return ...`). Pure: text in, records out. Only literal arguments and results count,
 * and a paragraph that defines the function by a recurrence holds definitions, not examples (HumanEval/130).
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
function assertExample(t: string, lineNo: number, entryPoint: string, source: string): PromptExample[] | undefined {
  const expr = t.slice('assert '.length).trim();
  if (!new RegExp(`(?<![\\w.])${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`).test(expr)) return [];
  const parts = splitTopLevel(expr, '==');
  if (parts && parts[0] !== '' && parts[1] !== '') return [{ call: parts[0], expected: parts[1], line: lineNo, style: 'assert', source }];
  // `assert f(x) => y` (HumanEval/149) is an arrow example written after `assert`, not Python.
  if (/^[A-Za-z_]\w*\s*\(/.test(expr) && SEPARATORS.some((s) => s.style === 'arrow' && s.text.length > 1 && !/^\w/.test(s.text) && expr.includes(s.text))) return undefined;
  return [{ call: expr, expected: 'True', line: lineNo, style: 'assert', source }];
}

/** The value a worked result ends in (`19 - 5 - 6 = 8` gives `8`); the text itself when it is no derivation. */
function derivedValue(text: string): string {
  const parts = text.split(/\s=\s/);
  if (parts.length < 2) return text;
  const last = parts[parts.length - 1].trim();
  return isSingleLiteral(last) && isLiteralish(parts.slice(0, -1).join(' ')) ? last : text;
}

/** A lone unquoted word as the argument (HumanEval/80 `is_happy(aa) => False`) means that string. */
const BARE_WORD_RE = /^[A-Za-z]+$/;

function lineExamples(line: string, lineNo: number, entryPoint: string, params: readonly string[] = []): PromptExample[] {
  let t = line.trim().replace(/^[-*•]\s+/, '');
  if (t.startsWith('def ') || entryPoint === '') return [];
  const source = line.trim();
  if (t.startsWith('assert ')) {
    const asserted = assertExample(t, lineNo, entryPoint, source);
    if (asserted) return asserted;
    t = t.slice('assert '.length).trim();
  }
  const callRe = new RegExp(`(?<![\\w.])${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`, 'g');
  const out: PromptExample[] = [];
  for (const m of t.matchAll(callRe)) {
    const open = m.index + m[0].length - 1;
    const close = matchBracket(t, open);
    if (close < 0) continue;
    let args = t.slice(open + 1, close - 1);
    if (BARE_WORD_RE.test(args.trim()) && !LITERAL_NAMES.has(args.trim()) && !params.includes(args.trim())) args = `'${args.trim()}'`;
    if (!isLiteralish(args)) continue;
    let rest = t.slice(close).trim().replace(/^#\s*/, '');
    const sep = SEPARATORS.find((s) => rest.startsWith(s.text) && !(s.text === '=' && rest.startsWith('==')));
    if (!sep) continue;
    rest = rest.slice(sep.text.length);
    // The result ends at the next example on the same line (", f(" or "; f(").
    const next = rest.search(new RegExp(`[,;]\\s*${entryPoint.replace(/[^\w]/g, '')}\\s*\\(`));
    const expected = derivedValue(cleanExpected(next >= 0 ? rest.slice(0, next) : rest));
    if (expected === '' || !isSingleLiteral(expected)) continue;
    out.push({ call: `${entryPoint}(${args})`, expected, line: lineNo, style: sep.style, source });
  }
  return out;
}

/** A Python literal value, not an expression: `2 + 3 * 4 - 5` and `1 + (2 / 2) = 2` are derivations, not results. */
export function isSingleLiteral(text: string): boolean {
  if (!isLiteralish(text)) return false;
  const noStrings = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  for (let i = 0; i < noStrings.length; i++) {
    const c = noStrings[i];
    if ('+*/%<>=&|^~'.includes(c)) {
      if (c === '+' && /\d[eE]$/.test(noStrings.slice(0, i))) continue; // 1e+5
      return false;
    }
    if (c === '-') {
      const before = noStrings.slice(0, i).trimEnd();
      if (before === '' || /[([{,:]$/.test(before) || /\d[eE]$/.test(before)) continue; // a sign, not a subtraction
      return false;
    }
  }
  return true;
}

function word(name: string): string {
  return name.replace(/[^\w]/g, '');
}

/** Parameter names of `def entryPoint(...)` in the prompt (without `*args`), or undefined when not found. */
export function parameterNames(prompt: string, entryPoint: string): string[] | undefined {
  const m = new RegExp(`def\\s+${word(entryPoint)}\\s*\\(`).exec(prompt);
  if (!m) return undefined;
  const close = matchBracket(prompt, m.index + m[0].length - 1);
  if (close < 0) return undefined;
  const params = prompt.slice(m.index + m[0].length, close - 1).replace(/\[[^\]]*\]/g, '');
  return params
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('*') && p !== '/')
    .map((p) => p.split(/[:=]/)[0].trim());
}

type Binding = { name?: string; value: string };

/**
 * `name = v, name2 = v2`, `name : v`, `name[...]` (HumanEval/160's `operator['+', '*']`) or a bare literal;
 * `tail` is the text after the last binding. Undefined when the text does not start with a binding.
 */
function parseBindings(text: string): { bindings: Binding[]; tail: string } | undefined {
  const bindings: Binding[] = [];
  let rest = text.trim();
  while (rest !== '') {
    const m = /^([A-Za-z_]\w*)\s*(?:=(?!=)|:(?!=)|(?=\[))\s*/.exec(rest);
    if (!m && bindings.length > 0) break;
    const valueStart = m ? rest.slice(m[0].length) : rest;
    const end = literalPrefixEnd(valueStart);
    const value = valueStart.slice(0, end).trim();
    if (value === '' || !isSingleLiteral(value)) break;
    bindings.push({ ...(m ? { name: m[1] } : {}), value });
    rest = valueStart.slice(end).trim();
    const sep = /^(?:,|;|\band\b)\s*/.exec(rest);
    if (!m || !sep) break;
    rest = rest.slice(sep[0].length);
  }
  return bindings.length > 0 ? { bindings, tail: rest.replace(/^[,.;]\s*/, '') } : undefined;
}

/** Where the literal at the start of `text` ends: its closing bracket or quote, else the next comma, semicolon or space. */
function literalPrefixEnd(text: string): number {
  const c = text[0];
  if (c === '[' || c === '(' || c === '{') {
    const close = matchBracket(text, 0);
    return close < 0 ? text.length : close;
  }
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, 1);
    return close < 0 ? text.length : close + 1;
  }
  const stop = text.search(/[,;\s]/);
  const end = stop < 0 ? text.length : stop;
  // A trailing full stop ends the sentence, not the number.
  return text[end - 1] === '.' ? end - 1 : end;
}

/** The call these bindings make, by parameter name, or by position when at least one name matches. */
function bindCall(bindings: Binding[], params: string[] | undefined, entryPoint: string): string | undefined {
  if (!params || bindings.length !== params.length) return undefined;
  const named = bindings.filter((b) => b.name !== undefined);
  if (named.length === 0) return params.length === 1 ? `${entryPoint}(${bindings[0].value})` : undefined;
  if (named.length !== bindings.length) return undefined;
  const byName = new Map(bindings.map((b) => [b.name!, b.value]));
  if (params.every((p) => byName.has(p))) return `${entryPoint}(${params.map((p) => byName.get(p)).join(', ')})`;
  // HumanEval/115 writes `bucket_capacity` for `capacity`, /160 `array` for `operand`: positional when one name matches.
  if (bindings.some((b) => params.includes(b.name!))) return `${entryPoint}(${bindings.map((b) => b.value).join(', ')})`;
  return undefined;
}

const INPUT_HEAD_RE = /^(?:Input|input)\s*:\s*(.*)$/;
const FOR_HEAD_RE = /^For\s+(.+)$/;
const RESULT_IN_LINE_RE = /(?:the\s+)?(?:output|result)\s+should\s+be\s+(.+)$/;
const RESULT_LINE_RES = [/^(?:Output|output)\s*:\s*(.+)$/, /^return\s*=?\s*(.+)$/, /^(?:=>\s*)?result\s*=\s*(.+)$/];
/** Lines after an input block within which its result must appear (HumanEval/105 shows two derivation steps between). */
const RESULT_LOOKAHEAD = 4;

/**
 * Examples written as argument values and a result: `Input: arr = [1], k = 1` / `Output: [1]`,
 * `For s = "ab", c = "a", the result should be ('b', False)`, `arr = [..]` ... `return [..]`, a block of
 * `name : value` lines under `Input:`.
 */
function bindingExamples(lines: string[], entryPoint: string, params: string[] | undefined): PromptExample[] {
  const out: PromptExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const inputHead = INPUT_HEAD_RE.exec(t);
    const forHead = FOR_HEAD_RE.exec(t);
    const head = forHead?.[1] ?? inputHead?.[1] ?? t;
    const first = parseBindings(head);
    if (!first && !(inputHead && inputHead[1].trim() === '')) continue;
    const bindings: Binding[] = first ? [...first.bindings] : [];
    let tail = first?.tail ?? '';
    let end = i;
    // More `name : value` lines under a bare `Input:` header or after a binding line.
    while (tail === '' && end + 1 < lines.length) {
      const next = lines[end + 1].trim();
      if (INPUT_HEAD_RE.test(next) || FOR_HEAD_RE.test(next) || RESULT_LINE_RES.some((re) => re.test(next))) break;
      const more = parseBindings(next);
      if (!more || more.bindings.some((b) => b.name === undefined)) break;
      bindings.push(...more.bindings);
      tail = more.tail;
      end++;
    }
    // A bare value counts only after an `Input:` or `For` header.
    if (bindings.some((b) => b.name === undefined) && !inputHead && !forHead) continue;
    const call = bindCall(bindings, params, entryPoint);
    if (!call) continue;
    let expected: string | undefined;
    let resultLine = end;
    const inLine = RESULT_IN_LINE_RE.exec(tail);
    // A sentence's full stop is not part of the value (`the result should be 0.`).
    if (inLine) expected = cleanExpected(inLine[1].trim().replace(/(\d)\.$/, '$1'));
    else if (tail === '') {
      for (let j = end + 1; j < Math.min(lines.length, end + 1 + RESULT_LOOKAHEAD) && expected === undefined; j++) {
        const next = lines[j].trim();
        if (INPUT_HEAD_RE.test(next) || FOR_HEAD_RE.test(next) || next.startsWith('>>>')) break;
        for (const re of RESULT_LINE_RES) {
          const r = re.exec(next);
          if (r && isSingleLiteral(cleanExpected(r[1]))) {
            expected = cleanExpected(r[1]);
            resultLine = j;
            break;
          }
        }
        if (expected === undefined && parseBindings(next)?.bindings.some((b) => b.name !== undefined && params?.includes(b.name))) break;
      }
    }
    if (expected === undefined || expected === '' || !isSingleLiteral(expected)) continue;
    out.push({ call, expected, line: i + 1, style: 'input-output', source: sourceOf(lines, i, resultLine) });
    i = resultLine;
  }
  return out;
}

function sourceOf(lines: string[], from: number, to: number): string {
  return lines
    .slice(from, to + 1)
    .map((l) => l.trim())
    .join('\n');
}

/** A line that introduces what follows (`Examples:`, `For example:`). */
const HEADER_RE = /^[A-Za-z][\w ]*:$/;

/** Names the prompt defines (`def name`): helpers, not the function under another name. */
const DEF_RE = /def\s+([A-Za-z_]\w*)\s*\(/g;
/** Python builtins that prompts call in prose or asserts; never an alias of the entry point. */
const BUILTINS = new Set(['set', 'sorted', 'list', 'len', 'print', 'str', 'int', 'float', 'tuple', 'dict', 'abs', 'round', 'sum', 'max', 'min', 'math', 'range', 'bin', 'ord', 'chr', 'type']);

/**
 * The one other function name the prompt's example lines call (HumanEval/81 shows `grade_equation(...)` for
 * `numerical_letter_grade`, /149 `list_sort` for `sorted_list_sum`), or undefined when there is none or several.
 */
function aliasName(lines: string[], entryPoint: string, prompt: string): string | undefined {
  const defined = new Set([...prompt.matchAll(DEF_RE)].map((m) => m[1]));
  const names = new Set<string>();
  for (const line of lines) {
    const t = line.trim().replace(/^(?:>>>|assert)\s*/, '');
    const m = /^([A-Za-z_]\w*)\s*\(/.exec(t);
    if (!m || m[1] === entryPoint || defined.has(m[1]) || BUILTINS.has(m[1])) continue;
    const close = matchBracket(t, m[0].length - 1);
    if (close < 0 || !isLiteralish(t.slice(m[0].length, close - 1))) continue;
    if (SEPARATORS.some((s) => t.slice(close).trim().startsWith(s.text))) names.add(m[1]);
  }
  return names.size === 1 ? [...names][0] : undefined;
}

/** A doctest whose comparison is on the `>>>` line: `>>> f(x) == y`, or `>>> f(x) y` with the `==` left out (HumanEval/116). */
function inlineDoctest(call: string, entryPoint: string): { call: string; expected: string } | undefined {
  const eq = splitTopLevel(call, '==');
  if (eq && eq[0] !== '' && eq[1] !== '') return { call: eq[0], expected: eq[1] };
  const m = new RegExp(`^${word(entryPoint)}\\s*\\(`).exec(call);
  if (!m) return undefined;
  const close = matchBracket(call, m[0].length - 1);
  const rest = close < 0 ? '' : call.slice(close).trim();
  if (rest !== '' && isSingleLiteral(rest)) return { call: call.slice(0, close), expected: rest };
  return undefined;
}

/**
 * Lines of a paragraph that defines the function by a recurrence or works a value out (HumanEval/130:
 * `tri(1) = 3` beside `tri(n) = 1 + n / 2`): their calls are definitions, not input/output examples.
 */
function definitionLines(lines: string[], name: string, params: readonly string[]): Set<number> {
  const callRe = new RegExp(`(?<![\\w.])${word(name)}\\s*\\(`);
  const isDefinition = (t: string) => {
    const m = callRe.exec(t);
    if (!m) return false;
    const close = matchBracket(t, m.index + m[0].length - 1);
    if (close < 0) return false;
    const args = t.slice(m.index + m[0].length, close - 1);
    const rest = t.slice(close).trim();
    const sep = SEPARATORS.find((s) => rest.startsWith(s.text) && !(s.text === '=' && rest.startsWith('==')));
    if (!sep) return false;
    // A recurrence: a variable argument (`tri(n) = ...`) or the function on the right (`tri(3) = tri(2) + ...`).
    const bare = BARE_WORD_RE.test(args.trim()) && !params.includes(args.trim());
    return !(isLiteralish(args) || bare) || callRe.test(rest.slice(sep.text.length));
  };
  const out = new Set<number>();
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    // A paragraph ends at a blank line or before a header such as `Examples:`.
    if (i < lines.length && lines[i].trim() !== '' && !(i > start && HEADER_RE.test(lines[i].trim()))) continue;
    if (lines.slice(start, i).some((l) => !l.trim().startsWith('>>>') && isDefinition(l.trim()))) for (let j = start; j < i; j++) out.add(j);
    start = i < lines.length && lines[i].trim() !== '' ? i : i + 1;
  }
  return out;
}

/** Every example in `prompt` for a function named `entryPoint`, in prompt order. */
export function extractPromptExamples(prompt: string, entryPoint: string): PromptExample[] {
  const lines = prompt.split('\n');
  const out: PromptExample[] = [];
  const lineHits: PromptExample[] = [];
  const params = entryPoint === '' ? undefined : parameterNames(prompt, entryPoint);
  const definitions = entryPoint === '' ? new Set<number>() : definitionLines(lines, entryPoint, params ?? []);
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
      const source = sourceOf(lines, start, i);
      if (call !== '' && expected.length > 0) out.push({ call, expected: expected.join('\n'), line: start + 1, style: 'doctest', source });
      else if (call !== '' && entryPoint !== '') {
        const inline = inlineDoctest(call, entryPoint);
        if (inline) out.push({ ...inline, line: start + 1, style: 'doctest', source });
      }
      continue;
    }
    if (!definitions.has(i)) lineHits.push(...lineExamples(lines[i], i + 1, entryPoint, params ?? []));
  }
  const alias = entryPoint === '' ? undefined : aliasName(lines, entryPoint, prompt);
  // Examples under another name count only when the prompt shows none under its own.
  if (lineHits.length === 0 && out.length === 0 && alias !== undefined) {
    const aliasDefinitions = definitionLines(lines, alias, params ?? []);
    lines.forEach((line, i) => {
      if (aliasDefinitions.has(i)) return;
      for (const ex of lineExamples(line, i + 1, alias, params ?? [])) lineHits.push({ ...ex, call: entryPoint + ex.call.slice(alias.length), calledAs: alias });
    });
  }
  out.push(...lineHits);
  const seen = new Set(out.map((e) => e.line));
  if (entryPoint !== '') {
    for (const ex of bindingExamples(lines, entryPoint, params)) if (!seen.has(ex.line) && !definitions.has(ex.line - 1)) out.push(ex);
  }
  return out.sort((a, b) => a.line - b.line);
}
