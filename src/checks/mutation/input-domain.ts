/**
 * The input domain a task's tests and prompt examples imply, as named rules that each hold on every one of
 * those inputs: argument types and nesting, emptiness, sign, small value sets, string alphabets, balanced
 * brackets, sortedness, distinctness, tuple lengths, and relations between arguments (`n == len(arr)`, `k <= len(arr)`,
 * two strings of one length).
 * A generated input that breaks a rule is outside the task's domain and is not shown as a witness: the
 * reference's answer there may be undefined (HumanEval/124 `'2-29-2001'`, an empty list where the answer
 * has none). Over-constraining only costs witnesses, never correctness. Pure.
 */
import { pyRepr, type PyValue } from './py-value.js';

export interface DomainRule {
  /** Stable name, e.g. `type:0`, `non-empty:1`, `len-equals:0=len(1)`. */
  name: string;
  /** What the rule requires, for a reader. */
  description: string;
  holds(args: readonly PyValue[]): boolean;
}

export interface InputDomain {
  rules: DomainRule[];
}

/** Distinct values at or below which a position's values form a closed set (0/1 grids, a few operators). */
export const VALUE_SET_MAX = 2;
/** Examples a value-set, sortedness or distinctness rule needs before it is believed (one example proves no pattern). */
export const MIN_PATTERN_EXAMPLES = 2;

/** A string that starts or ends with whitespace. */
const EDGE_SPACE = /^\s|\s$/;

const isNumber = (v: PyValue): v is Extract<PyValue, { type: 'int' | 'float' }> => v.type === 'int' || v.type === 'float';
const num = (v: PyValue): number => (v.type === 'int' ? Number(v.value) : v.type === 'float' ? v.value : NaN);
const itemsOf = (v: PyValue): PyValue[] | undefined => (v.type === 'list' || v.type === 'tuple' || v.type === 'set' ? v.items : undefined);
const strOf = (v: PyValue): string | undefined => (v.type === 'str' ? v.value : undefined);
const lengthOf = (v: PyValue): number | undefined => (v.type === 'str' ? [...v.value].length : v.type === 'dict' ? v.entries.length : itemsOf(v)?.length);

/**
 * A top-level argument's kind, the coarsest reading of its type: int and float are one number (a task taking one
 * takes the other), and list, tuple and set one sequence (JSON, EvalPlus's storage, has neither tuples nor sets).
 */
export type ValueKind = 'sequence' | 'string' | 'number' | 'bool' | 'dict' | 'none';

export function valueKind(v: PyValue): ValueKind {
  switch (v.type) {
    case 'list':
    case 'tuple':
    case 'set':
      return 'sequence';
    case 'str':
      return 'string';
    case 'int':
    case 'float':
      return 'number';
    case 'bool':
      return 'bool';
    case 'dict':
      return 'dict';
    case 'none':
      return 'none';
  }
}

/** Every (path, type) in a value: `0:list`, `0/*:int`, `0/k:str`, `0/v:int`. */
function typePaths(v: PyValue, path: string, out: Set<string>): void {
  out.add(`${path}:${v.type}`);
  const items = itemsOf(v);
  if (items) for (const x of items) typePaths(x, `${path}/*`, out);
  if (v.type === 'dict') {
    for (const [k, x] of v.entries) {
      typePaths(k, `${path}/k`, out);
      typePaths(x, `${path}/v`, out);
    }
  }
}

/** Lengths of the tuples at each path (`0/*` for the tuples inside a list argument). */
function tupleLengths(v: PyValue, path: string, out: Map<string, Set<number>>): void {
  if (v.type === 'tuple') out.set(path, (out.get(path) ?? new Set()).add(v.items.length));
  const items = itemsOf(v);
  if (items) for (const x of items) tupleLengths(x, `${path}/*`, out);
  if (v.type === 'dict') {
    for (const [k, x] of v.entries) {
      tupleLengths(k, `${path}/k`, out);
      tupleLengths(x, `${path}/v`, out);
    }
  }
}

