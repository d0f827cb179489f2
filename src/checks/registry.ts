/**
 * Every check the audit can run, in the order they run. A check's position here is also its
 * position in `config.checks`. Each factory receives the shared runtime options.
 */
import type { Check } from './types.js';
import type { CheckName } from '../report/types.generated.js';
import { createStaticCheck } from './static/index.js';

export interface CheckRuntimeOptions {
  /** --python: the interpreter to use (default: python3 resolved to its real binary). */
  python?: string;
}

export const CHECK_FACTORIES: { name: CheckName; create: (options: CheckRuntimeOptions) => Check; describe: string }[] = [
  { name: 'static', create: (o) => createStaticCheck(o), describe: 'test counts, parse errors, prompt examples, duplicates, empty fields' },
];

export const CHECK_NAMES = CHECK_FACTORIES.map((c) => c.name);
