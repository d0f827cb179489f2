/** The adapter registry: manifest `adapter` name -> record-to-Task function. */
import type { Task } from '../../model/task.js';
import { evalplusAdapter } from './evalplus.js';
import type { RecordContext } from './fields.js';
import { humanevalAdapter } from './humaneval.js';
import { humanevalXJsAdapter } from './humaneval-x.js';
import { mbppAdapter, mbppSanitizedAdapter } from './mbpp.js';

export type AdapterName = 'humaneval' | 'mbpp' | 'mbpp-sanitized' | 'evalplus' | 'humaneval-x-js';
export type Adapter = (record: Record<string, unknown>, context: RecordContext) => Task;

export const ADAPTERS: Record<AdapterName, Adapter> = {
  humaneval: humanevalAdapter,
  mbpp: mbppAdapter,
  'mbpp-sanitized': mbppSanitizedAdapter,
  evalplus: evalplusAdapter,
  'humaneval-x-js': humanevalXJsAdapter,
};

export const ADAPTER_NAMES = Object.keys(ADAPTERS).sort() as AdapterName[];

/** Guess the adapter from a record's fields (for --data without --adapter). */
export function detectAdapter(record: Record<string, unknown>): AdapterName | undefined {
  const has = (k: string) => k in record;
  if (has('plus_input') && has('base_input')) return 'evalplus';
  if (has('declaration') && has('example_test') && String(record.task_id).startsWith('JavaScript/')) return 'humaneval-x-js';
  if (has('canonical_solution') && has('test') && has('entry_point')) return 'humaneval';
  if (has('text') && has('code') && has('test_list')) return 'mbpp';
  if (has('prompt') && has('code') && has('test_list')) return 'mbpp-sanitized';
  return undefined;
}

export type { RecordContext } from './fields.js';
