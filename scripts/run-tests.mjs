// Runs every test/**/*.test.ts file with Node's test runner through tsx.
// Node 20's runner does not expand globs and finds no .ts files in a directory,
// so the file list is built here; an empty list is an error, never a silent pass.
// Usage: node scripts/run-tests.mjs [substring ...]  (only files whose path contains one of them)
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}
const filters = process.argv.slice(2);
const files = walk(join(root, 'test'), []).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error(`run-tests: no test files matched ${filters.join(' ') || 'test/**/*.test.ts'}`);
  process.exit(1);
}
// Every temporary folder the tests (and the CLIs and sandboxes they start) make goes under one folder of this run,
// removed at the end, so a test that forgets its own clean-up leaves nothing in /tmp. Sticky and world-writable
// like /tmp: the unprivileged sandbox test runs jobs as another uid.
const runTmp = mkdtempSync(join(tmpdir(), 'bench-audit-tests-'));
chmodSync(runTmp, 0o1777);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: runTmp } },
);
try {
  rmSync(runTmp, { recursive: true, force: true });
} catch (error) {
  console.error(`run-tests: could not remove ${runTmp}: ${error.message}`);
}
// One line on where the data-dependent tests found the real release files, or how to get them (test/helpers/data.ts).
const status = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(join(root, 'test', 'helpers', 'data.ts')).href)}); process.stdout.write(m.dataStatus());`],
  { cwd: root, encoding: 'utf8' },
);
console.error(status.status === 0 ? status.stdout : `run-tests: could not tell where the data tests look: ${status.stderr}`);
process.exit(result.status ?? 1);
