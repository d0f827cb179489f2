import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';

/** The package version, read once from package.json. */
export const TOOL_VERSION: string = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
export const TOOL_NAME = 'bench-audit';
/** Must equal the `schemaVersion` const in schemas/audit.schema.json (a test checks it). */
export const SCHEMA_VERSION = '1.0.0';
