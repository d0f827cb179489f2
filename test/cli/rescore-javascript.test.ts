import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-rescore-js-'));
const data = join('test', 'fixtures', 'data', 'humaneval-x', 'humaneval_js.jsonl.gz');
const samples = join('test', 'fixtures', 'samples', 'humaneval-x-js.jsonl');

describe('bench-audit rescore --samples on JavaScript (HumanEval-X)', () => {
  it('runs samples in the JavaScript runtime: right ones pass, wrong and hostile ones do not', async () => {
    const audit = join(tmp, 'js.json');
    const a = await runCli(['audit', '--data', data, '--adapter', 'humaneval-x-js', '--checks', 'static', '--out', audit, '--fail-on', 'none']);
    assert.equal(a.code, 0, a.stderr);
    const out = join(tmp, 'verdicts.jsonl');
    const r = await runCli(['rescore', '--audit', audit, '--samples', samples, '--out', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { falsePasses: { samples: number; passedOriginal: number } };
    assert.equal(report.falsePasses.samples, 8);
    assert.equal(report.falsePasses.passedOriginal, 2);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { row: number; verdict: string; original: string });
    assert.deepEqual(
      lines.map((l) => [l.row, l.original]),
      [[1, 'passed'], [2, 'passed'], [3, 'failed'], [4, 'failed'], [5, 'failed'], [6, 'failed'], [7, 'failed'], [8, 'timeout']],
    );
    // A sample that fails an assert is named by that assert's source line, as for Python.
    const failing = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { failing?: string }).failing);
    const first = 'console.assert(hasCloseElements([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) === true)';
    // Rows 5 (a syntax error), 7 (no module) and 8 (timeout) end before any assert fails.
    assert.deepEqual(failing, [undefined, undefined, first, first, undefined, first, undefined, undefined]);
    assert.equal(existsSync('bench-audit-pwned'), false, 'the hostile sample reached the host');
  });

  it('refuses (exit 2) when the JavaScript worker cannot be confined by the OS (no python3 for its launcher)', async () => {
    const audit = join(tmp, 'js.json');
    assert.ok(existsSync(audit), 'the first test wrote the audit');
    // An empty PATH: no python3, so the worker starts without the confinement launcher (node is run by its path).
    const r = await runCli(['rescore', '--audit', audit, '--samples', samples, '--json'], { env: { PATH: mkdtempSync(join(tmpdir(), 'bench-audit-no-python-')) } });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /refusing to run samples: the JavaScript worker process is not confined by the OS here \(.*started without the confinement launcher/);
    assert.match(r.stderr, /python3 on PATH/);
  });
});