/** The scalars directly inside a top-level argument: itself, or its elements. */
function scalarsOf(v: PyValue): PyValue[] {
  return itemsOf(v) ?? [v];
}

function balanced(s: string): boolean {
  const pairs: Record<string, string> = {
    ')': '(',
    ']': '[',
    '}': '{',
    '>': '<',
  };
  const stack: string[] = [];
  for (const c of s) {
    if ('([{<'.includes(c)) stack.push(c);
    else if (c in pairs && stack.pop() !== pairs[c]) return false;
  }
  return stack.length === 0;
}

function compare(a: PyValue, b: PyValue): number | undefined {
  if (isNumber(a) && isNumber(b)) return num(a) - num(b);
  if (a.type === 'str' && b.type === 'str') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return undefined;
}

function sorted(items: readonly PyValue[], dir: 1 | -1): boolean {
  for (let i = 1; i < items.length; i++) {
    const c = compare(items[i - 1], items[i]);
    if (c === undefined || c * dir > 0) return false;
  }
  return true;
}

/** The rules that hold on every example (each a list of positional arguments). No examples: no rules. */
export function inferDomain(examples: readonly (readonly PyValue[])[], options: { patterns?: boolean } = {}): InputDomain {
  // Tests that all expect one answer (every has_duplicates test expects False) do not show the domain's shape:
  // their inputs' sortedness, distinctness and value sets are not believed then.
  const patterns = options.patterns ?? true;
  const rules: DomainRule[] = [];
  if (examples.length === 0) return { rules };
  const arity = examples[0].length;
  if (!examples.every((e) => e.length === arity)) return { rules };
  rules.push({
    name: 'arity',
    description: `${arity} argument(s)`,
    holds: (args) => args.length === arity,
  });

  for (let p = 0; p < arity; p++) {
    const values = examples.map((e) => e[p]);
    // Types and nesting: every (path, type) of the input was seen at that position in an example.
    const seen = new Set<string>();
    for (const v of values) typePaths(v, `${p}`, seen);
    rules.push({
      name: `type:${p}`,
      description: `argument ${p + 1} has the types and nesting of the examples (${[...seen].sort().join(', ')})`,
      holds: (args) => {
        const got = new Set<string>();
        typePaths(args[p], `${p}`, got);
        return [...got].every((t) => seen.has(t));
      },
    });
    // The coarse part of the type rule, the one plus inputs are held to (isPlusInputRule): EvalPlus's type mutation
    // makes inputs of another kind than the task takes, which a contract that checks only elements lets in
    // (HumanEval/68 pluck(''): a string where every example passes an array).
    const kinds = new Set(values.map(valueKind));
    rules.push({
      name: `kind:${p}`,
      description: `argument ${p + 1} is of a kind the examples pass there (${[...kinds].sort().join(', ')})`,
      holds: (args) => kinds.has(valueKind(args[p])),
    });
    // A bool where the examples only pass ints (`[True, False]` for a sorted int array): EvalPlus's type mutation
    // makes such plus inputs, on which the task says nothing (bool is an int subclass, so its contract lets them in).
    const intOnly = [...seen].filter((t) => t.endsWith(':int') && !seen.has(t.replace(/:int$/, ':bool'))).map((t) => t.replace(/:int$/, ''));
    if (intOnly.length > 0) {
      rules.push({
        name: `int-not-bool:${p}`,
        description: `argument ${p + 1} has no bool where the examples have ints`,
        holds: (args) => {
          const got = new Set<string>();
          typePaths(args[p], `${p}`, got);
          return intOnly.every((path) => !got.has(`${path}:bool`));
        },
      });
    }
    // Tuples of one length (pairs, triples) stay that length: `[(5, 6, 6)]` is no list of pairs.
    const tuples = new Map<string, Set<number>>();
    for (const v of values) tupleLengths(v, `${p}`, tuples);
    const fixed = [...tuples].filter(([, n]) => n.size === 1).map(([path, n]) => [path, [...n][0]] as const);
    if (fixed.length > 0) {
      rules.push({
        name: `tuple-length:${p}`,
        description: `the tuples in argument ${p + 1} have the examples' lengths (${fixed.map(([path, n]) => `${path}: ${n}`).join(', ')})`,
        holds: (args) => {
          const got = new Map<string, Set<number>>();
          tupleLengths(args[p], `${p}`, got);
          return fixed.every(([path, n]) => [...(got.get(path) ?? [])].every((x) => x === n));
        },
      });
    }
    const lengths = values.map(lengthOf);
    if (lengths.every((n) => n !== undefined && n > 0)) {
      rules.push({
        name: `non-empty:${p}`,
        description: `argument ${p + 1} is never empty`,
        holds: (args) => (lengthOf(args[p]) ?? 1) > 0,
      });
    }
    const scalars = values.flatMap(scalarsOf);
    const numbers = scalars.filter(isNumber);
    if (numbers.length > 0 && numbers.length === scalars.length) {
      const min = Math.min(...numbers.map(num));
      const sign = min > 0 ? 'positive' : min >= 0 ? 'non-negative' : undefined;
      if (sign) {
        rules.push({
          name: `${sign}:${p}`,
          description: `argument ${p + 1} (or its elements) is ${sign}`,
          holds: (args) => scalarsOf(args[p]).every((x) => !isNumber(x) || (sign === 'positive' ? num(x) > 0 : num(x) >= 0)),
        });
      }
    }
    const distinctScalars = new Set(scalars.map(pyRepr));
    if (patterns && scalars.length >= MIN_PATTERN_EXAMPLES * 2 && distinctScalars.size <= VALUE_SET_MAX && values.some((v) => itemsOf(v) !== undefined)) {
      rules.push({
        name: `value-set:${p}`,
        description: `the elements of argument ${p + 1} are among ${[...distinctScalars].join(', ')}`,
        holds: (args) => scalarsOf(args[p]).every((x) => distinctScalars.has(pyRepr(x))),
      });
    }
    const strings = values.filter((v): v is Extract<PyValue, { type: 'str' }> => v.type === 'str');
    if (strings.length === values.length && strings.length > 0) {
      const alphabet = new Set(strings.flatMap((s) => [...s.value]));
      const classes: [string, RegExp][] = [
        ['digits', /^[0-9]*$/],
        ['lowercase letters', /^[a-z]*$/],
        ['letters', /^[A-Za-z]*$/],
        ['letters and spaces', /^[A-Za-z ]*$/],
        ['brackets', /^[()[\]{}<>]*$/],
        ['brackets and spaces', /^[()[\]{}<> ]*$/],
      ];
      const cls = classes.find(([, re]) => strings.every((s) => re.test(s.value)));
      if (cls)
        rules.push({
          name: `alphabet:${p}`,
          description: `argument ${p + 1} holds only ${cls[0]}`,
          holds: (args) => strOf(args[p]) === undefined || cls[1].test(strOf(args[p])!),
        });
      else if (alphabet.size > 0) {
        rules.push({
          name: `alphabet:${p}`,
          description: `argument ${p + 1} uses only characters the examples use`,
          holds: (args) => [...(strOf(args[p]) ?? '')].every((c) => alphabet.has(c)),
        });
      }
      // Leading or trailing whitespace that no example has: whether it is part of the value (`'   15'` an integer?)
      // is a reading of the prompt that nothing the tests show decides.
      if (strings.every((s) => !EDGE_SPACE.test(s.value))) {
        rules.push({
          name: `edge-space:${p}`,
          description: `argument ${p + 1} has no leading or trailing whitespace (no example has)`,
          holds: (args) => !EDGE_SPACE.test(strOf(args[p]) ?? ''),
        });
      }
      // Space-separated groups that are each balanced (HumanEval/6's paren groups): `(()( ))` balances overall but not per group.
      const groups = (t: string) => t.split(' ').filter((g) => g !== '');
      if (strings.some((s) => /[()[\]{}<>]/.test(s.value) && groups(s.value).length > 1) && strings.every((s) => groups(s.value).every(balanced))) {
        rules.push({ name: `balanced-groups:${p}`, description: `each space-separated group of argument ${p + 1} has balanced brackets`, holds: (args) => groups(strOf(args[p]) ?? '').every(balanced) });
      }
      if (strings.some((s) => /[()[\]{}<>]/.test(s.value)) && strings.every((s) => balanced(s.value))) {
        rules.push({
          name: `balanced:${p}`,
          description: `argument ${p + 1} has balanced brackets`,
          holds: (args) => balanced(strOf(args[p]) ?? ''),
        });
      }
    }
    const lists = values.map(itemsOf);
    if (lists.every((l) => l !== undefined) && values.every((v) => v.type !== 'set')) {
      const long = (lists as PyValue[][]).filter((l) => l.length >= 2);
      if (patterns && long.length >= MIN_PATTERN_EXAMPLES) {
        for (const [dir, word] of [
          [1, 'ascending'],
          [-1, 'descending'],
        ] as const) {
          if (long.every((l) => sorted(l, dir))) {
            rules.push({
              name: `sorted-${word}:${p}`,
              description: `argument ${p + 1} is sorted ${word}`,
              holds: (args) => sorted(itemsOf(args[p]) ?? [], dir),
            });
          }
        }
        if (long.every((l) => new Set(l.map(pyRepr)).size === l.length)) {
          rules.push({
            name: `distinct:${p}`,
            description: `the elements of argument ${p + 1} are distinct`,
            holds: (args) => {
              const l = itemsOf(args[p]) ?? [];
              return new Set(l.map(pyRepr)).size === l.length;
            },
          });
        }
      }
    }
  }

  // Two sequences of the same length in every example (two binary strings to compare) stay so.
  for (let i = 0; i < arity; i++) {
    for (let j = i + 1; j < arity; j++) {
      const both = examples.every((e) => e[i].type !== 'int' && e[j].type !== 'int' && lengthOf(e[i]) !== undefined && lengthOf(e[j]) !== undefined);
      if (both && examples.length >= MIN_PATTERN_EXAMPLES && examples.every((e) => lengthOf(e[i]) === lengthOf(e[j]))) {
        rules.push({ name: `same-length:${i}=${j}`, description: `arguments ${i + 1} and ${j + 1} have the same length`, holds: (args) => lengthOf(args[i]) === lengthOf(args[j]) });
      }
    }
  }

  // Relations between an int argument and the length of another.
  for (let i = 0; i < arity; i++) {
    if (!examples.every((e) => e[i].type === 'int')) continue;
    for (let j = 0; j < arity; j++) {
      if (i === j || !examples.every((e) => lengthOf(e[j]) !== undefined)) continue;
      const rel = (e: readonly PyValue[]) => num(e[i]) - (lengthOf(e[j]) ?? NaN);
      const offset = rel(examples[0]);
      // `high == len(arr) - 1` (MBPP's search tasks) as well as `n == len(arr)`.
      if (Number.isFinite(offset) && examples.every((e) => rel(e) === offset)) {
        const name = offset === 0 ? `len-equals:${i}=len(${j})` : `len-offset:${i}=len(${j})${offset > 0 ? '+' : ''}${offset}`;
        rules.push({
          name,
          description: `argument ${i + 1} equals the length of argument ${j + 1}${offset === 0 ? '' : ` ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`}`,
          holds: (args) => args[i].type === 'int' && rel(args) === offset,
        });
      } else if (examples.every((e) => rel(e) <= 0)) {
        rules.push({
          name: `len-at-most:${i}<=len(${j})`,
          description: `argument ${i + 1} is at most the length of argument ${j + 1}`,
          holds: (args) => args[i].type === 'int' && rel(args) <= 0,
        });
      }
    }
  }
  // Order between two index arguments (ints bounded by a list's length: `low <= high` of a search) in every
  // example: an input that reverses it is outside the task's precondition. Only for indexes: between plain values
  // (clamp's x < hi) an order the tests never break is the tests' weakness, the thing a witness should show.
  const indexes = new Set(rules.filter((r) => /^len-(equals|offset|at-most):/.test(r.name)).map((r) => Number(/^len-[a-z-]+:(\d+)/.exec(r.name)![1])));
  if (examples.length >= MIN_PATTERN_EXAMPLES) {
    for (let i = 0; i < arity; i++) {
      for (let j = 0; j < arity; j++) {
        if (i === j || !indexes.has(i) || !indexes.has(j) || !examples.every((e) => e[i].type === 'int' && e[j].type === 'int')) continue;
        const ints = (e: readonly PyValue[]) => e[i].type === 'int' && e[j].type === 'int';
        if (examples.every((e) => num(e[i]) < num(e[j]))) {
          rules.push({ name: `less:${i}<${j}`, description: `argument ${i + 1} is less than argument ${j + 1}`, holds: (args) => !ints(args) || num(args[i]) < num(args[j]) });
        } else if (examples.every((e) => num(e[i]) <= num(e[j])) && examples.some((e) => num(e[i]) < num(e[j]))) {
          rules.push({ name: `at-most:${i}<=${j}`, description: `argument ${i + 1} is at most argument ${j + 1}`, holds: (args) => !ints(args) || num(args[i]) <= num(args[j]) });
        }
      }
    }
  }
  return { rules };
}

