/** Field accessors that turn a missing or mistyped field into an InputError naming file, row and field. */
import { InputError } from '../../errors.js';
import { PyFloat } from '../../util/python-json.js';

export interface RecordContext {
  benchmark: string;
  file: string;
  row: number;
  split?: string;
}

function fail(ctx: RecordContext, field: string, expected: string, value: unknown): never {
  const found = value === undefined ? 'it is missing' : `found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
  throw new InputError(`expected ${expected} (${found})`, {
    hint: `every record of a ${ctx.benchmark} file needs "${field}"; check that the file matches the adapter (--adapter)`,
    location: { file: ctx.file, row: ctx.row, field },
  });
}

/** A required string field (may be empty: empty fields are reported by the static check, not rejected). */
export function stringField(rec: Record<string, unknown>, field: string, ctx: RecordContext): string {
  const v = rec[field];
  if (typeof v !== 'string') fail(ctx, field, 'a string', v);
  return v;
}

/** An optional string field: absent or null gives the fallback. */
export function optionalString(rec: Record<string, unknown>, field: string, ctx: RecordContext, fallback = ''): string {
  const v = rec[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'string') fail(ctx, field, 'a string', v);
  return v;
}

/** A task id: a string, or an integer (MBPP) turned into its decimal string. */
export function idField(rec: Record<string, unknown>, field: string, ctx: RecordContext): string {
  const v = rec[field];
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  fail(ctx, field, 'a non-empty string or integer task id', v);
}

export function stringList(rec: Record<string, unknown>, field: string, ctx: RecordContext, options: { optional?: boolean } = {}): string[] {
  const v = rec[field];
  if ((v === undefined || v === null) && options.optional) return [];
  if (!Array.isArray(v)) fail(ctx, field, 'a list of strings', v);
  v.forEach((item, i) => {
    if (typeof item !== 'string') fail(ctx, `${field}[${i}]`, 'a string', item);
  });
  return v as string[];
}

/** A list of argument lists (EvalPlus base_input / plus_input). */
export function inputList(rec: Record<string, unknown>, field: string, ctx: RecordContext): unknown[][] {
  const v = rec[field];
  // MBPP+ v0.2.0 stores Mbpp/793's plus_input as `{}`; EvalPlus iterates it as zero inputs, and so do we.
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return [];
  if (!Array.isArray(v)) fail(ctx, field, 'a list of argument lists', v);
  v.forEach((item, i) => {
    if (!Array.isArray(item)) fail(ctx, `${field}[${i}]`, 'a list of arguments', item);
  });
  return v as unknown[][];
}

export function numberField(rec: Record<string, unknown>, field: string, ctx: RecordContext, fallback?: number): number {
  const raw = rec[field];
  const v = raw instanceof PyFloat ? raw.value : raw;
  if ((v === undefined || v === null) && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(ctx, field, 'a number', v);
  return v;
}
