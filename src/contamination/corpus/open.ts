/** Pick the reader for a corpus spec. */
import type { CorpusDocument } from './types.js';
import { readDirectory } from './directory.js';
import { readGitRepository } from './git.js';
import { readHubDataset, type HubAccess } from './hub.js';
import { readRowShards } from './rows.js';
import type { CorpusSink, CorpusSpec, UnitSelector } from './types.js';

export function readCorpus(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector, hub: HubAccess = {}): AsyncGenerator<CorpusDocument> {
  switch (spec.format) {
    case 'dir':
      return readDirectory(spec, sink, select);
    case 'jsonl':
    case 'parquet':
      return readRowShards(spec, sink, select);
    case 'git':
      return readGitRepository(spec, sink, select);
    case 'hub':
      return readHubDataset(spec, sink, select, hub);
  }
}
