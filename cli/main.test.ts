import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClientError } from './api-client.ts';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './command.ts';
import { describeFailure, main } from './main.ts';
import { messagesFor } from './messages.ts';
import { memoryIo } from './testing.ts';

const ja = messagesFor('ja');
const en = messagesFor('en');

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('main', () => {
  it('prints the usage with every command for --help and exits 0', async () => {
    const { io, stdout } = memoryIo();
    expect(await main(['--help'], io)).toBe(EXIT_OK);
    expect(stdout()).toContain('使い方: tsugi <コマンド>');
    const leadsLine = stdout().split('\n').find((line) => line.trim().startsWith('leads '));
    expect(leadsLine).toContain(ja.commandSummaries.leads);
  });

  it('prints the usage in English for an English locale', async () => {
    const { io, stdout } = memoryIo({ LANG: 'en_US.UTF-8' });
    expect(await main(['-h'], io)).toBe(EXIT_OK);
    expect(stdout()).toContain('Usage: tsugi <command>');
  });

  it('prints the version', async () => {
    const { io, stdout } = memoryIo();
    expect(await main(['--version'], io)).toBe(EXIT_OK);
    expect(stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints the leads usage for `leads --help`', async () => {
    const { io, stdout } = memoryIo();
    expect(await main(['leads', '--help'], io)).toBe(EXIT_OK);
    expect(stdout()).toBe(`${ja.leadsUsage}\n`);
  });

  it('exits 2 with the usage on stderr when no command is given', async () => {
    const { io, stderr, stdout } = memoryIo();
    expect(await main([], io)).toBe(EXIT_USAGE);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('使い方');
  });

  it('exits 2 for an unknown command or option, pointing at --help', async () => {
    const unknown = memoryIo();
    expect(await main(['scrape'], unknown.io)).toBe(EXIT_USAGE);
    expect(unknown.stderr()).toContain(ja.unknownCommand('scrape'));
    expect(unknown.stderr()).toContain(ja.usageErrorHint('tsugi'));

    const option = memoryIo();
    expect(await main(['--verbose'], option.io)).toBe(EXIT_USAGE);
    expect(option.stderr()).toContain(ja.unknownOption('--verbose'));
  });

  it('exits 2 for a leads usage error and names `tsugi leads --help`', async () => {
    const { io, stderr } = memoryIo();
    expect(await main(['leads', '--area', '東京都渋谷区'], io)).toBe(EXIT_USAGE);
    expect(stderr()).toBe(`エラー: ${ja.leadsIndustryRequired}\n${ja.usageErrorHint('tsugi leads')}`);
  });

  it('exits 1 and says to run `npm start` when the API is not running', async () => {
    const home = await mkdtemp(join(tmpdir(), 'tsugi-main-'));
    dirs.push(home);
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { io, stderr, stdout } = memoryIo({ LANG: 'ja_JP.UTF-8', TSUGI_API_URL: url, TSUGI_HOME: home });
    expect(await main(['leads', '--area', '東京都渋谷区', '--industry', '美容室'], io)).toBe(EXIT_FAILURE);
    expect(stdout()).toBe('');
    expect(stderr()).toContain(`エラー: API に接続できません (${url})。別のターミナルで \`npm start\` を実行してください。`);
  });
});

describe('describeFailure', () => {
  it('shows the code and message of an API error', () => {
    const err = new ApiClientError('BATCH_EXPIRED', 'Batch bt_1 expired.', 409);
    expect(describeFailure(err, ja, {})).toBe('API がエラーを返しました: BATCH_EXPIRED — Batch bt_1 expired.');
    expect(describeFailure(err, en, {})).toBe('The API answered with an error: BATCH_EXPIRED — Batch bt_1 expired.');
  });

  it('names the configured API URL when it is unreachable or slow', () => {
    const env = { TSUGI_API_URL: 'http://127.0.0.1:9999/' };
    expect(describeFailure(new ApiClientError('API_UNREACHABLE', 'x', 0), en, env)).toContain('(http://127.0.0.1:9999)');
    expect(describeFailure(new ApiClientError('API_TIMEOUT', 'x', 0), ja, env)).toContain('http://127.0.0.1:9999');
  });

  it('says to restart npm start when the local API does not know the local key', () => {
    expect(describeFailure(new ApiClientError('KEY_UNKNOWN', 'x', 401), ja, {})).toBe(ja.localKeyMismatch);
    expect(describeFailure(new ApiClientError('KEY_UNKNOWN', 'x', 401), ja, { TSUGI_API_URL: 'https://api.example.com' })).toContain('KEY_UNKNOWN');
  });

  it('wraps anything else as unexpected', () => {
    expect(describeFailure(new Error('boom'), ja, {})).toBe('予期しないエラーが発生しました: boom');
  });
});