/** Rules that relate arguments to each other (lengths, order): EvalPlus contracts often leave them out, so plus inputs are held to them too. */
export const isRelationRule = (name: string): boolean => /^(len-equals|len-offset|len-at-most|same-length|less|at-most):/.test(name);

/** Words that make what follows in a sentence the function's result ("return a sorted list", "output them in sorted order"). */
const RESULT_WORDS = /\b(?:returns?|returned|returning|outputs?|into|gets?|obtain|generate|whether|prints?|result|resulted|resulting)\b/i;

/** "sorted" said of something the function is given: "of the sorted list", "in a sorted array", "from the given two sorted arrays". */
const SORTED_GIVEN = /\b(?:of|in|from|on|within)\s+(?:the|a|an)\s+(?:\w+\s+){0,2}$/i;

/**
 * The prompt states sortedness as a precondition ("two sorted arrays", "takes in a sorted array", "return the k-th
 * element of the sorted list"): some "sorted" said of a given thing or with no result word before it in its
 * sentence. "output them in sorted order" (Mbpp/560), "merge ... into a single sorted list" (Mbpp/108), "return a
 * sorted list" (HumanEval/104) and "check whether a list is sorted" (Mbpp/567) say it of the result or ask it.
 */
export function saysSortedInput(prompt: string): boolean {
  return prompt.split(/[.;!?]\s|\n\s*\n/).some((sentence) =>
    [...sentence.matchAll(/\bsorted\b/gi)].some((m) => {
      const before = sentence.slice(0, m.index);
      return SORTED_GIVEN.test(before) || !RESULT_WORDS.test(before);
    }),
  );
}

