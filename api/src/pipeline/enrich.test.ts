// enrich: employee counts and corporate data from the gBizINFO emulator, the D1 cache, failures
// that leave counts unknown, the employee filter with unknowns, and pulls with and without a token.
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { PullBatch, SearchProfile, type Lead } from '../../../shared/contract.ts';
import { createApp } from '../app.ts';
import { createGbizinfoClient } from '../gbizinfo/client.ts';
import { json, newTenant, profile, TestClock } from '../../test/helpers.ts';
import { normaliseName } from '../dedupe/normalise.ts';
import { prefectureCode } from '../gbizinfo/lookup.ts';
import { enrichLeads } from './enrich.ts';
import { filterLead } from './filter.ts';
import { buildLead } from '../../../test/builders.ts';

const GBIZ = inject('gbizinfoEmulatorUrl');
const TOKEN = 'gbizinfo-test-token';
const NOW = new Date('2026-11-24T00:00:00Z');
const TODAY = '2026-11-24';

interface Truth {
  corporateNumber: string;
  legalName: string;
  headOfficeAddress: string;
  employees?: number;
  establishedDate: string;
}

async function truth(employees: 'known' | 'unknown', limit: number): Promise<Truth[]> {
  const response = await fetch(`${GBIZ}/__emulator/corporations?employees=${employees}&prefecture=13&limit=${limit}`);
  return ((await response.json()) as { corporations: Truth[] }).corporations;
}

const lead = (overrides: Partial<Lead>): Lead =>
  buildLead({
    placeId: `enrich-test-${crypto.randomUUID()}`,
    name: 'x',
    address: '東京都渋谷区道玄坂1-2-3',
    website: null,
    googleMapsUrl: null,
    primaryType: null,
    primaryTypeLabel: null,
    rating: null,
    reviewCount: 0,
    firstSeen: TODAY,
    ...overrides,
  });

/** A client on the emulator that counts the requests it sends (the emulator's own counter is shared by parallel test files). */
function countingClient(maxRetries = 0) {
  const counter = { requests: 0 };
  const client = createGbizinfoClient({
    baseUrl: GBIZ,
    token: TOKEN,
    maxRetries,
    backoffMs: 50,
    maxRetryAfterMs: 1_500, // the emulator's own rate limit (10/s) answers Retry-After: 1
    fetch: (input, init) => {
      counter.requests++;
      return fetch(input, init);
    },
  });
  return { client, counter };
}

const fault = (body: unknown) => fetch(`${GBIZ}/__emulator/faults`, { method: 'POST', body: JSON.stringify(body) });

