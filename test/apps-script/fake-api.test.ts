// The fake Tsugi API behaves like the Worker where the add-on can tell: routes, status and error
// codes, batch replay and acknowledgement, no lead twice, known companies excluded, outcomes, and
// the faults tests inject.
import { describe, expect, it } from 'vitest';
import { AckResult, ErrorBody, InsightsResponse, KnownResponse, Lead, OutcomesResponse, PullBatch, SearchProfile, TENANT_SECRET_HEADER, TenantCreated } from '../../shared/contract.ts';
import { computeInsights } from '../../shared/insights.ts';
import { createFakeApi, FAKE_BATCH_TTL_MS, type FakeApi } from './fake-api.ts';

const BASE = 'https://api.example.test';
const TOKEN = 'header.payload.signature';

interface CallOptions {
  body?: unknown;
  payload?: string;
  secret?: string | null;
  token?: string | null;
}

function call(api: FakeApi, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
  if (options.secret) headers[TENANT_SECRET_HEADER] = options.secret;
  const payload = options.payload ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  // As UrlFetchApp sends it for a JSON body (contentType: 'application/json').
  if (payload !== undefined || /^(post|put)$/i.test(method)) headers['Content-Type'] = 'application/json';
  const response = api.handle({ url: `${BASE}${path}`, method, headers, payload });
  return { status: response.status, json: JSON.parse(response.body) as unknown };
}

const errorCode = (response: { json: unknown }) => ErrorBody.parse(response.json).error.code;

function newTenant(api: FakeApi): string {
  const created = call(api, 'post', '/v1/tenants');
  expect(created.status).toBe(201);
  return TenantCreated.parse(created.json).tenantSecret;
}

function tenantWithProfile(api: FakeApi, profile: Record<string, unknown> = {}): string {
  const secret = newTenant(api);
  const put = call(api, 'put', '/v1/profile', { secret, body: { areas: ['渋谷区'], industries: ['美容室'], ...profile } });
  expect(put.status).toBe(200);
  return secret;
}

function pull(api: FakeApi, secret: string, limit?: number): PullBatch {
  const response = call(api, 'post', '/v1/pulls', { secret, body: limit === undefined ? {} : { limit } });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  // Every batch the fake serves is valid against the contract.
  return PullBatch.parse(response.json);
}

function ack(api: FakeApi, secret: string, batchId: string) {
  return call(api, 'post', `/v1/pulls/${batchId}/ack`, { secret });
}

describe('the lead pool', () => {
  it('is deterministic, valid and realistic', () => {
    const api = createFakeApi();
    expect(api.leads).toHaveLength(200);
    expect(createFakeApi({ seed: 1 }).leads.map((l) => l.name)).toEqual(api.leads.map((l) => l.name));
    expect(createFakeApi({ seed: 2 }).leads.map((l) => l.name)).not.toEqual(api.leads.map((l) => l.name));

    for (const lead of api.leads) {
      Lead.parse(lead);
      expect(lead.id).toMatch(/^ld_[0-9a-f]{24}$/);
      expect(lead.phone).toMatch(/^03-\d{4}-\d{4}$/);
      expect(lead.address).toMatch(/東京都\S+区/);
      expect(lead.firstSeen).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(lead.screening).toMatchObject({ verdict: 'clear', evidence: [] });
      if (lead.rating !== null) expect(lead.rating).toBeGreaterThanOrEqual(3);
      if (lead.rating !== null) expect(lead.rating).toBeLessThanOrEqual(5);
      if (lead.website) expect(lead.website).toMatch(/^https:\/\/[a-z0-9-]+\.example\.jp\/$/);
      expect(lead.employeesSource).toBe(lead.employees === null ? null : 'gbizinfo');
    }
    expect(new Set(api.leads.map((l) => l.id)).size).toBe(200);
    expect(new Set(api.leads.map((l) => l.placeId)).size).toBe(200);
    expect(new Set(api.leads.map((l) => l.name)).size).toBe(200);

    const share = (predicate: (lead: Lead) => boolean) => api.leads.filter(predicate).length / api.leads.length;
    expect(share((l) => l.employees !== null)).toBeGreaterThan(0.12);
    expect(share((l) => l.employees !== null)).toBeLessThan(0.4);
    expect(share((l) => l.newlyListed)).toBeGreaterThan(0.03);
    expect(share((l) => l.newlyListed)).toBeLessThan(0.2);
    expect(share((l) => l.rating === null)).toBeGreaterThan(0);
    expect(share((l) => l.emails.length > 0)).toBeGreaterThan(0);
    expect(share((l) => l.contactForm !== null)).toBeGreaterThan(0);
  });

  it('has names that would be formulas, early in the pool', () => {
    const firstTen = createFakeApi().leads.slice(0, 10).map((l) => l.name);
    for (const prefix of ['=', '+', '-', '@']) expect(firstTen.some((name) => name.startsWith(prefix)), prefix).toBe(true);
  });
});

