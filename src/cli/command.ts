/**
 * What every command shares: exit codes and the state a handler reports back through. Commands
 * import this, never `main.ts` (which imports them).
 */
import type { Argv } from 'yargs';
import type { CliIo } from './io.js';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** What a command handler reports back; the handler itself never calls process.exit. */
export interface CommandState {
  exitCode: number;
  io: CliIo;
  /** The arguments the command was run with (to print a command that resumes it). */
  args: readonly string[];
}

/**
 * A command adds itself to the parser. yargs' accumulated option type differs per command and
 * does not flow between them, so the parser is typed loosely here.
 */
export type CommandFactory = (state: CommandState) => (y: Argv<any>) => Argv<any>;
