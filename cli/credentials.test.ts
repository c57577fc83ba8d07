import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../shared/local-issuer.ts';
import { apiUrlFrom, fileTenantStore, identityTokenSource, isLocalApi, loadOrCreateLocalIssuer, tsugiHome } from './credentials.ts';

const dirs: string[] = [];
async function tempHome(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tsugi-cred-'));
  dirs.push(dir);
  return join(dir, 'home');
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadOrCreateLocalIssuer', () => {
  it('creates the key file readable by the owner only, then reads the same keys back', async () => {
    const home = await tempHome();
    const created = await loadOrCreateLocalIssuer(home);
    const mode = (await stat(join(home, 'local-issuer.json'))).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(await loadOrCreateLocalIssuer(home)).toEqual(created);
  });

  it('gives processes that start at once the same keys', async () => {
    const home = await tempHome();
    const all = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateLocalIssuer(home)));
    expect(new Set(all.map((keys) => keys.kid)).size).toBe(1);
  });
});

describe('identityTokenSource', () => {
  it('signs a local token the local issuer JWKS verifies', async () => {
    const home = await tempHome();
    const token = await identityTokenSource({}, 'http://127.0.0.1:8787', home)();
    const keys = await loadOrCreateLocalIssuer(home);
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.publicJwks), { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
    expect(payload.sub).toBeTruthy();
  });

  it('uses TSUGI_ID_TOKEN as given', async () => {
    const source = identityTokenSource({ TSUGI_ID_TOKEN: ' google.id.token ' }, 'https://api.example.com', await tempHome());
    await expect(source()).resolves.toBe('google.id.token');
  });

  it('asks for TSUGI_ID_TOKEN for an API that is not local', async () => {
    const source = identityTokenSource({}, 'https://api.example.com', await tempHome());
    await expect(source()).rejects.toMatchObject({ code: 'ID_TOKEN_REQUIRED' });
  });
});

describe('isLocalApi', () => {
  it.each([
    ['http://127.0.0.1:8787', true],
    ['http://localhost:8787/', true],
    ['http://[::1]:8787', true],
    ['https://tsugi-api.example.workers.dev', false],
    ['not a url', false],
  ])('%s → %s', (url, local) => {
    expect(isLocalApi(url)).toBe(local);
  });
});

describe('fileTenantStore', () => {
  it('keeps one secret per API URL in a file only the owner can read', async () => {
    const home = await tempHome();
    const store = fileTenantStore(home);
    expect(await store.get('http://127.0.0.1:8787')).toBeNull();
    await store.set('http://127.0.0.1:8787/', 'secret-one');
    await store.set('http://127.0.0.1:9999', 'secret-two');
    expect(await store.get('http://127.0.0.1:8787')).toBe('secret-one');
    expect(await fileTenantStore(home).get('http://127.0.0.1:9999')).toBe('secret-two');
    expect((await stat(join(home, 'cli-tenants.json'))).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(await readFile(join(home, 'cli-tenants.json'), 'utf8')))).toEqual([
      'http://127.0.0.1:8787',
      'http://127.0.0.1:9999',
    ]);
  });
});

describe('environment', () => {
  it('defaults to the local API and the repository .tsugi folder', () => {
    expect(apiUrlFrom({})).toBe('http://127.0.0.1:8787');
    expect(apiUrlFrom({ TSUGI_API_URL: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000');
    expect(tsugiHome({})).toMatch(/\.tsugi$/);
    expect(tsugiHome({ TSUGI_HOME: '/tmp/x' })).toBe('/tmp/x');
  });
});
