/**
 * `npm run fetch-test-data`: downloads the real benchmark release files the data-dependent tests use, verifies each
 * by sha256, and places them in bench-audit's cache (`<cache>/test-data`, cache = BENCH_AUDIT_CACHE, else
 * $XDG_CACHE_HOME/bench-audit or ~/.cache/bench-audit): `data/` in the layout of ../shared/data, `hub/` in that of
 * ../shared/hub. test/helpers/data.ts looks there after BENCH_AUDIT_DATA and ../shared/data.
 *
 * Downloads go through bench-audit's own fetchers: the hub benchmarks' manifests (verified against the hub's
 * sha256), the EvalPlus manifests (pinned sha256), and for files no manifest names, the release fetcher with the
 * sha256 pins below. HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE and BENCH_AUDIT_MIRROR are honoured as by `datasets fetch`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchAuditError } from '../src/errors.js';
import { defaultCacheDir, fetchSource, type FetchOptions } from '../src/datasets/fetch.js';
import { getManifest, type DatasetManifest } from '../src/datasets/manifest.js';
import type { Format, UrlSource } from '../src/datasets/manifest.generated.js';
import { assetName } from '../src/datasets/release.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';

/** A release file no manifest names, by its path in the data layout, its public URL and its sha256 pin. */
export interface TestDataFile {
  rel: string;
  url: string;
  sha256: string;
  format: Format;
}

/** What to fetch: hub benchmarks (into hub/), EvalPlus release benchmarks (into data/evalplus/), other files. */
export interface TestDataPlan {
  hub: DatasetManifest[];
  releases: DatasetManifest[];
  files: TestDataFile[];
}

const HUB_BENCHMARKS = ['humaneval', 'mbpp', 'mbpp-sanitized'];
const RELEASE_BENCHMARKS = ['humaneval-plus', 'mbpp-plus'];
const HUMANEVAL_X_LANGUAGES = ['python', 'cpp', 'java', 'js', 'go', 'rust'];
/** sha256 of the HumanEval-X files (THUDM/CodeGeeX, branch main), by language. */
const HUMANEVAL_X_SHA256: Record<string, string> = {
  python: '5752fb122efddb0e9b47c77907ae6ce9a15aac4dea14e44c46032c831e6b987a',
  cpp: 'dcf2e280a1e91bbc3c5f90edb41397e8a9ac1ccc9f5d2b70082f0b0fbfb6dbb0',
  java: '276f36db2eb7aeb864f36a19a2f4e1bb2460fb6e22ff100f0b5bedabe3799967',
  js: 'fe5d467f2c1a027b3f6f18d3729aca01f6458c1de2e2d1292a019c5aa9bed424',
  go: '09126ef64ac68f87296c5f3781186aedc5dec799b114d9df99d6de4a715a7830',
  rust: 'ae5cabbbfc8fe25244a608b04f09ac3b324c645ac969dfc033756c12f0f9924c',
};

/** The files of the data layout that no benchmark manifest names (the benchmarks' original homes). */
export const TEST_DATA_FILES: TestDataFile[] = [
  {
    rel: 'humaneval/HumanEval.jsonl.gz',
    url: 'https://raw.githubusercontent.com/openai/human-eval/master/data/HumanEval.jsonl.gz',
    sha256: 'b796127e635a67f93fb35c04f4cb03cf06f38c8072ee7cee8833d7bee06979ef',
    format: 'jsonl.gz',
  },
  {
    rel: 'mbpp/mbpp.jsonl',
    url: 'https://raw.githubusercontent.com/google-research/google-research/master/mbpp/mbpp.jsonl',
    sha256: '9bd7c7d6280b013f50faf92d647a6c456d8784b75a7dfa0e5d264a777b76d481',
    format: 'jsonl',
  },
  {
    rel: 'mbpp/sanitized-mbpp.json',
    url: 'https://raw.githubusercontent.com/google-research/google-research/master/mbpp/sanitized-mbpp.json',
    sha256: 'ca95deaa9a01ef0a6f439f88bcf0dd3db3563d22f22aad6cae04ebb9a8d8c8e9',
    format: 'json',
  },
  {
    rel: 'evalplus/HumanEvalPlus-Mini.jsonl.gz',
    url: 'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus-Mini.jsonl.gz',
    sha256: '91486741f1627101021fbe50523df08eebb5b0bf5e804b633dcd5ca3c14dbd2f',
    format: 'jsonl.gz',
  },
  ...HUMANEVAL_X_LANGUAGES.map((lang) => ({
    rel: `humaneval-x/humaneval_${lang}.jsonl.gz`,
    url: `https://raw.githubusercontent.com/THUDM/CodeGeeX/main/codegeex/benchmark/humaneval-x/${lang}/data/humaneval_${lang}.jsonl.gz`,
    sha256: HUMANEVAL_X_SHA256[lang] as string,
    format: 'jsonl.gz' as const,
  })),
];

