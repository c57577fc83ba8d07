// A small typed client for the Tsugi API: every response is checked against the wire contract,
// every failure becomes an ApiClientError with a code. It registers a tenant on first use and
// once more when the API no longer knows the stored one (a local database reset).
import type { z } from 'zod';
import {
  AckResult,
  ErrorBody,
  PullBatch,
  SearchProfile,
  TENANT_SECRET_HEADER,
  TenantCreated,
  type SearchProfileInput,
} from '../shared/contract.ts';

/** Client-side codes; anything else is a code the API answered with. */
export type ClientErrorCode = 'API_UNREACHABLE' | 'API_TIMEOUT' | 'NETWORK_ERROR' | 'BAD_RESPONSE' | 'ID_TOKEN_REQUIRED';

export class ApiClientError extends Error {
  constructor(
    readonly code: ClientErrorCode | (string & {}),
    message: string,
    /** HTTP status, or 0 when no answer came. */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiClientError';
  }
}

/** Where the tenant secret for an API is kept between runs. */
export interface TenantSecretStore {
  get(apiUrl: string): Promise<string | null>;
  set(apiUrl: string, secret: string): Promise<void>;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** The bearer identity token (signed locally, or a Google identity token). */
  identityToken: () => Promise<string>;
  tenants: TenantSecretStore;
  /** Milliseconds for any one request; pulls get `pullTimeoutMs`. */
  timeoutMs?: number;
  pullTimeoutMs?: number;
  /** Called after a new tenant replaced one the API no longer knew. */
  onTenantRenewed?: () => void;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 15_000;
// A pull runs the whole discovery pipeline against the Places API.
const DEFAULT_PULL_TIMEOUT_MS = 120_000;
// Node's errors for "nothing is listening there" (undici puts them on the cause).
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The API URL without a trailing slash: the key tenant secrets are stored under. */
export const normaliseApiUrl = (url: string): string => url.trim().replace(/\/+$/, '');

interface RequestSpec<T> {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
  tenant: boolean;
  timeoutMs?: number;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly options: ApiClientOptions;

  constructor(options: ApiClientOptions) {
    this.options = options;
    this.baseUrl = normaliseApiUrl(options.baseUrl);
  }

  /** Registers a new tenant and keeps its secret. */
  async createTenant(): Promise<TenantCreated> {
    const created = await this.send({ method: 'POST', path: '/v1/tenants', schema: TenantCreated, tenant: false });
    await this.options.tenants.set(this.baseUrl, created.tenantSecret);
    return created;
  }

  /** The stored profile, or null when none has been set. */
  async getProfile(): Promise<SearchProfile | null> {
    try {
      return await this.tenantRequest({ method: 'GET', path: '/v1/profile', schema: SearchProfile });
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 'NO_PROFILE') return null;
      throw err;
    }
  }

  putProfile(profile: SearchProfileInput): Promise<SearchProfile> {
    return this.tenantRequest({ method: 'PUT', path: '/v1/profile', body: profile, schema: SearchProfile });
  }

  pull(limit?: number): Promise<PullBatch> {
    return this.tenantRequest({
      method: 'POST',
      path: '/v1/pulls',
      body: limit == null ? {} : { limit },
      schema: PullBatch,
      timeoutMs: this.options.pullTimeoutMs ?? DEFAULT_PULL_TIMEOUT_MS,
    });
  }

  ack(batchId: string): Promise<AckResult> {
    return this.tenantRequest({ method: 'POST', path: `/v1/pulls/${encodeURIComponent(batchId)}/ack`, schema: AckResult });
  }

  // A tenant route: register first if no secret is stored; when the API does not know the stored
  // secret, register once more and repeat the request (the API refused it before doing anything).
  private async tenantRequest<T>(spec: Omit<RequestSpec<T>, 'tenant'>): Promise<T> {
    if ((await this.options.tenants.get(this.baseUrl)) == null) await this.createTenant();
    try {
      return await this.send({ ...spec, tenant: true });
    } catch (err) {
      if (!(err instanceof ApiClientError && err.code === 'TENANT_UNKNOWN')) throw err;
      await this.createTenant();
      this.options.onTenantRenewed?.();
      return this.send({ ...spec, tenant: true });
    }
  }

  private async send<T>(spec: RequestSpec<T>): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${await this.options.identityToken()}`,
    };
    if (spec.tenant) {
      const secret = await this.options.tenants.get(this.baseUrl);
      if (secret) headers[TENANT_SECRET_HEADER] = secret;
    }
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';

    const doFetch = this.options.fetch ?? fetch;
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(`${this.baseUrl}${spec.path}`, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      throw this.transportError(err, timeoutMs);
    }

    const json = parseJson(text);
    if (!response.ok) {
      const body = ErrorBody.safeParse(json);
      if (body.success) throw new ApiClientError(body.data.error.code, body.data.error.message, response.status);
      throw new ApiClientError('BAD_RESPONSE', `HTTP ${response.status} from ${spec.method} ${spec.path}: ${text.slice(0, 200)}`, response.status);
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiClientError('BAD_RESPONSE', `Unexpected answer to ${spec.method} ${spec.path}: ${parsed.error.message}`, response.status, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private transportError(err: unknown, timeoutMs: number): ApiClientError {
    if (err instanceof ApiClientError) return err;
    if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      return new ApiClientError('API_TIMEOUT', `No answer from ${this.baseUrl} within ${timeoutMs} ms.`, 0, { cause: err });
    }
    const code = errorCode(err);
    if (code && UNREACHABLE_CODES.has(code)) {
      return new ApiClientError('API_UNREACHABLE', `Cannot connect to ${this.baseUrl} (${code}).`, 0, { cause: err });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new ApiClientError('NETWORK_ERROR', `Request to ${this.baseUrl} failed: ${message}${code ? ` (${code})` : ''}.`, 0, { cause: err });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// fetch wraps the socket error: TypeError('fetch failed', { cause: Error{ code } }), sometimes an
// AggregateError of one per address tried.
function errorCode(err: unknown): string | undefined {
  for (let current: unknown = err, depth = 0; current != null && depth < 4; depth++) {
    if (typeof current !== 'object') return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested) && nested.length > 0) {
      const inner = errorCode(nested[0]);
      if (inner) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
