// A synchronous in-memory stand-in for the Worker's HTTP API (api/src/app.ts), for the add-on's
// Node tests and the local preview: plug `handle` into the UrlFetchApp fake. It keeps the real
// API's routes, status codes, error codes and bodies, and its batch rules (an unacknowledged batch
// is served again unchanged; nothing offered once is offered again; known companies never come
// back; the Worker's profile filter applies), and serves leads from a deterministic pool of
// realistic Tokyo businesses — a few with names that start with = + - @ so the add-on's
// formula-injection escaping is exercised. The pool is not searched by the profile's areas and
// industries: whatever the profile, it serves the pool in order.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  KnownRequest,
  OutcomesRequest,
  PullRequest,
  SearchProfile,
  TENANT_SECRET_HEADER,
  type KnownRow,
  type Lead,
  type Notice,
  type Outcome,
  type PullBatch,
} from '../../shared/contract.ts';
import { typeLabel } from '../../shared/industries.ts';
import { computeInsights } from '../../shared/insights.ts';
import { filterLead } from '../../api/src/pipeline/filter.ts';
import { exhaustedNotice } from '../../api/src/pipeline/pull.ts';

// Identical to the UrlFetchApp fake's types in fakes.ts (kept local so this file stands alone).
export interface FakeFetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload: string | undefined;
}
export interface FakeFetchResponse {
  status: number;
  body: string;
}

export type FakeRoute = 'tenants' | 'profile' | 'pulls' | 'ack' | 'known' | 'outcomes' | 'insights';
export type FakeFault = { status: number; code: string } | 'network';

export interface FakeTenant {
  profile: SearchProfile | null;
  /** Lead ids served to this tenant (reserved by an open batch or acknowledged). */
  offered: Set<string>;
  openBatch: PullBatch | null;
  /** Acknowledged batch ids, in order. */
  acked: string[];
  /** Batch ids that expired unacknowledged (their leads were released). */
  expired: string[];
  known: KnownRow[];
  /** The latest verdict per lead id. */
  outcomes: Map<string, Outcome>;
}

export interface FakeApiOptions {
  /** Size of the lead pool (default 200). */
  leadsAvailable?: number;
  /** Seeds the pool, tenant secrets and batch ids (default 1). */
  seed?: number;
  /** The API's clock (batch times, expiry); default the real clock. */
  now?: () => Date;
}

export interface FakeApi {
  /** Pass as the UrlFetchApp handler. Throws (like UrlFetchApp) on an injected network fault. */
  handle(request: FakeFetchRequest): FakeFetchResponse;
  /** The next `times` (default 1) requests to `route` fail: an HTTP error with the API's error body, or a thrown network error. */
  fail(route: FakeRoute, fault: FakeFault, times?: number): void;
  /** Every request handled, in order (body: parsed JSON, the raw text if it is not JSON, or undefined). */
  requests: { route: string; method: string; body: unknown }[];
  /** Keyed by tenant secret. */
  tenants: Map<string, FakeTenant>;
  /** The pool it serves from, in order. */
  leads: Lead[];
}

/** The Worker's defaults (api/src/env.ts, api/src/app.ts). */
export const FAKE_BATCH_TTL_MS = 24 * 3_600_000;
const MAX_BODY_BYTES = 64 * 1024;
const LARGE_BODY_ROUTES: Partial<Record<FakeRoute, number>> = { known: 1024 * 1024, outcomes: 512 * 1024 };
const BATCH_ID = /^bt_[A-Za-z0-9_-]{10,40}$/;
const TENANT_SECRET = /^[A-Za-z0-9_-]{32,128}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const json = (status: number, body: unknown): FakeFetchResponse => ({ status, body: JSON.stringify(body) });
const errorResponse = (status: number, code: string, message: string) => json(status, { error: { code, message } });

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Like api/src/http/validate.ts: a failure is a 400 INVALID_REQUEST naming the fields. */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const message = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
  throw new HttpError(400, 'INVALID_REQUEST', message);
}

