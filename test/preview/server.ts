// The local preview behind `npm start`: a page with a spreadsheet-like view of the Apps Script
// fakes (test/apps-script/fakes.ts) and the add-on's real sidebar beside it, running the add-on's
// own bundle (the Code.js that `npm run build` makes) in the browser against the local stack.
//
//   GET  /              the page (page.html)
//   GET  /preview.js    page.ts and the fakes, bundled for the browser (built once, in memory)
//   GET  /addon.js      the add-on's Code.js, built with its API URL set to <this origin>/api
//   GET  /sidebar.html  addon/src/sidebar.html with a google.script.run shim (google-script-run.js)
//   *    /api/*         proxied to the API (the add-on's UrlFetchApp calls stay same-origin); with
//                       the request header X-Tsugi-Preview-Envelope: 1, the API's status comes back
//                       in X-Tsugi-Upstream-Status under a 200 (see ENVELOPE_HEADER)
//   GET  /token         a fresh local-issuer identity token (what ScriptApp.getIdentityToken gives)
//   GET|POST /clock     the Places emulator's clock (the local Worker's day follows it)
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { buildAddon } from '../../addon/build.ts';
import { loadOrCreateLocalIssuer } from '../../cli/credentials.ts';
import { signLocalToken } from '../../shared/local-issuer.ts';

export const DEFAULT_PREVIEW_PORT = 8789;
const HOST = '127.0.0.1';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const PAGE_HTML = here('./page.html');
const PAGE_ENTRY = here('./page.ts');
const SHIM = here('./google-script-run.js');
const SIDEBAR_HTML = here('../../addon/src/sidebar.html');

export interface PreviewOptions {
  /** The Tsugi API (the local Worker), e.g. http://127.0.0.1:8787; /api/* goes there. */
  apiUrl: string;
  /** The Places emulator, whose /__emulator/clock moves the local Worker's day. */
  emulatorUrl: string;
  /** TSUGI_HOME: where the local issuer's keys live (the stack's `home`). */
  home: string;
  /** Port on 127.0.0.1; 0 picks a free one. Default 8789. */
  port?: number;
}

export interface Preview {
  /** The page's URL, with a trailing slash. */
  url: string;
  close(): Promise<void>;
}

export class PreviewError extends Error {
  override name = 'PreviewError';
}

/** Marks the injected script, so tests (and curious readers of the page source) can find it. */
export const SHIM_MARKER = 'data-tsugi-preview="google.script.run"';

/** sidebar.html with the google.script.run shim as a script of its own, before the sidebar's script. */
export function injectShim(sidebarHtml: string, shim: string): string {
  const at = sidebarHtml.search(/<script[\s>]/i);
  if (at < 0) throw new PreviewError('addon/src/sidebar.html has no <script> to put the google.script.run shim before');
  const tag = `<script ${SHIM_MARKER}>\n${shim.replace(/<\/script/gi, '<\\/script')}</script>\n`;
  return sidebarHtml.slice(0, at) + tag + sidebarHtml.slice(at);
}

/** page.ts and what it imports (the Apps Script fakes), as one browser script. */
async function bundlePage(): Promise<string> {
  try {
    const result = await esbuild.build({
      entryPoints: [PAGE_ENTRY],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      charset: 'utf8',
      sourcemap: 'inline',
      write: false,
      logLevel: 'silent',
    });
    const file = result.outputFiles[0];
    if (!file) throw new PreviewError('esbuild produced no output for test/preview/page.ts');
    return file.text;
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    if (Array.isArray(failure.errors)) {
      const text = await esbuild.formatMessages(failure.errors, { kind: 'error', color: false });
      throw new PreviewError(`esbuild could not bundle test/preview/page.ts:\n${text.join('')}`);
    }
    throw err;
  }
}

/** The add-on's Code.js with the API URL compiled in, built into a temporary directory. */
async function bundleAddon(apiUrl: string): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'tsugi-preview-addon-'));
  try {
    await buildAddon({ apiUrl, outDir });
    return await readFile(join(outDir, 'Code.js'), 'utf8');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new PreviewError(`Port ${port} (preview) is already in use; is another \`npm start\` running? (TSUGI_PREVIEW_PORT picks another)`)
          : err,
      );
    };
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Sent by the page with the add-on's requests: answer 200 and put the API's status in
 * UPSTREAM_STATUS_HEADER (a failed connection: UPSTREAM_ERROR_HEADER). The add-on reads 4xx
 * answers as a matter of course (404 NO_PROFILE before the first save, …), as UrlFetchApp with
 * muteHttpExceptions does, silently; Chromium would log each one as a console error.
 */
