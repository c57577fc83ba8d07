// A local gBizINFO REST API v2 (METI's open corporate data) over the Places emulator's synthetic
// world: one hojin-info per distinct corporate number behind its businesses (a chain's branches
// share one). As sparse as the real data: employee_number is "Null" for most small firms,
// capital_stock "Null" for kinds without share capital. Name search (partial match on the legal
// name, optional prefecture / city codes), lookup by corporate number, 404 with a JSON error
// body when nothing matches, the X-hojinInfo-api-token header (401 otherwise), a per-token rate
// limit (429 with Retry-After: 1) and faults on demand. Node only (node:http).
//
// Control endpoints (no token; for tests running elsewhere, e.g. in workerd):
//   POST /__emulator/faults      {status?, body?, count, retryAfterSeconds?, delayMs?}
//   POST /__emulator/rate-limit  {perSecond}
//   POST /__emulator/reset       faults cleared, rate limit back to its initial value, counters 0
//   GET  /__emulator/requests    {requests}
//   GET  /__emulator/corporations?employees=known|unknown&prefecture=13&limit=n   truth records
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AREA_BY_KEY, type AreaKey } from '../places/areas.ts';
import { DEFAULT_SEED, fold, getWorld, type Corporation } from '../places/dataset.ts';

export const DEFAULT_GBIZINFO_TOKEN = 'gbizinfo-test-token';
export const DEFAULT_RATE_LIMIT_PER_SECOND = 10;

/** JIS X 0401 prefecture codes of the emulated areas. */
export const PREFECTURE_CODES: Readonly<Record<string, string>> = { 東京都: '13', 大阪府: '27', 福岡県: '40' };
/** JIS X 0402 city codes (last 3 digits, without the check digit) of the emulated areas. */
export const CITY_CODES: Readonly<Record<AreaKey, string>> = { shibuya: '113', shinjuku: '104', setagaya: '112', osaka_kita: '127', fukuoka_chuo: '133' };

export interface GbizinfoFault {
  /** HTTP status to answer with (500, 502, 503, 429…); 200 with `body`. */
  status?: number;
  /** A 200 whose body is not JSON ('garbage') or JSON of the wrong shape ('bad-shape'). */
  body?: 'garbage' | 'bad-shape';
  /** How many of the next API requests get the fault. */
  count: number;
  /** Retry-After of a 429 / 503 fault (seconds; default 1). */
  retryAfterSeconds?: number;
  /** Delay before answering (for timeouts). */
  delayMs?: number;
}

export interface GbizinfoEmulatorOptions {
  port?: number;
  host?: '127.0.0.1' | 'localhost' | '0.0.0.0';
  seed?: number;
  /** The only token accepted (default DEFAULT_GBIZINFO_TOKEN). */
  token?: string;
  /** Requests per token per second before 429 (default 10; 0 = unlimited). */
  rateLimitPerSecond?: number;
}

/** A corporation as the emulator knows it (the truth behind the hojin-info it serves). */
export interface EmulatedCorporation extends Corporation {
  prefectureCode: string;
  cityCode: string;
  postalCode: string;
}

export interface GbizinfoEmulator {
  /** Base URL, e.g. http://127.0.0.1:8790 (API paths are under /v2/hojin). */
  url: string;
  readonly token: string;
  /** API requests received (control endpoints excluded). */
  readonly requests: number;
  corporations: readonly EmulatedCorporation[];
  setFaults(fault: GbizinfoFault | null): void;
  setRateLimit(perSecond: number): void;
  reset(): void;
  close(): Promise<void>;
}

/** The hojin-info of a corporation, as gBizINFO v2 answers it (missing values are "Null"). */
export function hojinInfo(c: EmulatedCorporation): Record<string, unknown> {
  return {
    corporate_number: c.corporateNumber,
    name: c.legalName,
    kana: 'Null',
    name_en: 'Null',
    postal_code: c.postalCode.replace('-', ''),
    location: c.headOfficeAddress,
    status: '-',
    close_date: 'Null',
    close_cause: 'Null',
    kind: c.kind,
    representative_name: c.representative,
    representative_position: 'Null',
    capital_stock: c.capitalYen ?? 'Null',
    employee_number: c.employees ?? 'Null',
    company_size_male: 'Null',
    company_size_female: 'Null',
    business_items: [],
    business_summary: 'Null',
    company_url: 'Null',
    founding_year: 'Null',
    date_of_establishment: c.establishedDate,
    qualification_grade: 'Null',
    update_date: '2026-11-01T00:00:00+09:00',
  };
}