describe('enrichLeads', () => {
  it('fills counts and corporate data from gBizINFO for matched leads, leaves the rest unknown, and caches', async () => {
    const known = await truth('known', 4);
    const unknown = await truth('unknown', 2);
    expect(known.length).toBeGreaterThan(0);
    const leads = [
      ...known.map((c) => lead({ name: c.legalName, address: c.headOfficeAddress })),
      ...unknown.map((c) => lead({ name: c.legalName, address: c.headOfficeAddress })),
      lead({ name: 'ぜったいに存在しない商号ゾゾゾ', address: '東京都渋谷区道玄坂9-9-9' }),
    ];
    const { client, counter } = countingClient(3);
    const first = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: client }, leads, TODAY);
    expect(first.notices).toEqual([]);
    expect(counter.requests).toBeGreaterThanOrEqual(leads.length);

    const byPlace = new Map(first.leads.map((l) => [l.placeId, l]));
    let matched = 0;
    known.forEach((c, i) => {
      const got = byPlace.get(leads[i]!.placeId)!;
      if (got.corporateNumber == null) return; // a namesake can make a match ambiguous
      matched++;
      expect(got.corporateNumber).toBe(c.corporateNumber);
      expect(got.employees).toBe(c.employees);
      expect(got.employeesSource).toBe('gbizinfo');
      expect(got.establishedDate).toBe(c.establishedDate);
      expect(typeof got.newlyEstablished).toBe('boolean');
    });
    expect(matched).toBeGreaterThan(0);
    unknown.forEach((c, i) => {
      const got = byPlace.get(leads[known.length + i]!.placeId)!;
      expect(got.employees).toBeNull();
      expect(got.employeesSource).toBeNull();
      if (got.corporateNumber != null) expect(got.corporateNumber).toBe(c.corporateNumber);
    });
    const none = first.leads.at(-1)!;
    expect(none.employees).toBeNull();
    expect(none.corporateNumber).toBeUndefined();

    // The second enrichment is answered by the cache: no gBizINFO request at all.
    const before = counter.requests;
    const second = await enrichLeads({ db: env.DB, now: new Date(NOW.getTime() + 86_400_000), gbizinfo: client }, leads, TODAY);
    expect(counter.requests).toBe(before);
    expect(second.leads).toEqual(first.leads);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM place_corporations WHERE place_id IN (SELECT value FROM json_each(?1))').bind(JSON.stringify(leads.map((l) => l.placeId))).first('n')).toBe(leads.length);
  });

  it('looks a place up again after the cache has aged', async () => {
    const [c] = await truth('known', 1);
    const one = lead({ name: c!.legalName, address: c!.headOfficeAddress });
    const { client, counter } = countingClient(3);
    await enrichLeads({ db: env.DB, now: NOW, gbizinfo: client }, [one], TODAY);
    const after = counter.requests;
    await enrichLeads({ db: env.DB, now: new Date(NOW.getTime() + 31 * 86_400_000), gbizinfo: client }, [one], TODAY);
    expect(counter.requests).toBeGreaterThan(after);
  });

  it.each([
    ['rate limited', { status: 429, count: 1, retryAfterSeconds: 1 }],
    ['unavailable', { status: 503, count: 1 }],
  ])('leaves counts unknown with EMPLOYEES_PARTIAL when gBizINFO is %s, and does not fail', async (_, faultBody) => {
    const known = await truth('known', 3);
    const leads = known.map((c) => lead({ name: c.legalName, address: c.headOfficeAddress }));
    const { client } = countingClient(0);
    await fault(faultBody);
    // One lookup at a time: the first fails, the rest waits for the next pull.
    const result = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: client, concurrency: 1 }, leads, TODAY);
    expect(result.notices.map((n) => n.code)).toEqual(['EMPLOYEES_PARTIAL']);
    expect(result.failed.size).toBe(leads.length);
    for (const l of result.leads) {
      expect(l.employees).toBeNull();
      expect(l.corporateNumber).toBeUndefined();
    }
    // Nothing was cached for them: the next enrichment looks them up again.
    const again = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: countingClient(3).client }, leads, TODAY);
    expect(again.failed.size).toBe(0);
    expect(again.leads.some((l) => l.employees != null)).toBe(true);
  });

  it('finds the company a website names when the name on Maps does not lead to it', async () => {
    const [c] = await truth('known', 1);
    const shop = lead({ name: 'hair make ZQXW', address: c!.headOfficeAddress });
    const operator = { name: c!.legalName, corporateNumber: null, address: c!.headOfficeAddress };

    // By the name on Maps alone: nothing (and that is cached).
    const alone = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: countingClient(3).client }, [shop], TODAY);
    expect(alone.leads[0]!.corporateNumber).toBeUndefined();

    // Once the site has named its operator, the place is looked up again by that name.
    const named = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: countingClient(3).client }, [shop], TODAY, new Map([[shop.placeId, operator]]));
    expect(named.leads[0]).toMatchObject({ corporateNumber: c!.corporateNumber, legalName: c!.legalName, employees: c!.employees, employeesSource: 'gbizinfo' });

    // And that is cached too: the same operator asks nothing more.
    const { client, counter } = countingClient(3);
    const cached = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: client }, [shop], TODAY, new Map([[shop.placeId, operator]]));
    expect(counter.requests).toBe(0);
    expect(cached.leads).toEqual(named.leads);
  });

  it('takes the 法人番号 a website publishes with one request, unless the registry gives that number another name', async () => {
    const [c] = await truth('known', 1);
    const shop = lead({ name: 'hair make ZQXW', address: '東京都渋谷区神南9-9-9' });
    const published = countingClient(3);
    const byNumber = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: published.client }, [shop], TODAY, new Map([[shop.placeId, { name: c!.legalName, corporateNumber: c!.corporateNumber, address: null }]]));
    expect(published.counter.requests).toBe(1);
    expect(byNumber.leads[0]).toMatchObject({ corporateNumber: c!.corporateNumber, employees: c!.employees });

    const typo = lead({ name: 'hair make ZQXW', address: '東京都渋谷区神南9-9-9' });
    const wrong = await enrichLeads({ db: env.DB, now: NOW, gbizinfo: countingClient(3).client }, [typo], TODAY, new Map([[typo.placeId, { name: '株式会社ゾゾゾゾ', corporateNumber: c!.corporateNumber, address: null }]]));
    expect(wrong.leads[0]!.corporateNumber).toBeUndefined();
  });

  it('does nothing without a client', async () => {
    const leads = [lead({})];
    expect(await enrichLeads({ db: env.DB, now: NOW, gbizinfo: null }, leads, TODAY)).toEqual({ leads, notices: [], failed: new Set() });
  });

  it('maps addresses to JIS prefecture codes', () => {
    expect(prefectureCode('東京都渋谷区道玄坂1-2-3')).toBe('13');
    expect(prefectureCode('大阪府大阪市北区梅田1-1')).toBe('27');
    expect(prefectureCode('福岡県福岡市中央区天神1-1')).toBe('40');
    expect(prefectureCode('北海道札幌市中央区')).toBe('01');
    expect(prefectureCode('渋谷区道玄坂')).toBeUndefined();
  });
});

