/* Generated from schemas/dataset-manifest.schema.json by scripts/gen-report-types.mjs. Do not edit. */

/**
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string;
/**
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "format".
 */
export type Format = 'jsonl' | 'jsonl.gz' | 'json' | 'parquet';

/**
 * One benchmark bench-audit knows: where its data lives, how to read it, and what the adapter must produce.
 */
export interface DatasetManifest {
  $schema?: string;
  /**
   * Short id used on the command line.
   */
  id: string;
  title: string;
  description?: string;
  homepage: string;
  /**
   * SPDX identifier of the data's license.
   */
  license: string;
  /**
   * The license text the release ships, fetched and checked like the data files: `url` pinned to the same revision as them (the commit, tag or version they are read at), `sha256` of its bytes, `name` the file's name (looked for beside a local copy given with `datasets fetch --from`). Absent when the release ships none that can be pinned.
   */
  licenseFile?: {
    /**
     * A plain file name, no folder.
     */
    name: string;
    url: string;
    sha256: Sha256;
  };
  /**
   * BibTeX entry to cite.
   */
  citation: string;
  /**
   * Adapter that maps a record to a Task (src/datasets/adapters).
   */
  adapter: 'humaneval' | 'mbpp' | 'mbpp-sanitized' | 'evalplus' | 'humaneval-x-js';
  /**
   * Exact number of tasks the adapter must produce from this source.
   */
  taskCount: number;
  /**
   * The same problems in other benchmarks. `idTemplate` maps this benchmark's task id to the sibling's: `{id}` is the whole id, `{n}` its trailing number.
   */
  siblings?: {
    benchmark: string;
    idTemplate: string;
  }[];
  source: HubSource | UrlSource | LocalSource;
}
/**
 * Files of a Hugging Face hub dataset repository.
 *
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "hubSource".
 */
export interface HubSource {
  type: 'hub';
  /**
   * owner/name of the dataset repository.
   */
  repo: string;
  /**
   * Dataset config the files belong to.
   */
  config?: string;
  /**
   * Branch, tag or commit sha; overridable with --revision.
   */
  revision: string;
  /**
   * @minItems 1
   */
  files: [
    {
      path: string;
      format: Format;
      split?: string;
      sha256?: Sha256;
    },
    ...{
      path: string;
      format: Format;
      split?: string;
      sha256?: Sha256;
    }[]
  ];
}
/**
 * Release assets at fixed URLs (EvalPlus publishes on GitHub releases).
 *
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "urlSource".
 */
export interface UrlSource {
  type: 'url';
  version: string;
  /**
   * @minItems 1
   */
  files: [
    {
      url: string;
      format: Format;
      split?: string;
      /**
       * Expected sha256 of the downloaded bytes; a mismatch is an error.
       */
      sha256: string;
    },
    ...{
      url: string;
      format: Format;
      split?: string;
      /**
       * Expected sha256 of the downloaded bytes; a mismatch is an error.
       */
      sha256: string;
    }[]
  ];
}
/**
 * Files shipped inside this package, relative to the datasets/ folder.
 *
 * This interface was referenced by `DatasetManifest`'s JSON-Schema
 * via the `definition` "localSource".
 */
export interface LocalSource {
  type: 'local';
  /**
   * @minItems 1
   */
  files: [
    {
      path: string;
      format: Format;
      split?: string;
    },
    ...{
      path: string;
      format: Format;
      split?: string;
    }[]
  ];
}
