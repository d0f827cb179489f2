import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SCHEMA_VERSION } from '../../src/model/version.js';
import { repoRoot } from '../helpers/paths.js';

describe('the schemas are the source of truth', () => {
  it('the generated TypeScript types are up to date with the schemas', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'gen-report-types.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('SCHEMA_VERSION matches the schema', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas', 'audit.schema.json'), 'utf8')) as { properties: { schemaVersion: { const: string } } };
    assert.equal(schema.properties.schemaVersion.const, SCHEMA_VERSION);
  });
});
