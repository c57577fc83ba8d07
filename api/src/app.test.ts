// Route tests: the Worker's HTTP API against local D1 and the Places emulator.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ErrorBody, PullBatch, SearchProfile } from '../../shared/contract.ts';
import { json, newTenant, profile, testApp, token } from '../test/helpers.ts';
import worker from './index.ts';

const errorOf = async (response: Response) => ErrorBody.parse(await response.json()).error;

async function pullBatch(call: ReturnType<typeof testApp>['call'], headers: Record<string, string>, body: unknown = {}) {
  const response = await call('/v1/pulls', { method: 'POST', headers, body: json(body) });
  expect(response.status).toBe(200);
  return PullBatch.parse(await response.json());
}

describe('health and errors', () => {
  it('answers /health through the Worker entry', async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request('http://tsugi.test/health'), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown paths with a 404 in the one error shape', async () => {
    const { call } = testApp();
    const response = await call('/nope');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('NOT_FOUND');
  });

  it('refuses /v1 without an identity token', async () => {
    const { call } = testApp();
    const response = await call('/v1/profile');
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('TOKEN_MISSING');
  });

  it('refuses a valid identity without a tenant secret', async () => {
    const { call } = testApp();
    const response = await call('/v1/profile', { headers: { Authorization: `Bearer ${await token()}` } });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('TENANT_SECRET_MISSING');
  });

  it('refuses local tokens when the local issuer is not configured (production)', async () => {
    const { app } = testApp();
    const response = await app.request(
      '/v1/tenants',
      { method: 'POST', headers: { Authorization: `Bearer ${await token()}` } },
      { ...env, LOCAL_ISSUER_JWKS: undefined },
    );
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('ISSUER_UNTRUSTED');
  });
});

