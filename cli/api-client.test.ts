import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TENANT_SECRET_HEADER } from '../shared/contract.ts';
import { ApiClient, ApiClientError, type TenantSecretStore } from './api-client.ts';
import { buildBatch } from './testing.ts';

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
  secret: string | undefined;
  body: string;
}

type Handler = (req: Seen, res: ServerResponse) => void;

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A throwaway HTTP server on a free port; `handle` answers each request. */
async function fakeApi(handle: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const secret = req.headers[TENANT_SECRET_HEADER.toLowerCase()];
      const entry: Seen = {
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        secret: typeof secret === 'string' ? secret : undefined,
        body,
      };
      seen.push(entry);
      handle(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${port}`, seen };
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};
const apiError = (res: ServerResponse, status: number, code: string, message = `${code} happened`) =>
  send(res, status, { error: { code, message } });

function memoryTenants(initial: Record<string, string> = {}): TenantSecretStore & { all: Record<string, string> } {
  const all = { ...initial };
  return {
    all,
    get: async (url) => all[url] ?? null,
    set: async (url, secret) => {
      all[url] = secret;
    },
  };
}

const SECRET_A = 'a'.repeat(43);
const SECRET_B = 'b'.repeat(43);
const profileBody = { areas: ['東京都渋谷区'], industries: ['美容室'] };

function client(url: string, tenants = memoryTenants(), extra: Partial<ConstructorParameters<typeof ApiClient>[0]> = {}) {
  return new ApiClient({ baseUrl: `${url}/`, identityToken: async () => 'h.p.s', tenants, ...extra });
}

describe('ApiClient', () => {
  it('registers a tenant on first use, keeps its secret and sends it with the token', async () => {
    const api = await fakeApi((req, res) => {
      if (req.path === '/v1/tenants') return send(res, 201, { tenantSecret: SECRET_A });
      if (req.path === '/v1/profile') return send(res, 200, JSON.parse(req.body));
      apiError(res, 404, 'NOT_FOUND');
    });
    const tenants = memoryTenants();
    const saved = await client(api.url, tenants).putProfile(profileBody);

    expect(saved.areas).toEqual(['東京都渋谷区']);
    expect(api.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/tenants', 'PUT /v1/profile']);
    expect(api.seen.every((r) => r.authorization === 'Bearer h.p.s')).toBe(true);
    expect(api.seen[0]?.secret).toBeUndefined();
    expect(api.seen[1]?.secret).toBe(SECRET_A);
    expect(tenants.all).toEqual({ [api.url]: SECRET_A });
  });

  it('uses a stored tenant secret without registering again', async () => {
    const api = await fakeApi((req, res) => send(res, 200, { ...profileBody, dailyLimit: 20 }));
    await client(api.url, memoryTenants({ [api.url]: SECRET_A })).putProfile(profileBody);
    expect(api.seen.map((r) => r.path)).toEqual(['/v1/profile']);
  });

  it('registers once more and retries when the API no longer knows the tenant', async () => {
    const api = await fakeApi((req, res) => {
      if (req.path === '/v1/tenants') return send(res, 201, { tenantSecret: SECRET_B });
      if (req.secret === SECRET_A) return apiError(res, 401, 'TENANT_UNKNOWN');
      send(res, 200, buildBatch());
    });
    const tenants = memoryTenants({ [api.url]: SECRET_A });
    let renewed = 0;
    const batch = await client(api.url, tenants, { onTenantRenewed: () => renewed++ }).pull(5);

    expect(batch.leads).toHaveLength(2);
    expect(renewed).toBe(1);
    expect(tenants.all[api.url]).toBe(SECRET_B);
    expect(api.seen.map((r) => `${r.path} ${r.secret?.[0] ?? '-'}`)).toEqual(['/v1/pulls a', '/v1/tenants -', '/v1/pulls b']);
    expect(JSON.parse(api.seen[2]!.body)).toEqual({ limit: 5 });
  });

  it('gives up after one re-registration', async () => {
    const api = await fakeApi((req, res) => {
      if (req.path === '/v1/tenants') return send(res, 201, { tenantSecret: SECRET_B });
      apiError(res, 401, 'TENANT_UNKNOWN');
    });
    const error = await client(api.url, memoryTenants({ [api.url]: SECRET_A })).pull().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: 'TENANT_UNKNOWN', status: 401 });
    expect(api.seen.filter((r) => r.path === '/v1/tenants')).toHaveLength(1);
  });

  it('turns an error body into an ApiClientError with its code, message and status', async () => {
    const api = await fakeApi((req, res) => apiError(res, 409, 'BATCH_EXPIRED', 'Batch expired.'));
    const error = await client(api.url, memoryTenants({ [api.url]: SECRET_A }))
      .ack('bt_0123456789abc')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiClientError', code: 'BATCH_EXPIRED', message: 'Batch expired.', status: 409 });
    expect(api.seen[0]?.path).toBe('/v1/pulls/bt_0123456789abc/ack');
  });

  it('does not retry other 401s', async () => {
    const api = await fakeApi((req, res) => apiError(res, 401, 'TOKEN_EXPIRED'));
    await expect(client(api.url, memoryTenants({ [api.url]: SECRET_A })).pull()).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    expect(api.seen).toHaveLength(1);
  });

  it('reports an error answer without the error shape as BAD_RESPONSE', async () => {
    const api = await fakeApi((req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    await expect(client(api.url, memoryTenants({ [api.url]: SECRET_A })).pull()).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
  });

  it('refuses a success answer that breaks the contract', async () => {
    const api = await fakeApi((req, res) => send(res, 200, { batchId: 'bt_x', leads: 'not a list' }));
    await expect(client(api.url, memoryTenants({ [api.url]: SECRET_A })).pull()).rejects.toMatchObject({ code: 'BAD_RESPONSE', status: 200 });
  });

  it('answers null for a tenant without a profile', async () => {
    const api = await fakeApi((req, res) => apiError(res, 404, 'NO_PROFILE'));
    await expect(client(api.url, memoryTenants({ [api.url]: SECRET_A })).getProfile()).resolves.toBeNull();
  });

  it('reports API_UNREACHABLE when nothing listens', async () => {
    const api = await fakeApi((req, res) => send(res, 200, {}));
    await servers.pop()!.close();
    const error = await client(api.url).createTenant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code: 'API_UNREACHABLE', status: 0 });
  });

  it('reports API_TIMEOUT when the API does not answer in time', async () => {
    const api = await fakeApi(() => {
      // Never answers.
    });
    const error = await client(api.url, memoryTenants({ [api.url]: SECRET_A }), { pullTimeoutMs: 200 })
      .pull()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'API_TIMEOUT', status: 0 });
  });

  it('passes on a failure to get the identity token', async () => {
    const api = await fakeApi((req, res) => send(res, 201, { tenantSecret: SECRET_A }));
    const failing = new ApiClient({
      baseUrl: api.url,
      identityToken: () => Promise.reject(new ApiClientError('ID_TOKEN_REQUIRED', 'set TSUGI_ID_TOKEN', 0)),
      tenants: memoryTenants(),
    });
    await expect(failing.createTenant()).rejects.toMatchObject({ code: 'ID_TOKEN_REQUIRED' });
    expect(api.seen).toHaveLength(0);
  });
});