describe('auth', () => {
  it('needs a bearer token on every route', () => {
    const api = createFakeApi();
    expect(errorCode(call(api, 'post', '/v1/tenants', { token: null }))).toBe('TOKEN_MISSING');
    expect(call(api, 'post', '/v1/tenants', { token: '' }).status).toBe(401);
    const secret = newTenant(api);
    const noToken = call(api, 'post', '/v1/pulls', { secret, token: null, body: {} });
    expect(noToken.status).toBe(401);
    expect(errorCode(noToken)).toBe('TOKEN_MISSING');
  });

  it('needs a known tenant secret on every route but /v1/tenants', () => {
    const api = createFakeApi();
    const secret = newTenant(api);
    expect(secret).toMatch(/^ts_[A-Za-z0-9_-]{30,}$/);
    expect(newTenant(api)).not.toBe(secret);
    expect(api.tenants.has(secret)).toBe(true);

    const missing = call(api, 'get', '/v1/profile');
    expect(missing.status).toBe(401);
    expect(errorCode(missing)).toBe('TENANT_SECRET_MISSING');
    const unknown = call(api, 'get', '/v1/profile', { secret: `ts_${'x'.repeat(40)}` });
    expect(unknown.status).toBe(401);
    expect(errorCode(unknown)).toBe('TENANT_UNKNOWN');
    expect(errorCode(call(api, 'post', `/v1/pulls/bt_${'a'.repeat(22)}/ack`, { secret: `ts_${'y'.repeat(40)}` }))).toBe('TENANT_UNKNOWN');
  });

  it('answers unknown paths with NOT_FOUND (behind auth under /v1, like the Worker)', () => {
    const api = createFakeApi();
    const secret = newTenant(api);
    expect(call(api, 'get', '/v1/nothing').status).toBe(401);
    const notFound = call(api, 'get', '/v1/nothing', { secret });
    expect(notFound.status).toBe(404);
    expect(errorCode(notFound)).toBe('NOT_FOUND');
    expect(errorCode(call(api, 'get', '/v1/pulls', { secret }))).toBe('NOT_FOUND');
    expect(errorCode(call(api, 'get', '/elsewhere', { token: null }))).toBe('NOT_FOUND');
    expect(call(api, 'get', '/health', { token: null })).toEqual({ status: 200, json: { status: 'ok' } });
  });
});

describe('profile', () => {
  it('is NO_PROFILE until set, validated on PUT, and returned parsed', () => {
    const api = createFakeApi();
    const secret = newTenant(api);
    const none = call(api, 'get', '/v1/profile', { secret });
    expect(none.status).toBe(404);
    expect(errorCode(none)).toBe('NO_PROFILE');

    const invalid = call(api, 'put', '/v1/profile', { secret, body: { areas: [], industries: ['美容室'] } });
    expect(invalid.status).toBe(400);
    expect(errorCode(invalid)).toBe('INVALID_REQUEST');
    expect(errorCode(call(api, 'put', '/v1/profile', { secret, body: { areas: ['渋谷区'], industries: ['美容室'], bogus: 1 } }))).toBe('INVALID_REQUEST');
    const badJson = call(api, 'put', '/v1/profile', { secret, payload: '{"areas": [' });
    expect(badJson.status).toBe(400);
    expect(errorCode(badJson)).toBe('INVALID_JSON');

    const put = call(api, 'put', '/v1/profile', { secret, body: { areas: ['渋谷区'], industries: ['美容室'], dailyLimit: 12 } });
    expect(put.status).toBe(200);
    const profile = SearchProfile.parse(put.json);
    expect(profile).toMatchObject({ areas: ['渋谷区'], dailyLimit: 12, requirePhone: true, employeesMin: null });
    expect(call(api, 'get', '/v1/profile', { secret })).toEqual({ status: 200, json: profile });
    expect(api.tenants.get(secret)?.profile).toEqual(profile);
  });
});

