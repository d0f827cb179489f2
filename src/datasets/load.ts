/**
 * From data files to normalized Tasks: read records, apply the adapter, sort by id.
 * `loadDataFile` is the entry point for a local file (--data); `benchmark.ts` adds manifests
 * and downloads on top of it.
 */
import { InputError } from '../errors.js';
import type { FileRecord } from '../model/types.generated.js';
import type { Task } from '../model/task.js';
import { sha256Hex } from '../util/hash.js';
import { readInputFile } from '../util/read-input.js';
import { naturalCompare } from '../util/natural-compare.js';
import { ADAPTER_NAMES, ADAPTERS, detectAdapter, type AdapterName } from './adapters/index.js';
import type { Format } from './manifest.generated.js';
import { detectFormat, parseRecords, type RawRecord } from './readers.js';

export interface DataFileInput {
  /** Where the bytes are. */
  localPath: string;
  /** What errors and the report call the file (repo path, asset name, or the path as given). */
  displayPath: string;
  format?: Format;
  split?: string;
}

export interface LoadedFiles {
  adapter: AdapterName;
  tasks: Task[];
  files: FileRecord[];
}

/** Report order: numeric-aware by id, then by source file and row (keeps duplicate ids stable). */
export function compareTasks(a: Task, b: Task): number {
  return naturalCompare(a.id, b.id) || naturalCompare(a.source.file, b.source.file) || a.source.row - b.source.row;
}

/** Read, hash and adapt files into tasks. The adapter is detected from the first record when not given. */
export async function loadFiles(inputs: DataFileInput[], options: { adapter?: AdapterName; benchmark: string }): Promise<LoadedFiles> {
  const parsed: { input: DataFileInput; records: RawRecord[]; record: FileRecord }[] = [];
  for (const input of inputs) {
    const bytes = await readInputFile(input.localPath, input.displayPath);
    const format = input.format ?? detectFormat(input.displayPath, bytes.subarray(0, 64));
    const records = await parseRecords(bytes, format, input.displayPath);
    parsed.push({
      input,
      records,
      record: { path: input.displayPath, sha256: sha256Hex(bytes), bytes: bytes.byteLength, ...(input.split ? { split: input.split } : {}) },
    });
  }
  let adapter = options.adapter;
  if (!adapter) {
    const first = parsed.find((p) => p.records.length > 0);
    if (!first) throw new InputError('no records found', { hint: 'the data file is empty', location: { file: inputs[0]?.displayPath } });
    adapter = detectAdapter(first.records[0].value);
    if (!adapter) {
      throw new InputError(`cannot tell which benchmark format this is (fields: ${Object.keys(first.records[0].value).sort().join(', ')})`, {
        hint: `pass --adapter (${ADAPTER_NAMES.join(', ')})`,
        location: { file: first.input.displayPath, row: first.records[0].row },
      });
    }
  }
  const adapt = ADAPTERS[adapter];
  const tasks: Task[] = [];
  for (const { input, records } of parsed) {
    for (const { row, value } of records) {
      tasks.push(adapt(value, { benchmark: options.benchmark, file: input.displayPath, row, split: input.split }));
    }
  }
  tasks.sort(compareTasks);
  return { adapter, tasks, files: parsed.map((p) => p.record) };
}

/** Tasks from one local file (JSONL, JSONL.gz, JSON array or Parquet). */
export async function loadDataFile(path: string, options: { adapter?: AdapterName; benchmark?: string } = {}): Promise<Task[]> {
  const { tasks } = await loadFiles([{ localPath: path, displayPath: path }], { adapter: options.adapter, benchmark: options.benchmark ?? 'local' });
  return tasks;
}

/** `{id}` is the whole task id, `{n}` its trailing number ("Mbpp/12" -> "12"). */
export function siblingId(template: string, id: string): string {
  const n = /(\d+)$/.exec(id)?.[1] ?? id;
  return template.replaceAll('{id}', id).replaceAll('{n}', n);
}

/**
 * Link each task to the same problem in sibling benchmarks, keeping only links whose target
 * exists (`siblingIds` holds the ids each sibling benchmark really has). Sorted by benchmark.
 */
export function linkSiblings(tasks: Task[], templates: { benchmark: string; idTemplate: string }[], siblingIds: Map<string, Set<string>>): void {
  for (const task of tasks) {
    task.siblings = templates
      .filter((t) => siblingIds.get(t.benchmark)?.has(siblingId(t.idTemplate, task.id)))
      .map((t) => ({ benchmark: t.benchmark, taskId: siblingId(t.idTemplate, task.id) }))
      .sort((a, b) => naturalCompare(a.benchmark, b.benchmark));
  }
}
