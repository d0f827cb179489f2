/**
 * A test double of the Hugging Face hub (and of GitHub release downloads) on 127.0.0.1.
 *
 * Serves `<hubDir>/datasets/<owner>/<name>/<path>` (default: the committed fixtures, test/fixtures/hub) with the
 * URL layout @huggingface/hub 2.x uses:
 *   GET  /api/datasets/<owner>/<name>/revision/<rev>        dataset info incl. `sha` (a fixed fake commit)
 *   GET  /api/datasets/<owner>/<name>/tree/<rev>[/<dir>]    file listing, paged with `Link: <...>; rel="next"`
 *   POST /api/datasets/<owner>/<name>/paths-info/<rev>      per path: oid, size, lfs { oid = sha256, size }
 *   GET  /datasets/<owner>/<name>/resolve/<rev>/<path>      bytes; `Range` -> 206 + Content-Range; ETag
 *   HEAD /datasets/<owner>/<name>/raw/<rev>/<path>          existence (GET raw of an LFS file is its pointer)
 * and GitHub release assets from `<releasesDir>` (default test/fixtures/data/evalplus):
 *   GET  /<owner>/<repo>/releases/download/<tag>/<asset>    302 -> /release-assets/<tag>/<asset> (as GitHub does)
 *
 * Failure knobs: `notFound` / `corrupt` (paths, asset or file names), `requireToken`, `noLfs`, `pageSize`.
 * `requests` records every request, for cache-hit assertions.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureData, fixtureHub } from './data.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The commit every branch of every repo in the double points at (fake, but a valid 40-hex sha). */
export const FAKE_COMMIT = 'b1e55ed0c0ffee00ba5eba11deadbeef00c0ffee';

export interface HubServerOptions {
  /** Folder with datasets/<owner>/<name>/... (default the fixtures, test/fixtures/hub; hubRoot() for the real files). */
  hubDir?: string;
  /** Folder with release assets by file name (default test/fixtures/data/evalplus). */
  releasesDir?: string;
  /** Any other URL path (e.g. "/openai/human-eval/raw/master/data/HumanEval.jsonl.gz") -> local file to serve. */
  files?: Record<string, string>;
  /** The commit sha the branches resolve to (default FAKE_COMMIT). */
  commit?: string;
  /** Branch/tag names -> commit (default { main: commit }). A 40-hex revision is accepted when it is one of the values. */
  revisions?: Record<string, string>;
  /** Repo paths or asset names that answer 404 (EntryNotFound), and are left out of paths-info and tree. */
  notFound?: string[];
  /** Repo paths or asset names whose served bytes are corrupted (one byte flipped); advertised hashes stay the real ones. */
  corrupt?: string[];
  /** Repo paths served as plain git files (no `lfs` in paths-info; ETag = git blob id). */
  noLfs?: string[];
  /** When set, hub requests without `Authorization: Bearer <token>` get 401. */
  requireToken?: string;
  /** Entries per tree page (default 1000, as the hub). */
  pageSize?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  range?: string;
  authorization?: string;
}

export interface HubServer {
  /** http://127.0.0.1:<port>, no trailing slash. Use as HF_ENDPOINT / hubUrl. */
  url: string;
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

interface FileFacts {
  bytes: Buffer;
  sha256: string;
  gitOid: string;
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function hubError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: message }, { 'X-Error-Code': code, 'X-Error-Message': message });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listFilesRecursive(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    if (statSync(full).isDirectory()) out.push(...listFilesRecursive(full, rel));
    else out.push(rel);
  }
  return out;
}

