/**
 * Runs the Python unit tests of the sandbox's confinement modules (test/sandbox/python/) with the
 * interpreter the sandbox uses, so `npm test` covers them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { resolvePython } from '../../src/python/interpreter.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

it('python unit tests of src/sandbox/python/confine*.py pass', () => {
  const python = resolvePython(undefined).executable;
  const res = spawnSync(python, ['-m', 'unittest', 'discover', '-s', join(root, 'test/sandbox/python'), '-p', 'test_*.py', '-v'], {
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', PYTHONPATH: join(root, 'src/sandbox/python'), PYTHONDONTWRITEBYTECODE: '1' },
    timeout: 120_000,
  });
  assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
  assert.match(res.stderr, /^Ran \d+ tests? /m);
});
