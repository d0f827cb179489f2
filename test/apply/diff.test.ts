/** Report diffs as verify uses them: results compared, the run block ignored, the first differing field named. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { diffReports, firstDifference, RESULT_BLOCKS } from '../../src/apply/diff.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { schemaPath } from '../../src/util/json-schema.js';
import { repoRoot } from '../helpers/paths.js';

const published = (): AuditReport => JSON.parse(readFileSync(join(repoRoot, 'audits', 'humaneval', 'humaneval.audit.json'), 'utf8')) as AuditReport;

describe('diffReports', () => {
  it('compares exactly the blocks the schema requires besides run', () => {
    const schema = JSON.parse(readFileSync(schemaPath('audit.schema.json'), 'utf8')) as { required: string[] };
    assert.deepEqual([...RESULT_BLOCKS].sort(), schema.required.filter((k) => k !== 'run').sort());
  });

  it('a report that differs only in its run block (isolation, timings, environment warnings) is identical', () => {
    const a = published();
    const b = structuredClone(a);
    b.run.durationMs += 12345;
    b.run.checks = { ...(b.run.checks ?? {}), execution: { isolation: { mode: 'none' }, environmentWarnings: [{ code: 'sandbox-network-shared', message: 'x' }] } };
    const d = diffReports(a, b);
    assert.equal(d.identical, true);
    assert.equal(d.firstDifference, undefined);
  });

  it('names the first field that differs, with both values', () => {
    const a = published();
    const b = structuredClone(a);
    const i = b.tasks.findIndex((t) => t.findings.length > 0);
    b.tasks[i].findings[0].message = 'changed';
    const d = diffReports(a, b);
    assert.equal(d.identical, false);
    assert.equal(d.firstDifference?.path, `tasks[${i}].findings[0].message`);
    assert.equal(d.firstDifference?.after, '"changed"');
    assert.deepEqual(firstDifference({ x: [1, { y: 2 }] }, { x: [1, { y: 3 }] }), { path: 'x[1].y', before: '2', after: '3' });
    assert.deepEqual(firstDifference({ x: 1 }, { x: 1, z: 0 }), { path: 'z', before: '(absent)', after: '0' });
  });
});
