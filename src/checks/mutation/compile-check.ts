/**
 * Second opinion on mutant syntax: Python's own `compile()` (which parses and compiles to
 * bytecode but executes nothing), batched into one subprocess of the real interpreter. Catches
 * what tree-sitter's grammar accepts but CPython rejects (e.g. `break` outside a loop).
 * This is an I/O edge: it spawns a process.
 */
import { execFileSync } from 'node:child_process';
import { ToolError } from '../../errors.js';
import { resolvePython } from '../../python/interpreter.js';

/** Reads a JSON array of sources on stdin, prints a JSON array of booleans; `compile` only, never `exec`. */
const COMPILE_SCRIPT = `
import json, sys, warnings
warnings.simplefilter("ignore")
sources = json.load(sys.stdin)
out = []
for src in sources:
    try:
        compile(src, "<mutant>", "exec", dont_inherit=True)
        out.append(True)
    except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError):
        out.append(False)
json.dump(out, sys.stdout)
`;

/** Generous: compiling ~20k small sources takes about a second. */
const COMPILE_TIMEOUT_MS = 120_000;
/** Output limit for the JSON verdicts (one short token per source). */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** One boolean per source: does CPython compile it? */
export function pythonCompiles(sources: readonly string[], options: { python?: string } = {}): boolean[] {
  if (sources.length === 0) return [];
  const python = resolvePython(options.python).executable;
  let stdout: string;
  try {
    stdout = execFileSync(python, ['-I', '-S', '-c', COMPILE_SCRIPT], {
      input: JSON.stringify(sources),
      encoding: 'utf8',
      timeout: COMPILE_TIMEOUT_MS,
      maxBuffer: MAX_OUTPUT_BYTES,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    throw new ToolError(`python compile() check failed (${(error as Error).message.split('\n')[0]})`, {
      hint: 'check the interpreter given with --python, or disable the compile check',
      cause: error,
    });
  }
  const verdicts = JSON.parse(stdout) as unknown;
  if (!Array.isArray(verdicts) || verdicts.length !== sources.length || !verdicts.every((v) => typeof v === 'boolean')) {
    throw new ToolError('python compile() check returned malformed output');
  }
  return verdicts as boolean[];
}
