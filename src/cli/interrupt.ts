/**
 * Ctrl-C during an audit: the first SIGINT stops handing out work (tasks in flight finish and are
 * checkpointed), then the command says what was saved and how to resume, and exits 130 (128 +
 * SIGINT, the shell convention). A second SIGINT quits at once.
 */
import { existsSync, readdirSync } from 'node:fs';

/** 128 + SIGINT's number 2: what a shell reports for a job stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export interface Interrupt {
  signal: AbortSignal;
  readonly interrupted: boolean;
  dispose(): void;
}

export function onInterrupt(say: (text: string) => void): Interrupt {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) {
      say('\ninterrupted again: quitting now\n');
      process.exit(EXIT_INTERRUPTED);
    }
    say('\ninterrupted: letting the tasks in flight finish and saving their checkpoints (Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted by SIGINT'));
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    dispose: () => void process.off('SIGINT', handler),
  };
}

/** How many per-task checkpoints a folder holds (one JSON file per task). */
export function countCheckpoints(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).filter((f) => f.endsWith('.json')).length;
}

/** One shell word, quoted only when it needs to be. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
