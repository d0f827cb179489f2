import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './package-root.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
type AddFormats = typeof addFormatsModule.default;
const addFormats: AddFormats = (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

const validators = new Map<string, ValidateFunction>();

export function schemaPath(name: string): string {
  return join(packageRoot(), 'schemas', name);
}

/** A compiled validator for schemas/<name>, compiled once per process. */
export function schemaValidator(name: string): ValidateFunction {
  let v = validators.get(name);
  if (!v) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    v = ajv.compile(JSON.parse(readFileSync(schemaPath(name), 'utf8')));
    validators.set(name, v);
  }
  return v;
}

/** "/tasks/3/findings/0/severity: must be equal to one of the allowed values (info, warning, error)" */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, limit = 20): string[] {
  const lines = (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    const allowed = e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
    const extra = e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : '';
    return `${where}: ${e.message ?? 'invalid'}${allowed}${extra}`;
  });
  const unique = [...new Set(lines)];
  return unique.length > limit ? [...unique.slice(0, limit), `... and ${unique.length - limit} more`] : unique;
}
