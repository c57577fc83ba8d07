// What every subcommand module provides and receives. A new subcommand is one module in
// cli/commands/ exporting a `Command`, plus one line in main.ts's registry.
import type { Locale, Messages } from './messages.ts';

/** The outside world of a command, so tests can run commands in-process. */
export interface Io {
  /** Writes to stdout; resolves once the text has been handed to the OS. */
  out(text: string): Promise<void>;
  /** Progress and errors, on stderr. */
  err(text: string): void;
  env: Record<string, string | undefined>;
}

export interface CommandContext {
  /** Arguments after the subcommand name. */
  argv: string[];
  io: Io;
  locale: Locale;
  messages: Messages;
}

export interface Command {
  name: string;
  run(context: CommandContext): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line: reported with a hint to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

let stdoutGuarded = false;

/** An Io on the real process streams. */
export function processIo(): Io {
  // A reader that goes away (`| head`) surfaces as a rejected out(), which stops the command
  // before it acknowledges anything; without this listener it would crash the process instead.
  if (!stdoutGuarded) {
    stdoutGuarded = true;
    process.stdout.on('error', () => {});
  }
  return {
    out: (text) =>
      new Promise((resolve, reject) => {
        process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
      }),
    err: (text) => {
      process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    env: process.env,
  };
}
