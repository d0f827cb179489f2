/**
 * Runtimes by language. Python: long-lived fork-servers (pool.ts) with the tests in an oracle
 * process apart from the program (python/).
 */
import { ToolError } from '../errors.js';
import { SandboxPool, type SandboxPoolOptions } from './pool.js';
import type { Runtime } from './runtime.js';

export type RuntimeOptions = SandboxPoolOptions & { language?: string };

/** The Python runtime. */
export type PythonRuntime = SandboxPool;

export function createPythonRuntime(options: SandboxPoolOptions = {}): PythonRuntime {
  return SandboxPool.create(options);
}

/** A runtime for the language (default Python). Call `close()` when done. */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const { language = 'python', ...rest } = options;
  if (language === 'python') return createPythonRuntime(rest);
  throw new ToolError(`no sandbox runtime for language ${JSON.stringify(language)}`, { hint: 'supported: python' });
}