describe('pulls', () => {
  it('needs a profile first', () => {
    const api = createFakeApi();
    const secret = newTenant(api);
    const response = call(api, 'post', '/v1/pulls', { secret, body: {} });
    expect(response.status).toBe(409);
    expect(errorCode(response)).toBe('NO_PROFILE');
    expect(errorCode(call(api, 'post', '/v1/pulls', { secret, body: { limit: 0 } }))).toBe('INVALID_REQUEST');
  });

  it('round trip: pull, ack, ack again, unknown and malformed ids', () => {
    const api = createFakeApi({ now: () => new Date('2026-05-01T00:00:00Z') });
    const secret = tenantWithProfile(api);
    const batch = pull(api, secret, 5);
    expect(batch.batchId).toMatch(/^bt_[A-Za-z0-9_-]{10,40}$/);
    expect(batch).toMatchObject({ createdAt: '2026-05-01T00:00:00.000Z', expiresAt: '2026-05-02T00:00:00.000Z', replayed: false });
    expect(batch.status).toEqual({ state: 'ready', notices: [] });
    expect(batch.leads).toEqual(api.leads.slice(0, 5));

    const acked = call(api, 'post', `/v1/pulls/${batch.batchId}/ack`, { secret });
    expect(acked.status).toBe(200);
    expect(AckResult.parse(acked.json)).toEqual({ batchId: batch.batchId, acknowledged: 5, alreadyAcknowledged: false });
    expect(ack(api, secret, batch.batchId).json).toEqual({ batchId: batch.batchId, acknowledged: 0, alreadyAcknowledged: true });
    const unknown = ack(api, secret, `bt_${'Z'.repeat(22)}`);
    expect(unknown.status).toBe(404);
    expect(errorCode(unknown)).toBe('BATCH_NOT_FOUND');
    expect(errorCode(ack(api, secret, 'nope'))).toBe('INVALID_REQUEST');

    // Another tenant cannot acknowledge this tenant's batch.
    const other = tenantWithProfile(api);
    expect(errorCode(ack(api, other, batch.batchId))).toBe('BATCH_NOT_FOUND');
    expect(api.tenants.get(secret)?.acked).toEqual([batch.batchId]);
  });

  it('serves an unacknowledged batch again, unchanged but for replayed', () => {
    const api = createFakeApi();
    const secret = tenantWithProfile(api);
    const first = pull(api, secret, 4);
    const again = pull(api, secret, 10);
    expect(again).toEqual({ ...first, replayed: true });
    expect(pull(api, secret)).toEqual({ ...first, replayed: true });
    expect(ack(api, secret, first.batchId).status).toBe(200);
    const next = pull(api, secret, 4);
    expect(next.batchId).not.toBe(first.batchId);
    expect(next.replayed).toBe(false);
    expect(next.leads.map((l) => l.id)).toEqual(api.leads.slice(4, 8).map((l) => l.id));
  });

  it('never serves a lead twice, caps at the daily limit and says when the pool is used up', () => {
    const api = createFakeApi({ leadsAvailable: 23 });
    const secret = tenantWithProfile(api, { dailyLimit: 10 });
    const served: string[] = [];
    const batches: PullBatch[] = [];
    for (let i = 0; i < 4; i++) {
      const batch = pull(api, secret, i === 0 ? 50 : undefined);
      batches.push(batch);
      served.push(...batch.leads.map((l) => l.id));
      expect(ack(api, secret, batch.batchId).status).toBe(200);
    }
    expect(batches.map((b) => b.leads.length)).toEqual([10, 10, 3, 0]);
    expect(batches.map((b) => b.status.state)).toEqual(['ready', 'ready', 'exhausted', 'exhausted']);
    expect(batches[2]?.status.notices.map((n) => n.code)).toEqual(['NO_MORE_LEADS']);
    expect(batches[3]?.status.notices.map((n) => n.code)).toEqual(['NO_MORE_LEADS']);
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual(api.leads.map((l) => l.id).sort());
    expect(api.tenants.get(secret)?.offered.size).toBe(23);

    // Each tenant has its own ledger.
    const other = tenantWithProfile(api, { dailyLimit: 10 });
    expect(pull(api, other).leads.map((l) => l.id)).toEqual(api.leads.slice(0, 10).map((l) => l.id));
  });

  it("applies the Worker's profile filter", () => {
    const api = createFakeApi();
    const picky = tenantWithProfile(api, { minRating: 4.5, requireWebsite: true, dailyLimit: 500 });
    const batch = pull(api, picky);
    expect(batch.leads.length).toBeGreaterThan(0);
    expect(batch.leads.length).toBeLessThan(api.leads.length);
    for (const lead of batch.leads) {
      expect(lead.rating).toBeGreaterThanOrEqual(4.5);
      expect(lead.website).not.toBeNull();
    }
    expect(batch.status.state).toBe('exhausted');

    const newOnly = tenantWithProfile(api, { newOnly: true, dailyLimit: 500 });
    const fresh = pull(api, newOnly);
    expect(fresh.leads.map((l) => l.id)).toEqual(api.leads.filter((l) => l.newlyListed).map((l) => l.id));
    expect(fresh.status.notices.map((n) => n.code)).toEqual(['NO_MORE_NEW_LISTINGS']);
    expect(ack(api, newOnly, fresh.batchId).status).toBe(200);
    expect(pull(api, newOnly).status.notices.map((n) => n.code)).toEqual(['NO_NEW_LISTINGS']);
  });

  it('releases the leads of a batch that expired unacknowledged', () => {
    let now = new Date('2026-05-01T00:00:00Z');
    const api = createFakeApi({ now: () => now });
    const secret = tenantWithProfile(api);
    const first = pull(api, secret, 3);
    now = new Date(now.getTime() + FAKE_BATCH_TTL_MS + 1000);
    const second = pull(api, secret, 3);
    expect(second.batchId).not.toBe(first.batchId);
    expect(second.replayed).toBe(false);
    expect(second.leads).toEqual(first.leads);
    const expired = ack(api, secret, first.batchId);
    expect(expired.status).toBe(409);
    expect(errorCode(expired)).toBe('BATCH_EXPIRED');
    expect(ack(api, secret, second.batchId).status).toBe(200);
  });
});

