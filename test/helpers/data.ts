import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { testDataDir } from '../../scripts/fetch-test-data.js';
import { repoRoot } from './paths.js';

/** The command that downloads and verifies the real release files into the project's cache. */
export const FETCH_TEST_DATA = 'npm run fetch-test-data';

/**
 * Where `npm run fetch-test-data` keeps the release files: `data/` in the layout of ../shared/data, `hub/` in that of
 * ../shared/hub; inside bench-audit's own cache (BENCH_AUDIT_CACHE, else $XDG_CACHE_HOME or ~/.cache, /bench-audit).
 */
export const testDataCache = testDataDir();

/** Small copies of the release files committed with the tests (test/fixtures/README.md), same layout as dataRoot. */
export const fixtureData = join(repoRoot, 'test', 'fixtures', 'data');
/** The fixtures in the hub's layout (datasets/<owner>/<name>/<path>), as hubRoot. */
export const fixtureHub = join(repoRoot, 'test', 'fixtures', 'hub');

/** A committed fixture file by its path inside test/fixtures/data (e.g. 'humaneval/HumanEval.jsonl.gz'). */
export function fixtureFile(rel: string): string {
  const path = join(fixtureData, rel);
  if (!existsSync(path)) throw new Error(`no fixture ${path}; see test/fixtures/README.md`);
  return path;
}

function firstExisting(candidates: (string | undefined)[]): string | undefined {
  for (const c of candidates) if (c !== undefined && c !== '' && existsSync(c)) return resolve(c);
  return undefined;
}

/**
 * The folder holding the real benchmark release files, in the layout of ../shared/data:
 * BENCH_AUDIT_DATA, then ../shared/data beside the checkout, then the fetcher's cache.
 */
export function dataRoot(): string | undefined {
  return firstExisting([process.env.BENCH_AUDIT_DATA, join(repoRoot, '..', 'shared', 'data'), join(testDataCache, 'data')]);
}

/**
 * The folder holding the same files in the hub's Parquet layout: BENCH_AUDIT_HUB, then `hub` beside BENCH_AUDIT_DATA
 * (as in ../shared and the cache), then ../shared/hub, then the fetcher's cache.
 */
export function hubRoot(): string | undefined {
  const data = process.env.BENCH_AUDIT_DATA;
  const besideData = data === undefined || data === '' ? undefined : join(data, '..', 'hub');
  return firstExisting([process.env.BENCH_AUDIT_HUB, besideData, join(repoRoot, '..', 'shared', 'hub'), join(testDataCache, 'hub')]);
}

/** True when CI demands the real data: a test that would skip for missing data fails instead. */
function dataRequired(): boolean {
  return process.env.BENCH_AUDIT_REQUIRE_DATA === '1';
}

/** A real release file by its path inside the data root, or undefined when it is not available here. */
export function dataFile(rel: string): string | undefined {
  const root = dataRoot();
  const path = root === undefined ? undefined : join(root, rel);
  return path !== undefined && existsSync(path) ? path : undefined;
}

function missing(t: TestContext, what: string): undefined {
  const message = `needs ${what}; run \`${FETCH_TEST_DATA}\` or set BENCH_AUDIT_DATA to a folder in the layout of ../shared/data`;
  if (dataRequired()) throw new Error(`BENCH_AUDIT_REQUIRE_DATA=1 but this test ${message}`);
  t.skip(message);
  return undefined;
}

/**
 * The paths of real release files this test needs, or undefined after marking the test skipped (with the command
 * that fetches them). Call as `const [he] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? []; if (!he) return;`.
 */
export function needData(t: TestContext, ...rels: string[]): string[] | undefined {
  const paths = rels.map((r) => dataFile(r));
  const absent = rels.filter((_, i) => paths[i] === undefined);
  if (absent.length > 0) return missing(t, `the release file(s) ${absent.join(', ')}`);
  return paths as string[];
}

/** The hub-layout folder (see hubRoot), or undefined after marking the test skipped. */
export function needHub(t: TestContext): string | undefined {
  const root = hubRoot();
  return root ?? missing(t, 'the hub-layout copy of the release files');
}

/** One line for the test runner: where the data tests find the real files, or how to get them. */
export function dataStatus(): string {
  const data = dataRoot();
  const hub = hubRoot();
  if (data !== undefined && hub !== undefined) return `data tests: release files from ${data} and ${hub}`;
  const absent = [data === undefined ? 'the release files' : undefined, hub === undefined ? 'their hub-layout copy' : undefined].filter((x) => x !== undefined).join(' and ');
  const consequence = dataRequired() ? 'BENCH_AUDIT_REQUIRE_DATA=1, so the data tests fail' : 'the data tests are skipped';
  return `data tests: ${absent} not found (BENCH_AUDIT_DATA / BENCH_AUDIT_HUB, ../shared, ${testDataCache}): ${consequence}; run \`${FETCH_TEST_DATA}\` to get them`;
}