/**
 * The rules a plus input is held to: EvalPlus inputs pass EvalPlus's contract, which rarely states relations between
 * arguments, may check only the elements of a sequence (so `''` passes for a list: the `kind` rule), never rules out bools among ints or whitespace around a string no example has (Mbpp/113 `'   15'`: is
 * it an integer?), and leaves sortedness unchecked even where the prompt requires it
 * (Mbpp/597 `find_kth([1, 2, 3], [True, False], 3)`): those rules apply, the sortedness ones only when the prompt says sorted.
 */
export function isPlusInputRule(name: string, prompt: string): boolean {
  const bools = /^int-not-bool:(\d+)$/.exec(name);
  if (bools) return !anyTypedPositions(prompt).includes(Number(bools[1]));
  const kind = /^kind:(\d+)$/.exec(name);
  if (kind) return !manyKindPositions(prompt).includes(Number(kind[1]));
  if (isRelationRule(name) || name.startsWith('edge-space:')) return true;
  return /^sorted-(ascending|descending):/.test(name) && saysSortedInput(prompt);
}

/**
 * The parameters the prompt's signature (its last `def`) annotates with `Any` (`values: List[Any]`, HumanEval/22):
 * the task takes any value there, a bool as much as an int, so int-not-bool does not bind a plus input there.
 */
