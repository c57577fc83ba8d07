// The `tsugi` command: picks the subcommand, runs it, and turns what it throws into a message and
// an exit code (0 ok, 1 runtime failure, 2 usage error). Subcommands load lazily, one module each.
import { readFile } from 'node:fs/promises';
import { ApiClientError } from './api-client.ts';
import { parseCommandLine } from './args.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, processIo, UsageError, type Command, type Io } from './command.ts';
import { apiUrlFrom, isLocalApi } from './credentials.ts';
import { detectLocale, messagesFor, type Messages } from './messages.ts';

/** Subcommands by name. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  leads: async () => (await import('./commands/leads.ts')).leadsCommand,
  screen: async () => (await import('./commands/screen.ts')).screenCommand,
  dedupe: async () => (await import('./commands/dedupe.ts')).dedupeCommand,
  insights: async () => (await import('./commands/insights.ts')).insightsCommand,
};

const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function usage(messages: Messages): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${messages.commandSummaries[name] ?? ''}`.trimEnd());
  return messages.usage.replace('{commands}', lines.join('\n'));
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const locale = detectLocale(io.env);
  const messages = messagesFor(locale);
  let helpFor = 'tsugi';
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first.startsWith('-')) {
      const { values } = parseCommandLine(argv, GLOBAL_OPTIONS, messages);
      if (values.version) {
        await io.out(`${await version()}\n`);
        return EXIT_OK;
      }
      if (values.help) {
        await io.out(`${usage(messages)}\n`);
        return EXIT_OK;
      }
      io.err(usage(messages));
      return EXIT_USAGE;
    }
    const load = COMMANDS[first];
    if (!load) throw new UsageError(messages.unknownCommand(first));
    helpFor = `tsugi ${first}`;
    const command = await load();
    return await command.run({ argv: rest, io, locale, messages });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${messages.errorPrefix}: ${err.message}\n${messages.usageErrorHint(helpFor)}`);
      return EXIT_USAGE;
    }
    io.err(`${messages.errorPrefix}: ${describeFailure(err, messages, io.env)}`);
    if (io.env.TSUGI_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    return EXIT_FAILURE;
  }
}

/** The sentence shown for a runtime failure. */
export function describeFailure(err: unknown, messages: Messages, env: Record<string, string | undefined>): string {
  if (err instanceof ApiClientError) {
    switch (err.code) {
      case 'API_UNREACHABLE':
        return messages.apiUnreachable(apiUrlFrom(env));
      case 'API_TIMEOUT':
        return messages.apiTimeout(apiUrlFrom(env));
      case 'ID_TOKEN_REQUIRED':
        return messages.idTokenRequired(apiUrlFrom(env));
      case 'KEY_UNKNOWN':
        // Locally this means the Worker was configured with another local issuer's public key.
        return isLocalApi(apiUrlFrom(env)) && !env.TSUGI_ID_TOKEN ? messages.localKeyMismatch : messages.apiError(err.code, err.message);
      default:
        return messages.apiError(err.code, err.message);
    }
  }
  return messages.unexpectedError(err instanceof Error ? err.message : String(err));
}

async function version(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  const parsed: unknown = JSON.parse(text);
  const value = typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
  return typeof value === 'string' ? value : 'unknown';
}
