/** The benchmark registry: one JSON manifest per benchmark in the package's datasets/ folder. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { describeSchemaErrors, schemaValidator } from '../util/json-schema.js';
import { packageRoot } from '../util/package-root.js';
import type { DatasetManifest } from './manifest.generated.js';

export type { DatasetManifest } from './manifest.generated.js';

export function datasetsDir(): string {
  return join(packageRoot(), 'datasets');
}

/** Validate a parsed manifest against schemas/dataset-manifest.schema.json. */
export function validateManifest(value: unknown, file: string): DatasetManifest {
  const validate = schemaValidator('dataset-manifest.schema.json');
  if (!validate(value)) {
    throw new InputError(`invalid dataset manifest:\n  ${describeSchemaErrors(validate.errors).join('\n  ')}`, {
      hint: 'see schemas/dataset-manifest.schema.json',
      location: { file },
    });
  }
  const manifest = value as DatasetManifest;
  const pin = pinnedRevision(manifest);
  if (manifest.licenseFile !== undefined && pin !== undefined && !manifest.licenseFile.url.includes(pin)) {
    throw new InputError(`licenseFile.url is not pinned to the data's revision ${pin}: ${manifest.licenseFile.url}`, {
      hint: 'point the license URL at the same commit, tag or version as the data files, so the text cannot change under the pin',
      location: { file, field: 'licenseFile.url' },
    });
  }
  return manifest;
}

/** The revision a release's files are read at (a url source's version, a hub source's revision); none for packaged files. */
function pinnedRevision(manifest: DatasetManifest): string | undefined {
  const source = manifest.source;
  return source.type === 'url' ? source.version : source.type === 'hub' ? source.revision : undefined;
}

export function readManifestFile(file: string): DatasetManifest {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read manifest (${(error as Error).message})`, { location: { file }, cause: error });
  }
  return validateManifest(value, file);
}

/** Every manifest in datasets/, sorted by id. The file name must be `<id>.json`. */
export function listManifests(dir = datasetsDir()): DatasetManifest[] {
  const out: DatasetManifest[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const file = join(dir, name);
    const manifest = readManifestFile(file);
    if (`${manifest.id}.json` !== name) {
      throw new InputError(`manifest id "${manifest.id}" does not match its file name`, { location: { file, field: 'id' } });
    }
    out.push(manifest);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function getManifest(id: string, dir = datasetsDir()): DatasetManifest {
  const all = listManifests(dir);
  const found = all.find((m) => m.id === id);
  if (!found) {
    throw new UsageError(`unknown benchmark "${id}"`, {
      hint: `known benchmarks: ${all.map((m) => m.id).join(', ')}; or audit a local file with --data PATH`,
    });
  }
  return found;
}
