// Generates TypeScript from the JSON Schemas, which are the source of truth:
//   schemas/audit.schema.json            -> src/model/types.generated.ts (types)
//                                        -> src/model/defaults.generated.ts (the config's `default` keywords)
//                                        -> src/model/enums.generated.ts (enums as constant arrays)
//   schemas/dataset-manifest.schema.json -> src/datasets/manifest.generated.ts
//   schemas/config.schema.json           -> src/model/config-file.generated.ts
//   schemas/baseline.schema.json         -> src/model/baseline.generated.ts
// `node scripts/gen-report-types.mjs --check` exits 1 when a committed file is stale
// (test/model/types-generated.test.ts runs it that way).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = [
  { schema: 'audit.schema.json', name: 'AuditReport', out: join(root, 'src', 'model', 'types.generated.ts') },
  { schema: 'audit.schema.json', defaults: true, out: join(root, 'src', 'model', 'defaults.generated.ts') },
  { schema: 'audit.schema.json', enums: true, out: join(root, 'src', 'model', 'enums.generated.ts') },
  { schema: 'dataset-manifest.schema.json', name: 'DatasetManifest', out: join(root, 'src', 'datasets', 'manifest.generated.ts') },
  { schema: 'config.schema.json', name: 'ConfigFile', out: join(root, 'src', 'model', 'config-file.generated.ts') },
  { schema: 'baseline.schema.json', name: 'Baseline', out: join(root, 'src', 'model', 'baseline.generated.ts') },
];

/** The config sections whose `default` keywords become constants, with their generated type names. */
const CONFIG_SECTIONS = [
  ['staticConfig', 'StaticConfig', 'DEFAULT_STATIC_CONFIG'],
  ['executionConfig', 'ExecutionConfig', 'DEFAULT_EXECUTION_CONFIG'],
  ['mutationConfig', 'MutationConfig', 'DEFAULT_MUTATION_SETTINGS'],
];

/**
 * One constant per config section holding the properties that have a `default` in the schema. A
 * section whose every required property has one is typed as the whole section; otherwise as the
 * part it covers (the mutation check adds its operator list, which comes from its registry).
 */
function defaultsModule(schema) {
  const out = [
    `/* Generated from the \`default\` keywords of schemas/audit.schema.json by scripts/gen-report-types.mjs. Do not edit. */`,
    '',
    `import type { ${CONFIG_SECTIONS.map(([, type]) => type).join(', ')} } from './types.generated.js';`,
    '',
  ];
  const seed = schema.$defs.config.properties.seed;
  out.push(`/** ${seed.description} */`, `export const DEFAULT_SEED = ${JSON.stringify(seed.default)};`, '');
  for (const [def, type, name] of CONFIG_SECTIONS) {
    const section = schema.$defs[def];
    const entries = Object.entries(section.properties).filter(([, p]) => p.default !== undefined);
    const complete = section.required.every((r) => entries.some(([k]) => k === r));
    const keys = entries.map(([k]) => `'${k}'`).join(' | ');
    out.push(`export const ${name}: Readonly<${complete ? type : `Pick<${type}, ${keys}>`}> = {`);
    for (const [key, p] of entries) out.push(`  ${key}: ${JSON.stringify(p.default).replace(/"/g, "'")},`);
    out.push('};', '');
  }
  return out.join('\n');
}

/** The schema's enums that code iterates over (choices of a flag, the order of checks), as constant arrays. */
const ENUMS = [
  ['SEVERITIES', 'Severity', ['$defs', 'severity']],
  ['CHECK_NAMES', 'CheckName', ['$defs', 'checkName']],
  ['ISOLATION_MODES', "ExecutionConfig['isolation']", ['$defs', 'executionConfig', 'properties', 'isolation']],
  ['CORPUS_FORMATS', "NonNullable<ContaminationConfig['corpus']>['format']", ['$defs', 'contaminationConfig', 'properties', 'corpus', 'properties', 'format']],
  ['PART_NAMES', "ContaminationConfig['parts'][number]", ['$defs', 'contaminationConfig', 'properties', 'parts', 'items']],
];

function enumsModule(schema) {
  const out = [
    '/* Generated from the enums of schemas/audit.schema.json by scripts/gen-report-types.mjs. Do not edit. */',
    '',
    "import type { CheckName, ContaminationConfig, ExecutionConfig, Severity } from './types.generated.js';",
    '',
  ];
  for (const [name, type, path] of ENUMS) {
    const node = path.reduce((n, key) => n[key], schema);
    out.push(`export const ${name}: readonly ${type}[] = [${node.enum.map((v) => `'${v}'`).join(', ')}];`);
  }
  return out.join('\n') + '\n';
}

export async function generate(target) {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', target.schema), 'utf8'));
  if (target.defaults) return defaultsModule(schema);
  if (target.enums) return enumsModule(schema);
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
