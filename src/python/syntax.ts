/**
 * Syntax-check many Python sources in one interpreter process. The sources are only parsed
 * (`ast.parse`), never compiled to bytecode or run, so this is safe on untrusted code.
 */
import { spawnSync } from 'node:child_process';
import { ToolError } from '../errors.js';
import { resolvePython } from './interpreter.js';

export type SyntaxResult = { ok: true } | { ok: false; line: number; column: number; message: string };

/** Parsing a few thousand snippets takes well under a second; this only guards against a wedged interpreter. */
const SYNTAX_CHECK_TIMEOUT_MS = 120_000;
/** Output of the checker is one small JSON record per source. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

const CHECKER = `
import ast, json, sys, warnings
warnings.simplefilter("ignore")
out = []
for src in json.loads(sys.stdin.read()):
    try:
        ast.parse(src)
        out.append({"ok": True})
    except SyntaxError as e:
        out.append({"ok": False, "line": e.lineno or 0, "column": e.offset or 0, "message": e.msg})
    except (ValueError, RecursionError, MemoryError) as e:
        out.append({"ok": False, "line": 0, "column": 0, "message": type(e).__name__ + ": " + str(e)})
sys.stdout.write(json.dumps(out))
`;

export function checkPythonSyntax(sources: readonly string[], python?: string): SyntaxResult[] {
  if (sources.length === 0) return [];
  const { executable } = resolvePython(python);
  const result = spawnSync(executable, ['-I', '-c', CHECKER], {
    input: JSON.stringify(sources),
    encoding: 'utf8',
    timeout: SYNTAX_CHECK_TIMEOUT_MS,
    maxBuffer: MAX_OUTPUT_BYTES,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
  });
  if (result.status !== 0 || result.error) {
    throw new ToolError(`the Python syntax checker failed (${result.error?.message ?? result.stderr.trim().split('\n').pop()})`, {
      hint: 'check the interpreter given to --python',
    });
  }
  const parsed = JSON.parse(result.stdout) as SyntaxResult[];
  if (parsed.length !== sources.length) throw new ToolError('the Python syntax checker returned the wrong number of results');
  return parsed;
}
