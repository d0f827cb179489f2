/** Options shared by several commands. */
import type { Argv } from 'yargs';
import type { FetchOptions } from '../datasets/fetch-types.js';

export function withFetchOptions<T>(y: Argv<T>) {
  return y
    .option('revision', { type: 'string', describe: 'dataset revision to fetch (branch, tag or commit sha); default: the manifest\'s' })
    .option('offline', { type: 'boolean', describe: 'never use the network; read the local cache (also HF_HUB_OFFLINE=1)' });
}

export function fetchOptionsFrom(argv: { revision?: string; offline?: boolean }, log: (m: string) => void): FetchOptions {
  return {
    ...(argv.revision ? { revision: argv.revision } : {}),
    ...(argv.offline ? { offline: true } : {}),
    log,
  };
}