describe('known rows', () => {
  it('answers deterministic ids and keeps known companies out of later pulls', () => {
    const api = createFakeApi({ leadsAvailable: 30 });
    const secret = tenantWithProfile(api, { dailyLimit: 30 });
    const [a, b, c] = api.leads.slice(0, 3) as [Lead, Lead, Lead];
    const rows = [
      { name: a.name, phone: a.phone },
      // Written differently: full-width digits, no hyphens, spaces around the name.
      { name: ` ${b.name} `, phone: (b.phone ?? '').replace(/-/g, '').replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), address: b.address },
      // Same name, other phone: a different company for the fake.
      { name: c.name, phone: '03-0000-0000' },
    ];
    const response = call(api, 'post', '/v1/known', { secret, body: { rows } });
    expect(response.status).toBe(200);
    const { ids } = KnownResponse.parse(response.json);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^kn_[0-9a-f]{8,}$/);
    expect(new Set(ids).size).toBe(3);
    expect(KnownResponse.parse(call(api, 'post', '/v1/known', { secret, body: { rows } }).json).ids).toEqual(ids);

    const batch = pull(api, secret);
    const servedIds = batch.leads.map((l) => l.id);
    expect(servedIds).not.toContain(a.id);
    expect(servedIds).not.toContain(b.id);
    expect(servedIds).toContain(c.id);
    expect(batch.leads).toHaveLength(28);
    expect(batch.status.state).toBe('exhausted');

    expect(errorCode(call(api, 'post', '/v1/known', { secret, body: { rows: [] } }))).toBe('INVALID_REQUEST');
    expect(errorCode(call(api, 'post', '/v1/known', { secret, body: { rows: [{ name: 'x', extra: 1 }] } }))).toBe('INVALID_REQUEST');
    expect(errorCode(call(api, 'post', '/v1/known', { secret, payload: 'not json' }))).toBe('INVALID_JSON');
  });
});