/** One record per distinct corporate number among the world's baseline businesses (day ≤ 0). */
export function corporationsOf(seed: number = DEFAULT_SEED): EmulatedCorporation[] {
  const byNumber = new Map<string, EmulatedCorporation>();
  for (const b of getWorld(seed).businesses) {
    const corp = b.corporation;
    if (!corp || b.openDay > 0 || byNumber.has(corp.corporateNumber)) continue;
    const area = AREA_BY_KEY.get(b.area);
    // The first business of a corporation is the one its head-office address was taken from.
    byNumber.set(corp.corporateNumber, { ...corp, prefectureCode: (area && PREFECTURE_CODES[area.prefecture]) ?? '00', cityCode: CITY_CODES[b.area], postalCode: b.postalCode });
  }
  return [...byNumber.values()].sort((a, b) => a.corporateNumber.localeCompare(b.corporateNumber));
}

export async function startGbizinfoEmulator(options: GbizinfoEmulatorOptions = {}): Promise<GbizinfoEmulator> {
  const token = options.token ?? DEFAULT_GBIZINFO_TOKEN;
  const initialLimit = options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND;
  const corporations = corporationsOf(options.seed ?? DEFAULT_SEED);
  const byNumber = new Map(corporations.map((c) => [c.corporateNumber, c]));
  const folded = corporations.map((c) => ({ corp: c, name: fold(c.legalName) }));

  let rateLimit = initialLimit;
  let requests = 0;
  let fault: GbizinfoFault | null = null;
  const windows = new Map<string, { second: number; count: number }>();

  const setFaults = (f: GbizinfoFault | null) => {
    if (f !== null) {
      if (!Number.isInteger(f.count) || f.count < 0) throw new RangeError('fault count must be a non-negative integer');
      if (f.status === undefined && f.body === undefined && f.delayMs === undefined) throw new RangeError('a fault needs a status, a body or a delay');
    }
    fault = f && f.count > 0 ? { ...f } : null;
  };
  const setRateLimit = (perSecond: number) => {
    if (!Number.isFinite(perSecond) || perSecond < 0) throw new RangeError('perSecond must be ≥ 0');
    rateLimit = perSecond;
  };
  const reset = () => {
    fault = null;
    rateLimit = initialLimit;
    requests = 0;
    windows.clear();
  };

  function overLimit(key: string): boolean {
    if (rateLimit <= 0) return false;
    const second = Math.floor(Date.now() / 1000);
    const w = windows.get(key);
    if (!w || w.second !== second) {
      windows.set(key, { second, count: 1 });
      return false;
    }
    w.count++;
    return w.count > rateLimit;
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    requests++;
    const given = header(req, 'x-hojininfo-api-token');
    if (given === undefined || given === '') return sendJson(res, 401, { errors: [{ item: 'X-hojinInfo-api-token', message: 'API token is required.' }] });
    if (given !== token) return sendJson(res, 401, { errors: [{ item: 'X-hojinInfo-api-token', message: 'API token is invalid.' }] });

    if (fault) {
      const f = fault;
      if (--f.count <= 0) fault = null;
      if (f.delayMs) await sleep(f.delayMs);
      if (f.body === 'garbage') return sendText(res, 200, '<html><body>メンテナンス中です</body></html>', 'text/html; charset=UTF-8');
      if (f.body === 'bad-shape') return sendJson(res, 200, { 'hojin-infos': { corporate_number: 42 } });
      if (f.status !== undefined) {
        const retry = f.status === 429 || f.status === 503 ? { 'Retry-After': String(f.retryAfterSeconds ?? 1) } : undefined;
        return sendJson(res, f.status, { errors: [{ item: '', message: f.status === 429 ? 'Too Many Requests' : 'Internal Server Error' }] }, retry);
      }
    }
    if (overLimit(given)) return sendJson(res, 429, { errors: [{ item: '', message: 'Too Many Requests' }] }, { 'Retry-After': '1' });

    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v2/hojin') return search(res, url.searchParams);
    const one = /^\/v2\/hojin\/([^/]+)$/.exec(path);
    if (one) {
      const number = decodeURIComponent(one[1] as string);
      if (!/^\d{13}$/.test(number)) return sendJson(res, 400, { errors: [{ item: 'corporate_number', message: '法人番号は13桁の数字で指定してください。' }] });
      const corp = byNumber.get(number);
      return corp ? sendJson(res, 200, { id: number, message: '200 - OK.', 'hojin-infos': [hojinInfo(corp)] }) : notFound(res);
    }
    return sendJson(res, 404, { errors: [{ item: '', message: `Not found: ${path}` }] });
  }

  function search(res: ServerResponse, params: URLSearchParams): void {
    const name = params.get('name')?.trim() ?? '';
    const prefecture = params.get('prefecture') ?? undefined;
    const city = params.get('city') ?? undefined;
    if (name === '' && prefecture === undefined) return sendJson(res, 400, { errors: [{ item: '', message: '検索条件を指定してください。' }] });
    if (prefecture !== undefined && !/^\d{2}$/.test(prefecture)) return sendJson(res, 400, { errors: [{ item: 'prefecture', message: '都道府県コードは2桁で指定してください。' }] });
    if (city !== undefined && (prefecture === undefined || !/^\d{3}$/.test(city))) return sendJson(res, 400, { errors: [{ item: 'city', message: '市区町村コードは都道府県と共に3桁で指定してください。' }] });
    const limit = intParam(params.get('limit'), 1000, 1, 5000);
    const page = intParam(params.get('page'), 1, 1, 10_000);
    if (limit === null || page === null) return sendJson(res, 400, { errors: [{ item: 'limit', message: 'limit / page が不正です。' }] });
    const needle = fold(name);
    const hits = folded
      .filter(({ corp, name: n }) => n.includes(needle) && (prefecture === undefined || corp.prefectureCode === prefecture) && (city === undefined || corp.cityCode === city))
      .map(({ corp }) => corp);
    const pageHits = hits.slice((page - 1) * limit, page * limit);
    if (pageHits.length === 0) return notFound(res);
    sendJson(res, 200, { id: '', message: '200 - OK.', 'hojin-infos': pageHits.map(hojinInfo), totalCount: hits.length, totalPage: Math.ceil(hits.length / limit), pageNumber: page });
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    try {
      if (path === '/__emulator/faults' && method === 'POST') {
        const body = (await readJson(req)) as unknown as GbizinfoFault | null;
        setFaults(body);
        return sendJson(res, 200, { fault });
      }
      if (path === '/__emulator/rate-limit' && method === 'POST') {
        const body = await readJson(req);
        setRateLimit(Number(body?.perSecond));
        windows.clear();
        return sendJson(res, 200, { perSecond: rateLimit });
      }
      if (path === '/__emulator/reset' && method === 'POST') {
        reset();
        return sendJson(res, 200, { ok: true });
      }
      if (path === '/__emulator/requests' && method === 'GET') return sendJson(res, 200, { requests });
      if (path === '/__emulator/corporations' && method === 'GET') {
        const employees = url.searchParams.get('employees');
        const prefecture = url.searchParams.get('prefecture');
        const limit = intParam(url.searchParams.get('limit'), 100, 1, 100_000) ?? 100;
        const list = corporations
          .filter((c) => (employees === 'known' ? c.employees !== undefined : employees === 'unknown' ? c.employees === undefined : true))
          .filter((c) => prefecture === null || c.prefectureCode === prefecture);
        return sendJson(res, 200, { total: list.length, corporations: list.slice(0, limit) });
      }
      return sendJson(res, 404, { error: `unknown control endpoint ${method} ${path}` });
    } catch (err) {
      return sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const run = url.pathname.startsWith('/__emulator/') ? control(req, res, url) : url.pathname === '/health' ? Promise.resolve(sendJson(res, 200, { status: 'ok' })) : api(req, res, url);
    run.catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ item: '', message: String(err) }] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === undefined ? '127.0.0.1' : options.host;

  return {
    url: `http://${host}:${port}`,
    token,
    get requests() {
      return requests;
    },
    corporations,
    setFaults,
    setRateLimit,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// ---------------------------------------------------------------------------------------------

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { errors: [{ item: '', message: '該当するデータが見つかりませんでした。' }] });
}

function intParam(raw: string | null, fallback: number, min: number, max: number): number | null {
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? null : (JSON.parse(text) as Record<string, unknown> | null));
      } catch {
        reject(new Error('expected a JSON body'));
      }
    });
    req.on('error', reject);
  });
}

function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json; charset=UTF-8', headers);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
