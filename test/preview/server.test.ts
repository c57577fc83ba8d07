// The preview server against a tiny stand-in for the API and the Places emulator: what it serves,
// that /api/* and /clock reach the upstream intact, and that /token is a local-issuer JWT. The
// page itself runs in a real browser in test/browser.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalIssuer } from '../../cli/credentials.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../shared/local-issuer.ts';
import { ENVELOPE_HEADER, injectShim, SHIM_MARKER, startPreview, UPSTREAM_ERROR_HEADER, UPSTREAM_STATUS_HEADER, type Preview } from './server.ts';

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }

const seen: Seen[] = [];
let upstream: Server;
let upstreamUrl: string;
let home: string;
let preview: Preview;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

beforeAll(async () => {
  upstream = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url === '/__emulator/clock') {
      const day = req.method === 'POST' ? (JSON.parse(body) as { advanceDays: number }).advanceDays : 0;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ day, date: '2026-11-25', baseDate: '2026-11-24' }));
      return;
    }
    res.writeHead(req.url?.startsWith('/v1/missing') ? 404 : 201, { 'Content-Type': 'application/json', 'X-Upstream': 'yes' });
    res.end(JSON.stringify({ method: req.method, url: req.url, body }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  home = await mkdtemp(join(tmpdir(), 'tsugi-preview-test-'));
  preview = await startPreview({ apiUrl: upstreamUrl, emulatorUrl: upstreamUrl, home, port: 0 });
});

afterAll(async () => {
  await preview?.close();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  if (home) await rm(home, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(new URL(path, preview.url), init);

describe('the preview server', () => {
  it('listens on 127.0.0.1 and serves the page with the ids the browser tests use', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const id of ['grid', 'toast', 'today', 'clock-plus-day', 'clock-plus-6-months', 'status', 'menu', 'tabs', 'sidebar-panel']) {
      expect(html, `#${id}`).toContain(`id="${id}"`);
    }
    expect(html).toMatch(/id="status" role="status"/);
    expect(html).toContain('<script src="/preview.js"></script>');
  });

  it('serves the page script: the fakes bundled for the browser, building the menu ids by function name', async () => {
    const response = await get('/preview.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await response.text();
    expect(code).toContain('createFakeAppsScript');
    // Built at run time: the menu from fake.menus, iframe#sidebar when the add-on shows it.
    for (const id of ['menu-add-leads', 'menu-open-sidebar', 'menu-daily', '__tsugiPreview', 'tsugi-run-result']) expect(code).toContain(id);
    expect(code).toMatch(/id: ["']sidebar["']/);
    expect(code).not.toMatch(/^(import|export)\s/m);
    expect(() => new Function(code)).not.toThrow(SyntaxError);
  });

  it("serves the add-on's own bundle with this server's /api as its API URL", async () => {
    const response = await get('/addon.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await response.text();
    for (const name of ['onOpen', 'addNewLeads', 'openSidebar', 'openDailySetup', 'dailyRefresh', 'sidebarState', 'tagSelection']) {
      expect(code).toContain(`function ${name}(`);
    }
    expect(code).toContain(`${preview.url}api`);
    expect(() => new Function(code)).not.toThrow(SyntaxError);
  });

  it('serves the sidebar with the google.script.run shim before its own script', async () => {
    const response = await get('/sidebar.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    const shimAt = html.indexOf(`<script ${SHIM_MARKER}>`);
    expect(shimAt).toBeGreaterThan(0);
    expect(html.indexOf('<script>', shimAt + 1)).toBeGreaterThan(shimAt);
    expect(html).toContain('google.script.run');
    expect(html).toContain("type: 'tsugi-run'");
    expect(html).toMatch(/withSuccessHandler[\s\S]*withFailureHandler[\s\S]*withUserObject/);
    expect(html.match(/<script[\s>]/g)).toHaveLength(2);
  });

  it('injects the shim before the first script, escaping a closing tag inside it', () => {
    const out = injectShim('<p>x</p>\n<script>real()</script>', 'var s = "</script>";');
    expect(out).toBe(`<p>x</p>\n<script ${SHIM_MARKER}>\nvar s = "<\\/script>";</script>\n<script>real()</script>`);
    expect(() => injectShim('<p>no script</p>', '')).toThrow(/no <script>/);
  });

  it('proxies /api/* to the API: method, path and query, headers and body there; status, headers and body back', async () => {
    seen.length = 0;
    const response = await get('/api/v1/profile?x=1', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc', 'X-Tsugi-Tenant-Secret': 's3cret' },
      body: JSON.stringify({ areas: ['東京都渋谷区'] }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'PUT', url: '/v1/profile?x=1', body: '{"areas":["東京都渋谷区"]}' });
    const request = seen[0]!;
    expect(request.headers.authorization).toBe('Bearer abc');
    expect(request.headers['x-tsugi-tenant-secret']).toBe('s3cret');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.host).toBe(new URL(upstreamUrl).host);

    const missing = await get('/api/v1/missing', { method: 'POST', body: 'x' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { method: string }).method).toBe('POST');
  });

  it("puts the API's status in a header under a 200 when the page asks (no console errors for the add-on's 4xx)", async () => {
    seen.length = 0;
    const response = await get('/api/v1/missing', { method: 'GET', headers: { 'X-Tsugi-Preview-Envelope': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get(UPSTREAM_STATUS_HEADER)).toBe('404');
    expect(((await response.json()) as { url: string }).url).toBe('/v1/missing');
    expect(seen[0]!.headers[ENVELOPE_HEADER]).toBeUndefined();
  });

  it('answers 502 with an error body when the API cannot be reached', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(port));
      });
    });
    const other = await startPreview({ apiUrl: `http://127.0.0.1:${closed}`, emulatorUrl: upstreamUrl, home, port: 0 });
    try {
      const response = await fetch(new URL('/api/health', other.url));
      expect(response.status).toBe(502);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PREVIEW_UPSTREAM');
      const enveloped = await fetch(new URL('/api/health', other.url), { headers: { 'X-Tsugi-Preview-Envelope': '1' } });
      expect(enveloped.status).toBe(200);
      expect(decodeURIComponent(enveloped.headers.get(UPSTREAM_ERROR_HEADER) ?? '')).toMatch(/could not reach the Tsugi API/);
    } finally {
      await other.close();
    }
  });

  it("issues a fresh local-issuer token the local Worker accepts", async () => {
    const response = await get('/token');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token } = (await response.json()) as { token: string };
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const keys = await loadOrCreateLocalIssuer(home);
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.publicJwks as Parameters<typeof createLocalJWKSet>[0]), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    expect(payload.sub).toBe('local-owner');
  });

  it("forwards /clock to the emulator's clock and answers its JSON", async () => {
    seen.length = 0;
    const response = await get('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceDays: 183 }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ day: 183, date: '2026-11-25', baseDate: '2026-11-24' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/__emulator/clock', body: '{"advanceDays":183}' });

    const now = await get('/clock');
    expect(((await now.json()) as { day: number }).day).toBe(0);
    expect(seen[1]).toMatchObject({ method: 'GET', url: '/__emulator/clock' });
  });

  it('answers 404 elsewhere and 405 for other methods on its own files', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await get('/clock', { method: 'DELETE' })).status).toBe(405);
  });

  it('says so when its port is taken', async () => {
    const port = Number(new URL(preview.url).port);
    await expect(startPreview({ apiUrl: upstreamUrl, emulatorUrl: upstreamUrl, home, port })).rejects.toThrow(/already in use/);
  });
});