function routeOf(pathname: string): { route: FakeRoute | 'health' | null; batchId?: string } {
  if (pathname === '/health') return { route: 'health' };
  if (pathname === '/v1/tenants') return { route: 'tenants' };
  if (pathname === '/v1/profile') return { route: 'profile' };
  if (pathname === '/v1/pulls') return { route: 'pulls' };
  if (pathname === '/v1/known') return { route: 'known' };
  if (pathname === '/v1/outcomes') return { route: 'outcomes' };
  if (pathname === '/v1/insights') return { route: 'insights' };
  const ack = /^\/v1\/pulls\/([^/]+)\/ack$/.exec(pathname);
  if (ack) return { route: 'ack', batchId: decodeURIComponent(ack[1]!) };
  return { route: null };
}

const ALLOWED: Record<FakeRoute | 'health', string[]> = {
  health: ['GET'],
  tenants: ['POST'],
  profile: ['GET', 'PUT'],
  pulls: ['POST'],
  ack: ['POST'],
  known: ['POST'],
  outcomes: ['POST'],
  insights: ['GET'],
};

// Dedupe in the fake: a pool lead is "known" when its name and phone equal a known row's.
const normaliseName = (value: string | null | undefined) => (value ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase();
function normalisePhone(value: string | null | undefined): string {
  const digits = (value ?? '').normalize('NFKC').replace(/\D/g, '');
  return digits.startsWith('81') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
}
const companyKey = (name: string | null | undefined, phone: string | null | undefined): string | null => {
  const n = normaliseName(name);
  const p = normalisePhone(phone);
  return n && p ? `${n}\u0000${p}` : null;
};

/** Like the Worker: an id derived from the row's content, so a row sent twice gets the same id. */
export const knownRowId = (row: KnownRow): string =>
  `kn_${sha256(`row:${JSON.stringify([row.name ?? '', row.address ?? '', row.phone ?? '', row.website ?? ''].map((v) => v.trim()))}`)
    .toString('hex')
    .slice(0, 20)}`;

/** As in api/src/pipeline/pull.ts. */

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => new Date());
  const leads = generateLeads(options.leadsAvailable ?? 200, seed, now());
  const tenants = new Map<string, FakeTenant>();
  const requests: FakeApi['requests'] = [];
  const faults = new Map<FakeRoute, FakeFault[]>();
  let counter = 0;
  const nextId = (prefix: string, chars: number) => `${prefix}_${base64url(sha256(`${prefix}:${seed}:${++counter}`)).slice(0, chars)}`;

  function header(request: FakeFetchRequest, name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(request.headers ?? {})) if (key.toLowerCase() === wanted) return value;
    return undefined;
  }

  function requireIdentity(request: FakeFetchRequest) {
    const match = /^Bearer (\S+)$/.exec(header(request, 'Authorization')?.trim() ?? '');
    if (!match) throw new HttpError(401, 'TOKEN_MISSING', 'An identity token is required: Authorization: Bearer <token>.');
  }

  function requireTenant(request: FakeFetchRequest): FakeTenant {
    requireIdentity(request);
    const secret = header(request, TENANT_SECRET_HEADER);
    if (!secret || !TENANT_SECRET.test(secret)) {
      throw new HttpError(401, 'TENANT_SECRET_MISSING', `The ${TENANT_SECRET_HEADER} header is missing or malformed.`);
    }
    const tenant = tenants.get(secret);
    if (!tenant) throw new HttpError(401, 'TENANT_UNKNOWN', 'No tenant has this secret.');
    return tenant;
  }

  /** Releases an open batch past its expiry, like expireBatches. */
  function expire(tenant: FakeTenant) {
    const open = tenant.openBatch;
    if (!open || Date.parse(open.expiresAt) > now().getTime()) return;
    open.leads.forEach((lead) => tenant.offered.delete(lead.id));
    tenant.expired.push(open.batchId);
    tenant.openBatch = null;
  }

  function knownKeys(tenant: FakeTenant): Set<string> {
    return new Set(tenant.known.map((row) => companyKey(row.name, row.phone)).filter((key): key is string => key !== null));
  }

  function pull(tenant: FakeTenant, body: unknown): PullBatch {
    const { limit } = validate(PullRequest, body ?? {});
    expire(tenant);
    if (tenant.openBatch) return { ...tenant.openBatch, replayed: true };
    const profile = tenant.profile;
    if (!profile) throw new HttpError(409, 'NO_PROFILE', 'Set a search profile (PUT /v1/profile) before pulling leads.');
    const wanted = Math.min(limit ?? profile.dailyLimit, profile.dailyLimit);
    const known = knownKeys(tenant);
    const chosen: Lead[] = [];
    for (const lead of leads) {
      if (chosen.length >= wanted) break;
      if (tenant.offered.has(lead.id)) continue;
      const key = companyKey(lead.name, lead.phone);
      if (key && known.has(key)) continue;
      // The Worker's own profile filter (employees, rating, reviews, website, newOnly, exclusions).
      if (!filterLead(lead, lead.primaryType ? [lead.primaryType] : [], profile).pass) continue;
      chosen.push(structuredClone(lead));
    }
    chosen.forEach((lead) => tenant.offered.add(lead.id));
    const state = chosen.length >= wanted ? 'ready' : 'exhausted';
    const createdAt = now();
    const batch: PullBatch = {
      batchId: nextId('bt', 22),
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + FAKE_BATCH_TTL_MS).toISOString(),
      replayed: false,
      leads: chosen,
      status: { state, notices: state === 'exhausted' ? [exhaustedNotice(profile.newOnly, chosen.length > 0)] : [] },
    };
    // Like the Worker, even an empty batch stays open until acknowledged.
    tenant.openBatch = batch;
    return structuredClone(batch);
  }

  function ack(tenant: FakeTenant, batchId: string) {
    if (!BATCH_ID.test(batchId)) throw new HttpError(400, 'INVALID_REQUEST', 'id: not a batch id');
    expire(tenant);
    if (tenant.acked.includes(batchId)) return { batchId, acknowledged: 0, alreadyAcknowledged: true };
    if (tenant.expired.includes(batchId)) {
      throw new HttpError(409, 'BATCH_EXPIRED', `Batch ${batchId} expired before it was acknowledged; its leads were released.`);
    }
    const open = tenant.openBatch;
    if (!open || open.batchId !== batchId) throw new HttpError(404, 'BATCH_NOT_FOUND', `No batch ${batchId} for this tenant.`);
    tenant.openBatch = null;
    tenant.acked.push(batchId);
    return { batchId, acknowledged: open.leads.length, alreadyAcknowledged: false };
  }

  /** Like recordOutcomes: per lead the latest `at` wins (a tie: the later entry); older ones are ignored. */
  function recordOutcomes(tenant: FakeTenant, outcomes: Outcome[]) {
    const latest = new Map<string, Outcome>();
    for (const outcome of outcomes) {
      const candidate = { ...outcome, at: new Date(outcome.at).toISOString() };
      const kept = latest.get(outcome.leadId);
      if (!kept || candidate.at >= kept.at) latest.set(outcome.leadId, candidate);
    }
    let recorded = 0;
    for (const outcome of latest.values()) {
      const stored = tenant.outcomes.get(outcome.leadId);
      if (stored && outcome.at < stored.at) continue;
      tenant.outcomes.set(outcome.leadId, outcome);
      recorded++;
    }
    return { recorded, ignored: outcomes.length - recorded };
  }

  function serve(request: FakeFetchRequest, method: string, pathname: string, route: ReturnType<typeof routeOf>, body: unknown, bodyError: boolean): FakeFetchResponse {
    if (route.route === 'health') {
      if (method !== 'GET') throw new HttpError(404, 'NOT_FOUND', `No route for ${method} ${pathname}`);
      return json(200, { status: 'ok' });
    }
    if (!pathname.startsWith('/v1/') && route.route === null) throw new HttpError(404, 'NOT_FOUND', `No route for ${method} ${pathname}`);

    const limit = (route.route && LARGE_BODY_ROUTES[route.route]) ?? MAX_BODY_BYTES;
    if (Buffer.byteLength(request.payload ?? '', 'utf8') > limit) {
      throw new HttpError(413, 'BODY_TOO_LARGE', `Request bodies are limited to ${limit} bytes here.`);
    }
    if (route.route === 'tenants' && method === 'POST') {
      requireIdentity(request);
      const tenantSecret = nextId('ts', 40);
      tenants.set(tenantSecret, { profile: null, offered: new Set(), openBatch: null, acked: [], expired: [], known: [], outcomes: new Map() });
      return json(201, { tenantSecret });
    }
    // Every other /v1 path (unknown ones too) needs identity and tenant first, as in the Worker.
    const tenant = requireTenant(request);
    if (!route.route || route.route === 'tenants' || !ALLOWED[route.route].includes(method)) {
      throw new HttpError(404, 'NOT_FOUND', `No route for ${method} ${pathname}`);
    }
    if (route.route === 'profile' && method === 'GET') {
      if (!tenant.profile) throw new HttpError(404, 'NO_PROFILE', 'No search profile has been set yet.');
      return json(200, tenant.profile);
    }
    if (route.route === 'insights') {
      // As the Worker: the tenant's verdicts (in listOutcomes' order) against its current profile.
      const outcomes = [...tenant.outcomes.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
      return json(200, computeInsights(outcomes, { profile: tenant.profile }));
    }
    if (route.route === 'ack') return json(200, ack(tenant, route.batchId ?? ''));
    // As the Worker's validate(): a JSON route takes only a JSON body.
    const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    if (!/^application\/([\w.-]+\+)?json$/i.test(contentType.split(';')[0]!.trim())) {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON, with Content-Type: application/json.');
    }
    if (bodyError) throw new HttpError(400, 'INVALID_JSON', 'Malformed JSON in request body');
    switch (route.route) {
      case 'profile': {
        tenant.profile = validate(SearchProfile, body ?? {});
        return json(200, tenant.profile);
      }
      case 'pulls':
        return json(200, pull(tenant, body));
      case 'known': {
        const { rows } = validate(KnownRequest, body ?? {});
        tenant.known.push(...rows);
        return json(200, { ids: rows.map(knownRowId) });
      }
      case 'outcomes': {
        const { outcomes } = validate(OutcomesRequest, body ?? {});
        return json(200, recordOutcomes(tenant, outcomes));
      }
    }
  }

  function handle(request: FakeFetchRequest): FakeFetchResponse {
    const method = (request.method || 'GET').toUpperCase();
    let pathname: string;
    let query: string;
    try {
      ({ pathname, search: query } = new URL(request.url));
    } catch {
      throw new Error(`Invalid argument: url (${request.url})`);
    }
    // No route takes query parameters (the Worker answers 400 before anything else).
    if (query) return errorResponse(400, 'INVALID_REQUEST', '(query): Unrecognized keys');
    const route = routeOf(pathname);
    let body: unknown;
    let bodyError = false;
    if (request.payload !== undefined && request.payload !== '') {
      try {
        body = JSON.parse(request.payload);
      } catch {
        body = request.payload;
        bodyError = true;
      }
    }
    requests.push({ route: route.route ?? pathname, method, body });

    const queued = route.route && route.route !== 'health' ? faults.get(route.route) : undefined;
    const fault = queued?.shift();
    if (fault === 'network') throw new Error(`Address unavailable: ${request.url}`);
    if (fault) return errorResponse(fault.status, fault.code, `Injected fault: ${fault.code}`);

    try {
      return serve(request, method, pathname, route, body, bodyError);
    } catch (err) {
      if (err instanceof HttpError) return errorResponse(err.status, err.code, err.message);
      throw err;
    }
  }

  function fail(route: FakeRoute, fault: FakeFault, times = 1) {
    const queue = faults.get(route) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    faults.set(route, queue);
  }

  return { handle, fail, requests, tenants, leads };
}

