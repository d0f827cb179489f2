import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { finding } from '../../src/checks/types.js';
import { FINDING_KINDS, FINDING_KIND_NAMES, RESCORE_SUBSETS, subsetKinds } from '../../src/model/finding-kinds.js';
import { renderKindsTable, withTable } from '../../scripts/finding-kinds-table.js';
import { repoRoot } from '../helpers/paths.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'audit.schema.json'), 'utf8')) as {
  $defs: { findingKind: { enum: string[]; description: string }; checkName: { enum: string[] } };
};

describe('the finding-kind registry', () => {
  it('has exactly the schema\'s kinds, in the schema\'s order', () => {
    assert.deepEqual(FINDING_KIND_NAMES, schema.$defs.findingKind.enum);
  });

  it('matches the schema\'s description of which check reports each kind', () => {
    const text = schema.$defs.findingKind.description;
    for (const check of schema.$defs.checkName.enum) {
      const heading = `${check[0].toUpperCase()}${check.slice(1)}: `;
      const at = text.indexOf(heading);
      assert.ok(at >= 0, `the description has no ${heading.trim()} list`);
      const listed = text.slice(at + heading.length).split('.')[0].split(', ').map((k) => k.replace(/ \(.*\)$/, ''));
      assert.deepEqual(listed.sort(), FINDING_KIND_NAMES.filter((k) => FINDING_KINDS[k].check === check).sort(), check);
    }
  });

  it('places every warning or error kind of a task in a rescore subset (an unplaced one would count as clean)', () => {
    for (const kind of FINDING_KIND_NAMES) {
      const info = FINDING_KINDS[kind];
      const flags = info.severities.some((s) => s !== 'info');
      if (kind === 'task-count-mismatch') assert.equal(info.subset, null, 'benchmark-level: never on a task');
      else assert.equal(info.subset !== null, flags, `${kind}: subset ${info.subset} with severities ${info.severities.join('/')}`);
    }
    assert.deepEqual(
      RESCORE_SUBSETS.flatMap((s) => subsetKinds(s)).sort(),
      FINDING_KIND_NAMES.filter((k) => FINDING_KINDS[k].subset !== null).sort(),
    );
  });

  it('refuses a finding with another check or severity than registered', () => {
    assert.equal(finding('execution', 'flaky', 'warning', 'm').kind, 'flaky');
    assert.throws(() => finding('static', 'flaky', 'warning', 'm'), /registered for the execution check/);
    assert.throws(() => finding('execution', 'flaky', 'error', 'm'), /severities warning/);
  });

  it('is what the README\'s table says', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    assert.ok(readme.includes(renderKindsTable()), 'README.md is stale: run npx tsx scripts/finding-kinds-table.ts --write');
    assert.equal(withTable(readme), readme);
  });
});

describe('the check registry', () => {
  it('runs the checks in the schema\'s order', async () => {
    const { CHECK_FACTORIES } = await import('../../src/checks/registry.js');
    assert.deepEqual(CHECK_FACTORIES.map((f) => f.name), schema.$defs.checkName.enum);
  });
});
