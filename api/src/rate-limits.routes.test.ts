// Per-tenant rate limits through the HTTP API: pulls per hour and per minute, paid Places requests
// per minute (a partial batch, or a 429 when nothing could be done), tenants kept apart, and the
// nightly pre-fetch using none of the owner's pull allowance. Small limits, set per test.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBody, PullBatch, TENANT_SECRET_HEADER } from '../../shared/contract.ts';
import { json, newTenant, profile, TestClock } from '../test/helpers.ts';
import { createApp } from './app.ts';
import type { WorkMessage } from './env.ts';
import worker from './index.ts';
import { findTenantBySecret } from './store/tenants.ts';

type Env = typeof env;
type Call = (path: string, init?: RequestInit) => Promise<Response>;

function appOn(overrides: Partial<Env>, clock = new TestClock()) {
  const app = createApp(clock.read);
  const bound = { ...env, ...overrides };
  const call: Call = async (path, init = {}) => app.request(path, init, bound);
  return { clock, call };
}

const advanceMinutes = (clock: TestClock, minutes: number) => clock.advanceHours(minutes / 60);
const errorOf = async (response: Response) => ErrorBody.parse(await response.json()).error;
const pullRequest = (call: Call, headers: Record<string, string>) => call('/v1/pulls', { method: 'POST', headers, body: '{}' });

async function pull(call: Call, headers: Record<string, string>) {
  const response = await pullRequest(call, headers);
  expect(response.status, await response.clone().text()).toBe(200);
  return PullBatch.parse(await response.json());
}

async function ack(call: Call, headers: Record<string, string>, batchId: string) {
  expect((await call(`/v1/pulls/${batchId}/ack`, { method: 'POST', headers })).status).toBe(200);
}

/** A tenant with a profile; its id, for looking at its rows. */
async function owner(call: Call, profileOverrides: Parameters<typeof profile>[0] = {}) {
  const headers = await newTenant(call);
  const put = await call('/v1/profile', { method: 'PUT', headers, body: json(profile(profileOverrides)) });
  expect(put.status).toBe(200);
  const tenantId = (await findTenantBySecret(env.DB, headers[TENANT_SECRET_HEADER]!))!;
  return { headers, tenantId };
}

/** Everything a pull may change for a tenant. */
async function stateOf(tenantId: string) {
  const rows = async (sql: string) => (await env.DB.prepare(sql).bind(tenantId).all()).results;
  return {
    batches: await rows('SELECT id, state, served, status, expires_at FROM batches WHERE tenant_id = ?1 ORDER BY id'),
    leads: await rows('SELECT l.batch_id, l.position FROM batch_leads l JOIN batches b ON b.id = l.batch_id WHERE b.tenant_id = ?1 ORDER BY 1, 2'),
    offers: await rows('SELECT place_id, batch_id, state FROM offers WHERE tenant_id = ?1 ORDER BY place_id'),
    keys: await rows('SELECT key_hash, batch_id FROM tenant_keys WHERE tenant_id = ?1 ORDER BY key_hash'),
    held: await rows('SELECT place_id FROM held_leads WHERE tenant_id = ?1 ORDER BY place_id'),
    usage: await rows('SELECT day, sku, requests FROM places_usage WHERE tenant_id = ?1 ORDER BY day, sku'),
    limits: await rows('SELECT bucket, window_start, used FROM rate_limits WHERE scope = ?1 ORDER BY bucket, window_start'),
  };
}