// ---------------------------------------------------------------------------------------------
// The lead pool: deterministic from the seed.

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, int, pick };
}

interface Ward {
  ward: string;
  romaji: string;
  towns: { name: string; postal: string }[];
}

const WARDS: Ward[] = [
  { ward: '渋谷区', romaji: 'shibuya', towns: [{ name: '道玄坂', postal: '150-0043' }, { name: '宇田川町', postal: '150-0042' }, { name: '神南', postal: '150-0041' }, { name: '恵比寿', postal: '150-0013' }, { name: '代々木', postal: '151-0053' }] },
  { ward: '新宿区', romaji: 'shinjuku', towns: [{ name: '西新宿', postal: '160-0023' }, { name: '新宿', postal: '160-0022' }, { name: '高田馬場', postal: '169-0075' }, { name: '神楽坂', postal: '162-0825' }] },
  { ward: '港区', romaji: 'minato', towns: [{ name: '六本木', postal: '106-0032' }, { name: '赤坂', postal: '107-0052' }, { name: '芝浦', postal: '108-0023' }, { name: '麻布十番', postal: '106-0045' }] },
  { ward: '目黒区', romaji: 'meguro', towns: [{ name: '自由が丘', postal: '152-0035' }, { name: '中目黒', postal: '153-0061' }, { name: '目黒本町', postal: '152-0002' }] },
  { ward: '世田谷区', romaji: 'setagaya', towns: [{ name: '三軒茶屋', postal: '154-0024' }, { name: '北沢', postal: '155-0031' }, { name: '太子堂', postal: '154-0004' }] },
  { ward: '豊島区', romaji: 'toshima', towns: [{ name: '南池袋', postal: '171-0022' }, { name: '目白', postal: '171-0031' }] },
  { ward: '品川区', romaji: 'shinagawa', towns: [{ name: '大崎', postal: '141-0032' }, { name: '西五反田', postal: '141-0031' }] },
];

