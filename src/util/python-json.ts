/**
 * Python's json module writes NaN, Infinity and -Infinity as bare tokens, keeps `1.0` a float,
 * and has integers of any size (EvalPlus inputs use all three). JSON.parse rejects the first,
 * turns `1.0` into the integer 1, and rounds integers beyond 2^53; JSON.stringify writes null for
 * non-finite numbers. These functions read and write that dialect faithfully: integral floats and
 * unsafe integers come back as PyFloat / PyBigInt values, which serialize back exactly.
 */

/** A float whose value is integral (`1.0`, `2e3`): a JS number would make it an int. */
export class PyFloat {
  constructor(readonly value: number) {}
  /** Plain JSON (reports) shows the number. */
  toJSON(): number {
    return this.value;
  }
}

/** An integer beyond JavaScript's exact range, kept as its decimal text. */
export class PyBigInt {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
}

const MARK = '\u0000bench-audit:';
const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
const NUMBER_RE = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Rewrite tokens JSON.parse cannot represent exactly into marker strings; undefined when there are none. */
function markInexact(text: string): string | undefined {
  let out = '';
  let last = 0;
  let marked = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if (c === 78 /* N */ || c === 73 /* I */ || (c === 45 /* - */ && text.charCodeAt(i + 1) === 73)) {
      const token = text.startsWith('-Infinity', i) ? '-Infinity' : text.startsWith('Infinity', i) ? 'Infinity' : text.startsWith('NaN', i) ? 'NaN' : undefined;
      if (token) {
        out += text.slice(last, i) + JSON.stringify(`${MARK}s:${token}`);
        i += token.length;
        last = i;
        marked = true;
        continue;
      }
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      NUMBER_RE.lastIndex = i;
      const m = NUMBER_RE.exec(text);
      if (m) {
        const token = m[0];
        const value = Number(token);
        const isFloat = /[.eE]/.test(token);
        if ((isFloat && Number.isInteger(value)) || (!isFloat && !Number.isSafeInteger(value))) {
          out += text.slice(last, i) + JSON.stringify(`${MARK}${isFloat ? 'f' : 'i'}:${token}`);
          last = i + token.length;
          marked = true;
        }
        i += token.length;
        continue;
      }
    }
    i++;
  }
  return marked ? out + text.slice(last) : undefined;
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !value.startsWith(MARK)) return value;
  const kind = value[MARK.length];
  const token = value.slice(MARK.length + 2);
  if (kind === 's') return SPECIAL[token];
  if (kind === 'f') return new PyFloat(Number(token));
  return new PyBigInt(BigInt(token).toString());
}

/**
 * JSON.parse for Python's json dialect: accepts NaN / Infinity / -Infinity, keeps integral
 * floats as PyFloat and integers beyond 2^53 as PyBigInt.
 */
export function parsePythonJson(text: string): unknown {
  const marked = markInexact(text);
  return marked === undefined ? JSON.parse(text) : JSON.parse(marked, revive);
}

/** JSON in Python's dialect (json.loads reads it back to the same values, floats staying floats). */
export function stringifyPythonJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function floatText(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

function write(value: unknown, out: string[]): void {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) out.push('NaN');
    else if (value === Number.POSITIVE_INFINITY) out.push('Infinity');
    else if (value === Number.NEGATIVE_INFINITY) out.push('-Infinity');
    else out.push(JSON.stringify(value));
  } else if (value instanceof PyFloat) {
    if (Number.isFinite(value.value)) out.push(floatText(value.value));
    else write(value.value, out);
  } else if (value instanceof PyBigInt) {
    out.push(value.text);
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i > 0) out.push(',');
      write(v === undefined ? null : v, out);
    });
    out.push(']');
  } else if (value !== null && typeof value === 'object') {
    out.push('{');
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      write(v, out);
    }
    out.push('}');
  } else if (typeof value === 'bigint') {
    out.push(value.toString());
  } else {
    out.push(JSON.stringify(value) ?? 'null');
  }
}