/** Paid Places requests the tenant's work sent (the free IDs-only sweep not counted). */
async function paidRequests(tenantId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT SUM(requests) AS n FROM places_usage WHERE tenant_id = ?1 AND sku NOT LIKE '%ids_only'`)
    .bind(tenantId)
    .first<{ n: number | null }>();
  return row?.n ?? 0;
}

/** Counts the requests to the Places API (the emulator) made while `work` runs. */
async function placesRequestsDuring(work: () => Promise<void>): Promise<number> {
  const spy = vi.spyOn(globalThis, 'fetch');
  try {
    await work();
    return spy.mock.calls.filter(([input]) => (input instanceof Request ? input.url : String(input)).startsWith(env.PLACES_BASE_URL)).length;
  } finally {
    spy.mockRestore();
  }
}

describe('the nightly pre-fetch', () => {
  // First in the file: the Cron Trigger pre-fetches for every tenant with a profile.
  it('uses none of the owner\'s pull allowance, and forgets ended windows', async () => {
    const limits = { PULL_RATE_PER_HOUR: '1', WORK_QUEUE: undefined };
    const { call } = appOn(limits, new TestClock(new Date()));
    const { headers, tenantId } = await owner(call, { areas: ['東京都世田谷区'], industries: ['工務店'], dailyLimit: 3 });
    await env.DB.prepare(`INSERT INTO rate_limits (scope, bucket, window_start, window_end, used) VALUES (?1, 'pulls:hour', 0, 3600, 9)`)
      .bind(tenantId)
      .run();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '0 18 * * *' }), { ...env, ...limits }, ctx);
    await waitOnExecutionContext(ctx);
    // And once more through the queue, as production runs it.
    const batch = createMessageBatch<WorkMessage>('tsugi-work', [{ id: 'p1', timestamp: new Date(), attempts: 1, body: { kind: 'prefetch', tenantId } }]);
    const queueCtx = createExecutionContext();
    await worker.queue(batch, { ...env, ...limits }, queueCtx);
    expect((await getQueueResult(batch, queueCtx)).explicitAcks).toEqual(['p1']);

    const after = await stateOf(tenantId);
    expect(after.batches).toHaveLength(1); // prepared overnight
    expect(after.limits.filter((row) => String(row.bucket).startsWith('pulls:'))).toEqual([]);

    // The owner's one pull this hour is still there, and serves the prepared batch.
    const morning = await pull(call, headers);
    expect(morning.leads).toHaveLength(3);
    expect(morning.replayed).toBe(false);
    const second = await pullRequest(call, headers);
    expect(second.status).toBe(429);
    expect((await errorOf(second)).code).toBe('RATE_LIMITED');
  });
});

describe('pulls per tenant', () => {
  it('refuses the pull past the hourly limit with 429 and Retry-After, changing nothing and asking Places nothing', async () => {
    const { call, clock } = appOn({ PULL_RATE_PER_HOUR: '3', PULL_BURST_PER_MINUTE: '10' });
    const { headers, tenantId } = await owner(call, { dailyLimit: 3 });
    for (let i = 0; i < 3; i++) {
      await ack(call, headers, (await pull(call, headers)).batchId);
      advanceMinutes(clock, 5);
    }
    // 00:15: the hour window (00:00–01:00) is used up.
    const before = await stateOf(tenantId);
    let refused: Response | undefined;
    const placesCalls = await placesRequestsDuring(async () => {
      refused = await pullRequest(call, headers);
    });
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('Retry-After')).toBe(String(45 * 60));
    const error = await errorOf(refused!);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/3 an hour/);
    expect(placesCalls).toBe(0);
    expect(await stateOf(tenantId)).toEqual(before);

    // The next hour allows pulls again, and they go on where the last one stopped.
    clock.advanceHours(1);
    let next: PullBatch | undefined;
    expect(await placesRequestsDuring(async () => void (next = await pull(call, headers)))).toBeGreaterThan(0);
    expect(next?.leads).toHaveLength(3);
    expect(next?.replayed).toBe(false);
    expect((await stateOf(tenantId)).batches).toHaveLength(4);
  });

  it('caps bursts per minute within the hour', async () => {
    const { call, clock } = appOn({ PULL_RATE_PER_HOUR: '30', PULL_BURST_PER_MINUTE: '2' });
    const { headers } = await owner(call, { dailyLimit: 3 });
    advanceMinutes(clock, 0.5); // 00:00:30
    await pull(call, headers);
    await pull(call, headers); // a replay counts too: every POST /v1/pulls does
    const refused = await pullRequest(call, headers);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('30');
    expect((await errorOf(refused)).message).toMatch(/2 a minute/);
    advanceMinutes(clock, 0.5);
    expect((await pull(call, headers)).replayed).toBe(true);
  });

  it('keeps one tenant\'s limit from touching another\'s', async () => {
    const { call } = appOn({ PULL_RATE_PER_HOUR: '1' });
    const first = await owner(call, { dailyLimit: 2 });
    const second = await owner(call, { dailyLimit: 2 });
    await pull(call, first.headers);
    expect((await pullRequest(call, first.headers)).status).toBe(429);
    expect((await pullRequest(call, first.headers)).status).toBe(429);
    const other = await pull(call, second.headers);
    expect(other.leads).toHaveLength(2);
    expect((await pullRequest(call, second.headers)).status).toBe(429);
  });

  it('does not count requests refused before the pull (invalid body)', async () => {
    const { call } = appOn({ PULL_RATE_PER_HOUR: '1' });
    const { headers } = await owner(call, { dailyLimit: 2 });
    for (let i = 0; i < 3; i++) expect((await call('/v1/pulls', { method: 'POST', headers, body: json({ limit: 0 }) })).status).toBe(400);
    await pull(call, headers);
  });
});

describe('paid Places requests per tenant and minute', () => {
  it('stops paid calls at the cap mid-pull and serves what is ready; 429 when nothing could be done; more the next minute', async () => {
    const limits = { PLACES_CALLS_PER_MINUTE: '3' };
    const { call, clock } = appOn(limits);
    const { headers, tenantId } = await owner(call, { dailyLimit: 100, excludeRefusing: false, requirePhone: false });

    const first = await pull(call, headers);
    expect(first.leads.length).toBeGreaterThan(0);
    expect(first.leads.length).toBeLessThan(100);
    expect(first.status.state).toBe('partial');
    expect(first.status.notices.map((notice) => notice.code)).toContain('RATE_LIMITED');
    expect(first.status.notices.map((notice) => notice.code)).not.toContain('PLACES_PARTIAL');
    expect(await paidRequests(tenantId)).toBeLessThanOrEqual(3);
    await ack(call, headers, first.batchId);

    // The same minute: not one paid request is left, so nothing can be built.
    const before = await paidRequests(tenantId);
    const refused = await pullRequest(call, headers);
    expect(refused.status).toBe(429);
    expect((await errorOf(refused)).code).toBe('RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await paidRequests(tenantId)).toBe(before);

    // The next minute: the next leads, none of them repeated.
    advanceMinutes(clock, 1);
    const next = await pull(call, headers);
    expect(next.leads.length).toBeGreaterThan(0);
    const firstIds = new Set(first.leads.map((lead) => lead.placeId));
    expect(next.leads.filter((lead) => firstIds.has(lead.placeId))).toEqual([]);
    expect(await paidRequests(tenantId)).toBeLessThanOrEqual(6);
  });

  it('leaves a pull well inside the default cap untouched', async () => {
    const { call } = appOn({});
    const { headers, tenantId } = await owner(call, { areas: ['東京都新宿区'], industries: ['歯科'], dailyLimit: 30 });
    const batch = await pull(call, headers);
    expect(batch.status.notices.map((notice) => notice.code)).not.toContain('RATE_LIMITED');
    // What the pull reserved and did not use was given back.
    const row = await env.DB.prepare(`SELECT used FROM rate_limits WHERE scope = ?1 AND bucket = 'places:minute'`).bind(tenantId).first<{ used: number }>();
    expect(row?.used).toBe(await paidRequests(tenantId));
  });
});
