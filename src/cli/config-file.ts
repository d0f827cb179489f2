/**
 * Project settings (bench-audit.config.json, or the "bench-audit" key of package.json) and the
 * baseline of accepted findings, read and validated against their schemas in schemas/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Baseline } from '../model/baseline.generated.js';
import type { ConfigFile } from '../model/config-file.generated.js';
import { isFindingKind } from '../model/finding-kinds.js';
import { describeSchemaErrors, schemaValidator } from '../util/json-schema.js';

export const CONFIG_FILE = 'bench-audit.config.json';
export const PACKAGE_KEY = 'bench-audit';
export const BASELINE_FILE = 'bench-audit.baseline.json';

export interface LoadedConfig {
  config: ConfigFile;
  /** Where it was read from (undefined: no config file, all defaults). */
  file?: string;
  /** The baseline path the config names (resolved), or the default beside it. */
  baselinePath: string;
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`not valid JSON: ${(error as Error).message}`, { location: { file }, hint: 'fix the JSON syntax' });
  }
}

function check(schema: string, value: unknown, file: string, field?: string): void {
  const validate = schemaValidator(schema);
  if (!validate(value)) {
    throw new InputError(`does not match schemas/${schema}:\n  ${describeSchemaErrors(validate.errors).join('\n  ')}`, {
      location: { file, ...(field ? { field } : {}) },
      hint: `see schemas/${schema} for every setting and its allowed values`,
    });
  }
}

/** `explicit` (--config), else bench-audit.config.json in `cwd`, else package.json's "bench-audit" key, else nothing. */
export function loadConfigFile(cwd: string, explicit?: string): LoadedConfig {
  const file = explicit ?? (existsSync(join(cwd, CONFIG_FILE)) ? join(cwd, CONFIG_FILE) : undefined);
  if (file !== undefined) {
    if (!existsSync(file)) throw new InputError('config file not found', { location: { file }, hint: `create it, or drop --config to use ${CONFIG_FILE} if present` });
    const value = parseJson(file);
    check('config.schema.json', value, file);
    const config = value as ConfigFile;
    return { config, file, baselinePath: resolve(dirname(file), config.baseline ?? BASELINE_FILE) };
  }
  const pkg = join(cwd, 'package.json');
  if (existsSync(pkg)) {
    const value = parseJson(pkg) as Record<string, unknown>;
    if (value !== null && typeof value === 'object' && PACKAGE_KEY in value) {
      check('config.schema.json', value[PACKAGE_KEY], pkg, PACKAGE_KEY);
      const config = value[PACKAGE_KEY] as ConfigFile;
      return { config, file: pkg, baselinePath: resolve(cwd, config.baseline ?? BASELINE_FILE) };
    }
  }
  return { config: {}, baselinePath: resolve(cwd, BASELINE_FILE) };
}

/** The baseline at `file`, or undefined when there is none. */
export function loadBaseline(file: string): Baseline | undefined {
  if (!existsSync(file)) return undefined;
  const value = parseJson(file);
  check('baseline.schema.json', value, file);
  const baseline = value as Baseline;
  baseline.suppressions.forEach((s, i) => {
    if (!isFindingKind(s.kind)) throw new InputError(`unknown finding kind "${s.kind}"`, { location: { file, field: `suppressions[${i}].kind` }, hint: 'the README lists every finding kind' });
  });
  return baseline;
}
