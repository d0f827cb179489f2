/** Progress events of long work (the audit's checks, downloads); the CLI turns them into a bar (TTY) or periodic lines. */
export interface ProgressSink {
  start(label: string, total: number): void;
  advance(by?: number): void;
  finish(): void;
}

export const silentProgress: ProgressSink = { start() {}, advance() {}, finish() {} };
