/**
 * Runtimes by language. Python: long-lived fork-servers (pool.ts) with the tests in an oracle
 * process apart from the program (python/). JavaScript: long-lived node workers running each job
 * in a fresh QuickJS runtime (js/).
 */
import { availableParallelism } from 'node:os';
import { ToolError } from '../errors.js';
import { SandboxPool, type SandboxPoolOptions } from './pool.js';
import { JsRuntime } from './js/runtime.js';
import type { Runtime } from './runtime.js';

export type RuntimeOptions = SandboxPoolOptions & { language?: string };

/** The Python runtime. */
export type PythonRuntime = SandboxPool;

export function createPythonRuntime(options: SandboxPoolOptions = {}): PythonRuntime {
  return SandboxPool.create(options);
}

/** Languages with a runtime. */
export const RUNTIME_LANGUAGES = ['python', 'javascript'] as const;

/** A runtime for the language (default Python). Call `close()` when done. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const { language = 'python', ...rest } = options;
  if (language === 'python') return createPythonRuntime(rest);
  // The JavaScript runtime has its own heap limit per job (DEFAULT_JS_MEMORY_BYTES); the Python options do not apply.
  if (language === 'javascript') return new JsRuntime({ workers: rest.workers ?? availableParallelism(), ...(rest.timeoutMs ? { timeoutMs: rest.timeoutMs } : {}) });
  throw new ToolError(`no sandbox runtime for language ${JSON.stringify(language)}`, { hint: `supported: ${RUNTIME_LANGUAGES.join(', ')}` });
}