describe('outcomes', () => {
  const segment = { employees: null, industry: '美容室', area: '渋谷区', newListing: false, rating: 4.2, reviews: 30 };

  it('keeps the latest verdict per lead', () => {
    const api = createFakeApi();
    const secret = tenantWithProfile(api);
    const first = call(api, 'post', '/v1/outcomes', {
      secret,
      body: {
        outcomes: [
          { leadId: 'ld_a', status: 'held', reason: null, at: '2026-05-01T10:00:00Z', segment },
          { leadId: 'ld_a', status: 'rejected', reason: 'budget', at: '2026-05-02T10:00:00Z', segment },
          { leadId: 'ld_b', status: 'won', reason: null, at: '2026-05-01T10:00:00Z', segment },
        ],
      },
    });
    expect(first.status).toBe(200);
    expect(OutcomesResponse.parse(first.json)).toEqual({ recorded: 2, ignored: 1 });

    const second = call(api, 'post', '/v1/outcomes', {
      secret,
      body: {
        outcomes: [
          { leadId: 'ld_a', status: 'won', reason: null, at: '2026-05-01T12:00:00Z', segment },
          { leadId: 'ld_b', status: 'rejected', reason: 'timing', at: '2026-05-03T09:00:00.000Z', segment },
        ],
      },
    });
    expect(second.json).toEqual({ recorded: 1, ignored: 1 });
    const stored = api.tenants.get(secret)?.outcomes;
    expect(stored?.get('ld_a')).toMatchObject({ status: 'rejected', reason: 'budget', at: '2026-05-02T10:00:00.000Z' });
    expect(stored?.get('ld_b')).toMatchObject({ status: 'rejected', reason: 'timing' });

    expect(errorCode(call(api, 'post', '/v1/outcomes', { secret, body: { outcomes: [] } }))).toBe('INVALID_REQUEST');
    const wonWithReason = { leadId: 'ld_c', status: 'won', reason: 'budget', at: '2026-05-01T10:00:00Z', segment };
    expect(errorCode(call(api, 'post', '/v1/outcomes', { secret, body: { outcomes: [wonWithReason] } }))).toBe('INVALID_REQUEST');
  });
});

describe('insights', () => {
  it('answers the engine on the tenant\'s own verdicts and profile, valid against the contract', () => {
    const api = createFakeApi();
    const secret = tenantWithProfile(api);
    const other = tenantWithProfile(api);
    const empty = call(api, 'get', '/v1/insights', { secret });
    expect(empty.status).toBe(200);
    expect(InsightsResponse.parse(empty.json)).toMatchObject({ suggestions: [], totals: { decided: 0, won: 0, rejected: 0, held: 0, winRate: null } });

    const outcomes = Array.from({ length: 60 }, (_, i) => ({
      leadId: `ld_${i}`,
      status: i < 30 ? (i < 3 ? 'won' : 'rejected') : i < 54 ? 'won' : 'rejected',
      reason: (i < 30 && i >= 3) || i >= 54 ? 'budget' : null,
      at: '2026-05-01T10:00:00Z',
      segment: { employees: i < 30 ? 3 + (i % 7) : 20 + i, industry: '美容室', area: '渋谷区', newListing: false, rating: 4, reviews: 30 },
    }));
    expect(call(api, 'post', '/v1/outcomes', { secret, body: { outcomes } }).status).toBe(200);
    const answer = InsightsResponse.parse(call(api, 'get', '/v1/insights', { secret }).json);
    const tenant = api.tenants.get(secret)!;
    expect(answer).toEqual(JSON.parse(JSON.stringify(computeInsights([...tenant.outcomes.values()], { profile: tenant.profile }))));
    expect(answer.totals).toMatchObject({ decided: 60, won: 27, rejected: 33 });
    expect(answer.suggestions.map((s) => s.id)).toContain('employeesMin=10');
    expect(InsightsResponse.parse(call(api, 'get', '/v1/insights', { secret: other }).json).totals.decided).toBe(0);

    expect(errorCode(call(api, 'post', '/v1/insights', { secret, body: {} }))).toBe('NOT_FOUND');
    expect(errorCode(call(api, 'get', '/v1/insights?alpha=1', { secret }))).toBe('INVALID_REQUEST');
    expect(errorCode(call(api, 'get', '/v1/insights', { secret: null }))).toBe('TENANT_SECRET_MISSING');
  });
});

