// A local Google Places API (New) over the synthetic world: Text Search and Place Details as the
// real API takes them (field masks, API key, paging with the 60-result cap, Google's error
// bodies), usage accounting by SKU, fault injection, a simulated clock, benchmark truth and the
// synthetic companies' websites under /sites/{host}/… . Node only (node:http).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_PRICES_USD_PER_1000, FieldMaskError, costUsd, parseFieldMask, skuForPlaceDetails, skuForTextSearch, type Sku } from '../../../api/src/places/sku.ts';
import { findArea } from './areas.ts';
import { BASE_DATE, DEFAULT_SEED, MAX_DAY, dateOfDay, getWorld, type World } from './dataset.ts';
import { Rng } from './random.ts';
import { ApiError, invalid, parseSearchTextBody, projectPlace, searchKey, searchText, type SearchHit } from './search.ts';
import { renderSite } from './site-pages.ts';

export interface Faults {
  /** Probability that a Places request answers 429 RESOURCE_EXHAUSTED. */
  rate429: number;
  /** Probability of 500 INTERNAL. */
  rate500: number;
  /** Probability of 503 UNAVAILABLE. */
  rate503: number;
  /** Retry-After header of a 429, in seconds. */
  retryAfterSeconds: number;
  /** Added to every Places request. */
  latencyMs: number;
  /** Probability that a matching place is left out of one query's results. */
  jitter: number;
  /** How long the "slow" synthetic sites take to answer. */
  siteLatencyMs: number;
}

export const NO_FAULTS: Readonly<Faults> = { rate429: 0, rate500: 0, rate503: 0, retryAfterSeconds: 1, latencyMs: 0, jitter: 0, siteLatencyMs: 0 };

export interface UsageReport {
  /** Places requests received, answered or not. */
  requests: number;
  /** Requests answered 200 (the ones Google bills). */
  billed: number;
  bySku: Record<Sku, { count: number; usd: number }>;
  totalUsd: number;
  /** Places requests answered with an error, by HTTP status. */
  errors: Record<string, number>;
  siteRequests: number;
}

export interface PlacesEmulatorOptions {
  port?: number;
  host?: '127.0.0.1' | 'localhost' | '0.0.0.0';
  seed?: number;
  day?: number;
  faults?: Partial<Faults>;
  /** When set, only this key is accepted (others answer 400 API_KEY_INVALID, like Google). */
  apiKey?: string;
}

export interface PlacesEmulator {
  /** Base URL, e.g. http://127.0.0.1:8788 (Places paths are under /v1). */
  url: string;
  world: World;
  close(): Promise<void>;
  setDay(day: number): void;
  day(): number;
  usage(): UsageReport;
  resetUsage(): void;
  setFaults(faults: Partial<Faults>): void;
  faults(): Faults;
  /** Emulator URL serving a synthetic site's page: https://www.x.jp/contact/ → {url}/sites/www.x.jp/contact/ */
  siteUrl(realUrl: string): string;
}

const SKUS = Object.keys(DEFAULT_PRICES_USD_PER_1000) as Sku[];
const MISSING_MASK =
  "FieldMask is a required parameter. See https://cloud.google.com/apis/docs/system-parameters on how to provide it. As an example, you can set the header 'X-Goog-FieldMask' to value 'places.displayName', 'places.id' to ask for the display name and the place id of a place. You can also set the value to '*' in manual testing to get all the available response fields.";
const MAX_PAGE_TOKENS = 100_000;

/** One query's results, shared by the tokens of its pages. */
interface QueryState {
  key: string;
  day: number;
  hits: SearchHit[];
}

interface PageToken {
  query: QueryState;
  offset: number;
}

