/** Options shared by several commands. */
import type { Argv } from 'yargs';

export function withFetchOptions<T>(y: Argv<T>) {
  return y
    .option('revision', { type: 'string', describe: 'dataset revision to fetch (branch, tag or commit sha); default: the manifest\'s' })
    .option('offline', { type: 'boolean', describe: 'never use the network; read the local cache (also HF_HUB_OFFLINE=1)' });
}
