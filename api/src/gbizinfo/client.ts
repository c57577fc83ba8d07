// Client of gBizINFO REST API v2 (METI's open corporate data): name search and lookup by
// corporate number. Runs in the Worker (fetch only). The token travels only in the
// X-hojinInfo-api-token header, never in a URL or an error message. Answers are parsed with a
// tolerant schema: unknown fields are ignored, the service's "Null" strings become null and
// numbers given as strings become numbers; anything else unexpected is GBIZINFO_BAD_RESPONSE.
import { z } from 'zod';

/** A corporation as this app uses it (a subset of gBizINFO's hojin-info). */
export interface Corporation {
  /** 13 digits. */
  corporateNumber: string;
  name: string;
  kana: string | null;
  /** Head-office address text. */
  location: string | null;
  /** NNN-NNNN. */
  postalCode: string | null;
  employees: number | null;
  capitalYen: number | null;
  /** YYYY-MM-DD. */
  establishedDate: string | null;
  status: string | null;
}

export interface GbizinfoSearchQuery {
  /** Legal name, partial match (株式会社ソラ, ソラ). */
  name: string;
  /** JIS prefecture code, 2 digits (Tokyo = "13"). */
  prefecture?: string;
  /** JIS city code (3 digits within the prefecture, e.g. "113" for 渋谷区). */
  city?: string;
  limit?: number;
}

export interface GbizinfoClient {
  search(query: GbizinfoSearchQuery): Promise<Corporation[]>;
  get(corporateNumber: string): Promise<Corporation | null>;
}

export type GbizinfoErrorCode =
  | 'GBIZINFO_BAD_RESPONSE'
  | 'GBIZINFO_RATE_LIMITED'
  | 'GBIZINFO_UNAVAILABLE'
  | 'GBIZINFO_TOKEN_REJECTED'
  | 'GBIZINFO_BAD_REQUEST';

/** A failed gBizINFO call, after retries. `httpStatus` is the last status seen (0: no answer). */
export class GbizinfoError extends Error {
  constructor(
    readonly code: GbizinfoErrorCode,
    message: string,
    readonly httpStatus = 0,
  ) {
    super(message);
    this.name = 'GbizinfoError';
  }
}

export interface GbizinfoClientOptions {
  /** https://api.info.gbiz.go.jp/hojin (paths /v2/hojin… are appended). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Retries after the first attempt, for 429, 5xx, timeouts and network errors. */
  maxRetries?: number;
  timeoutMs?: number;
  /** Base of the exponential backoff (full jitter) when the server gives no Retry-After. */
  backoffMs?: number;
  /** Upper bound of a wait the server asks for with Retry-After. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called before every request is sent (retries included): Tsugi's own allowance of gBizINFO
   * requests. It may throw a GbizinfoError (GBIZINFO_RATE_LIMITED) to keep the request unsent.
   */
  beforeRequest?: () => Promise<void>;
}

export const DEFAULT_MAX_RETRIES = 3;
export const DEFAULT_MAX_RETRY_AFTER_MS = 5_000;

// -- schema -----------------------------------------------------------------------------------

const isNull = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && (v.trim() === '' || v.trim().toLowerCase() === 'null'));

const nullableText = z.preprocess((v) => (isNull(v) ? null : typeof v === 'number' ? String(v) : v), z.string().nullable());

const nullableNumber = z.preprocess((v) => {
  if (isNull(v)) return null;
  if (typeof v === 'string') {
    const cleaned = v.replace(/[,\s]/g, '');
    return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : v;
  }
  return v;
}, z.number().finite().nullable());

const hojinInfo = z.object({
  corporate_number: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^\d{13}$/)),
  name: z.string().min(1),
  kana: nullableText.optional(),
  location: nullableText.optional(),
  postal_code: nullableText.optional(),
  employee_number: nullableNumber.optional(),
  capital_stock: nullableNumber.optional(),
  date_of_establishment: nullableText.optional(),
  status: nullableText.optional(),
});

const hojinResponse = z.object({
  'hojin-infos': z.preprocess((v) => (v === undefined || v === null ? [] : v), z.array(hojinInfo)),
});

type HojinInfo = z.infer<typeof hojinInfo>;

