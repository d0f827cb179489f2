/**
 * Row corpora: JSONL(.gz) and Parquet shard files, one document per row, with configurable
 * content/path/repo columns. A location may be one file or a directory of shard files (sorted; each
 * file is a sharding unit). Memory: one row (JSONL, bounded by maxRowBytes) or one row group (Parquet).
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { CorpusDocument } from './types.js';
import { makePathFilter } from './glob.js';
import type { CorpusSink, CorpusSpec, UnitSelector } from './types.js';

const NEWLINE = 0x0a;

/** Shard files under `location` (or the file itself), relative paths sorted. */
export async function listShardFiles(location: string, include: string[], exclude: string[]): Promise<{ abs: string; rel: string }[]> {
  const st = await stat(location);
  if (st.isFile()) return [{ abs: location, rel: location.split(sep).pop() ?? location }];
  const filter = makePathFilter(include, exclude);
  const out: { abs: string; rel: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const abs = join(dir, name);
      const s = await stat(abs);
      if (s.isDirectory()) await walk(abs);
      else {
        const rel = relative(location, abs).split(sep).join('/');
        if (filter(rel)) out.push({ abs, rel });
      }
    }
  };
  await walk(location);
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/**
 * Split a byte stream into lines without ever holding more than `maxLine` bytes of one line:
 * a longer line is read past and reported as `{ tooLong: true, length }`.
 */
export async function* boundedLines(
  stream: AsyncIterable<Uint8Array>,
  maxLine: number,
): AsyncGenerator<{ line: Uint8Array; tooLong: false } | { tooLong: true; length: number }> {
  let parts: Uint8Array[] = [];
  let held = 0;
  let overflow = false;
  let length = 0;
  for await (const chunk of stream) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl < 0 ? chunk.length : nl;
      length += end - start;
      if (!overflow) {
        if (held + (end - start) > maxLine) {
          overflow = true;
          parts = [];
          held = 0;
        } else if (end > start) {
          parts.push(chunk.subarray(start, end));
          held += end - start;
        }
      }
      if (nl < 0) break;
      if (overflow) yield { tooLong: true, length };
      else yield { line: parts.length === 1 ? parts[0] : Buffer.concat(parts), tooLong: false };
      parts = [];
      held = 0;
      overflow = false;
      length = 0;
      start = nl + 1;
    }
    // Parts reference `chunk`; copy them so the stream may reuse its buffers.
    parts = parts.length === 0 ? parts : [Buffer.concat(parts)];
  }
  if (overflow) yield { tooLong: true, length };
  else if (held > 0) yield { line: parts.length === 1 ? parts[0] : Buffer.concat(parts), tooLong: false };
}

function rowDocument(
  row: Record<string, unknown>,
  file: string,
  rowNumber: number,
  spec: CorpusSpec,
  sink: CorpusSink,
  missing: { reported: boolean },
): CorpusDocument | null {
  const content = row[spec.contentColumn];
  if (typeof content !== 'string') {
    sink.skip('missing-column');
    if (!missing.reported) {
      missing.reported = true;
      sink.warn('corpus-missing-column', `${file}: row ${rowNumber} has no string column "${spec.contentColumn}" (set --corpus-content-column); such rows are skipped`);
    }
    return null;
  }
  const path = typeof row[spec.pathColumn] === 'string' ? (row[spec.pathColumn] as string) : `${file}#${rowNumber}`;
  const repo = typeof row[spec.repoColumn] === 'string' ? (row[spec.repoColumn] as string) : undefined;
  const bytes = Buffer.from(content, 'utf8');
  if (bytes.length > spec.maxFileBytes) {
    sink.skip('oversized');
    sink.warn('corpus-oversized', `${file}: row ${rowNumber} content is ${bytes.length} bytes, over the ${spec.maxFileBytes}-byte limit; skipped`);
    return null;
  }
  return { id: `${file}#${rowNumber}`, path, ...(repo === undefined ? {} : { repo }), bytes };
}

export async function* readJsonlFile(abs: string, rel: string, spec: CorpusSpec, sink: CorpusSink): AsyncGenerator<CorpusDocument> {
  const raw = createReadStream(abs);
  const errors: Error[] = [];
  raw.on('error', (e) => errors.push(e));
  const stream = abs.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const missing = { reported: false };
  let row = 0;
  try {
    for await (const entry of boundedLines(stream, spec.maxRowBytes)) {
      row++;
      if (entry.tooLong) {
        sink.skip('oversized');
        sink.warn('corpus-oversized', `${rel}: row ${row} is ${entry.length} bytes, over the ${spec.maxRowBytes}-byte row limit; skipped`);
        continue;
      }
      if (entry.line.length === 0 || (entry.line.length === 1 && entry.line[0] === 0x0d)) continue;
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(entry.line.buffer, entry.line.byteOffset, entry.line.length).toString('utf8'));
      } catch {
        sink.skip('bad-row');
        sink.warn('corpus-bad-row', `${rel}: row ${row} is not valid JSON; skipped`);
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        sink.skip('bad-row');
        sink.warn('corpus-bad-row', `${rel}: row ${row} is not a JSON object; skipped`);
        continue;
      }
      const doc = rowDocument(value as Record<string, unknown>, rel, row, spec, sink, missing);
      if (doc !== null) yield doc;
    }
  } catch (error) {
    sink.skip('unreadable');
    sink.warn('corpus-unreadable', `${rel}: cannot read after row ${row} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); rest of file skipped`);
  }
}

export async function* readParquetFile(abs: string, rel: string, spec: CorpusSpec, sink: CorpusSink): AsyncGenerator<CorpusDocument> {
  let file;
  let metadata;
  try {
    file = await asyncBufferFromFile(abs);
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    sink.skip('unreadable');
    sink.warn('corpus-unreadable', `${rel}: not a readable Parquet file (${(error as Error).message}); skipped`);
    return;
  }
  const names = new Set(parquetSchema(metadata).children.map((c) => c.element.name));
  if (!names.has(spec.contentColumn)) {
    sink.skip('missing-column');
    sink.warn(
      'corpus-missing-column',
      `${rel}: no column "${spec.contentColumn}" (columns: ${[...names].sort().join(', ')}); file skipped (set --corpus-content-column)`,
    );
    return;
  }
  const columns = [spec.contentColumn, spec.pathColumn, spec.repoColumn].filter((c) => names.has(c));
  const missing = { reported: false };
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = (await parquetReadObjects({ file, metadata, columns, rowStart, rowEnd, compressors })) as Record<string, unknown>[];
    } catch (error) {
      sink.skip('unreadable');
      sink.warn('corpus-unreadable', `${rel}: rows ${rowStart + 1}-${rowEnd} unreadable (${(error as Error).message}); skipped`);
      rowStart = rowEnd;
      continue;
    }
    for (let i = 0; i < rows.length; i++) {
      const doc = rowDocument(rows[i], rel, rowStart + i + 1, spec, sink, missing);
      if (doc !== null) yield doc;
    }
    rowStart = rowEnd;
  }
}

export async function* readRowShards(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector): AsyncGenerator<CorpusDocument> {
  let files;
  try {
    files = await listShardFiles(spec.location, spec.include, spec.exclude);
  } catch (error) {
    sink.warn('corpus-unreadable', `${spec.location}: cannot list (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return;
  }
  for (const { abs, rel } of files) {
    if (!select(rel)) continue;
    if (spec.format === 'parquet' || abs.endsWith('.parquet')) yield* readParquetFile(abs, rel, spec, sink);
    else yield* readJsonlFile(abs, rel, spec, sink);
  }
}
