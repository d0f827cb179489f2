/**
 * `bench-audit merge <partial...> --out FILE`: combine the partial results of a sharded contamination
 * scan (`audit --corpus ... --shard K/N --partial-out FILE`) into the result an unsharded run produces.
 */
import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { InputError, UsageError } from '../../errors.js';
import { contaminationDocument, isPartialFile, mergePartialFiles, type ContaminationPartialFile } from '../../contamination/merge.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { writeFileAtomic } from '../../util/atomic-write.js';

interface MergeArgs {
  partials: string[];
  out?: string;
}

export function readPartialFile(path: string): ContaminationPartialFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`cannot read partial result ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      hint: 'pass the files written by `audit --shard K/N --partial-out FILE`',
      location: { file: path },
      cause: error,
    });
  }
  if (!isPartialFile(value)) {
    throw new InputError(`${path} is not a contamination partial result`, { hint: 'pass the files written by `audit --shard K/N --partial-out FILE`', location: { file: path } });
  }
  return value;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <partials..>',
  describe: 'merge the partial results of a sharded contamination scan',
  builder: (y) =>
    y
      .positional('partials', { type: 'string', array: true, demandOption: true, describe: 'partial result files, one per shard' })
      .option('out', { type: 'string', describe: 'write the merged result here (default: stdout)' }) as never,
  handler: (args) => {
    const files = args.partials.map(readPartialFile);
    const result = mergePartialFiles(files);
    if (!result.ok) throw new UsageError(`cannot merge: ${result.reason}`, { hint: 'merge all N shards of one run (same benchmark, corpus and parameters)' });
    const text = canonicalJson(contaminationDocument(result.merged));
    if (args.out) writeFileAtomic(args.out, text, { mkdir: true });
    else process.stdout.write(text);
  },
};
