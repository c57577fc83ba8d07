// The add-on build: one Code.js that Apps Script can run (no module syntax, a top-level function per
// export of index.ts), the HTML files, and the manifest with the API in urlFetchWhitelist.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddon, checkClaspConfig, findModuleSyntax, manifestFor, normaliseApiUrl, OAUTH_SCOPES } from './build.ts';

const addonDir = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(addonDir, 'src');
const API_URL = 'https://api.example.test';

/** The exports of index.ts, read from its text (independent of how the build finds them). */
async function indexExports(): Promise<string[]> {
  const source = await readFile(path.join(srcDir, 'index.ts'), 'utf8');
  const names = [...source.matchAll(/^export\s+(?:const|function)\s+(\w+)/gm)].map((m) => m[1]!);
  return [...new Set(names)].sort();
}

describe('buildAddon', () => {
  let outDir: string;
  let result: Awaited<ReturnType<typeof buildAddon>>;
  let code: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'tsugi-addon-build-'));
    result = await buildAddon({ apiUrl: API_URL, outDir });
    code = await readFile(path.join(outDir, 'Code.js'), 'utf8');
  });
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('declares a top-level function for every export of index.ts', async () => {
    const exports = await indexExports();
    expect(exports.length).toBeGreaterThan(0);
    expect([...result.globals].sort()).toEqual(exports);
    for (const name of exports) {
      expect(code).toMatch(new RegExp(`^function ${name}\\(\\.\\.\\.args\\) \\{\\n  return Tsugi\\.${name}\\(\\.\\.\\.args\\);\\n\\}$`, 'm'));
    }
  });

  it('leaves no import, export or require', () => {
    expect(findModuleSyntax(code)).toEqual([]);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/(^|[^\w$.])require\(/m);
  });

  it('compiles the API URL in', () => {
    expect(code).toContain(JSON.stringify(API_URL));
    expect(code).not.toContain('__TSUGI_API_URL__');
  });

  it('evaluates as a plain script and leaves every global a function', async () => {
    const context: Record<string, unknown> = {};
    vm.runInNewContext(code, context, { filename: 'Code.js' });
    expect(typeof context.Tsugi).toBe('object');
    for (const name of await indexExports()) {
      expect(typeof context[name], name).toBe('function');
      expect(typeof (context.Tsugi as Record<string, unknown>)[name], `Tsugi.${name}`).toBe('function');
    }
  });

  it('writes the manifest with the API whitelisted', async () => {
    const manifest = JSON.parse(await readFile(path.join(outDir, 'appsscript.json'), 'utf8'));
    expect(manifest).toEqual({
      timeZone: 'Asia/Tokyo',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
      oauthScopes: [
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/script.scriptapp',
        'openid',
        'https://www.googleapis.com/auth/userinfo.email',
      ],
      urlFetchWhitelist: ['https://api.example.test/'],
    });
  });

  it('copies the HTML files', async () => {
    const html = (await readdir(srcDir)).filter((name) => name.endsWith('.html')).sort();
    const written = await readdir(outDir);
    for (const name of html) {
      expect(written).toContain(name);
      expect(await readFile(path.join(outDir, name), 'utf8')).toBe(await readFile(path.join(srcDir, name), 'utf8'));
    }
    expect([...result.files].sort()).toEqual(['Code.js', 'appsscript.json', ...html].sort());
  });
});

describe('build helpers', () => {
  it('whitelists https URLs only, with one trailing slash', () => {
    expect(manifestFor(normaliseApiUrl('https://tsugi.example.workers.dev///')).urlFetchWhitelist).toEqual(['https://tsugi.example.workers.dev/']);
    expect(manifestFor(normaliseApiUrl('https://example.test/api')).urlFetchWhitelist).toEqual(['https://example.test/api/']);
    const local = manifestFor(normaliseApiUrl('http://127.0.0.1:8787'));
    expect(local).not.toHaveProperty('urlFetchWhitelist');
    expect(local.oauthScopes).toEqual(OAUTH_SCOPES);
  });

  it('rejects garbage API URLs clearly', () => {
    expect(() => normaliseApiUrl('not a url', 'TSUGI_API_URL')).toThrow(/TSUGI_API_URL is not a valid URL/);
    expect(() => normaliseApiUrl('ftp://example.test')).toThrow(/http\(s\)/);
    expect(() => normaliseApiUrl('https://example.test/?x=1')).toThrow(/query/);
  });

  it('finds module syntax', () => {
    expect(findModuleSyntax('var a = 1;\nimport x from "y";\n')).toHaveLength(1);
    expect(findModuleSyntax('export const a = 1;')).toHaveLength(1);
    expect(findModuleSyntax('  var fs = require("fs");')).toHaveLength(1);
    expect(findModuleSyntax('  var x = __require2; obj.require(1); // important\nvar exported = 1;')).toEqual([]);
  });

  it('refuses to deploy with the placeholder script id', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tsugi-clasp-'));
    try {
      const file = path.join(dir, '.clasp.json');
      await writeFile(file, JSON.stringify({ scriptId: 'REPLACE-WITH-YOUR-APPS-SCRIPT-PROJECT-ID', rootDir: 'addon/dist' }));
      await expect(checkClaspConfig(file)).rejects.toThrow(/clasp login.*scriptId/s);
      const real = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdefghijklmnopq';
      await writeFile(file, JSON.stringify({ scriptId: real, rootDir: 'addon/dist' }));
      await expect(checkClaspConfig(file)).resolves.toEqual({ scriptId: real, rootDir: 'addon/dist' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
