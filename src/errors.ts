/**
 * Typed errors. Each carries what the user needs to act (file, row, field, what was expected)
 * and a hint. The CLI prints `message` and `hint` for these and exits 2; anything else is a bug
 * and keeps its stack under --debug.
 */

export interface ErrorLocation {
  file?: string;
  /** 1-based row (JSONL line, array index + 1, Parquet row + 1). */
  row?: number;
  field?: string;
}

export abstract class BenchAuditError extends Error {
  abstract readonly code: string;
  readonly hint: string | undefined;
  readonly location: ErrorLocation;

  constructor(message: string, options: { hint?: string; location?: ErrorLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.location = options.location ?? {};
  }

  /** "file:row field: message" — the one-line form the CLI prints. */
  describe(): string {
    const { file, row, field } = this.location;
    const where = [file === undefined ? '' : file, row === undefined ? '' : `row ${row}`, field === undefined ? '' : `field "${field}"`]
      .filter((s) => s !== '')
      .join(', ');
    return where === '' ? this.message : `${where}: ${this.message}`;
  }
}

/** Wrong command-line usage or an unknown name (benchmark id, check, task). */
export class UsageError extends BenchAuditError {
  readonly code = 'usage';
}

/** Malformed or incomplete input data (a dataset file, a manifest, a report to validate). */
export class InputError extends BenchAuditError {
  readonly code = 'input';
}

/** Downloading failed: unreachable host, HTTP error, offline mode without a cached copy, checksum mismatch. */
export class DownloadError extends BenchAuditError {
  readonly code = 'download';
}

/** A report does not satisfy schemas/audit.schema.json. */
export class ReportValidationError extends BenchAuditError {
  readonly code = 'report-invalid';
  constructor(
    message: string,
    readonly problems: string[],
    options: { hint?: string; location?: ErrorLocation } = {},
  ) {
    super(message, options);
  }
}

/** A file could not be written (permissions, missing directory, full disk). */
export class OutputError extends BenchAuditError {
  readonly code = 'output';
}

/** A required external tool (python3, git, ...) is missing or broken. */
export class ToolError extends BenchAuditError {
  readonly code = 'tool';
}

export function isBenchAuditError(error: unknown): error is BenchAuditError {
  return error instanceof BenchAuditError;
}
