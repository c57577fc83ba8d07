// The gBizINFO client against the gBizINFO emulator (started in Node by the global setup, over
// the same synthetic companies as the Places emulator), plus a few scripted-fetch cases for what
// the emulator does not produce (numeric strings, Retry-After dates, hangs).
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createGbizinfoClient, GbizinfoError, type GbizinfoClientOptions } from './client.ts';

const URL_ = inject('gbizinfoEmulatorUrl');
// DEFAULT_GBIZINFO_TOKEN of test/emulators/gbizinfo/server.ts (a Node module, not imported here).
const TOKEN = 'gbizinfo-test-token';

interface TruthCorporation {
  legalName: string;
  corporateNumber: string;
  employees?: number;
  capitalYen?: number;
  establishedDate: string;
  headOfficeAddress: string;
  prefectureCode: string;
  postalCode: string;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${URL_}/__emulator/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return res.json();
}

async function truth(query: string): Promise<TruthCorporation[]> {
  return ((await control(`corporations?${query}`)) as { corporations: TruthCorporation[] }).corporations;
}

function client(extra: Partial<GbizinfoClientOptions> = {}) {
  const sleeps: number[] = [];
  const gbiz = createGbizinfoClient({
    baseUrl: URL_,
    token: TOKEN,
    backoffMs: 1,
    sleep: async (ms) => void sleeps.push(ms),
    ...extra,
  });
  return { gbiz, sleeps };
}

async function caught(promise: Promise<unknown>): Promise<GbizinfoError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GbizinfoError);
  return err as GbizinfoError;
}

beforeEach(async () => {
  await control('reset', {});
});

