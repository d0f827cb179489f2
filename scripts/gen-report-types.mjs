// Generates TypeScript types from the JSON Schemas, which are the source of truth:
//   schemas/audit.schema.json            -> src/model/types.generated.ts
//   schemas/dataset-manifest.schema.json -> src/datasets/manifest.generated.ts
// `node scripts/gen-report-types.mjs --check` exits 1 when a committed file is stale
// (test/model/types-generated.test.ts runs it that way).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = [
  { schema: 'audit.schema.json', name: 'AuditReport', out: join(root, 'src', 'model', 'types.generated.ts') },
  { schema: 'dataset-manifest.schema.json', name: 'DatasetManifest', out: join(root, 'src', 'datasets', 'manifest.generated.ts') },
];

export async function generate(target) {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', target.schema), 'utf8'));
  return compile(schema, target.name, {
    bannerComment: `/* Generated from schemas/${target.schema} by scripts/gen-report-types.mjs. Do not edit. */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    style: { singleQuote: true, printWidth: 120 },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let stale = false;
  for (const target of targets) {
    const text = await generate(target);
    if (process.argv.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(target.out, 'utf8');
      } catch {}
      if (current !== text) {
        console.error(`${target.out} is stale: run \`npm run gen:types\``);
        stale = true;
      }
    } else {
      writeFileSync(target.out, text);
      console.error(`wrote ${target.out}`);
    }
  }
  if (stale) process.exit(1);
}
