/**
 * A release's license text, so that a report says which license the audited data came under: the manifest's
 * `licenseFile` (a URL pinned to the data's revision and a sha256), fetched and verified like a release asset into
 * the same content-addressed cache; a local copy beside a release asset given to `datasets fetch --from`; or, for a
 * data file given with --data, a license file lying beside it (recorded as found, hashed). Nothing here writes to stdout.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { LicenseFileRecord } from '../model/types.generated.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readInputFile } from '../util/read-input.js';
import { resolveFetchOptions } from './fetch.js';
import type { FetchOptions } from './fetch-types.js';
import { hashFileIfPresent } from './local.js';
import type { DatasetManifest } from './manifest.generated.js';
import { fetchPinnedFile } from './release.js';

/** The name a license file beside a --data file has when no manifest names one (GitHub's and most releases'). */
export const DEFAULT_LICENSE_NAME = 'LICENSE';

/**
 * The manifest's license file on this machine (cached, else downloaded; a mismatch of its sha256 is a DownloadError),
 * as the report records it; undefined when the manifest pins none, or when --revision reads a hub dataset at another
 * revision than the one the license is pinned to (that revision's license is not known).
 */
export async function fetchLicenseFile(manifest: DatasetManifest, options: FetchOptions = {}): Promise<{ localPath: string; record: LicenseFileRecord } | undefined> {
  const pinned = manifest.licenseFile;
  if (pinned === undefined) return undefined;
  const source = manifest.source;
  if (options.revision !== undefined && source.type === 'hub' && options.revision !== source.revision) {
    options.log?.(`${manifest.id}: no license file recorded: ${pinned.name} is pinned to revision ${source.revision}, not ${options.revision}`);
    return undefined;
  }
  const version = source.type === 'hub' ? source.revision : source.type === 'url' ? source.version : 'packaged';
  const { localPath, bytes } = await fetchPinnedFile({ url: pinned.url, sha256: pinned.sha256, name: pinned.name, version }, resolveFetchOptions(options, manifest.id));
  return { localPath, record: { path: pinned.name, sha256: pinned.sha256, bytes, url: pinned.url } };
}

/**
 * `datasets fetch <id> --from FILE`: the manifest's license file beside FILE, checked against its sha256 and placed in
 * the cache. Beside FILE means a file of the license's name, else one named `<name>.<suffix>` whose sha256 is the
 * pinned one (a folder holding several releases' licenses, as LICENSE.humanevalplus). Returns the cache path, or
 * undefined when the manifest pins none or none lies beside FILE. A file of the license's very name with other bytes
 * is an InputError: it is the release's license text, and not the pinned one.
 */
export async function importLicenseBeside(manifest: DatasetManifest, file: string, cacheDir: string): Promise<string | undefined> {
  const pinned = manifest.licenseFile;
  if (pinned === undefined) return undefined;
  const dir = dirname(file);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return undefined;
  }
  const exact = names.includes(pinned.name) ? [pinned.name] : [];
  const suffixed = names.filter((n) => n.startsWith(`${pinned.name}.`));
  for (const name of [...exact, ...suffixed]) {
    const path = join(dir, name);
    const digest = await hashFileIfPresent(path);
    if (digest === undefined) continue;
    if (digest.sha256 === pinned.sha256) {
      const target = join(cacheDir, 'releases', pinned.sha256, pinned.name);
      writeFileAtomic(target, await readInputFile(path), { mkdir: true });
      return target;
    }
    if (name === pinned.name) {
      throw new InputError(`sha256 mismatch: expected ${pinned.sha256} (license file of manifest ${manifest.id}, ${pinned.url}), got ${digest.sha256}`, {
        hint: `${path} is not the license text the manifest pins: put the release's own ${pinned.name} beside ${basename(file)}, or remove it to download the pinned one`,
        location: { file: path },
      });
    }
  }
  return undefined;
}

/**
 * The license file beside a --data file, as found (path as given, sha256, size): `name` (the manifest's license name
 * when --id names a manifest with one) in the data file's folder. Undefined when there is none: the report then
 * records no license file, and the audit goes on.
 */
export async function licenseBeside(dataPath: string, name: string = DEFAULT_LICENSE_NAME): Promise<LicenseFileRecord | undefined> {
  const path = join(dirname(dataPath), name);
  const digest = await hashFileIfPresent(path);
  if (digest === undefined) return undefined;
  return { path, sha256: digest.sha256, bytes: digest.bytes };
}

