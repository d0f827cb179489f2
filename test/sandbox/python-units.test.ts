/** The sandbox package's own unit tests (test/sandbox/python/test_*.py), run with the interpreter the sandbox uses. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { resolvePython } from '../../src/python/interpreter.js';

const here = dirname(fileURLToPath(import.meta.url));

it('python unit tests of the sandbox package pass', () => {
  const python = resolvePython().executable;
  const res = spawnSync(python, ['-B', '-m', 'unittest', 'discover', '-s', join(here, 'python'), '-p', 'test_*.py'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
  // unittest prints "Ran N tests": the suite must not be empty.
  const ran = /Ran (\d+) tests?/.exec(res.stderr);
  assert.ok(ran && Number(ran[1]) >= 15, res.stderr);
});
