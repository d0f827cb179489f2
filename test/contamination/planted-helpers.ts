/** Test helpers: build a planted-contamination corpus from the local Python stdlib. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePython } from '../../src/python/interpreter.js';

export function stdlibDir(): string {
  const py = resolvePython();
  return execFileSync(py.executable, ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
}

/** Up to `count` stdlib .py files (top level only, sorted, between minBytes and maxBytes). */
export function pickStdlibFiles(dir: string, count: number, minBytes: number, maxBytes: number): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.py')) continue;
    const path = join(dir, name);
    const size = statSync(path).size;
    if (size < minBytes || size > maxBytes) continue;
    out.push(path);
    if (out.length >= count) break;
  }
  return out;
}

/**
 * Transform Python sources with the real interpreter: `reformatted` = ast.unparse (a formatter's
 * rewrite: quotes, spacing, parentheses, docstrings re-emitted), `renamed` = every name the code
 * binds (functions, parameters, locals) renamed consistently via the tokenize module,
 * `commented` = a comment after each block opener and before each line.
 */
const TRANSFORM_SCRIPT = String.raw`
import ast, builtins, io, json, sys, tokenize
def renamed(src):
    tree = ast.parse(src)
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    bound -= set(dir(builtins)) | {'self', 'cls'}
    mapping = {name: 'renamed_%d' % i for i, name in enumerate(sorted(bound))}
    out = []
    prev = None
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.NAME and tok.string in mapping and not (prev is not None and prev.string == '.'):
            tok = tok._replace(string=mapping[tok.string])
        out.append(tok)
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            prev = tok
    return tokenize.untokenize(out)
def commented(src):
    lines = []
    for i, line in enumerate(src.split('\n')):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)]
        if stripped and not stripped.startswith(('"', "'", ')', ']', '}')) and i % 2 == 0:
            lines.append(indent + '# explain the next step in detail')
        if stripped.endswith(':') and '#' not in stripped:
            line = line + '  # block starts here'
        lines.append(line)
    return '\n'.join(lines)
items = json.load(sys.stdin)
out = []
for src in items:
    try:
        out.append({'reformatted': ast.unparse(ast.parse(src)), 'renamed': renamed(src), 'commented': commented(src)})
    except Exception as e:
        out.append(None)
json.dump(out, sys.stdout)
`;

export interface Transformed {
  reformatted: string;
  renamed: string;
  commented: string;
}

export function transformSources(sources: string[]): (Transformed | null)[] {
  const py = resolvePython();
  const out = execFileSync(py.executable, ['-c', TRANSFORM_SCRIPT], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as (Transformed | null)[];
}

/** Insert `snippet` at a top-level `def`/`class` boundary near the middle of `host`. */
export function embed(host: string, snippet: string): string {
  const lines = host.split('\n');
  const mid = Math.floor(lines.length / 2);
  let at = lines.length;
  for (let i = mid; i < lines.length; i++) {
    if (/^(def|class) /.test(lines[i])) {
      at = i;
      break;
    }
  }
  return [...lines.slice(0, at), '', snippet, '', ...lines.slice(at)].join('\n');
}

/** The first `fraction` of the source's lines. */
export function partialCopy(source: string, fraction: number): string {
  const lines = source.split('\n');
  return lines.slice(0, Math.ceil(lines.length * fraction)).join('\n');
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
