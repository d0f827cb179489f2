/**
 * The command line: a thin shell over the library. Exit codes: 0 clean, 1 findings at or above
 * --fail-on, 2 usage / input / tool error. Known errors print a message and a hint; unknown
 * ones keep their stack under --debug.
 */
import yargs, { type Argv } from 'yargs';
import { isBenchAuditError } from '../errors.js';
import { TOOL_VERSION } from '../model/version.js';
import { auditCommand } from './commands/audit.js';
import { datasetsCommand } from './commands/datasets.js';
import { compareCommand } from './commands/compare.js';
import { diffCommand } from './commands/diff.js';
import { exportCommand } from './commands/export.js';
import { mergeCommand } from './commands/merge.js';
import { rescoreCommand } from './commands/rescore.js';
import { validateCommand } from './commands/validate.js';
import { verifyCommand } from './commands/verify.js';
import { type CliIo, processIo } from './io.js';
import { EXIT_ERROR, EXIT_OK, type CommandFactory, type CommandState } from './command.js';

export { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './command.js';

/** Every command, in the order --help lists them. */
const COMMANDS: CommandFactory[] = [
  auditCommand,
  datasetsCommand,
  validateCommand,
  diffCommand,
  verifyCommand,
  rescoreCommand,
  compareCommand,
  exportCommand,
  mergeCommand,
];

export async function main(args: string[], io: CliIo = processIo()): Promise<number> {
  const state: CommandState = { exitCode: EXIT_OK, io, args };
  const debug = args.includes('--debug');
  let parser: Argv<any> = yargs(args) // loosely typed: see CommandFactory
    .scriptName('bench-audit')
    .usage('$0 <command> [options]\n\nAudit code-generation benchmarks: broken references, weak tests, imprecise prompts, contamination.')
    .version(TOOL_VERSION)
    .option('debug', { type: 'boolean', describe: 'print stack traces of unexpected errors', global: true })
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .example('$0 audit demo --html', 'audit the packaged demo benchmark offline (JSON, table, HTML)')
    .example('$0 audit humaneval mbpp --out-dir audits --markdown', 'download two benchmarks from the hub and audit them')
    .example('$0 rescore --audit humaneval.audit.json --results samples_results.jsonl', "a model's pass@1 on the clean tasks")
    .epilog('Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, input or tool error.')
    .fail((message, error) => {
      throw error ?? new UsageFailure(message);
    });
  for (const command of COMMANDS) parser = command(state)(parser);
  try {
    await parser.parseAsync();
    return state.exitCode;
  } catch (error) {
    return reportError(error, io, debug, parser);
  }
}

class UsageFailure extends Error {}

function reportError(error: unknown, io: CliIo, debug: boolean, parser: Argv): number {
  if (error instanceof UsageFailure) {
    io.err(`bench-audit: ${error.message}\nRun 'bench-audit --help' for usage.\n`);
    void parser;
    return EXIT_ERROR;
  }
  if (isBenchAuditError(error)) {
    io.err(`bench-audit: ${error.describe()}\n`);
    if (error.hint) io.err(`hint: ${error.hint}\n`);
    if (debug && error.stack) io.err(`${error.stack}\n`);
    return EXIT_ERROR;
  }
  const e = error instanceof Error ? error : new Error(String(error));
  io.err(`bench-audit: unexpected error: ${e.message}\n`);
  io.err(debug ? `${e.stack ?? ''}\n` : 'hint: rerun with --debug for the stack trace, and report it as a bug\n');
  return EXIT_ERROR;
}