interface NameParts {
  stem: string;
  stemRomaji: string;
  family: string;
  ward: string;
  town: string;
}

interface Industry {
  word: string;
  /** Places type; its label is the one the Worker gives it (shared/industries.ts). */
  type: string;
  /** The ways a business of this kind is called; one is picked at random. */
  names: (p: NameParts) => string[];
}

const short = (ward: string) => ward.replace(/区$/, '');

const INDUSTRIES: Industry[] = [
  { word: '美容室', type: 'hair_salon', names: (p) => [`ヘアサロン ${p.stem} ${short(p.ward)}店`, `hair ${p.stemRomaji} ${p.town}`, `ヘアサロン ${p.stem} ${p.town}店`] },
  { word: '美容室', type: 'hair_salon', names: (p) => [`美容室 ${p.stem}`, `美容室 ${p.stem} ${p.town}`, `Hair Salon ${p.stemRomaji.toUpperCase()}`] },
  { word: 'エステ', type: 'beauty_salon', names: (p) => [`エステサロン ${p.stem}`, `ネイルサロン ${p.stem} ${p.town}`, `Beauty Salon ${p.stemRomaji.toUpperCase()}`] },
  { word: '歯科', type: 'dentist', names: (p) => [`${p.family}歯科クリニック`, `${p.town}${p.stem}歯科`, `医療法人社団${p.stem} ${p.family}歯科医院`] },
  { word: '工務店', type: 'general_contractor', names: (p) => [`株式会社${p.family}工務店`, `${p.family}建設株式会社`, `有限会社${p.stem}ホーム`, `株式会社${p.town}${p.family}組`] },
  { word: '税理士', type: 'accounting', names: (p) => [`${p.family}税理士事務所`, `税理士法人${p.stem}`, `${p.family}会計事務所 ${short(p.ward)}オフィス`] },
  { word: 'カフェ', type: 'cafe', names: (p) => [`カフェ ${p.stem}`, `${p.stem} coffee ${p.town}`, `喫茶 ${p.stem}`] },
  { word: '整骨院', type: 'physiotherapist', names: (p) => [`${p.family}整骨院`, `${p.town}${p.stem}接骨院`, `${p.stem}整骨院 ${short(p.ward)}院`] },
  { word: '不動産', type: 'real_estate_agency', names: (p) => [`株式会社${p.family}不動産`, `${p.stem}不動産 ${p.town}店`, `${p.town}ハウジング株式会社`] },
  { word: '居酒屋', type: 'bar', names: (p) => [`居酒屋 ${p.stem}`, `炭火焼 ${p.stem} ${p.town}店`, `酒場 ${p.family}`] },
];

