/**
 * Readers for benchmark data files: JSONL, JSONL.gz, JSON array and Parquet. Each returns the
 * records with their 1-based row numbers so every later error can name file, row and field.
 */
import { gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../errors.js';
import { parsePythonJson } from '../util/python-json.js';
import type { Format } from './manifest.generated.js';

export interface RawRecord {
  /** 1-based: the line in JSONL, the index + 1 in a JSON array or Parquet file. */
  row: number;
  value: Record<string, unknown>;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = 'PAR1';

/** Format of a local file from its name, confirmed by its first bytes (gzip / Parquet magic). */
export function detectFormat(path: string, head: Uint8Array): Format {
  const lower = path.toLowerCase();
  const gz = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const par = new TextDecoder().decode(head.subarray(0, 4)) === PARQUET_MAGIC;
  if (par || lower.endsWith('.parquet')) return 'parquet';
  if (gz || lower.endsWith('.gz')) return 'jsonl.gz';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  const first = new TextDecoder().decode(head).trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  throw new InputError(`cannot tell the format of ${path}`, {
    hint: 'use a .jsonl, .jsonl.gz, .json (array of objects) or .parquet file',
    location: { file: path },
  });
}

/** Parse a whole file's bytes. Pure: no I/O. */
export async function parseRecords(bytes: Uint8Array, format: Format, file: string): Promise<RawRecord[]> {
  switch (format) {
    case 'jsonl':
      return parseJsonl(decodeUtf8(bytes, file), file);
    case 'jsonl.gz':
      return parseJsonl(decodeUtf8(gunzip(bytes, file), file), file);
    case 'json':
      return parseJsonArray(decodeUtf8(bytes, file), file);
    case 'parquet':
      return parseParquet(bytes, file);
  }
}

function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new InputError(`${file} is not a complete gzip file (${(error as Error).message})`, {
      hint: 'the file may be truncated: download it again',
      location: { file },
      cause: error,
    });
  }
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InputError(`${file} is not valid UTF-8`, { location: { file }, cause: error });
  }
}

export function parseJsonl(text: string, file: string): RawRecord[] {
  const out: RawRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = parsePythonJson(line);
    } catch (error) {
      throw new InputError(`malformed JSON line: ${(error as Error).message}`, {
        hint: 'each line of a JSONL file must be one JSON object',
        location: { file, row: i + 1 },
        cause: error,
      });
    }
    out.push({ row: i + 1, value: asObject(value, file, i + 1) });
  }
  return out;
}

function parseJsonArray(text: string, file: string): RawRecord[] {
  let value: unknown;
  try {
    value = parsePythonJson(text);
  } catch (error) {
    throw new InputError(`malformed JSON: ${(error as Error).message}`, { location: { file }, cause: error });
  }
  if (!Array.isArray(value)) {
    throw new InputError('expected a JSON array of task objects', { hint: 'or use JSONL: one object per line', location: { file } });
  }
  return value.map((v, i) => ({ row: i + 1, value: asObject(v, file, i + 1) }));
}

function asObject(value: unknown, file: string, row: number): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`expected a JSON object, found ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, {
      location: { file, row },
    });
  }
  return value as Record<string, unknown>;
}

async function parseParquet(bytes: Uint8Array, file: string): Promise<RawRecord[]> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let rows: Record<string, unknown>[];
  try {
    parquetMetadata(buffer); // validates magic bytes and footer before reading
    rows = (await parquetReadObjects({ file: buffer, compressors })) as Record<string, unknown>[];
  } catch (error) {
    throw new InputError(`${file} is not a readable Parquet file (${(error as Error).message})`, {
      hint: 'the file may be truncated or corrupt: download it again',
      location: { file },
      cause: error,
    });
  }
  return rows.map((value, i) => ({ row: i + 1, value: normalizeParquetValue(value) as Record<string, unknown> }));
}

/** Parquet int64 columns come back as bigint; JSON-shaped data wants numbers where they are exact. */
function normalizeParquetValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(normalizeParquetValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalizeParquetValue(v);
    return out;
  }
  return value;
}
