// Discovery inside the Worker: the adaptive sweep recorded in D1, 差分モード across simulated days,
// the budget stop, the nightly pre-fetch and the queue's continuation of sweeps.
import { createExecutionContext, createMessageBatch, createScheduledController, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PullBatch } from '../../../shared/contract.ts';
import type { WorkMessage } from '../env.ts';
import worker from '../index.ts';
import { json, newTenant, profile, TestClock } from '../../test/helpers.ts';
import { createApp } from '../app.ts';

type Env = typeof env;

function appOn(overrides: Partial<Env>, clock = new TestClock()) {
  const app = createApp(clock.read);
  const bound = { ...env, ...overrides };
  return { clock, call: (path: string, init: RequestInit = {}) => app.request(path, init, bound) };
}

async function pull(call: ReturnType<typeof appOn>['call'], headers: Record<string, string>) {
  const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
  expect(response.status, await response.clone().text()).toBe(200);
  return PullBatch.parse(await response.json());
}

const count = async (sql: string, ...params: unknown[]) =>
  (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? 0;

describe('adaptive discovery', () => {
  it('splits a dense ward into cells and finds its thousands of salons with free requests', async () => {
    const { call } = appOn({});
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ dailyLimit: 5 })) });
    const batch = await pull(call, headers);
    expect(batch.leads).toHaveLength(5);

    const query = '東京都渋谷区|hair_salon';
    expect(await env.DB.prepare('SELECT sweep, sweep_complete FROM queries WHERE query_key = ?1').bind(query).first()).toEqual({
      sweep: 1,
      sweep_complete: 1,
    });
    expect(await count('SELECT COUNT(*) AS n FROM cells WHERE query_key = ?1 AND split = 1', query)).toBeGreaterThan(3);
    const truth = (await (await fetch(`${env.PLACES_BASE_URL}/__emulator/truth?area=${encodeURIComponent('東京都渋谷区')}&type=hair_salon&day=0&liveOnly=1`)).json()) as { placeIds: string[] };
    const found = await count('SELECT COUNT(*) AS n FROM sightings WHERE query_key = ?1', query);
    expect(found / truth.placeIds.length).toBeGreaterThan(0.99);
    // No leaf holds more than the cap: every capped cell was split.
    expect(await count('SELECT COUNT(*) AS n FROM cells WHERE query_key = ?1 AND split = 0 AND place_count >= 60', query)).toBe(0);
    // Only the leads' details were paid for; the sweep itself was free.
    const usage = await env.DB.prepare('SELECT sku, requests FROM places_usage').all<{ sku: string; requests: number }>();
    const paid = usage.results.filter((row) => !row.sku.endsWith('ids_only'));
    expect(paid.reduce((sum, row) => sum + row.requests, 0)).toBeLessThan(15);
  });

  it('reports an unknown area with a code', async () => {
    const { call } = appOn({});
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ areas: ['火星県オリンポス市'] })) });
    const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('AREA_UNKNOWN');
  });

  it('stops paid calls at the daily budget and says so', async () => {
    const { call } = appOn({ DAILY_BUDGET_USD: '0.05' });
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ areas: ['東京都新宿区'], industries: ['歯科'], dailyLimit: 10 })) });
    const batch = await pull(call, headers);
    expect(batch.leads.length).toBeLessThan(10);
    expect(batch.status.state).toBe('partial');
    expect(batch.status.notices.map((n) => n.code)).toContain('BUDGET_REACHED');
  });
});

describe('差分モード (newOnly)', () => {
  it('treats the first sweep as the baseline, then serves only places opened after it', async () => {
    const emulator = env.TEST_CLOCK_EMULATOR_URL;
    const setDay = (day: number) => fetch(`${emulator}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ day }) });
    await setDay(0);
    const { call, clock } = appOn({ PLACES_BASE_URL: emulator });
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ newOnly: true, dailyLimit: 30, requirePhone: false })) });

    const baseline = await pull(call, headers);
    expect(baseline.leads).toEqual([]);
    expect(baseline.status.notices.map((n) => n.code)).toContain('NO_NEW_LISTINGS');
    await call(`/v1/pulls/${baseline.batchId}/ack`, { method: 'POST', headers });

    await setDay(1);
    clock.advanceHours(24);
    const next = await pull(call, headers);
    expect(next.leads.length).toBeGreaterThan(10);
    const opened = (await (await fetch(`${emulator}/__emulator/truth/new?area=${encodeURIComponent('東京都渋谷区')}&type=hair_salon&day=1`)).json()) as { placeIds: string[] };
    const reallyNew = new Set(opened.placeIds);
    for (const lead of next.leads) {
      expect(lead.newlyListed).toBe(true);
      expect(reallyNew.has(lead.placeId), `${lead.name} was not opened on day 1`).toBe(true);
    }
  });
});

describe('background work', () => {
  it('prepares every tenant\'s next batch overnight, served as fresh in the morning', async () => {
    const { call } = appOn({});
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ areas: ['東京都世田谷区'], industries: ['工務店'], dailyLimit: 3 })) });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '0 18 * * *' }), { ...env, WORK_QUEUE: undefined }, ctx);
    await waitOnExecutionContext(ctx);
    expect(await count(`SELECT COUNT(*) AS n FROM batches WHERE state = 'open' AND served = 0`)).toBeGreaterThanOrEqual(1);

    const morning = await pull(call, headers);
    expect(morning.leads).toHaveLength(3);
    expect(morning.replayed).toBe(false);
    expect((await pull(call, headers)).replayed).toBe(true);
  });

  it('continues an unfinished sweep from the queue', async () => {
    const { call } = appOn({ PULL_SWEEP_SECONDS: '0.001', WORK_QUEUE: undefined });
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ areas: ['大阪府大阪市北区'], industries: ['美容室'], dailyLimit: 3 })) });
    const hurried = await pull(call, headers);
    expect(hurried.status.notices.map((n) => n.code)).toContain('SWEEP_IN_PROGRESS');
    const query = '大阪府大阪市北区|hair_salon';
    expect(await env.DB.prepare('SELECT sweep_complete FROM queries WHERE query_key = ?1').bind(query).first('sweep_complete')).toBe(0);

    const tenantId = (await env.DB.prepare(`SELECT tenant_id FROM profiles WHERE profile LIKE '%大阪府大阪市北区%'`).first<{ tenant_id: string }>())?.tenant_id ?? '';
    const batch = createMessageBatch<WorkMessage>('tsugi-work', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { kind: 'sweep', tenantId, queryKey: query } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, WORK_QUEUE: undefined }, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['m1']);
    expect(await env.DB.prepare('SELECT sweep_complete FROM queries WHERE query_key = ?1').bind(query).first('sweep_complete')).toBe(1);
  });
});
