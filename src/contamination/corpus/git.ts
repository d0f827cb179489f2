/**
 * Git corpus at a revision, without a checkout: `git ls-tree -r -z --long <rev>` lists blobs (with sizes,
 * so oversized files are skipped before reading), `git cat-file --batch` streams the selected blobs
 * through one long-lived process. Document id: `<rev>:<path>`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { isBinary } from './directory.js';
import { makePathFilter } from './glob.js';
import type { CorpusDocument } from './types.js';
import type { CorpusSink, CorpusSpec, UnitSelector } from './types.js';

interface Blob {
  sha: string;
  size: number;
  path: string;
}

async function lsTree(repo: string, revision: string): Promise<{ ok: true; blobs: Blob[] } | { ok: false; reason: string }> {
  const child = spawn('git', ['-C', repo, 'ls-tree', '-r', '-z', '--long', '--full-tree', revision], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.on('data', (d: Buffer) => err.push(d));
  const spawnError = once(child, 'error').then(([e]) => e as Error);
  const [code] = (await Promise.race([once(child, 'close'), spawnError.then((e) => [e])])) as [number | Error];
  if (code instanceof Error) return { ok: false, reason: `cannot run git (${code.message})` };
  if (code !== 0) return { ok: false, reason: Buffer.concat(err).toString('utf8').trim() || `git ls-tree exited with ${code}` };
  const blobs: Blob[] = [];
  for (const entry of Buffer.concat(out).toString('utf8').split('\0')) {
    if (entry === '') continue;
    const tab = entry.indexOf('\t');
    const [, type, sha, size] = entry.slice(0, tab).split(/\s+/);
    if (type !== 'blob') continue;
    blobs.push({ sha, size: Number(size), path: entry.slice(tab + 1) });
  }
  blobs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ok: true, blobs };
}

/** Buffered reader over a child's stdout: read exact byte counts and header lines. */
class ByteReader {
  private chunks: Buffer[] = [];
  private available = 0;
  private waiters: (() => void)[] = [];
  private ended = false;

  constructor(stream: NodeJS.ReadableStream) {
    stream.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.available += d.length;
      this.wake();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async need(n: number): Promise<boolean> {
    while (this.available < n) {
      if (this.ended) return false;
      await new Promise<void>((r) => this.waiters.push(r));
    }
    return true;
  }

  async read(n: number): Promise<Buffer | null> {
    if (!(await this.need(n))) return null;
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.available = rest.length;
    return out;
  }

  async readLine(): Promise<string | null> {
    for (;;) {
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = all.length > 0 ? [all] : [];
      const nl = all.indexOf(0x0a);
      if (nl >= 0) {
        const line = all.subarray(0, nl).toString('utf8');
        const rest = all.subarray(nl + 1);
        this.chunks = rest.length > 0 ? [rest] : [];
        this.available = rest.length;
        return line;
      }
      if (this.ended) return null;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
}

export async function* readGitRepository(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector): AsyncGenerator<CorpusDocument> {
  const revision = spec.revision || 'HEAD';
  const listed = await lsTree(spec.location, revision);
  if (!listed.ok) {
    sink.warn('corpus-unreadable', `git repository ${spec.location} at ${revision}: ${listed.reason}`);
    return;
  }
  const filter = makePathFilter(spec.include, spec.exclude);
  const wanted: Blob[] = [];
  for (const blob of listed.blobs) {
    if (!filter(blob.path) || !select(blob.path)) continue;
    if (blob.size > spec.maxFileBytes) {
      sink.skip('oversized');
      sink.warn('corpus-oversized', `${revision}:${blob.path}: ${blob.size} bytes, over the ${spec.maxFileBytes}-byte limit; skipped`);
      continue;
    }
    wanted.push(blob);
  }
  if (wanted.length === 0) return;
  const child = spawn('git', ['-C', spec.location, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const reader = new ByteReader(child.stdout);
  // Feed requests in the background; git answers in order.
  const feeding = (async () => {
    for (const blob of wanted) {
      if (!child.stdin.write(`${blob.sha}\n`)) await once(child.stdin, 'drain');
    }
    child.stdin.end();
  })().catch(() => undefined);
  try {
    for (const blob of wanted) {
      const header = await reader.readLine();
      if (header === null) {
        sink.warn('corpus-unreadable', `git cat-file ended early at ${blob.path}`);
        break;
      }
      const [, type, size] = header.split(' ');
      if (type === 'missing' || size === undefined) {
        sink.skip('unreadable');
        sink.warn('corpus-unreadable', `${revision}:${blob.path}: object missing; skipped`);
        continue;
      }
      const bytes = await reader.read(Number(size));
      await reader.read(1); // trailing newline
      if (bytes === null) break;
      if (isBinary(bytes)) {
        sink.skip('binary');
        continue;
      }
      yield { id: `${revision}:${blob.path}`, path: blob.path, bytes };
    }
  } finally {
    child.stdin.destroy();
    child.kill();
    await feeding;
  }
}