export function anyTypedPositions(prompt: string): number[] {
  const defs = [...prompt.matchAll(/\bdef\s+\w+\s*\(([^)]*)\)/g)];
  const params = defs.length > 0 ? splitParameters(defs[defs.length - 1][1]) : [];
  return params.flatMap((p, i) => (/:[^=]*\bAny\b/.test(p) ? [i] : []));
}

/**
 * The parameters the prompt's signature annotates as taking more than one kind of value: `Any`, a `Union`, an
 * `Optional` or `X | Y` at the top (`x: Optional[List[int]]` takes None, whatever the examples pass): the kind rule
 * does not bind a plus input there. `List[Any]` is still a list.
 */
export function manyKindPositions(prompt: string): number[] {
  const defs = [...prompt.matchAll(/\bdef\s+\w+\s*\(([^)]*)\)/g)];
  const params = defs.length > 0 ? splitParameters(defs[defs.length - 1][1]) : [];
  return params.flatMap((p, i) => {
    const annotation = /:([^=]*)/.exec(p)?.[1].trim() ?? '';
    return /^(?:(?:typing\.)?(?:Any|Union|Optional)\b|[^[]*\|)/.test(annotation) ? [i] : [];
  });
}

/** A parameter list split at its top-level commas (`List[Tuple[int, int]]` stays one). */
function splitParameters(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur);
  return out.map((p) => p.trim()).filter((p) => p !== '' && p !== 'self');
}

