// Command-line parsing for every subcommand: node:util parseArgs in strict mode, with its errors
// turned into UsageErrors worded in the user's language.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';
import type { Messages } from './messages.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine<const O extends Options>(argv: string[], options: O, messages: Messages, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    throw toUsageError(err, messages);
  }
}

function toUsageError(err: unknown, messages: Messages): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : '';
  // parseArgs quotes the offending word first: Unknown option '--foo', Option '--area <value>' …
  const word = /'([^'\s]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(messages.unknownOption(word));
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(messages.unexpectedArgument(word));
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(/does not take an argument/.test(message) ? messages.optionTakesNoValue(word) : messages.optionNeedsValue(word));
    default:
      return err;
  }
}

const FILE_COMMAND_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface FileCommandOptions {
  file: string;
  json: boolean;
}

/** `<command> [--json] <file>`: one file, an optional --json; `'help'` for --help. */
export function parseFileCommandArgs(argv: string[], messages: Messages, fileRequired: string): FileCommandOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv, FILE_COMMAND_OPTIONS, messages, true);
  if (values.help) return 'help';
  const files = positionals.filter((input) => input.trim() !== '');
  if (files.length === 0) throw new UsageError(fileRequired);
  if (files.length > 1) throw new UsageError(messages.unexpectedArgument(files[1] as string));
  return { file: files[0] as string, json: values.json ?? false };
}

/** Reads the command's input file: a missing file is the user's mistake (UsageError), other failures are errors. */
export async function readInputFile(
  path: string,
  read: (path: string) => Promise<Uint8Array>,
  wording: { notFound: (path: string) => string; unreadable: (path: string, reason: string) => string },
): Promise<Uint8Array> {
  try {
    return await read(path);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new UsageError(wording.notFound(path));
    throw new Error(wording.unreadable(path, err instanceof Error ? err.message : String(err)), { cause: err });
  }
}