/** Everything the data-dependent tests read. */
export function defaultPlan(): TestDataPlan {
  return { hub: HUB_BENCHMARKS.map((id) => getManifest(id)), releases: RELEASE_BENCHMARKS.map((id) => getManifest(id)), files: TEST_DATA_FILES };
}

/** Where `npm run fetch-test-data` puts the files (test/helpers/data.ts looks here). */
export function testDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultCacheDir(env), 'test-data');
}

/** One file placed in the layout: its path below the target folder and its verified sha256. */
export interface PlacedFile {
  path: string;
  sha256: string;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Copy a verified cache file into the layout (atomically), checking the bytes once more on the way. */
function place(target: string, rel: string, from: string, expected: string): PlacedFile {
  const bytes = readFileSync(from);
  const actual = sha256(bytes);
  if (actual !== expected) throw new Error(`${from} changed in the cache: sha256 ${actual}, expected ${expected}`);
  writeFileAtomic(join(target, ...rel.split('/')), bytes, { mkdir: true });
  return { path: rel, sha256: actual };
}

/** A url-source manifest for the plan's loose files, so the release fetcher downloads and verifies them. */
function looseFilesManifest(files: TestDataFile[]): DatasetManifest {
  const source = { type: 'url', version: 'test-data', files: files.map((f) => ({ url: f.url, format: f.format, sha256: f.sha256 })) } as UrlSource;
  return {
    id: 'test-data',
    title: 'bench-audit test data',
    description: 'The release files the data-dependent tests read.',
    homepage: 'https://github.com/bench-audit/bench-audit',
    license: 'various',
    adapter: 'humaneval',
    taskCount: 0,
    source,
  } as DatasetManifest;
}

/**
 * Download (or reuse from the caches) every file of the plan, verified, and place it below `target` in the
 * data/ and hub/ layouts. Throws bench-audit's DownloadError (message, hint, file) on a network or hash failure.
 */
export async function fetchTestData(target: string, plan: TestDataPlan, options: FetchOptions = {}): Promise<PlacedFile[]> {
  const placed: PlacedFile[] = [];
  for (const manifest of plan.hub) {
    const fetched = await fetchSource(manifest, options);
    const repo = manifest.source.type === 'hub' ? manifest.source.repo : manifest.id;
    for (const f of fetched.files) placed.push(place(target, `hub/datasets/${repo}/${f.record.path}`, f.localPath, f.record.sha256));
  }
  for (const manifest of plan.releases) {
    const fetched = await fetchSource(manifest, options);
    for (const f of fetched.files) placed.push(place(target, `data/evalplus/${f.record.path}`, f.localPath, f.record.sha256));
  }
  if (plan.files.length > 0) {
    const fetched = await fetchSource(looseFilesManifest(plan.files), options);
    fetched.files.forEach((f, i) => {
      const file = plan.files[i] as TestDataFile;
      if (assetName(file.url) !== f.record.path) throw new Error(`fetched ${f.record.path} for ${file.url}`);
      placed.push(place(target, `data/${file.rel}`, f.localPath, f.record.sha256));
    });
  }
  return placed;
}

async function main(): Promise<number> {
  const target = testDataDir();
  const log = (message: string): void => {
    process.stderr.write(`${message}\n`);
  };
  try {
    const placed = await fetchTestData(target, defaultPlan(), { log });
    for (const p of placed) process.stdout.write(`${p.sha256}  ${join(target, p.path)}\n`);
    process.stderr.write(`fetch-test-data: ${placed.length} files verified in ${target}; data tests find them there\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof BenchAuditError)) throw error;
    const file = error.location.file === undefined ? '' : ` (${error.location.file})`;
    process.stderr.write(`fetch-test-data: ${error.message}${file}\n`);
    if (error.hint !== undefined) process.stderr.write(`hint: ${error.hint}\n`);
    process.stderr.write(
      'hint: this needs network access to huggingface.co, github.com and raw.githubusercontent.com; without it, set BENCH_AUDIT_DATA (and BENCH_AUDIT_HUB) to folders in the layout of ../shared/data (../shared/hub); the data tests are skipped otherwise\n',
    );
    return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
