// Build: compile src/ with tsc into dist/, then copy the non-TypeScript assets the
// package ships (the Python sandbox server and other .py helpers) next to the compiled code.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

// `--if-stale` (npm's prepare, run by `npm ci`): skip when dist/ is newer than every source file, so
// the first `npx bench-audit` after an install never waits for a rebuild.
const newest = (dir) =>
  readdirSync(dir).reduce((m, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    return Math.max(m, s.isDirectory() ? newest(path) : s.mtimeMs);
  }, 0);
const stamp = join(root, 'dist', '.build-stamp');
if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const sources = Math.max(newest(join(root, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs));
  if (statSync(stamp).mtimeMs >= sources) {
    console.error('build: dist/ is up to date with src/ (npm run build rebuilds anyway)');
    process.exit(0);
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

const ASSET_EXTENSIONS = ['.py'];
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (ASSET_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      cpSync(path, join(root, 'dist', relative(join(root, 'src'), path)));
    }
  }
}
copyAssets(join(root, 'src'));
const cli = join(root, 'dist', 'cli.js');
if (existsSync(cli)) chmodSync(cli, 0o755);
writeFileSync(stamp, 'written by scripts/build.mjs after a complete build\n');