function toCorporation(h: HojinInfo): Corporation {
  const postal = h.postal_code?.replace(/[^\d]/g, '') ?? '';
  const date = h.date_of_establishment?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return {
    corporateNumber: h.corporate_number,
    name: h.name,
    kana: h.kana ?? null,
    location: h.location ?? null,
    postalCode: postal.length === 7 ? `${postal.slice(0, 3)}-${postal.slice(3)}` : null,
    employees: h.employee_number ?? null,
    capitalYen: h.capital_stock ?? null,
    establishedDate: date ? `${date[1]}-${date[2]}-${date[3]}` : null,
    status: h.status ?? null,
  };
}

// -- client -----------------------------------------------------------------------------------

export function createGbizinfoClient(options: GbizinfoClientOptions): GbizinfoClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRetries = Math.max(0, options.maxRetries ?? DEFAULT_MAX_RETRIES);
  const backoffMs = options.backoffMs ?? 250;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const headers = { Accept: 'application/json', 'X-hojinInfo-api-token': options.token };

  /** The parsed hojin-infos, or null on 404. */
  async function call(url: string): Promise<Corporation[] | null> {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      let response: Response;
      await options.beforeRequest?.();
      try {
        response = await doFetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        if (last) throw new GbizinfoError('GBIZINFO_UNAVAILABLE', `gBizINFO unreachable after ${attempt + 1} attempts: ${errorName(err)}`);
        await sleep(backoff(attempt, null));
        continue;
      }
      const status = response.status;
      if (response.ok) return parse(await response.text(), status);
      await response.body?.cancel().catch(() => undefined);
      if (status === 404) return null;
      if (status === 401 || status === 403) throw new GbizinfoError('GBIZINFO_TOKEN_REJECTED', `gBizINFO rejected the API token (HTTP ${status})`, status);
      if (status === 429) {
        if (last) throw new GbizinfoError('GBIZINFO_RATE_LIMITED', `gBizINFO rate limit still exceeded after ${attempt + 1} attempts`, status);
        await sleep(backoff(attempt, response.headers.get('Retry-After')));
        continue;
      }
      if (status >= 500) {
        if (last) throw new GbizinfoError('GBIZINFO_UNAVAILABLE', `gBizINFO answered HTTP ${status} after ${attempt + 1} attempts`, status);
        await sleep(backoff(attempt, response.headers.get('Retry-After')));
        continue;
      }
      throw new GbizinfoError('GBIZINFO_BAD_REQUEST', `gBizINFO refused the request (HTTP ${status})`, status);
    }
  }

  function parse(text: string, status: number): Corporation[] {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GbizinfoError('GBIZINFO_BAD_RESPONSE', 'gBizINFO answered with a body that is not JSON', status);
    }
    const parsed = hojinResponse.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GbizinfoError('GBIZINFO_BAD_RESPONSE', `gBizINFO answered with an unexpected body (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`, status);
    }
    return parsed.data['hojin-infos'].map(toCorporation);
  }

  // Exponential backoff with full jitter; a Retry-After (seconds or HTTP date) is honoured, bounded.
  function backoff(attempt: number, retryAfter: string | null): number {
    if (retryAfter != null && retryAfter.trim() !== '') {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), maxRetryAfterMs);
    }
    return Math.random() * backoffMs * 2 ** attempt;
  }

  return {
    async search(query) {
      const name = query.name.trim();
      if (name === '') throw new GbizinfoError('GBIZINFO_BAD_REQUEST', 'a name is required to search gBizINFO');
      if (query.prefecture !== undefined && !/^\d{2}$/.test(query.prefecture)) throw new GbizinfoError('GBIZINFO_BAD_REQUEST', 'prefecture must be a 2-digit JIS code');
      if (query.city !== undefined && !/^\d{3}$/.test(query.city)) throw new GbizinfoError('GBIZINFO_BAD_REQUEST', 'city must be a 3-digit JIS city code');
      const params = new URLSearchParams({ name });
      if (query.prefecture !== undefined) params.set('prefecture', query.prefecture);
      if (query.city !== undefined) params.set('city', query.city);
      if (query.limit !== undefined) params.set('limit', String(Math.max(1, Math.floor(query.limit))));
      return (await call(`${baseUrl}/v2/hojin?${params}`)) ?? [];
    },
    async get(corporateNumber) {
      if (!/^\d{13}$/.test(corporateNumber)) throw new GbizinfoError('GBIZINFO_BAD_REQUEST', 'a corporate number has 13 digits');
      const found = await call(`${baseUrl}/v2/hojin/${corporateNumber}`);
      return found?.find((c) => c.corporateNumber === corporateNumber) ?? null;
    },
  };
}

function errorName(err: unknown): string {
  // Only the kind of failure: messages of some runtimes echo request details.
  return err instanceof Error ? err.name : 'network error';
}