/** The names of the rules `args` breaks (none: inside the domain). */
export function brokenRules(domain: InputDomain, args: readonly PyValue[]): string[] {
  // Arity first: the other rules index the arguments.
  const arity = domain.rules.find((r) => r.name === 'arity');
  if (arity && !arity.holds(args)) return ['arity'];
  return domain.rules.filter((r) => !r.holds(args)).map((r) => r.name);
}

/**
 * EvalPlus stores MBPP+ inputs as JSON, which has no tuples: where every example passes a tuple at a position
 * (at any nesting) and a plus input has a list there, the list is read as a tuple (Mbpp/222 takes tuples).
 */
export function coerceToExampleTypes(args: readonly PyValue[], examples: readonly (readonly PyValue[])[]): PyValue[] {
  const seen = new Set<string>();
  for (const e of examples) e.forEach((v, p) => typePaths(v, `${p}`, seen));
  const coerce = (v: PyValue, path: string): PyValue => {
    const items = itemsOf(v);
    if (v.type === 'list' && !seen.has(`${path}:list`) && seen.has(`${path}:tuple`))
      return {
        type: 'tuple',
        items: v.items.map((x) => coerce(x, `${path}/*`)),
      };
    if (items && (v.type === 'list' || v.type === 'tuple')) return { type: v.type, items: items.map((x) => coerce(x, `${path}/*`)) };
    if (v.type === 'set') return { type: 'set', items: v.items.map((x) => coerce(x, `${path}/*`)) };
    if (v.type === 'dict')
      return {
        type: 'dict',
        entries: v.entries.map(([k, x]) => [coerce(k, `${path}/k`), coerce(x, `${path}/v`)]),
      };
    return v;
  };
  return args.map((v, p) => coerce(v, `${p}`));
}
