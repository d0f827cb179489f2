/**
 * Where CLI output goes. stdout carries only what was asked for (one JSON document with --json,
 * or the table); logs and progress go to stderr. While --json is on, anything a library writes
 * to stdout (e.g. @huggingface/hub's downloader) is diverted to stderr so the document stays clean.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
}

export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  };
}

/** Divert stray stdout writes to stderr; returns a writer for the real stdout and a restore function. */
export function guardStdout(): { write: (text: string) => void; restore: () => void } {
  const original = process.stdout.write.bind(process.stdout);
  const toStderr = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  process.stdout.write = toStderr;
  return {
    write: (text) => void original(text),
    restore: () => {
      process.stdout.write = original;
    },
  };
}
