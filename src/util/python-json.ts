/**
 * Python's json module writes NaN, Infinity and -Infinity as bare tokens (EvalPlus inputs have
 * them). JSON.parse rejects those and JSON.stringify writes null for them, silently changing a
 * test input. These two functions read and write that dialect faithfully.
 */

const MARKER = '\u0000bench-audit-float:';
const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };

/** JSON.parse that also accepts Python's NaN / Infinity / -Infinity tokens. */
export function parsePythonJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
  }
  // Quote the bare tokens (outside strings) with a marker, then turn them back into numbers.
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const rest = text.slice(i, i + 9);
    const token = rest.startsWith('-Infinity') ? '-Infinity' : rest.startsWith('Infinity') ? 'Infinity' : rest.startsWith('NaN') ? 'NaN' : undefined;
    if (token) {
      out += JSON.stringify(MARKER + token);
      i += token.length;
      continue;
    }
    out += c;
    i++;
  }
  return JSON.parse(out, (_key, value) => (typeof value === 'string' && value.startsWith(MARKER) ? SPECIAL[value.slice(MARKER.length)] : value));
}

/** JSON.stringify that writes NaN / Infinity / -Infinity as Python's json module does (json.loads reads them). */
export function stringifyPythonJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts);
  return parts.join('');
}

function write(value: unknown, out: string[]): void {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) out.push('NaN');
    else if (value === Number.POSITIVE_INFINITY) out.push('Infinity');
    else if (value === Number.NEGATIVE_INFINITY) out.push('-Infinity');
    else out.push(JSON.stringify(value));
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