const STEMS: { text: string; romaji: string }[] = [
  { text: 'ソラ', romaji: 'sora' }, { text: 'ミナト', romaji: 'minato' }, { text: 'アオイ', romaji: 'aoi' }, { text: 'ひかり', romaji: 'hikari' },
  { text: 'さくら', romaji: 'sakura' }, { text: '和', romaji: 'nagomi' }, { text: '青葉', romaji: 'aoba' }, { text: '日向', romaji: 'hinata' },
  { text: '結', romaji: 'yui' }, { text: 'つむぎ', romaji: 'tsumugi' }, { text: 'リーフ', romaji: 'leaf' }, { text: 'ルーチェ', romaji: 'luce' },
  { text: 'こもれび', romaji: 'komorebi' }, { text: '灯', romaji: 'akari' }, { text: 'ハル', romaji: 'haru' }, { text: 'ノエル', romaji: 'noel' },
];

const FAMILIES: { text: string; romaji: string }[] = [
  { text: '山田', romaji: 'yamada' }, { text: '佐藤', romaji: 'sato' }, { text: '鈴木', romaji: 'suzuki' }, { text: '高橋', romaji: 'takahashi' },
  { text: '田中', romaji: 'tanaka' }, { text: '渡辺', romaji: 'watanabe' }, { text: '伊藤', romaji: 'ito' }, { text: '中村', romaji: 'nakamura' },
  { text: '小林', romaji: 'kobayashi' }, { text: '加藤', romaji: 'kato' }, { text: '吉田', romaji: 'yoshida' }, { text: '松本', romaji: 'matsumoto' },
];

