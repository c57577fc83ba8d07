// Tenancy: the sheet (its secret) is the tenant, and every route answers only for the caller's
// tenant. Tenant B's credentials never read nor change tenant A's data on any route.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ErrorBody, KnownResponse, PullBatch, SearchProfile, TENANT_SECRET_HEADER, type Lead, type Outcome } from '../../shared/contract.ts';
import { json, profile, tenantIdOf, testApp, token, type Call } from '../test/helpers.ts';
import { leadRecord } from './pipeline/dedupe.ts';
import { pull as preparePull } from './pipeline/pull.ts';
import { tenantWork } from './services.ts';
import { matchKeys } from './dedupe/keys.ts';
import { sha256Hex } from './store/ids.ts';
import { knownHashes, tenantHasher } from './store/keys.ts';
import { listOutcomes } from './store/outcomes.ts';

type Creds = Record<string, string>;

const errorOf = async (response: Response) => ErrorBody.parse(await response.json()).error;

/** A tenant created by an owner signed in as `subject`: the headers its sheet sends. */
async function tenantOf(call: Call, subject: string): Promise<Creds> {
  const bearer = { Authorization: `Bearer ${await token({ subject })}` };
  const response = await call('/v1/tenants', { method: 'POST', headers: bearer });
  expect(response.status).toBe(201);
  const { tenantSecret } = (await response.json()) as { tenantSecret: string };
  return { ...bearer, [TENANT_SECRET_HEADER]: tenantSecret, 'Content-Type': 'application/json' };
}

/** A and B, signed in as different people; background work runs nowhere (the state stays put). */
async function twoTenants() {
  const { app, clock } = testApp();
  const call: Call = (path, init = {}) => app.request(path, init, { ...env, WORK_QUEUE: undefined });
  const a = await tenantOf(call, 'owner-a');
  const b = await tenantOf(call, 'owner-b');
  return { call, clock, a, b };
}


async function getProfile(call: Call, headers: Creds) {
  return call('/v1/profile', { headers });
}