export function validateFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('faults must be a JSON object');
  const out: Partial<Faults> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in NO_FAULTS)) throw invalid(`unknown fault: ${key}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(`fault ${key} must be a non-negative number`);
    if ((key === 'rate429' || key === 'rate500' || key === 'rate503' || key === 'jitter') && value > 1) throw invalid(`fault ${key} is a probability (0–1)`);
    out[key as keyof Faults] = value;
  }
  return out;
}

export async function startPlacesEmulator(options: PlacesEmulatorOptions = {}): Promise<PlacesEmulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const world = getWorld(seed);
  let day = 0;
  let faults: Faults = { ...NO_FAULTS, ...validateFaults(options.faults ?? {}) };
  let requestCounter = 0;
  const pages = new Map<string, PageToken>();
  let usage = emptyUsage();

  const setDay = (d: number) => {
    world.ensureDay(d); // throws RangeError outside [0, MAX_DAY]
    day = d;
  };
  setDay(options.day ?? 0);

  function emptyUsage(): UsageReport {
    return {
      requests: 0,
      billed: 0,
      bySku: Object.fromEntries(SKUS.map((sku) => [sku, { count: 0, usd: 0 }])) as UsageReport['bySku'],
      totalUsd: 0,
      errors: {},
      siteRequests: 0,
    };
  }

  function bill(sku: Sku): void {
    usage.billed++;
    usage.bySku[sku].count++;
    usage.bySku[sku].usd = costUsd(sku, usage.bySku[sku].count);
    usage.totalUsd = SKUS.reduce((sum, s) => sum + usage.bySku[s].usd, 0);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, err instanceof ApiError ? err : new ApiError(500, 'INTERNAL', 'Internal error encountered.'));
      else res.destroy();
      if (!(err instanceof ApiError)) console.error('[places-emulator]', err);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path.startsWith('/sites/')) return serveSite(req, res);
    if (path === '/health') return sendJson(res, 200, { status: 'ok', day, date: dateOfDay(day) });
    if (path.startsWith('/__emulator/')) return control(req, res, url);

    if (path === '/v1/places:searchText' && method === 'POST') return placesCall(req, res, url, 'search');
    const details = /^\/v1\/places\/([^/:]+)$/.exec(path);
    if (details && method === 'GET') return placesCall(req, res, url, 'details', decodeURIComponent(details[1] as string));
    if (path.startsWith('/v1/')) return sendError(res, new ApiError(404, 'NOT_FOUND', `Method not found: ${method} ${path}`));
    return sendJson(res, 404, { error: 'not found' });
  }

  async function placesCall(req: IncomingMessage, res: ServerResponse, url: URL, kind: 'search' | 'details', placeId?: string): Promise<void> {
    usage.requests++;
    const request = ++requestCounter;
    const body = kind === 'search' ? await readBody(req) : '';
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    try {
      const answer = kind === 'search' ? search(req, url, body, request) : place(req, url, placeId as string, request);
      bill(answer.sku);
      sendJson(res, 200, answer.json);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      usage.errors[err.code] = (usage.errors[err.code] ?? 0) + 1;
      sendError(res, err, err.code === 429 ? { 'Retry-After': String(faults.retryAfterSeconds) } : {});
    }
  }

  /** Key, field mask and injected faults, in the order Google's front end checks them. */
  function gate(req: IncomingMessage, url: URL, request: number, classify: (mask: string) => Sku): { sku: Sku; fields: string[] } {
    const key = header(req, 'x-goog-api-key') ?? url.searchParams.get('key') ?? undefined;
    if (!key) throw new ApiError(403, 'PERMISSION_DENIED', 'The request is missing a valid API key.');
    if (options.apiKey !== undefined && key !== options.apiKey) throw invalid('API key not valid. Please pass a valid API key.');
    const mask = header(req, 'x-goog-fieldmask') ?? url.searchParams.get('fields') ?? url.searchParams.get('$fields') ?? undefined;
    if (mask === undefined || mask.trim() === '') throw invalid(MISSING_MASK);
    let sku: Sku;
    let fields: string[];
    try {
      fields = parseFieldMask(mask);
      sku = classify(mask);
    } catch (err) {
      if (err instanceof FieldMaskError) throw invalid(err.message);
      throw err;
    }
    const rng = Rng.derive(seed, `faults:${request}`);
    const r = rng.next();
    if (r < faults.rate429) throw new ApiError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'SearchTextRequest' and limit 'SearchTextRequest per minute' of service 'places.googleapis.com'.");
    if (r < faults.rate429 + faults.rate500) throw new ApiError(500, 'INTERNAL', 'Internal error encountered.');
    if (r < faults.rate429 + faults.rate500 + faults.rate503) throw new ApiError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    return { sku, fields };
  }

  function search(req: IncomingMessage, url: URL, rawBody: string, request: number): { sku: Sku; json: unknown } {
    const { sku, fields } = gate(req, url, request, skuForTextSearch);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody === '' ? '{}' : rawBody);
    } catch (err) {
      throw invalid(`Invalid JSON payload received. ${(err as Error).message}`);
    }
    const body = parseSearchTextBody(parsed);
    const key = searchKey(body);

    // Later pages replay the first page's results (the same jitter draw, the same day).
    let state: QueryState;
    let offset = 0;
    if (body.pageToken) {
      const saved = pages.get(body.pageToken);
      if (!saved) throw invalid('Invalid page token.');
      if (saved.query.key !== key) throw invalid('The request parameters must be the same as those of the request that returned the page token (only pageToken and pageSize may change).');
      state = saved.query;
      offset = saved.offset;
    } else {
      const hits = searchText(world, body, { day, jitter: faults.jitter, rng: Rng.derive(seed, `jitter:${request}`) });
      state = { key, day, hits };
    }

    const slice = state.hits.slice(offset, offset + body.pageSize);
    const next = offset + slice.length;
    const json: Record<string, unknown> = {};
    const placePaths = fields.flatMap((f) => (f === '*' || f === 'places' || f === 'places.*' ? ['*'] : f.startsWith('places.') ? [f.slice('places.'.length)] : []));
    if (slice.length > 0 && placePaths.length > 0) {
      json.places = slice.map((hit) => projectPlace(hitJson(hit, state.day), placePaths));
    }
    if (next < state.hits.length) {
      // Tokens stay valid after use, so a client may retry a page.
      const token = newPageToken();
      pages.set(token, { query: state, offset: next });
      if (pages.size > MAX_PAGE_TOKENS) pages.delete(pages.keys().next().value as string);
      if (fields.includes('nextPageToken') || fields.includes('*')) json.nextPageToken = token;
    }
    return { sku, json };
  }

  function hitJson(hit: SearchHit, atDay: number) {
    const id = hit.kind === 'business' ? hit.business.id : hit.place.id;
    return world.placeJson(id, atDay) ?? { id };
  }

  function place(req: IncomingMessage, url: URL, id: string, request: number): { sku: Sku; json: unknown } {
    const { sku, fields } = gate(req, url, request, skuForPlaceDetails);
    if (!/^[A-Za-z0-9_-]{10,}$/.test(id)) throw invalid(`Not a valid Place ID: ${id}`);
    const json = world.placeJson(id, day);
    if (!json) throw new ApiError(404, 'NOT_FOUND', 'Requested entity was not found.');
    return { sku, json: projectPlace(json, fields) };
  }

  async function serveSite(req: IncomingMessage, res: ServerResponse): Promise<void> {
    usage.siteRequests++;
    const raw = (req.url ?? '/').slice('/sites/'.length);
    const slash = raw.indexOf('/');
    const host = decodeURIComponent(slash === -1 ? raw : raw.slice(0, slash)).toLowerCase();
    const rest = slash === -1 ? '/' : raw.slice(slash);
    const answer = renderSite(world, host, rest);
    if (answer.slow && faults.siteLatencyMs > 0) await sleep(faults.siteLatencyMs);
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body);
    res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    try {
      if (path === '/__emulator/usage' && method === 'GET') return sendJson(res, 200, usage);
      if (path === '/__emulator/usage/reset' && method === 'POST') {
        usage = emptyUsage();
        return sendJson(res, 200, usage);
      }
      if (path === '/__emulator/faults') {
        if (method === 'POST') faults = { ...faults, ...validateFaults(await readJson(req)) };
        return sendJson(res, 200, faults);
      }
      if (path === '/__emulator/clock') {
        if (method === 'POST') {
          const body = await readJson(req);
          const target = typeof body.day === 'number' ? body.day : typeof body.advanceDays === 'number' ? day + body.advanceDays : undefined;
          if (target === undefined || !Number.isInteger(target) || target < 0 || target > MAX_DAY) throw invalid(`give {"day": n} or {"advanceDays": n}; the day must be an integer in [0, ${MAX_DAY}]`);
          setDay(target);
        }
        return sendJson(res, 200, { day, date: dateOfDay(day), baseDate: BASE_DATE });
      }
      if (path === '/__emulator/truth' || path === '/__emulator/truth/new') {
        const area = url.searchParams.get('area') ?? undefined;
        const type = url.searchParams.get('type') ?? undefined;
        const atDay = url.searchParams.has('day') ? Number(url.searchParams.get('day')) : day;
        if (!Number.isInteger(atDay) || atDay < 0 || atDay > MAX_DAY) throw invalid('day must be an integer in range');
        if (path === '/__emulator/truth/new') {
          const areaKey = area ? findArea(area)?.key : undefined;
          if (area && !areaKey) throw invalid(`unknown area: ${area}`);
          const placeIds = world
            .listedOnDay(atDay)
            .filter((b) => (!areaKey || b.area === areaKey) && (!type || b.types.includes(type)))
            .map((b) => b.id);
          return sendJson(res, 200, { day: atDay, date: dateOfDay(atDay), count: placeIds.length, placeIds });
        }
        if (!area) throw invalid('area is required');
        const liveOnly = url.searchParams.get('liveOnly') === '1' || url.searchParams.get('liveOnly') === 'true';
        let placeIds: string[];
        try {
          placeIds = world.truthMatching({ area, ...(type ? { type } : {}), day: atDay, liveOnly });
        } catch (err) {
          throw invalid((err as Error).message);
        }
        return sendJson(res, 200, { area, type: type ?? null, day: atDay, date: dateOfDay(atDay), liveOnly, count: placeIds.length, placeIds });
      }
      const hidden = /^\/__emulator\/places\/([^/]+)$/.exec(path);
      if (hidden) {
        const b = world.business(decodeURIComponent(hidden[1] as string));
        if (!b) return sendJson(res, 404, { error: 'unknown place' });
        const { searchText: _s, ...record } = b;
        return sendJson(res, 200, { ...record, site: world.siteTruthFor(b.id) ?? null });
      }
      return sendJson(res, 404, { error: 'unknown control endpoint' });
    } catch (err) {
      if (err instanceof ApiError) return sendError(res, err);
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : (options.host ?? '127.0.0.1');
  const baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    world,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    setDay,
    day: () => day,
    usage: () => structuredClone(usage),
    resetUsage: () => {
      usage = emptyUsage();
    },
    setFaults: (f) => {
      faults = { ...faults, ...validateFaults(f) };
    },
    faults: () => ({ ...faults }),
    siteUrl: (realUrl) => {
      const u = new URL(realUrl);
      return `${baseUrl}/sites/${u.host}${u.pathname}${u.search}`;
    },
  };
}

// ---------------------------------------------------------------------------------------------

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the 400 below
  }
  throw invalid('expected a JSON object');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, err: ApiError, headers: Record<string, string> = {}): void {
  sendJson(res, err.code, { error: { code: err.code, message: err.message, status: err.status } }, headers);
}

function newPageToken(): string {
  return `Aeeo${randomBytes(60).toString('base64url')}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