describe('the employee filter', () => {
  const p = (overrides: Record<string, unknown>) => SearchProfile.parse({ areas: ['東京都渋谷区'], industries: ['美容室'], ...overrides });
  const pass = (employees: number | null, overrides: Record<string, unknown>, options?: Parameters<typeof filterLead>[3]) =>
    filterLead(lead({ employees, employeesSource: employees == null ? null : 'gbizinfo' }), [], p(overrides), options).pass;

  it('keeps unknown counts with includeUnknownEmployees, drops them without', () => {
    expect(pass(null, { employeesMin: 5, includeUnknownEmployees: true })).toBe(true);
    expect(pass(null, { employeesMin: 5, includeUnknownEmployees: false })).toBe(false);
    expect(pass(null, { includeUnknownEmployees: false })).toBe(true); // no bounds: nothing to apply
  });

  it('applies min and max to known counts', () => {
    expect(pass(4, { employeesMin: 5 })).toBe(false);
    expect(pass(5, { employeesMin: 5 })).toBe(true);
    expect(pass(20, { employeesMax: 19 })).toBe(false);
    expect(pass(19, { employeesMin: 5, employeesMax: 19 })).toBe(true);
  });

  it('skips the rule when employee counts are unavailable', () => {
    expect(pass(null, { employeesMin: 5, includeUnknownEmployees: false }, { employeeCountsAvailable: false })).toBe(true);
    expect(pass(1, { employeesMin: 5 }, { employeeCountsAvailable: false })).toBe(true);
  });
});

describe('pulls with employee conditions', () => {
  function appOn(overrides: Partial<typeof env>) {
    const app = createApp(new TestClock().read);
    const bound = { ...env, ...overrides };
    return (path: string, init: RequestInit = {}) => app.request(path, init, bound);
  }
  async function pullWith(overrides: Partial<typeof env>, dailyLimit = 12) {
    const call = appOn(overrides);
    const headers = await newTenant(call);
    const put = await call('/v1/profile', {
      method: 'PUT',
      headers,
      body: json(profile({ areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit, employeesMin: 3, includeUnknownEmployees: true })),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
    expect(response.status, await response.clone().text()).toBe(200);
    return PullBatch.parse(await response.json());
  }

  it('without a token: leads still come, with EMPLOYEES_UNAVAILABLE', async () => {
    const batch = await pullWith({ GBIZINFO_TOKEN: undefined });
    expect(batch.leads.length).toBeGreaterThan(0);
    expect(batch.leads.every((l) => l.employees == null)).toBe(true);
    expect(batch.status.notices.map((n) => n.code)).toContain('EMPLOYEES_UNAVAILABLE');
  });

  it('with a token: every lead with a count satisfies the minimum, and some are matched, also by what their website says', async () => {
    const batch = await pullWith({ GBIZINFO_TOKEN: TOKEN, GBIZINFO_BASE_URL: GBIZ }, 40);
    expect(batch.leads.length).toBeGreaterThan(0);
    expect(batch.status.notices.map((n) => n.code)).not.toContain('EMPLOYEES_UNAVAILABLE');
    const matched = batch.leads.filter((l) => l.corporateNumber != null);
    expect(matched.length).toBeGreaterThan(0);
    for (const l of matched) expect(l.legalName).toBeTruthy();
    // A registered name that shares nothing with the name on Maps (hair make GALA → 有限会社竹内商事)
    // can only have come from the operator the lead's website names.
    expect(matched.some((l) => !normaliseName(l.name).core.includes(normaliseName(l.legalName!).core))).toBe(true);
    for (const l of batch.leads) {
      if (l.employees != null) {
        expect(l.employees).toBeGreaterThanOrEqual(3);
        expect(l.employeesSource).toBe('gbizinfo');
        expect(l.corporateNumber).toMatch(/^\d{13}$/);
      }
    }
  });
});