async function putProfile(call: Call, headers: Creds, body: unknown) {
  const response = await call('/v1/profile', { method: 'PUT', headers, body: json(body) });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function pull(call: Call, headers: Creds): Promise<PullBatch> {
  const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
  expect(response.status, await response.clone().text()).toBe(200);
  return PullBatch.parse(await response.json());
}

/** Every row of the tables that hold a tenant's data, for tenant `tenantId`. */
async function rowsOf(tenantId: string) {
  const all = async (sql: string) => (await env.DB.prepare(sql).bind(tenantId).all()).results;
  return {
    tenants: await all('SELECT * FROM tenants WHERE id = ?1'),
    profiles: await all('SELECT * FROM profiles WHERE tenant_id = ?1'),
    batches: await all('SELECT * FROM batches WHERE tenant_id = ?1 ORDER BY id'),
    batchLeads: await all('SELECT * FROM batch_leads WHERE batch_id IN (SELECT id FROM batches WHERE tenant_id = ?1) ORDER BY batch_id, position'),
    offers: await all('SELECT * FROM offers WHERE tenant_id = ?1 ORDER BY place_id'),
    keys: await all('SELECT * FROM tenant_keys WHERE tenant_id = ?1 ORDER BY key_hash'),
    held: await all('SELECT * FROM held_leads WHERE tenant_id = ?1 ORDER BY place_id'),
    outcomes: await all('SELECT * FROM outcomes WHERE tenant_id = ?1 ORDER BY lead_id'),
    usage: await all('SELECT * FROM places_usage WHERE tenant_id = ?1 ORDER BY day, sku'),
  };
}

const outcome = (leadId: string, overrides: Partial<Outcome> = {}): Outcome => ({
  leadId,
  status: 'held',
  reason: null,
  at: '2026-11-24T09:00:00.000Z',
  segment: { employees: null, industry: '美容室', area: '東京都渋谷区', newListing: false, rating: 4.1, reviews: 12 },
  ...overrides,
});

const knownRow = (lead: Lead) => ({ name: lead.name, address: lead.address, phone: lead.phone, website: lead.website });

describe('every route answers only for the caller\'s tenant', () => {
  it('POST /v1/tenants: every sheet gets its own tenant and secret', async () => {
    const { a, b } = await twoTenants();
    expect(a[TENANT_SECRET_HEADER]).not.toBe(b[TENANT_SECRET_HEADER]);
    expect(await tenantIdOf(a)).not.toBe(await tenantIdOf(b));
  });

  it('GET and PUT /v1/profile: B sees only its own profile, and its PUTs leave A\'s untouched', async () => {
    const { call, a, b } = await twoTenants();
    const ofA = profile({ areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit: 3 });
    await putProfile(call, a, ofA);
    const aBefore = await rowsOf(await tenantIdOf(a));

    const none = await getProfile(call, b);
    expect(none.status).toBe(404);
    expect((await errorOf(none)).code).toBe('NO_PROFILE');

    // Twice, and different: the second PUT also forgets B's profile decisions and prepared batch.
    await putProfile(call, b, profile({ areas: ['東京都新宿区'], industries: ['歯科'], dailyLimit: 7 }));
    await putProfile(call, b, profile({ areas: ['東京都目黒区'], industries: ['工務店'], dailyLimit: 9 }));
    expect(SearchProfile.parse(await (await getProfile(call, b)).json())).toMatchObject({ areas: ['東京都目黒区'], dailyLimit: 9 });
    expect(SearchProfile.parse(await (await getProfile(call, a)).json())).toEqual(SearchProfile.parse(ofA));
    expect(await rowsOf(await tenantIdOf(a))).toEqual(aBefore);
  });

  it('a profile change by B never discards A\'s prepared batch nor forgets A\'s decisions', async () => {
    const { call, clock, a, b } = await twoTenants();
    await putProfile(call, a, profile({ dailyLimit: 3 }));
    // A's next batch, prepared ahead (as overnight) and not served yet: what a profile change discards.
    const work = await tenantWork({ ...env, WORK_QUEUE: undefined }, await tenantIdOf(a), clock.now);
    const batch = await preparePull(work.deps, await tenantIdOf(a), { prepare: true });
    await work.flush();
    expect((await rowsOf(await tenantIdOf(a))).batches).toMatchObject([{ id: batch.batchId, state: 'open', served: 0 }]);
    await putProfile(call, b, profile({ dailyLimit: 3 }));
    await pull(call, b);
    const aBefore = await rowsOf(await tenantIdOf(a));
    await putProfile(call, b, profile({ dailyLimit: 4, areas: ['東京都新宿区'] }));
    expect(await rowsOf(await tenantIdOf(a))).toEqual(aBefore);
    const served = await pull(call, a);
    expect(served).toMatchObject({ batchId: batch.batchId, leads: batch.leads });
  });

  it('POST /v1/pulls and /ack: B never gets A\'s open batch or its leads, and cannot ack it', async () => {
    const { call, a, b } = await twoTenants();
    await putProfile(call, a, profile({ dailyLimit: 4 }));
    await putProfile(call, b, profile({ dailyLimit: 4 }));
    const ofA = await pull(call, a);
    expect(ofA.leads).toHaveLength(4);
    const aBefore = await rowsOf(await tenantIdOf(a));

    // Same profile, same day: B gets a batch of its own, never A's (nor A's lead ids).
    const ofB = await pull(call, b);
    expect(ofB.batchId).not.toBe(ofA.batchId);
    expect(ofB.replayed).toBe(false);
    const idsOfA = new Set(ofA.leads.map((lead) => lead.id));
    expect(ofB.leads.filter((lead) => idsOfA.has(lead.id))).toEqual([]);

    const foreign = await call(`/v1/pulls/${ofA.batchId}/ack`, { method: 'POST', headers: b });
    expect(foreign.status).toBe(404);
    expect((await errorOf(foreign)).code).toBe('BATCH_NOT_FOUND');
    expect(await rowsOf(await tenantIdOf(a))).toEqual(aBefore);

    // A's batch is still open: served again unchanged, then acknowledged by A.
    const replay = await pull(call, a);
    expect(replay).toMatchObject({ batchId: ofA.batchId, replayed: true, leads: ofA.leads });
    const ack = await call(`/v1/pulls/${ofA.batchId}/ack`, { method: 'POST', headers: a });
    expect(ack.status).toBe(200);
    expect(await ack.json()).toEqual({ batchId: ofA.batchId, acknowledged: 4, alreadyAcknowledged: false });

    // And B's own batch is B's alone: A cannot ack it either.
    const backwards = await call(`/v1/pulls/${ofB.batchId}/ack`, { method: 'POST', headers: a });
    expect(backwards.status).toBe(404);
    expect((await rowsOf(await tenantIdOf(b))).batches).toMatchObject([{ id: ofB.batchId, state: 'open' }]);
  });

  it('POST /v1/known: B\'s rows never join A\'s key set, and A is still offered those companies', async () => {
    const { call, a, b } = await twoTenants();
    // A scout with A's profile learns which companies A would be served next.
    const scout = await tenantOf(call, 'scout');
    const wanted = profile({ dailyLimit: 4, excludeRefusing: false });
    await putProfile(call, scout, wanted);
    const companies = (await pull(call, scout)).leads;
    expect(companies).toHaveLength(4);

    const tenantA = await tenantIdOf(a);
    const tenantB = await tenantIdOf(b);
    const hashesOf = async (tenantId: string) => {
      const hash = await tenantHasher(env.DB, tenantId);
      return (await Promise.all(companies.map((lead) => hash(matchKeys(leadRecord(lead)))))).flat();
    };
    const keysOfA = await hashesOf(tenantA);
    expect(keysOfA.length).toBeGreaterThan(0);
    const aBefore = await rowsOf(tenantA);

    const known = await call('/v1/known', { method: 'POST', headers: b, body: json({ rows: companies.map(knownRow) }) });
    expect(known.status, await known.clone().text()).toBe(200);
    const idsForB = KnownResponse.parse(await known.json()).ids;
    expect(idsForB).toHaveLength(4);

    // B's set has them (under B's key); A's set has none of them, under A's key.
    expect((await knownHashes(env.DB, tenantB, await hashesOf(tenantB))).size).toBeGreaterThan(0);
    expect(await knownHashes(env.DB, tenantA, keysOfA)).toEqual(new Set());
    expect(await rowsOf(tenantA)).toEqual(aBefore);

    // A's next pull still gets those companies.
    await putProfile(call, a, wanted);
    const ofA = await pull(call, a);
    expect(ofA.leads.map((lead) => lead.placeId)).toEqual(companies.map((lead) => lead.placeId));

    // The same row answers another id for another tenant (ids are keyed per tenant).
    const sameRowsForA = await call('/v1/known', { method: 'POST', headers: a, body: json({ rows: companies.map(knownRow) }) });
    const idsForA = KnownResponse.parse(await sameRowsForA.json()).ids;
    expect(idsForA.filter((id) => idsForB.includes(id))).toEqual([]);
  });

  it('POST /v1/outcomes: B posting verdicts on A\'s lead ids never touches A\'s outcomes', async () => {
    const { call, a, b } = await twoTenants();
    await putProfile(call, a, profile({ dailyLimit: 3 }));
    const leads = (await pull(call, a)).leads;
    const verdictsOfA = leads.map((lead, i) => outcome(lead.id, i === 0 ? { status: 'won' } : {}));
    const recorded = await call('/v1/outcomes', { method: 'POST', headers: a, body: json({ outcomes: verdictsOfA }) });
    expect(await recorded.json()).toEqual({ recorded: 3, ignored: 0 });
    const tenantA = await tenantIdOf(a);
    const aBefore = await listOutcomes(env.DB, tenantA);
    expect(aBefore).toHaveLength(3);

    // Later verdicts on the very same lead ids, from B: they would overwrite A's were they A's.
    const later = leads.map((lead) => outcome(lead.id, { status: 'rejected', reason: 'competitor', at: '2026-12-24T00:00:00.000Z' }));
    const fromB = await call('/v1/outcomes', { method: 'POST', headers: b, body: json({ outcomes: later }) });
    expect(await fromB.json()).toEqual({ recorded: 3, ignored: 0 });
    expect(await listOutcomes(env.DB, tenantA)).toEqual(aBefore);
    expect((await listOutcomes(env.DB, await tenantIdOf(b))).map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});

describe('the secret is the tenant', () => {
  it('A\'s identity with B\'s secret acts as B: every editor of a sheet shares its secret, whoever they are', async () => {
    const { call, a, b } = await twoTenants();
    await putProfile(call, a, profile({ dailyLimit: 3 }));
    await putProfile(call, b, profile({ dailyLimit: 5 }));
    const aBefore = await rowsOf(await tenantIdOf(a));

    const aAsB = { ...b, Authorization: a.Authorization! };
    expect(aAsB.Authorization).not.toBe(b.Authorization);
    expect(SearchProfile.parse(await (await getProfile(call, aAsB)).json()).dailyLimit).toBe(5);
    await putProfile(call, aAsB, profile({ dailyLimit: 6 }));
    expect(SearchProfile.parse(await (await getProfile(call, b)).json()).dailyLimit).toBe(6);
    expect(SearchProfile.parse(await (await getProfile(call, a)).json()).dailyLimit).toBe(3);
    expect(await rowsOf(await tenantIdOf(a))).toEqual(aBefore);
  });

  it('a secret of the right shape that no tenant has is TENANT_UNKNOWN; a malformed one TENANT_SECRET_MISSING', async () => {
    const { call, a } = await twoTenants();
    for (const secret of ['A'.repeat(43), `${a[TENANT_SECRET_HEADER]!.slice(0, -1)}${a[TENANT_SECRET_HEADER]!.endsWith('A') ? 'B' : 'A'}`]) {
      const response = await getProfile(call, { ...a, [TENANT_SECRET_HEADER]: secret });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('TENANT_UNKNOWN');
    }
    for (const secret of ['short', `${a[TENANT_SECRET_HEADER]} `.repeat(2), `${a[TENANT_SECRET_HEADER]}!`, 'x'.repeat(129)]) {
      const response = await getProfile(call, { ...a, [TENANT_SECRET_HEADER]: secret });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe('TENANT_SECRET_MISSING');
    }
  });

  it('stores the secret only as its SHA-256: no table holds it in clear', async () => {
    const { call, a, b } = await twoTenants();
    await putProfile(call, a, profile({ dailyLimit: 3 }));
    await pull(call, a);
    for (const headers of [a, b]) {
      const secret = headers[TENANT_SECRET_HEADER]!;
      const row = await env.DB.prepare('SELECT * FROM tenants WHERE id = ?1').bind(await tenantIdOf(headers)).first<Record<string, unknown>>();
      expect(row?.secret_hash).toBe(await sha256Hex(secret));
      expect(Object.values(row ?? {}).filter((value) => String(value).includes(secret))).toEqual([]);
    }

    const tables = (await env.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`).all<{ name: string }>()).results;
    expect(tables.map((t) => t.name)).toContain('tenants');
    for (const { name } of tables) {
      const dump = JSON.stringify((await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results);
      expect(dump.includes(a[TENANT_SECRET_HEADER]!), name).toBe(false);
      expect(dump.includes(b[TENANT_SECRET_HEADER]!), name).toBe(false);
    }
  });
});
