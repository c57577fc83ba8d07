// The gBizINFO emulator's own behaviour: data derived from the Places world (one record per
// corporate number, realistic sparsity, "Null" strings), search / lookup / 404, auth, the
// per-token rate limit and faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHAINS } from '../places/names.ts';
import { getWorld } from '../places/dataset.ts';
import { DEFAULT_GBIZINFO_TOKEN, corporationsOf, startGbizinfoEmulator, type GbizinfoEmulator } from './server.ts';

let emu: GbizinfoEmulator;
const TOKEN = DEFAULT_GBIZINFO_TOKEN;

beforeAll(async () => {
  emu = await startGbizinfoEmulator({ port: 0, rateLimitPerSecond: 0 });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  emu.setRateLimit(0);
});

function api(path: string, token: string | null = TOKEN): Promise<Response> {
  return fetch(`${emu.url}${path}`, { headers: token === null ? {} : { 'X-hojinInfo-api-token': token } });
}

type Info = Record<string, unknown>;
async function infos(res: Response): Promise<Info[]> {
  expect(res.status).toBe(200);
  const body = (await res.json()) as { 'hojin-infos': Info[] };
  return body['hojin-infos'];
}

describe('data', () => {
  it('has one record per distinct corporate number, chains sharing one', () => {
    const corps = corporationsOf();
    const numbers = new Set(corps.map((c) => c.corporateNumber));
    expect(numbers.size).toBe(corps.length);
    const world = getWorld();
    const inWorld = new Set(world.businesses.filter((b) => b.corporation && b.openDay <= 0).map((b) => b.corporation!.corporateNumber));
    expect(numbers).toEqual(inWorld);
    for (const chain of CHAINS) {
      const branches = world.businesses.filter((b) => b.chainKey === chain.key && b.openDay <= 0);
      if (branches.length === 0) continue;
      expect(new Set(branches.map((b) => b.corporation?.corporateNumber)).size).toBe(1);
    }
  });

  it('is sparse like gBizINFO: most small firms have no employee count', () => {
    const corps = corporationsOf();
    const known = corps.filter((c) => c.employees !== undefined).length;
    expect(known / corps.length).toBeGreaterThan(0.2);
    expect(known / corps.length).toBeLessThan(0.5);
    const small = corps.filter((c) => c.employees === undefined || c.employees < 20);
    expect(small.filter((c) => c.employees === undefined).length / small.length).toBeGreaterThan(0.5);
  });
});

describe('lookup by corporate number', () => {
  it('answers the hojin-info with "Null" for missing values', async () => {
    const unknown = emu.corporations.find((c) => c.employees === undefined && c.capitalYen === undefined)!;
    const [info] = await infos(await api(`/v2/hojin/${unknown.corporateNumber}`));
    expect(info).toMatchObject({
      corporate_number: unknown.corporateNumber,
      name: unknown.legalName,
      employee_number: 'Null',
      capital_stock: 'Null',
      date_of_establishment: unknown.establishedDate,
      location: unknown.headOfficeAddress,
      representative_name: unknown.representative,
    });
    expect(info!.postal_code).toMatch(/^\d{7}$/);
  });

  it('answers known employees and capital as numbers', async () => {
    const sora = emu.corporations.find((c) => c.legalName === '株式会社ソラ' && c.employees === 310)!;
    expect(sora).toBeDefined();
    const [info] = await infos(await api(`/v2/hojin/${sora.corporateNumber}`));
    expect(info!.employee_number).toBe(310);
    expect(typeof info!.capital_stock).toBe('number');
  });

  it('answers 404 with a JSON error body for an unknown number, 400 for a malformed one', async () => {
    const res = await api('/v2/hojin/9999999999999');
    expect(res.status).toBe(404);
    expect(await res.json()).toHaveProperty('errors');
    expect((await api('/v2/hojin/12345')).status).toBe(400);
  });
});

describe('search', () => {
  it('matches part of the legal name, filtered by prefecture and city codes', async () => {
    const all = await infos(await api(`/v2/hojin?name=${encodeURIComponent('ソラ')}`));
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((i) => String(i.name).includes('ソラ'))).toBe(true);
    const tokyo = await infos(await api(`/v2/hojin?name=${encodeURIComponent('株式会社ソラ')}&prefecture=13`));
    expect(tokyo.some((i) => i.employee_number === 310)).toBe(true);
    const tokyoNumbers = new Set(tokyo.map((i) => i.corporate_number));
    for (const c of emu.corporations.filter((c) => c.legalName.includes('株式会社ソラ'))) expect(tokyoNumbers.has(c.corporateNumber)).toBe(c.prefectureCode === '13');
    const shibuya = await infos(await api(`/v2/hojin?name=${encodeURIComponent('ソラ')}&prefecture=13&city=113`));
    expect(shibuya.length).toBeLessThan(tokyo.length + all.length);
    for (const i of shibuya) expect(emu.corporations.find((c) => c.corporateNumber === i.corporate_number)?.cityCode).toBe('113');
  });

  it('pages with limit and page', async () => {
    const first = await infos(await api(`/v2/hojin?name=${encodeURIComponent('株式会社')}&limit=5&page=1`));
    const second = await infos(await api(`/v2/hojin?name=${encodeURIComponent('株式会社')}&limit=5&page=2`));
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(new Set([...first, ...second].map((i) => i.corporate_number)).size).toBe(10);
  });

  it('answers 404 with a JSON body when nothing matches', async () => {
    const res = await api(`/v2/hojin?name=${encodeURIComponent('存在しない法人名ゼット')}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toHaveProperty('errors');
  });
});

describe('auth, rate limit and faults', () => {
  it('answers 401 to a missing or wrong token', async () => {
    expect((await api('/v2/hojin?name=a', null)).status).toBe(401);
    expect((await api('/v2/hojin?name=a', 'wrong')).status).toBe(401);
  });

  it('limits requests per token per second with 429 and Retry-After: 1', async () => {
    emu.setRateLimit(3);
    const responses = await Promise.all(Array.from({ length: 8 }, () => api('/v2/hojin/9999999999999')));
    const limited = responses.filter((r) => r.status === 429);
    // 8 requests may straddle a second boundary: at most 6 pass.
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api('/v2/hojin/9999999999999')).status).toBe(404);
  });

  it('injects a status for the next n requests, then recovers', async () => {
    emu.setFaults({ status: 500, count: 2 });
    expect((await api('/v2/hojin/9999999999999')).status).toBe(500);
    expect((await api('/v2/hojin/9999999999999')).status).toBe(500);
    expect((await api('/v2/hojin/9999999999999')).status).toBe(404);
  });

  it('is controllable over HTTP (for tests in workerd) and counts requests', async () => {
    const before = emu.requests;
    await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ body: 'garbage', count: 1 }) });
    const res = await api('/v2/hojin/9999999999999');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(emu.requests).toBe(before + 1);
    const truth = (await (await fetch(`${emu.url}/__emulator/corporations?employees=unknown&prefecture=13&limit=2`)).json()) as { corporations: { employees?: number; prefectureCode: string }[] };
    expect(truth.corporations).toHaveLength(2);
    expect(truth.corporations.every((c) => c.employees === undefined && c.prefectureCode === '13')).toBe(true);
  });
});