const BUILDINGS = ['', '', '', ' 第2ビル 3F', ' ハイツ101', ' センタービル 1F', ' ヒルズテラス 2F', ' 小林ビル B1'];

/** Names a spreadsheet would read as formulas unless the add-on escapes them (by position in the pool). */
const HOSTILE_NAMES = new Map<number, (name: string) => string>([
  [1, () => '=HYPERLINK("https://evil.example/","今すぐクリック")'],
  [3, (name) => `+${name}`],
  [5, (name) => `-${name}`],
  [7, (name) => `@${name}`],
]);

const DAY_MS = 86_400_000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

function generateLeads(count: number, seed: number, at: Date): Lead[] {
  const random = prng(seed);
  const leads: Lead[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  const phones = new Set<string>();
  for (let index = 0; index < count; index++) {
    const ward = random.pick(WARDS);
    const town = random.pick(ward.towns);
    const industry = random.pick(INDUSTRIES);
    let stem = random.pick(STEMS);
    let family = random.pick(FAMILIES);
    const nameOf = () => random.pick(industry.names({ stem: stem.text, stemRomaji: stem.romaji, family: family.text, ward: ward.ward, town: town.name }));
    let plain = nameOf();
    for (let tries = 0; names.has(plain) && tries < 40; tries++) {
      stem = random.pick(STEMS);
      family = random.pick(FAMILIES);
      plain = nameOf();
    }
    if (names.has(plain)) plain = `${plain} ${town.name}店`;
    for (let n = 2; names.has(plain); n++) plain = `${plain.replace(/ \d+号店$/, '')} ${n}号店`;
    const name = HOSTILE_NAMES.get(index)?.(plain) ?? plain;
    names.add(name);

    let id = `ld_${sha256(`lead:${seed}:${index}`).toString('hex').slice(0, 24)}`;
    for (let n = 1; ids.has(id); n++) id = `ld_${sha256(`lead:${seed}:${index}:${n}`).toString('hex').slice(0, 24)}`;
    ids.add(id);

    let phone: string;
    do phone = `03-${random.int(3000, 6999)}-${String(random.int(0, 9999)).padStart(4, '0')}`;
    while (phones.has(phone));
    phones.add(phone);

    const slug = `${plain.includes(stem.text) ? stem.romaji : family.romaji}-${ward.romaji}-${index + 1}`;
    const hasWebsite = random.next() < 0.75;
    const website = hasWebsite ? `https://${slug}.example.jp/` : null;
    const rated = random.next() < 0.9;
    const rating = rated ? Math.round((3 + random.next() * 2) * 10) / 10 : null;
    const reviewCount = rated ? random.int(1, 420) : 0;
    const withEmployees = random.next() < 0.25;
    const newlyListed = random.next() < 0.1;
    const firstSeen = new Date(at.getTime() - (newlyListed ? random.int(0, 20) : random.int(21, 400)) * DAY_MS);
    const checkedAt = new Date(at.getTime() - random.int(1, 72) * 3_600_000).toISOString();
    const hasEmail = hasWebsite && random.next() < 0.35;
    const hasForm = hasWebsite && random.next() < 0.35;
    const placeId = `ChIJ${base64url(sha256(`place:${seed}:${index}`)).slice(0, 23)}`;
    // Corporate data comes with the employee count (both from gBizINFO). Drawn from a hash, not
    // from `random`, so the rest of the pool stays what it was before these fields existed.
    const corp = withEmployees ? sha256(`corp:${seed}:${index}`) : null;
    const newlyEstablished = corp ? corp[0]! < 26 : null;
    const corporateNumber = corp ? String(BigInt(`0x${corp.toString('hex').slice(2, 16)}`) % 10_000_000_000_000n).padStart(13, '0') : null;
    const establishedDate = corp
      ? isoDay(new Date(at.getTime() - (newlyEstablished ? corp.readUInt16BE(8) % 300 : 400 + (corp.readUInt16BE(8) % 14_000)) * DAY_MS))
      : null;

    leads.push({
      id,
      placeId,
      name,
      address: `〒${town.postal} 東京都${ward.ward}${town.name}${random.int(1, 5)}-${random.int(1, 30)}-${random.int(1, 20)}${random.pick(BUILDINGS)}`,
      phone,
      website,
      googleMapsUrl: `https://maps.google.com/?cid=${BigInt(`0x${sha256(`cid:${seed}:${index}`).toString('hex').slice(0, 15)}`).toString()}`,
      primaryType: industry.type,
      primaryTypeLabel: typeLabel(industry.type),
      rating,
      reviewCount,
      employees: withEmployees ? random.pick([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 28, 35, 48, 60, 85, 120]) : null,
      employeesSource: withEmployees ? 'gbizinfo' : null,
      legalName: corp ? `株式会社${name.replace(/\s.*$/, '')}` : null,
      corporateNumber,
      establishedDate,
      newlyEstablished,
      newlyListed,
      firstSeen: isoDay(firstSeen),
      area: ward.ward,
      industry: industry.word,
      screening: { verdict: 'clear', evidence: [], checkedAt },
      emails: hasEmail ? [`info@${slug}.example.jp`] : [],
      contactForm: hasForm ? `https://${slug}.example.jp/contact/` : null,
    });
  }
  return leads;
}