describe('against the emulator', () => {
  it('finds a known corporation by name with its employees', async () => {
    const { gbiz } = client();
    const found = await gbiz.search({ name: '株式会社ソラ', prefecture: '13' });
    const sora = found.find((c) => c.employees === 310);
    expect(sora).toMatchObject({ name: '株式会社ソラ', kana: null, status: '-' });
    expect(sora!.corporateNumber).toMatch(/^\d{13}$/);
    expect(sora!.establishedDate).toMatch(/^2004-\d{2}-\d{2}$/);
    expect(sora!.postalCode).toMatch(/^\d{3}-\d{4}$/);
    expect(typeof sora!.capitalYen).toBe('number');
    expect(found.every((c) => c.name.includes('株式会社ソラ'))).toBe(true);
    expect(await gbiz.get(sora!.corporateNumber)).toEqual(sora);
  });

  it('turns "Null" employees (and capital) into null', async () => {
    const [unknown] = await truth('employees=unknown&prefecture=13&limit=1');
    const { gbiz } = client();
    const corp = await gbiz.get(unknown!.corporateNumber);
    expect(corp).toEqual({
      corporateNumber: unknown!.corporateNumber,
      name: unknown!.legalName,
      kana: null,
      location: unknown!.headOfficeAddress,
      postalCode: unknown!.postalCode,
      employees: null,
      capitalYen: unknown!.capitalYen ?? null,
      establishedDate: unknown!.establishedDate,
      status: '-',
    });
    const searched = await gbiz.search({ name: unknown!.legalName, prefecture: '13', limit: 5000 });
    expect(searched.find((c) => c.corporateNumber === unknown!.corporateNumber)?.employees).toBeNull();
  });

  it('answers [] / null on 404', async () => {
    const { gbiz } = client();
    expect(await gbiz.search({ name: '存在しない法人名ゼット' })).toEqual([]);
    expect(await gbiz.get('9999999999999')).toBeNull();
  });

  it('retries 429s of the rate limit transparently', async () => {
    await control('rate-limit', { perSecond: 2 });
    const { gbiz } = client({ maxRetries: 5, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    const results = await Promise.all(Array.from({ length: 5 }, () => gbiz.get('9999999999999')));
    expect(results).toEqual([null, null, null, null, null]);
    const { requests } = (await control('requests')) as { requests: number };
    expect(requests).toBeGreaterThan(5); // some were answered 429 and sent again
  });

  it('fails with GBIZINFO_RATE_LIMITED once the retries are spent, honouring Retry-After', async () => {
    await control('faults', { status: 429, count: 10, retryAfterSeconds: 2 });
    const { gbiz, sleeps } = client({ maxRetries: 3 });
    const err = await caught(gbiz.search({ name: 'ソラ' }));
    expect(err.code).toBe('GBIZINFO_RATE_LIMITED');
    expect(err.httpStatus).toBe(429);
    expect(sleeps).toEqual([2000, 2000, 2000]);
    expect(((await control('requests')) as { requests: number }).requests).toBe(4);
  });

  it('caps a long Retry-After', async () => {
    await control('faults', { status: 429, count: 1, retryAfterSeconds: 3600 });
    const { gbiz, sleeps } = client();
    expect(await gbiz.get('9999999999999')).toBeNull();
    expect(sleeps).toEqual([5000]);
  });

  it('retries a 500 then recovers, or fails with GBIZINFO_UNAVAILABLE', async () => {
    await control('faults', { status: 500, count: 2 });
    const { gbiz } = client({ maxRetries: 3 });
    expect((await gbiz.search({ name: '株式会社ソラ', prefecture: '13' })).length).toBeGreaterThan(0);

    await control('faults', { status: 500, count: 10 });
    const err = await caught(client({ maxRetries: 2 }).gbiz.get('9999999999999'));
    expect(err.code).toBe('GBIZINFO_UNAVAILABLE');
    expect(err.httpStatus).toBe(500);
  });

  it('fails with GBIZINFO_TOKEN_REJECTED on a bad token, without echoing it', async () => {
    const { gbiz } = client({ token: 'not-the-token-s3cret' });
    const err = await caught(gbiz.search({ name: 'ソラ' }));
    expect(err.code).toBe('GBIZINFO_TOKEN_REJECTED');
    expect(err.message).not.toContain('s3cret');
    expect(((await control('requests')) as { requests: number }).requests).toBe(1); // not retried
  });

  it('fails with GBIZINFO_BAD_RESPONSE on garbage or a body of the wrong shape', async () => {
    await control('faults', { body: 'garbage', count: 1 });
    expect((await caught(client().gbiz.search({ name: 'ソラ' }))).code).toBe('GBIZINFO_BAD_RESPONSE');
    await control('faults', { body: 'bad-shape', count: 1 });
    expect((await caught(client().gbiz.get('9999999999999'))).code).toBe('GBIZINFO_BAD_RESPONSE');
  });
});

describe('with a scripted fetch', () => {
  function scripted(steps: (Response | Error | 'hang')[]) {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      const step = steps.shift() ?? new Error('no more scripted responses');
      if (step === 'hang') return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      if (step instanceof Error) throw step;
      return step;
    };
    return { fetch: fetch as typeof globalThis.fetch, requests };
  }
  const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers });

  it('parses numeric strings, nulls, absent fields and ignores unknown ones', async () => {
    const script = scripted([
      json({
        'hojin-infos': [
          { corporate_number: '1234567890123', name: '株式会社テスト', kana: 'カブシキガイシャテスト', postal_code: '150-0001', employee_number: '1,200', capital_stock: null, date_of_establishment: '1987-04-01T00:00:00+09:00', whatever: { x: 1 } },
          { corporate_number: 2234567890123, name: '合同会社テスト', employee_number: 'Null', capital_stock: '3000000', location: 'Null', status: 'Null' },
        ],
      }),
    ]);
    const { gbiz } = client({ baseUrl: 'https://api.info.gbiz.go.jp/hojin/', fetch: script.fetch });
    expect(await gbiz.search({ name: 'テスト', prefecture: '13', city: '113', limit: 10 })).toEqual([
      { corporateNumber: '1234567890123', name: '株式会社テスト', kana: 'カブシキガイシャテスト', location: null, postalCode: '150-0001', employees: 1200, capitalYen: null, establishedDate: '1987-04-01', status: null },
      { corporateNumber: '2234567890123', name: '合同会社テスト', kana: null, location: null, postalCode: null, employees: null, capitalYen: 3_000_000, establishedDate: null, status: null },
    ]);
    const [request] = script.requests;
    expect(request!.url).toBe(`https://api.info.gbiz.go.jp/hojin/v2/hojin?name=${encodeURIComponent('テスト')}&prefecture=13&city=113&limit=10`);
    expect(request!.url).not.toContain(TOKEN);
    expect(request!.headers.get('X-hojinInfo-api-token')).toBe(TOKEN);
  });

  it('rejects a non-numeric employee count as GBIZINFO_BAD_RESPONSE', async () => {
    const script = scripted([json({ 'hojin-infos': [{ corporate_number: '1234567890123', name: 'x', employee_number: 'many' }] })]);
    expect((await caught(client({ fetch: script.fetch }).gbiz.get('1234567890123'))).code).toBe('GBIZINFO_BAD_RESPONSE');
  });

  it('retries timeouts and network errors, then fails with GBIZINFO_UNAVAILABLE', async () => {
    const script = scripted(['hang', new TypeError('connection refused'), 'hang']);
    const err = await caught(client({ fetch: script.fetch, timeoutMs: 20, maxRetries: 2 }).gbiz.get('1234567890123'));
    expect(err.code).toBe('GBIZINFO_UNAVAILABLE');
    expect(script.requests).toHaveLength(3);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const later = new Date(Date.now() + 3_000).toUTCString();
    const script = scripted([json({}, 429, { 'Retry-After': later }), json({}, 404)]);
    const { gbiz, sleeps } = client({ fetch: script.fetch });
    expect(await gbiz.get('1234567890123')).toBeNull();
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1_000);
    expect(sleeps[0]).toBeLessThanOrEqual(3_000);
  });

  it('asks its allowance before every request, retries included, and sends nothing it refuses', async () => {
    const script = scripted([json({}, 503), json({}, 503), json({ 'hojin-infos': [] })]);
    let asked = 0;
    const { gbiz } = client({ fetch: script.fetch, maxRetries: 3, beforeRequest: async () => void asked++ });
    expect(await gbiz.search({ name: 'ソラ' })).toEqual([]);
    expect(asked).toBe(3);
    expect(script.requests).toHaveLength(3);

    const refused = scripted([json({ 'hojin-infos': [] })]);
    const limited = client({
      fetch: refused.fetch,
      beforeRequest: async () => {
        throw new GbizinfoError('GBIZINFO_RATE_LIMITED', 'allowance used up');
      },
    });
    expect((await caught(limited.gbiz.get('1234567890123'))).code).toBe('GBIZINFO_RATE_LIMITED');
    expect(refused.requests).toHaveLength(0);
  });

  it('refuses malformed input without calling the service', async () => {
    const script = scripted([]);
    const { gbiz } = client({ fetch: script.fetch });
    expect((await caught(gbiz.get('12345'))).code).toBe('GBIZINFO_BAD_REQUEST');
    expect((await caught(gbiz.search({ name: ' ' }))).code).toBe('GBIZINFO_BAD_REQUEST');
    expect((await caught(gbiz.search({ name: 'a', prefecture: 'Tokyo' }))).code).toBe('GBIZINFO_BAD_REQUEST');
    expect(script.requests).toHaveLength(0);
  });
});
