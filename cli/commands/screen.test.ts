import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from '../command.ts';
import { messagesFor } from '../messages.ts';
import { runCli, scratchFolder } from '../testing.ts';
import { formatScreenTable, isLoopbackUrl, isUrlInput, parseScreenArgs } from './screen.ts';

const ja = messagesFor('ja');

const REFUSAL = '営業電話はお断りしております。';
const page = (main: string, nav = '') => `<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>テスト工務店</title></head><body><nav><a href="/">ホーム</a>${nav}</nav><main>${main}</main></body></html>`;
const FORM = '<form action="/send" method="post"><label>お問い合わせ内容</label><textarea name="message"></textarea><button>送信</button></form>';

// A tiny website on loopback: a top page linking a contact page that refuses sales contact.
const ROUTES: Record<string, { status: number; type: string; body: string }> = {
  '/robots.txt': { status: 200, type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' },
  '/': { status: 200, type: 'text/html; charset=UTF-8', body: page('<p>地域のリフォーム</p>', '<a href="/contact/">お問い合わせ</a>') },
  '/contact/': { status: 200, type: 'text/html; charset=UTF-8', body: page(`${FORM}<p>${REFUSAL}</p><p>E-mail：info@test-koumuten.jp</p>`) },
  // The same site as a local copy of https://www.test-koumuten.jp/ (TSUGI_SITE_BASE_URL=…/sites).
  '/sites/www.test-koumuten.jp/': { status: 200, type: 'text/html; charset=UTF-8', body: page('<p>地域のリフォーム</p>', '<a href="/contact/">お問い合わせ</a>') },
  '/sites/www.test-koumuten.jp/contact/': { status: 200, type: 'text/html; charset=UTF-8', body: page(`${FORM}<p>${REFUSAL}</p>`) },
  '/clear/': { status: 200, type: 'text/html; charset=UTF-8', body: page('<p>営業時間 9:00〜18:00</p><p><a href="mailto:hello@test-koumuten.jp">hello@test-koumuten.jp</a></p>') },
};

let server: Server;
let base: string;
const scratch = scratchFolder('tsugi-screen-');

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = ROUTES[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not Found</h1>');
      return;
    }
    res.writeHead(route.status, { 'Content-Type': route.type }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const run = (argv: string[], env?: Record<string, string>) => runCli(['screen', ...argv], env);

const jsonLines = (text: string): unknown[] =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

describe('tsugi screen', () => {
  it('reads a file as one page (--json)', async () => {
    const path = await scratch.file('contact.html', page(`${FORM}<p>${REFUSAL}</p><p>info[at]test-koumuten.jp</p>`));
    const { code, stdout } = await run(['--json', path]);
    expect(code).toBe(EXIT_OK);
    const [line] = jsonLines(stdout) as Record<string, unknown>[];
    expect(Object.keys(line ?? {})).toEqual(['input', 'verdict', 'evidence', 'emails', 'contactForm']);
    expect(line).toMatchObject({ input: path, verdict: 'refuses', emails: ['info@test-koumuten.jp'] });
    expect(line?.contactForm).toMatch(/^file:\/\/.*contact\.html$/);
  });

  it('reads a loopback URL as a site: the top page and its contact page', async () => {
    const { code, stdout, stderr } = await run(['--json', `${base}/`]);
    expect(code).toBe(EXIT_OK);
    const [line] = jsonLines(stdout) as Record<string, unknown>[];
    expect(line).toEqual({
      input: `${base}/`,
      verdict: 'refuses',
      evidence: expect.arrayContaining([expect.objectContaining({ url: `${base}/contact/`, phrase: expect.any(String), context: expect.stringContaining('お断り') })]),
      emails: ['info@test-koumuten.jp'],
      contactForm: `${base}/contact/`,
    });
    const evidence = line?.evidence as Record<string, unknown>[];
    for (const e of evidence) expect(Object.keys(e).sort()).toEqual(['context', 'phrase', 'url']);
    expect(stderr).toContain(ja.screenSummary(1, 1, 0));
  });

  it('prints one line per input in input order, and exits 1 with an error line for an unreadable input', async () => {
    const missing = scratch.path('no-such-file.html');
    const { code, stdout } = await run(['--json', `${base}/clear/`, missing, `${base}/gone/`]);
    expect(code).toBe(EXIT_FAILURE);
    const lines = jsonLines(stdout) as Record<string, unknown>[];
    expect(lines.map((l) => l.input)).toEqual([`${base}/clear/`, missing, `${base}/gone/`]);
    expect(lines[0]).toEqual({ input: `${base}/clear/`, verdict: 'clear', evidence: [], emails: ['hello@test-koumuten.jp'], contactForm: null });
    expect(lines[1]).toEqual({ input: missing, verdict: 'error', evidence: [], emails: [], contactForm: null, error: { code: 'FILE_NOT_FOUND', message: expect.any(String) } });
    expect(lines[2]).toMatchObject({ verdict: 'error', error: { code: 'HTTP_404' } });
    expect(Object.keys(lines[2] ?? {})).toEqual(['input', 'verdict', 'evidence', 'emails', 'contactForm', 'error']);
  });

  it('reads real URLs from a local copy of the web with TSUGI_SITE_BASE_URL, reporting the real URLs', async () => {
    const { code, stdout } = await run(['--json', 'https://www.test-koumuten.jp/'], { LANG: 'ja_JP.UTF-8', TSUGI_SITE_BASE_URL: `${base}/sites/` });
    expect(code).toBe(EXIT_OK);
    const [line] = jsonLines(stdout) as Record<string, unknown>[];
    expect(line).toMatchObject({ input: 'https://www.test-koumuten.jp/', verdict: 'refuses', contactForm: 'https://www.test-koumuten.jp/contact/' });
  });

  it('refuses private network addresses even from the CLI', async () => {
    const { code, stdout } = await run(['--json', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/']);
    expect(code).toBe(EXIT_FAILURE);
    for (const line of jsonLines(stdout) as Record<string, unknown>[]) expect(line).toMatchObject({ verdict: 'error', error: { code: 'URL_PRIVATE' } });
  });

  it('prints a Japanese table without --json', async () => {
    const { code, stdout } = await run([`${base}/`]);
    expect(code).toBe(EXIT_OK);
    const [header, rule, row] = stdout.split('\n');
    expect(header).toMatch(/^入力\s+判定\s+メール\s+問い合わせフォーム\s+根拠$/);
    expect(rule).toMatch(/^-+( +-+)+$/);
    expect(row).toContain('営業お断り');
    expect(row).toContain('info@test-koumuten.jp');
  });

  it('prints the table in English for an English locale, with worded errors', async () => {
    const { code, stdout } = await run([`${base}/gone/`], { LANG: 'en_US.UTF-8' });
    expect(code).toBe(EXIT_FAILURE);
    expect(stdout).toMatch(/^Input\s+Verdict\s+Email\s+Contact form\s+Evidence\n/);
    expect(stdout).toContain('HTTP 404 (HTTP_404)');
  });

  it.each([[[]], [['--json']], [['--colour', 'x.html']], [['--json=yes', 'x.html']]])('exits 2 on the usage error %j', async (argv) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toContain('tsugi screen --help');
  });

  it('prints its usage for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe(`${ja.screenUsage}\n`);
  });
});

describe('parseScreenArgs and input kinds', () => {
  it('takes inputs in order with --json anywhere', () => {
    expect(parseScreenArgs(['a.html', '--json', 'https://x.jp/'], ja)).toEqual({ inputs: ['a.html', 'https://x.jp/'], json: true });
    expect(() => parseScreenArgs([], ja)).toThrow(new UsageError(ja.screenInputRequired));
  });

  it('tells URLs from paths, and loopback from other hosts', () => {
    expect(isUrlInput('https://x.jp/')).toBe(true);
    expect(isUrlInput('ftp://x.jp/')).toBe(true);
    expect(isUrlInput('./pages/a.html')).toBe(false);
    expect(isUrlInput('C:\\pages\\a.html')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1:8799/sites/x/')).toBe(true);
    expect(isLoopbackUrl('http://localhost:3000/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]/')).toBe(true);
    expect(isLoopbackUrl('http://10.0.0.1/')).toBe(false);
    expect(isLoopbackUrl('https://www.x.jp/')).toBe(false);
  });

  it('cuts long cells in the table and keeps the columns aligned', () => {
    const table = formatScreenTable([{ input: `https://www.${'very-long-'.repeat(10)}.jp/`, verdict: 'clear', evidence: [], emails: [], contactForm: null }], ja);
    expect(table.split('\n')[2]).toContain('…');
  });
});
