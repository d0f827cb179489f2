/**
 * Hugging Face hub sources, downloaded with @huggingface/hub into the standard HF cache layout:
 *
 *   <cache>/datasets--<owner>--<name>/blobs/<etag>                       the bytes (etag = LFS sha256, else git oid)
 *   <cache>/datasets--<owner>--<name>/snapshots/<commit>/<path>          relative symlink to the blob
 *   <cache>/datasets--<owner>--<name>/refs/<revision>                    the commit sha the revision resolved to
 *
 * The library's downloadFileToCacheDir is not used: it prints to stdout (console.debug), does not
 * write refs/, names the snapshot after the file's last commit rather than the repo's, and places
 * the blob before anything checks its hash. This module uses the library's datasetInfo, pathsInfo
 * and downloadFile (the same requests) and places each blob only after its sha256 is verified
 * against the hub's LFS oid (or git oid) and the manifest.
 */
import { copyFile, mkdir, readFile, readlink, realpath, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { datasetInfo, downloadFile, HubApiError, pathsInfo, type PathInfo } from '@huggingface/hub';
import { DownloadError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { FetchedFile, FetchedSource } from './fetch-types.js';
import { cacheWriteError, hashFileIfPresent, hashMismatch, tempSibling, writeStreamVerified, type FileDigest } from './local.js';
import type { HubSource } from './manifest.generated.js';
import { metered, networkFailure, type DownloadSettings } from './release.js';

/** A git commit sha: 40 lowercase hex digits. A revision of this form needs no resolving. */
export const COMMIT_SHA = /^[0-9a-f]{40}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

type HubFile = HubSource['files'][number];

/** `<cache>/datasets--owner--name`, the folder huggingface_hub and @huggingface/hub use for a dataset repo. */
export function hubRepoCacheDir(hubCacheDir: string, repo: string): string {
  return join(hubCacheDir, ['datasets', ...repo.split('/')].join('--'));
}

/** Where a file of a commit lives in the cache. */
export function hubSnapshotPath(hubCacheDir: string, repo: string, commit: string, path: string): string {
  return join(hubRepoCacheDir(hubCacheDir, repo), 'snapshots', commit, ...path.split('/'));
}

interface HubContext {
  repo: string;
  revision: string;
  settings: DownloadSettings;
}

function onlineHint(settings: DownloadSettings): string {
  return `check the network and HF_ENDPOINT (now ${settings.hubUrl}); with a cached copy, HF_HUB_OFFLINE=1 works without the hub`;
}

/** Turn what @huggingface/hub throws into a DownloadError naming endpoint, repo, revision and path. */
function hubError(error: unknown, ctx: HubContext, path?: string): Error {
  if (error instanceof DownloadError) return error;
  const { repo, revision, settings } = ctx;
  const location = path === undefined ? { field: 'source.repo' } : { file: path };
  const network = networkFailure(error, `the hub at ${settings.hubUrl}`, onlineHint(settings), path);
  if (network) return network;
  if (error instanceof HubApiError) {
    const status = error.statusCode;
    const what = path === undefined ? `dataset ${repo} at revision ${revision}` : `${path} in dataset ${repo} at revision ${revision}`;
    const detail = firstSentence(error.message);
    if (status === 404) {
      return new DownloadError(`not found on the hub (HTTP 404): ${what}${detail ? ` (${detail})` : ''}`, {
        hint:
          path === undefined
            ? 'check the repo and revision in the manifest or --revision; a gated or private repo can also answer 404 without HF_TOKEN'
            : 'check the file path in the manifest; the file may not exist at this revision',
        location,
        cause: error,
      });
    }
    if (status === 401 || status === 403) {
      return new DownloadError(`access denied by the hub (HTTP ${status}): ${what}${detail ? ` (${detail})` : ''}`, {
        hint: settings.token
          ? 'HF_TOKEN was sent but refused: check it is valid and that you accepted the dataset\'s terms on the hub'
          : 'set HF_TOKEN to a hub access token (hf_...) that can read this dataset',
        location,
        cause: error,
      });
    }
    return new DownloadError(`the hub answered HTTP ${status} for ${what}${detail ? ` (${detail})` : ''}`, {
      hint: status === 429 || status >= 500 ? `retry later; ${onlineHint(settings)}` : onlineHint(settings),
      location,
      cause: error,
    });
  }
  return new DownloadError(`downloading from the hub failed for ${repo}${path === undefined ? '' : ` ${path}`}: ${(error as Error)?.message ?? String(error)}`, {
    hint: onlineHint(settings),
    location,
    cause: error,
  });
}

/** HubApiError messages end with ". URL: ... Request ID: ..."; keep the part before. */
function firstSentence(message: string): string {
  return message.split('. URL:')[0]?.trim() ?? '';
}

function credentials(settings: DownloadSettings): { accessToken?: string } {
  if (settings.token === undefined || settings.token === '') return {};
  if (!settings.token.startsWith('hf_')) {
    throw new DownloadError('HF_TOKEN does not look like a hub access token (it must start with "hf_")', {
      hint: 'create a read token at https://huggingface.co/settings/tokens and set HF_TOKEN to it, or unset HF_TOKEN',
      location: { field: 'HF_TOKEN' },
    });
  }
  return { accessToken: settings.token };
}

/** The commit sha a revision points at, asked from the hub (GET /api/datasets/<repo>/revision/<rev>). */
async function resolveCommit(ctx: HubContext): Promise<string> {
  const { repo, revision, settings } = ctx;
  let sha: unknown;
  try {
    const info = await datasetInfo({
      name: repo,
      revision,
      hubUrl: settings.hubUrl,
      fetch: settings.fetch,
      additionalFields: ['sha'],
      ...credentials(settings),
    });
    sha = info.sha;
  } catch (error) {
    throw hubError(error, ctx);
  }
  if (typeof sha !== 'string' || !COMMIT_SHA.test(sha)) {
    throw new DownloadError(`the hub did not return a commit sha for ${repo} at revision ${revision} (got ${JSON.stringify(sha)})`, {
      hint: `is HF_ENDPOINT (${settings.hubUrl}) a Hugging Face hub?`,
      location: { field: 'source.revision' },
    });
  }
  return sha;
}

function refPath(storage: string, revision: string): string {
  return join(storage, 'refs', ...revision.split('/'));
}

async function readRef(storage: string, revision: string): Promise<string | undefined> {
  try {
    const sha = (await readFile(refPath(storage, revision), 'utf8')).trim();
    return COMMIT_SHA.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

function offlineMissing(what: string, ctx: HubContext, file?: string): DownloadError {
  return new DownloadError(`offline mode (HF_HUB_OFFLINE) and ${what} is not in the hub cache (${ctx.settings.hubCacheDir})`, {
    hint: `run \`bench-audit datasets fetch ${ctx.settings.datasetId}\` once while online (unset HF_HUB_OFFLINE), or point HF_HUB_CACHE at the cache that holds it`,
    location: file === undefined ? { field: 'source.revision' } : { file },
  });
}

/** A cached snapshot file and whether it is intact: its sha256 must match the blob's name (when that is an LFS sha256) and the manifest. */
async function inspectCached(snapshot: string, file: HubFile): Promise<{ digest: FileDigest; problem?: string } | undefined> {
  const digest = await hashFileIfPresent(snapshot);
  if (!digest) return undefined;
  const blobName = basename(await realpath(snapshot));
  if (SHA256_HEX.test(blobName) && blobName !== digest.sha256) {
    return { digest, problem: `cached blob ${blobName} has sha256 ${digest.sha256}` };
  }
  if (file.sha256 !== undefined && file.sha256 !== digest.sha256) {
    return { digest, problem: `cached copy has sha256 ${digest.sha256}, the manifest expects ${file.sha256}` };
  }
  return { digest };
}

/** Point `snapshot` at `blob` with a relative symlink (a copy where symlinks are not allowed), replacing atomically. */
async function linkSnapshot(blob: string, snapshot: string, settings: DownloadSettings): Promise<void> {
  const tmp = tempSibling(snapshot, 'link');
  try {
    await mkdir(dirname(snapshot), { recursive: true });
    try {
      await symlink(relative(dirname(snapshot), blob), tmp);
    } catch {
      settings.log(`symlinks not supported in ${dirname(snapshot)}: copying the blob`);
      await copyFile(blob, tmp);
    }
    await rename(tmp, snapshot);
  } catch (error) {
    await rm(tmp, { force: true });
    throw cacheWriteError(snapshot, error);
  }
}

/** Remove a corrupt cache entry: the snapshot link and, when it is one, the blob it points at. */
async function removeCached(snapshot: string): Promise<void> {
  try {
    const target = await readlink(snapshot);
    await rm(join(dirname(snapshot), target), { force: true });
  } catch {
    // not a symlink (a copied file) or already gone
  }
  await rm(snapshot, { force: true });
}

/** Check a downloaded (or found) blob against every hash we know; throws the first mismatch. */
function verifyBlob(digest: FileDigest, file: HubFile, info: PathInfo, ctx: HubContext): void {
  const lfsOid = info.lfs?.oid;
  if (lfsOid !== undefined && SHA256_HEX.test(lfsOid) && digest.sha256 !== lfsOid) {
    throw hashMismatch(file.path, lfsOid, digest.sha256, `LFS oid advertised by the hub for ${ctx.repo}`);
  }
  if (lfsOid === undefined && info.oid !== undefined && digest.gitOid !== undefined && digest.gitOid !== info.oid) {
    throw new DownloadError(`git blob id mismatch: expected ${info.oid} (advertised by the hub for ${ctx.repo}), got ${digest.gitOid}`, {
      hint: 'the download was corrupted; retry',
      location: { file: file.path },
    });
  }
  if (file.sha256 !== undefined && digest.sha256 !== file.sha256) {
    throw hashMismatch(file.path, file.sha256, digest.sha256, `manifest ${ctx.settings.datasetId}`, 'the hub file differs from the one the manifest pins: pin the matching --revision, or update the manifest');
  }
  const size = info.lfs?.size ?? info.size;
  if (typeof size === 'number' && digest.bytes !== size) {
    throw new DownloadError(`size mismatch: the hub advertised ${size} bytes, got ${digest.bytes}`, {
      hint: 'the download was truncated or corrupted; retry',
      location: { file: file.path },
    });
  }
}

/** Download one file of a commit into blobs/, verified, then link it from the snapshot. */
async function downloadToCache(file: HubFile, info: PathInfo, commit: string, ctx: HubContext): Promise<FileDigest> {
  const { repo, settings } = ctx;
  const storage = hubRepoCacheDir(settings.hubCacheDir, repo);
  const etag = info.lfs?.oid ?? info.oid ?? info.xetHash;
  if (etag === undefined || !/^[0-9a-zA-Z_-]+$/.test(etag)) {
    throw new DownloadError(`the hub gave no usable id (LFS oid / git oid) for ${file.path}`, {
      hint: `is HF_ENDPOINT (${settings.hubUrl}) a Hugging Face hub?`,
      location: { file: file.path },
    });
  }
  const blob = join(storage, 'blobs', etag);
  const snapshot = hubSnapshotPath(settings.hubCacheDir, repo, commit, file.path);
  const gitBlobSize = info.lfs === undefined && info.oid !== undefined ? info.size : undefined;

  // Another revision (or an interrupted earlier run) may already have brought this blob.
  const existing = await hashFileIfPresent(blob, gitBlobSize === undefined ? {} : { gitBlobSize });
  if (existing) {
    let intact = true;
    try {
      verifyBlob(existing, file, info, ctx);
    } catch (error) {
      intact = false;
      settings.log(`cached blob for ${file.path} is not intact (${(error as Error).message}): downloading again`);
      await rm(blob, { force: true });
    }
    if (intact) {
      await linkSnapshot(blob, snapshot, settings);
      return existing;
    }
  }

  settings.log(`downloading ${repo}/${file.path} @ ${commit.slice(0, 12)} from ${settings.hubUrl}`);
  let digest: FileDigest;
  try {
    const content = await downloadFile({
      repo: { type: 'dataset', name: repo },
      path: file.path,
      revision: commit,
      hubUrl: settings.hubUrl,
      fetch: settings.fetch,
      ...credentials(settings),
    });
    if (content === null) {
      throw new HubApiError(`${settings.hubUrl}/datasets/${repo}/resolve/${commit}/${file.path}`, 404, undefined, 'Entry not found');
    }
    const total = info.lfs?.size ?? info.size;
    digest = await writeStreamVerified(metered(content.stream(), `downloading ${file.path}`, total, settings.downloadProgress), blob, (d) => verifyBlob(d, file, info, ctx), gitBlobSize === undefined ? {} : { gitBlobSize });
  } catch (error) {
    throw hubError(error, ctx, file.path);
  }
  await linkSnapshot(blob, snapshot, settings);
  return digest;
}

/**
 * Fetch the manifest's files of a hub dataset at `settings.revision ?? source.revision`: resolve
 * the revision to a commit, reuse intact cached copies, download the rest. Offline, only the cache
 * is read (refs/<revision> -> commit -> snapshot file); nothing touches the network.
 */
export async function fetchHubSource(source: HubSource, settings: DownloadSettings): Promise<FetchedSource> {
  const revision = settings.revision ?? source.revision;
  const ctx: HubContext = { repo: source.repo, revision, settings };
  const storage = hubRepoCacheDir(settings.hubCacheDir, source.repo);

  let commit: string;
  if (COMMIT_SHA.test(revision)) {
    commit = revision;
  } else if (settings.offline) {
    const ref = await readRef(storage, revision);
    if (ref === undefined) throw offlineMissing(`revision "${revision}" of dataset ${source.repo}`, ctx);
    commit = ref;
  } else {
    commit = await resolveCommit(ctx);
    try {
      writeFileAtomic(refPath(storage, revision), commit, { mkdir: true });
    } catch (error) {
      throw cacheWriteError(refPath(storage, revision), error);
    }
  }

  const digests = new Map<string, FileDigest>();
  const missing: HubFile[] = [];
  for (const file of source.files) {
    const snapshot = hubSnapshotPath(settings.hubCacheDir, source.repo, commit, file.path);
    const cached = await inspectCached(snapshot, file);
    if (cached !== undefined && cached.problem === undefined) {
      digests.set(file.path, cached.digest);
      continue;
    }
    if (settings.offline) {
      if (cached?.problem !== undefined) {
        throw new DownloadError(`offline mode (HF_HUB_OFFLINE) and the cached copy of ${file.path} is corrupt: ${cached.problem}`, {
          hint: `run \`bench-audit datasets fetch ${settings.datasetId}\` online to download it again`,
          location: { file: file.path },
        });
      }
      throw offlineMissing(`${file.path} of dataset ${source.repo} at revision ${revision} (commit ${commit})`, ctx, file.path);
    }
    if (cached?.problem !== undefined) {
      settings.log(`${file.path}: ${cached.problem}; downloading again`);
      await removeCached(snapshot);
    }
    missing.push(file);
  }

  if (missing.length > 0) {
    let infos: PathInfo[];
    try {
      infos = await pathsInfo({
        repo: { type: 'dataset', name: source.repo },
        paths: missing.map((f) => f.path),
        revision: commit,
        hubUrl: settings.hubUrl,
        fetch: settings.fetch,
        ...credentials(settings),
      });
    } catch (error) {
      throw hubError(error, ctx);
    }
    const byPath = new Map(infos.map((info) => [info.path, info]));
    for (const file of missing) {
      const info = byPath.get(file.path);
      if (info === undefined || info.type !== 'file') {
        throw new DownloadError(`not found on the hub (HTTP 404): ${file.path} in dataset ${source.repo} at revision ${revision} (commit ${commit})`, {
          hint: 'check the file path in the manifest; the file may not exist at this revision',
          location: { file: file.path },
        });
      }
      digests.set(file.path, await downloadToCache(file, info, commit, ctx));
    }
  }

  const files: FetchedFile[] = source.files.map((file) => {
    const digest = digests.get(file.path) as FileDigest; // every file was either cached or downloaded above
    return {
      localPath: hubSnapshotPath(settings.hubCacheDir, source.repo, commit, file.path),
      format: file.format,
      record: { path: file.path, sha256: digest.sha256, bytes: digest.bytes, ...(file.split === undefined ? {} : { split: file.split }) },
    };
  });
  return {
    provenance: { type: 'hub', repo: source.repo, ...(source.config === undefined ? {} : { config: source.config }), revision, commit },
    files,
  };
}