describe('profile', () => {
  it('stores the profile with its defaults and answers it back', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    expect((await call('/v1/profile', { headers })).status).toBe(404);
    const put = await call('/v1/profile', { method: 'PUT', headers, body: json(profile()) });
    expect(put.status).toBe(200);
    const stored = SearchProfile.parse(await (await call('/v1/profile', { headers })).json());
    expect(stored).toMatchObject({ areas: ['東京都渋谷区'], industries: ['美容室'], excludeRefusing: true, newOnly: false, dailyLimit: 20 });
  });

  it.each([
    ['malformed JSON', '{"areas": ['],
    ['an unknown field', json({ ...profile(), colour: 'red' })],
    ['a wrong type', json({ ...profile(), dailyLimit: 'twenty' })],
    ['an absurd daily limit', json({ ...profile(), dailyLimit: 1e9 })],
    ['500 areas', json({ ...profile(), areas: Array.from({ length: 500 }, (_, i) => `区${i}`) })],
    ['no industries', json({ areas: ['東京都渋谷区'], industries: [] })],
    ['min above max employees', json({ ...profile(), employeesMin: 50, employeesMax: 10 })],
  ])('answers 400 with a code for %s', async (_case, body) => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const response = await call('/v1/profile', { method: 'PUT', headers, body });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toMatch(/^INVALID_/);
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('refuses a body over the size cap', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const response = await call('/v1/profile', { method: 'PUT', headers, body: json({ ...profile(), x: 'あ'.repeat(70_000) }) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('BODY_TOO_LARGE');
  });
});

describe('pull and ack', () => {
  it('asks for a profile before pulling', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).code).toBe('NO_PROFILE');
  });

  it('serves fresh leads with phones, the unacknowledged batch again unchanged, then others', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ requireWebsite: true })) });

    const first = await pullBatch(call, headers);
    expect(first.leads).toHaveLength(20);
    expect(first.replayed).toBe(false);
    for (const lead of first.leads) {
      expect(lead.phone).toBeTruthy();
      expect(lead.website).toBeTruthy();
      expect(lead.address).toContain('渋谷区');
      expect(lead.name.length).toBeGreaterThan(0);
    }

    const again = await pullBatch(call, headers);
    expect(again.batchId).toBe(first.batchId);
    expect(again.replayed).toBe(true);
    expect(again.leads).toEqual(first.leads);

    const ack = await call(`/v1/pulls/${first.batchId}/ack`, { method: 'POST', headers });
    expect(await ack.json()).toEqual({ batchId: first.batchId, acknowledged: 20, alreadyAcknowledged: false });
    const ackAgain = await call(`/v1/pulls/${first.batchId}/ack`, { method: 'POST', headers });
    expect(await ackAgain.json()).toMatchObject({ alreadyAcknowledged: true });

    const second = await pullBatch(call, headers);
    expect(second.batchId).not.toBe(first.batchId);
    const firstIds = new Set(first.leads.map((lead) => lead.placeId));
    expect(second.leads.length).toBeGreaterThan(0);
    expect(second.leads.filter((lead) => firstIds.has(lead.placeId))).toEqual([]);
  });

  it('answers 404 with a code for an unknown batch, and for another tenant\'s batch', async () => {
    const { call } = testApp();
    const owner = await newTenant(call);
    const stranger = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers: owner, body: json(profile({ dailyLimit: 3 })) });
    const batch = await pullBatch(call, owner);

    const unknown = await call('/v1/pulls/bt_doesnotexist0000/ack', { method: 'POST', headers: owner });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('BATCH_NOT_FOUND');
    const foreign = await call(`/v1/pulls/${batch.batchId}/ack`, { method: 'POST', headers: stranger });
    expect(foreign.status).toBe(404);
    const malformed = await call('/v1/pulls/../../x/ack', { method: 'POST', headers: owner });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
  });

  it('releases the leads of an expired batch, and refuses its late ack', async () => {
    const { call, clock } = testApp();
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ dailyLimit: 5 })) });
    const first = await pullBatch(call, headers);
    clock.advanceHours(25);
    const next = await pullBatch(call, headers);
    expect(next.batchId).not.toBe(first.batchId);
    // The released places are offered again, under the same lead ids.
    expect(next.leads.map((lead) => lead.id)).toEqual(first.leads.map((lead) => lead.id));
    const late = await call(`/v1/pulls/${first.batchId}/ack`, { method: 'POST', headers });
    expect(late.status).toBe(409);
    expect((await errorOf(late)).code).toBe('BATCH_EXPIRED');
  });

  it('never gives two concurrent pulls of one tenant the same lead in different batches', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ dailyLimit: 6 })) });
    const batches = await Promise.all([pullBatch(call, headers), pullBatch(call, headers), pullBatch(call, headers)]);
    expect(new Set(batches.map((batch) => batch.batchId)).size).toBe(1);
    const { results } = await env.DB.prepare('SELECT COUNT(*) AS n FROM offers WHERE batch_id = ?1')
      .bind(batches[0]?.batchId)
      .all<{ n: number }>();
    expect(results[0]?.n).toBe(6);
  });

  it('caps a pull at the profile\'s daily limit and keeps no Places content after the ack', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ dailyLimit: 4 })) });
    const batch = await pullBatch(call, headers, { limit: 50 });
    expect(batch.leads).toHaveLength(4);
    await call(`/v1/pulls/${batch.batchId}/ack`, { method: 'POST', headers });
    const { results } = await env.DB.prepare('SELECT COUNT(*) AS n FROM batch_leads WHERE batch_id = ?1').bind(batch.batchId).all<{ n: number }>();
    expect(results[0]?.n).toBe(0);
  });

  it('answers a clear 502 when the Places API cannot be reached', async () => {
    const { app } = testApp();
    const call = (path: string, init: RequestInit = {}) => app.request(path, init, { ...env, PLACES_BASE_URL: 'http://127.0.0.1:9' });
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile()) });
    const countBatches = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM batches').first<{ n: number }>())?.n;
    const before = await countBatches();
    const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe('PLACES_UNAVAILABLE');
    expect(await countBatches()).toBe(before);
  });
});