export async function startHubServer(options: HubServerOptions = {}): Promise<HubServer> {
  const hubDir = options.hubDir ?? fixtureHub;
  const releasesDir = options.releasesDir ?? join(fixtureData, 'evalplus');
  const files = options.files ?? {};
  const commit = options.commit ?? FAKE_COMMIT;
  const revisions = options.revisions ?? { main: commit };
  const notFound = new Set(options.notFound ?? []);
  const corrupt = new Set(options.corrupt ?? []);
  const noLfs = new Set(options.noLfs ?? []);
  const pageSize = options.pageSize ?? 1000;
  const requests: RecordedRequest[] = [];
  const facts = new Map<string, FileFacts>();

  function fileFacts(full: string): FileFacts {
    let f = facts.get(full);
    if (!f) {
      const bytes = readFileSync(full);
      f = {
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        gitOid: createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex'),
      };
      facts.set(full, f);
    }
    return f;
  }

  /** Bytes as served: corrupted (first byte flipped) when asked to. */
  function served(key: string, f: FileFacts): Buffer {
    if (!corrupt.has(key)) return f.bytes;
    const copy = Buffer.from(f.bytes);
    copy[0] = (copy[0] ?? 0) ^ 0xff;
    return copy;
  }

  function resolveRevision(rev: string): string | undefined {
    if (Object.hasOwn(revisions, rev)) return revisions[rev];
    return Object.values(revisions).includes(rev) ? rev : undefined;
  }

  /** The repo file at `path`, or undefined when absent or forced to 404. */
  function repoFile(repoDir: string, path: string): string | undefined {
    if (notFound.has(path) || path.split('/').includes('..')) return undefined;
    const full = join(repoDir, ...path.split('/'));
    return existsSync(full) && statSync(full).isFile() ? full : undefined;
  }

  function entry(repoDir: string, path: string, expand: boolean): Record<string, unknown> {
    const f = fileFacts(join(repoDir, ...path.split('/')));
    return {
      type: 'file',
      path,
      oid: f.gitOid,
      size: f.bytes.byteLength,
      ...(noLfs.has(path) ? {} : { lfs: { oid: f.sha256, size: f.bytes.byteLength, pointerSize: 134 } }),
      ...(expand ? { lastCommit: { id: commit, title: 'Upload dataset', date: '2024-01-01T00:00:00.000Z' }, securityFileStatus: { status: 'safe' } } : {}),
    };
  }

  function serveBytes(req: IncomingMessage, res: ServerResponse, body: Buffer, etag: string, extra: Record<string, string>): void {
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream', ETag: `"${etag}"`, 'Accept-Ranges': 'bytes', ...extra };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = Math.min(range[2] === '' ? body.byteLength - 1 : Number(range[2]), body.byteLength - 1);
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${body.byteLength}` });
        res.end();
        return;
      }
      const part = body.subarray(start, end + 1);
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${body.byteLength}`, 'Content-Length': part.byteLength });
      res.end(req.method === 'HEAD' ? undefined : part);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': body.byteLength });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
    const method = req.method ?? 'GET';

    // Plain files by URL path.
    if (Object.hasOwn(files, url.pathname)) {
      const full = files[url.pathname] as string;
      const name = url.pathname.split('/').pop() ?? '';
      if (notFound.has(name) || !existsSync(full)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not Found');
        return;
      }
      const f = fileFacts(full);
      serveBytes(req, res, served(name, f), f.sha256, {});
      return;
    }

    // GitHub release assets.
    const rel = segments.indexOf('releases');
    if (rel === 2 && segments[3] === 'download' && segments.length === 6) {
      const [tag, asset] = [segments[4] as string, segments[5] as string];
      res.writeHead(302, { Location: `/release-assets/${encodeURIComponent(tag)}/${encodeURIComponent(asset)}` });
      res.end();
      return;
    }
    if (segments[0] === 'release-assets' && segments.length === 3) {
      const asset = segments[2] as string;
      const full = join(releasesDir, asset);
      if (notFound.has(asset) || asset.includes('/') || !existsSync(full)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('Not Found');
        return;
      }
      const f = fileFacts(full);
      serveBytes(req, res, served(asset, f), f.sha256, {});
      return;
    }

    // Hub.
    if (options.requireToken !== undefined && req.headers.authorization !== `Bearer ${options.requireToken}`) {
      hubError(res, 401, 'RepoNotFound', 'Invalid credentials in Authorization header');
      return;
    }
    const api = segments[0] === 'api';
    const base = api ? segments.slice(1) : segments;
    if (base[0] !== 'datasets' || base.length < 5) {
      hubError(res, 404, 'NotFound', 'Not Found');
      return;
    }
    const [owner, name, action, rev] = [base[1] as string, base[2] as string, base[3] as string, base[4] as string];
    const rest = base.slice(5).join('/');
    const repoDir = join(hubDir, 'datasets', owner, name);
    if (!existsSync(repoDir)) {
      hubError(res, 404, 'RepoNotFound', 'Repository not found');
      return;
    }
    const sha = resolveRevision(rev);
    if (sha === undefined) {
      hubError(res, 404, 'RevisionNotFound', `Invalid rev id: ${rev}`);
      return;
    }
    const repoHeaders = { 'X-Repo-Commit': sha };

    if (api && action === 'revision' && method === 'GET' && rest === '') {
      const files = listFilesRecursive(repoDir).filter((p) => !notFound.has(p));
      sendJson(res, 200, {
        _id: createHash('sha1').update(`${owner}/${name}`).digest('hex').slice(0, 24),
        id: `${owner}/${name}`,
        author: owner,
        sha,
        private: false,
        gated: false,
        disabled: false,
        downloads: 0,
        likes: 0,
        lastModified: '2024-01-01T00:00:00.000Z',
        tags: [],
        siblings: files.map((rfilename) => ({ rfilename })),
      });
      return;
    }
    if (api && action === 'tree' && method === 'GET') {
      const recursive = url.searchParams.get('recursive') === 'true';
      const expand = url.searchParams.get('expand') === 'true';
      const dir = rest;
      const all = listFilesRecursive(repoDir).filter((p) => !notFound.has(p) && (dir === '' || p.startsWith(`${dir}/`)));
      const items: Record<string, unknown>[] = [];
      const seenDirs = new Set<string>();
      for (const p of all) {
        const sub = dir === '' ? p : p.slice(dir.length + 1);
        const parts = sub.split('/');
        if (!recursive && parts.length > 1) {
          const d = dir === '' ? parts[0] : `${dir}/${parts[0]}`;
          if (!seenDirs.has(d as string)) {
            seenDirs.add(d as string);
            items.push({ type: 'directory', path: d, oid: createHash('sha1').update(d as string).digest('hex'), size: 0 });
          }
          continue;
        }
        if (recursive) {
          for (let i = 1; i < parts.length; i++) {
            const d = [dir, ...parts.slice(0, i)].filter((s) => s !== '').join('/');
            if (!seenDirs.has(d)) {
              seenDirs.add(d);
              items.push({ type: 'directory', path: d, oid: createHash('sha1').update(d).digest('hex'), size: 0 });
            }
          }
        }
        items.push(entry(repoDir, p, expand));
      }
      const start = Number(url.searchParams.get('cursor') ?? '0');
      const page = items.slice(start, start + pageSize);
      const headers: Record<string, string> = { ...repoHeaders };
      if (start + pageSize < items.length) {
        const next = new URL(`${url.pathname}${url.search}`, `http://${req.headers.host}`);
        next.searchParams.set('cursor', String(start + pageSize));
        headers.Link = `<${next.href}>; rel="next"`;
      }
      sendJson(res, 200, page, headers);
      return;
    }
    if (api && action === 'paths-info' && method === 'POST') {
      const text = await readBody(req);
      let paths: string[] = [];
      let expand = false;
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        const parsed = JSON.parse(text) as { paths?: string[]; expand?: boolean };
        paths = parsed.paths ?? [];
        expand = parsed.expand === true;
      } else {
        const form = new URLSearchParams(text);
        paths = form.getAll('paths');
        expand = form.get('expand') === 'true';
      }
      const found = paths.filter((p) => repoFile(repoDir, p) !== undefined);
      sendJson(res, 200, found.map((p) => entry(repoDir, p, expand)), repoHeaders);
      return;
    }
    if (!api && (action === 'resolve' || action === 'raw') && (method === 'GET' || method === 'HEAD')) {
      const full = repoFile(repoDir, rest);
      if (full === undefined) {
        hubError(res, 404, 'EntryNotFound', `${rest} does not exist on "${rev}"`);
        return;
      }
      const f = fileFacts(full);
      const lfs = !noLfs.has(rest);
      if (action === 'raw' && lfs) {
        const pointer = Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${f.sha256}\nsize ${f.bytes.byteLength}\n`);
        serveBytes(req, res, pointer, createHash('sha1').update(`blob ${pointer.byteLength}\0`).update(pointer).digest('hex'), repoHeaders);
        return;
      }
      serveBytes(req, res, served(rest, f), lfs ? f.sha256 : f.gitOid, {
        ...repoHeaders,
        ...(lfs ? { 'X-Linked-Etag': `"${f.sha256}"`, 'X-Linked-Size': String(f.bytes.byteLength) } : {}),
      });
      return;
    }
    hubError(res, 404, 'NotFound', `no route for ${method} ${url.pathname}`);
  }

  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      ...(req.headers.range === undefined ? {} : { range: req.headers.range }),
      ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }),
    });
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