describe('fault injection', () => {
  it('fails the next requests to a route with the API error body, then recovers', () => {
    const api = createFakeApi();
    const secret = tenantWithProfile(api);
    api.fail('pulls', { status: 503, code: 'PLACES_RATE_LIMITED' }, 2);
    for (let i = 0; i < 2; i++) {
      const failed = call(api, 'post', '/v1/pulls', { secret, body: {} });
      expect(failed.status).toBe(503);
      expect(errorCode(failed)).toBe('PLACES_RATE_LIMITED');
    }
    // The faulted pulls changed nothing.
    expect(api.tenants.get(secret)?.openBatch).toBeNull();
    const batch = pull(api, secret);
    expect(batch.replayed).toBe(false);
    // Other routes were never affected.
    expect(call(api, 'get', '/v1/profile', { secret }).status).toBe(200);
  });

  it('throws like UrlFetchApp on a network fault', () => {
    const api = createFakeApi();
    const secret = tenantWithProfile(api);
    const batch = pull(api, secret, 2);
    api.fail('ack', 'network');
    expect(() => ack(api, secret, batch.batchId)).toThrow(/Address unavailable/);
    expect(api.tenants.get(secret)?.openBatch?.batchId).toBe(batch.batchId);
    expect(ack(api, secret, batch.batchId).json).toMatchObject({ acknowledged: 2, alreadyAcknowledged: false });

    api.fail('tenants', 'network');
    expect(() => call(api, 'post', '/v1/tenants')).toThrow();
    expect(call(api, 'post', '/v1/tenants').status).toBe(201);
  });

  it('faults even a request that would fail auth, and records every request', () => {
    const api = createFakeApi();
    api.fail('known', { status: 500, code: 'INTERNAL' });
    expect(errorCode(call(api, 'post', '/v1/known', { token: null, body: { rows: [{ name: 'a' }] } }))).toBe('INTERNAL');
    expect(api.requests.at(-1)).toEqual({ route: 'known', method: 'POST', body: { rows: [{ name: 'a' }] } });
    call(api, 'get', '/v1/whatever', { token: null });
    expect(api.requests.at(-1)).toEqual({ route: '/v1/whatever', method: 'GET', body: undefined });
  });
});

describe('what the Worker refuses before any route', () => {
  it('answers 415 for a JSON route sent another media type, and 400 for query parameters', () => {
    const api = createFakeApi();
    const secret = (call(api, 'post', '/v1/tenants').json as { tenantSecret: string }).tenantSecret;
    const plain = api.handle({ url: `${BASE}/v1/pulls`, method: 'post', headers: { Authorization: `Bearer ${TOKEN}`, [TENANT_SECRET_HEADER]: secret, 'Content-Type': 'text/plain' }, payload: '{}' });
    expect(plain.status).toBe(415);
    expect(errorCode({ json: JSON.parse(plain.body) as unknown })).toBe('UNSUPPORTED_MEDIA_TYPE');
    const query = api.handle({ url: `${BASE}/v1/profile?x=1`, method: 'get', headers: { Authorization: `Bearer ${TOKEN}`, [TENANT_SECRET_HEADER]: secret }, payload: undefined });
    expect(query.status).toBe(400);
  });
});
