/**
 * Writes test/fixtures/data and test/fixtures/hub: a handful of records per benchmark, copied unchanged from the
 * real release files (the layout of ../shared/data and ../shared/hub), so unit tests run on a fresh clone.
 *
 *   npx tsx scripts/make-test-fixtures.ts [DATA_DIR] [HUB_DIR]
 *
 * DATA_DIR / HUB_DIR default to BENCH_AUDIT_DATA / BENCH_AUDIT_HUB, then ../shared/data and ../shared/hub.
 * JSONL records are copied as their original lines (byte for byte, Python-json NaN included); Parquet rows are
 * rewritten with the source file's own schema (column types as the hub's) and Snappy compression.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { writeFileAtomic } from '../src/util/atomic-write.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? process.env.BENCH_AUDIT_DATA ?? join(repoRoot, '..', 'shared', 'data');
const hubDir = process.argv[3] ?? process.env.BENCH_AUDIT_HUB ?? join(repoRoot, '..', 'shared', 'hub');
const outData = join(repoRoot, 'test', 'fixtures', 'data');
const outHub = join(repoRoot, 'test', 'fixtures', 'hub');

/** HumanEval/0..7: enough for tests that look at a task past the first few, small enough to read. */
const HUMANEVAL_IDS = Array.from({ length: 8 }, (_, i) => `HumanEval/${i}`);
/** HumanEval-X: the first three problems of a language. */
const HUMANEVAL_X_COUNT = 3;
/**
 * MBPP task ids, chosen for their shapes: 1 (prompt split, in no sibling), 2 and 3 (prompt split, in sanitized and
 * MBPP+), 11 (challenge tests), 16, 82 (sanitized test_imports), 367 and 927 (test_setup_code), 404 (MBPP+ NaN
 * input), 554 (validation split), 602 (train split), 793 (MBPP+ plus_input stored as {}), 974 (the last task).
 */
const MBPP_IDS = [1, 2, 3, 11, 16, 82, 367, 404, 554, 602, 793, 927, 974];

function need(path: string): string {
  if (!existsSync(path)) {
    process.stderr.write(`make-test-fixtures: ${path} is missing; pass DATA_DIR and HUB_DIR in the layout of ../shared/data and ../shared/hub\n`);
    process.exit(2);
  }
  return path;
}

function write(path: string, bytes: Buffer | string): void {
  writeFileAtomic(path, bytes, { mkdir: true });
  process.stderr.write(`wrote ${path}\n`);
}

/** The original lines of a JSONL text whose task_id (string or number, read without parsing the line) is kept. */
function keepLines(text: string, keep: (id: string) => boolean): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const kept = lines.filter((l) => {
    const id = /"task_id":\s*(?:"([^"]*)"|(\d+))/.exec(l);
    return id !== null && keep(id[1] ?? id[2] ?? '');
  });
  return `${kept.join('\n')}\n`;
}

/** gzip without a timestamp or file name in the header, so regenerating gives the same bytes. */
const gzip = (text: string): Buffer => gzipSync(Buffer.from(text, 'utf8'), { level: 9 });

function jsonlGz(rel: string, keep: (id: string) => boolean): void {
  const text = gunzipSync(readFileSync(need(join(dataDir, rel)))).toString('utf8');
  write(join(outData, rel), gzip(keepLines(text, keep)));
}

const heIds = new Set(HUMANEVAL_IDS);
const mbppIds = new Set(MBPP_IDS.map(String));

jsonlGz('humaneval/HumanEval.jsonl.gz', (id) => heIds.has(id));
jsonlGz('evalplus/HumanEvalPlus.jsonl.gz', (id) => heIds.has(id));
jsonlGz('evalplus/MbppPlus.jsonl.gz', (id) => mbppIds.has(id.replace(/^Mbpp\//, '')));
jsonlGz('humaneval-x/humaneval_js.jsonl.gz', (id) => /^JavaScript\/(\d+)$/.test(id) && Number(id.split('/')[1]) < HUMANEVAL_X_COUNT);
write(join(outData, 'mbpp', 'mbpp.jsonl'), keepLines(readFileSync(need(join(dataDir, 'mbpp', 'mbpp.jsonl')), 'utf8'), (id) => mbppIds.has(id)));
const sanitized = JSON.parse(readFileSync(need(join(dataDir, 'mbpp', 'sanitized-mbpp.json')), 'utf8')) as { task_id: number }[];
write(join(outData, 'mbpp', 'sanitized-mbpp.json'), `${JSON.stringify(sanitized.filter((r) => mbppIds.has(String(r.task_id))), null, 1)}\n`);

/** Copy the rows of a hub Parquet file that `keep` accepts, with the source's schema (root renamed to "schema"). */
async function parquet(rel: string, keep: (row: Record<string, unknown>) => boolean): Promise<void> {
  const bytes = readFileSync(need(join(hubDir, rel)));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const schema = parquetMetadata(buffer).schema.map((e: SchemaElement, i: number) => (i === 0 ? { ...e, name: 'schema' } : e));
  const rows = ((await parquetReadObjects({ file: buffer, compressors })) as Record<string, unknown>[]).filter(keep);
  const columns = topLevelNames(schema);
  const out = parquetWriteBuffer({
    schema,
    columnData: columns.map((name) => ({ name, data: rows.map((r) => r[name]) as never })),
    codec: 'SNAPPY',
    statistics: false,
  });
  write(join(outHub, rel), Buffer.from(out));
}

/** The names of the root's children, walking num_children so nested list elements are skipped. */
function topLevelNames(schema: SchemaElement[]): string[] {
  const names: string[] = [];
  let i = 1;
  const skip = (): void => {
    const e = schema[i++];
    for (let c = 0; c < (e?.num_children ?? 0); c++) skip();
  };
  while (i < schema.length) {
    names.push(schema[i]?.name ?? '');
    skip();
  }
  return names;
}

await parquet('datasets/openai/openai_humaneval/openai_humaneval/test-00000-of-00001.parquet', (r) => heIds.has(String(r.task_id)));
for (const config of ['full', 'sanitized']) {
  for (const split of ['prompt', 'test', 'validation', 'train']) {
    await parquet(`datasets/google-research-datasets/mbpp/${config}/${split}-00000-of-00001.parquet`, (r) => mbppIds.has(String(r.task_id)));
  }
}
