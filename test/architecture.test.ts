// Keeps docs/architecture.md true: every relative import in src/ must be allowed by its table, and
// the import graph of src/ must have no cycle.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './helpers/paths.js';

const src = join(repoRoot, 'src');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** `from '...'`, `import '...'` and `import('...')` specifiers that are relative paths. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'));
}

/** The room of a file: its top folder under src/, or its name without `.ts` for a top-level file. */
function room(file: string): string {
  const parts = relative(src, file).split('/');
  return parts.length === 1 ? parts[0].replace(/\.ts$/, '') : parts[0];
}

/** The "What may import what" table: room (or file path under src/) -> rooms it may import. */
function rules(): Map<string, Set<string>> {
  const doc = readFileSync(join(repoRoot, 'docs', 'architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## What may import what'));
  const out = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \| ([^|]+) \|$/.exec(line.trim());
    if (m) out.set(m[1], new Set(m[2].trim() === '-' ? [] : m[2].split(',').map((s) => s.trim())));
  }
  return out;
}

describe('architecture (docs/architecture.md)', () => {
  const files = sources(src);
  const table = rules();

  it('names every room of src/', () => {
    for (const r of new Set(files.map(room))) assert.ok(table.has(r), `docs/architecture.md has no row for ${r}`);
  });

  it('no import crosses a line the table does not draw', () => {
    const crossings: string[] = [];
    for (const file of files) {
      const from = room(file);
      const allowed = new Set([...(table.get(from) ?? []), ...(table.get(relative(src, file)) ?? [])]);
      for (const target of relativeImports(file)) {
        if (!target.startsWith(src + '/')) continue;
        const to = room(target);
        if (to !== from && !allowed.has(to)) crossings.push(`${relative(repoRoot, file)} imports ${relative(repoRoot, target)} (${from} -> ${to})`);
      }
    }
    assert.deepEqual(crossings, []);
  });

  it('the import graph of src/ has no cycle', () => {
    const graph = new Map(files.map((f) => [f, relativeImports(f)]));
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((x) => relative(src, x)).join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });
});