export const ENVELOPE_HEADER = 'x-tsugi-preview-envelope';
export const UPSTREAM_STATUS_HEADER = 'x-tsugi-upstream-status';
export const UPSTREAM_ERROR_HEADER = 'x-tsugi-upstream-error';

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host',
  ENVELOPE_HEADER,
]);

function withoutHopByHop(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  return out;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, method = 'GET'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(method === 'HEAD' ? undefined : body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
const sendError = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } });

/** Streams the request to `target` and the answer back: method, headers and body kept. */
function proxy(req: IncomingMessage, res: ServerResponse, target: URL, what: string): void {
  const envelope = req.headers[ENVELOPE_HEADER] === '1';
  const requestTo = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = requestTo(target, { method: req.method, headers: withoutHopByHop(req.headers) }, (answer) => {
    const status = answer.statusCode ?? 502;
    const headers = withoutHopByHop(answer.headers);
    if (envelope) res.writeHead(200, { ...headers, [UPSTREAM_STATUS_HEADER]: String(status) });
    else res.writeHead(status, answer.statusMessage ?? '', headers);
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', (err) => {
    const message = `The preview could not reach ${what} at ${target.origin}: ${err.message}`;
    if (res.headersSent) res.destroy();
    else if (envelope) res.writeHead(200, { [UPSTREAM_ERROR_HEADER]: encodeURIComponent(message), 'Cache-Control': 'no-store' }).end();
    else sendError(res, 502, 'PREVIEW_UPSTREAM', message);
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

/** base + rest, keeping base's own path (an API behind a path prefix) and rest's query. */
function joinUrl(base: string, rest: string): URL {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  return new URL(`${prefix}${rest.startsWith('/') ? rest : `/${rest}`}`, url.origin);
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const apiBase = new URL(options.apiUrl);
  const emulatorBase = new URL(options.emulatorUrl);
  const [keys, pageHtml, sidebarSource, shim, previewJs] = await Promise.all([
    loadOrCreateLocalIssuer(options.home),
    readFile(PAGE_HTML, 'utf8'),
    readFile(SIDEBAR_HTML, 'utf8'),
    readFile(SHIM, 'utf8'),
    bundlePage(),
  ]);
  const sidebarHtml = injectShim(sidebarSource, shim);

  // The add-on's bundle needs this server's origin (its API URL is compiled in), so it is built
  // once the port is known; requests that come before wait for it.
  let addonJs = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    await ready;
    const rawUrl = req.url ?? '/';
    const path = rawUrl.split('?')[0]!;
    const method = (req.method ?? 'GET').toUpperCase();

    if (path === '/api' || path.startsWith('/api/')) {
      return proxy(req, res, joinUrl(apiBase.href, rawUrl.slice('/api'.length) || '/'), 'the Tsugi API');
    }
    if (path === '/clock') {
      if (method !== 'GET' && method !== 'POST') return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'GET or POST /clock');
      return proxy(req, res, joinUrl(emulatorBase.href, '/__emulator/clock'), 'the Places emulator');
    }
    if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${method} ${path}: only GET here`);
    switch (path) {
      case '/':
      case '/index.html':
        return send(res, 200, 'text/html; charset=utf-8', pageHtml, method);
      case '/preview.js':
        return send(res, 200, 'text/javascript; charset=utf-8', previewJs, method);
      case '/addon.js':
        return send(res, 200, 'text/javascript; charset=utf-8', addonJs, method);
      case '/sidebar.html':
        return send(res, 200, 'text/html; charset=utf-8', sidebarHtml, method);
      case '/token':
        return sendJson(res, 200, { token: await signLocalToken(keys, {}) });
      case '/favicon.ico':
        res.writeHead(204, { 'Cache-Control': 'max-age=86400' }).end();
        return;
      default:
        return sendError(res, 404, 'NOT_FOUND', `Nothing at ${path}`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'PREVIEW_ERROR', err instanceof Error ? err.message : String(err));
      else res.destroy();
    });
  });
  const port = await listen(server, options.port ?? DEFAULT_PREVIEW_PORT);
  const origin = `http://${HOST}:${port}`;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  try {
    addonJs = await bundleAddon(`${origin}/api`);
  } catch (err) {
    await close();
    throw err;
  }
  markReady();

  let closing: Promise<void> | undefined;
  return { url: `${origin}/`, close: () => (closing ??= close()) };
}
