// The add-on's side of the wire: UrlFetchApp calls to the Tsugi API with the user's Google identity
// token and the sheet's secret, answers checked against the shared zod contract. Every failure
// becomes an ApiFailure with a machine-readable code (the API's own, or NETWORK / BAD_RESPONSE).
import type { z } from 'zod';
import {
  AckResult,
  ErrorBody,
  InsightsResponse,
  KnownResponse,
  OutcomesResponse,
  PullBatch,
  SearchProfile,
  TENANT_SECRET_HEADER,
  TenantCreated,
  type KnownRow,
  type Outcome,
  type SearchProfileInput,
} from '../../shared/contract.ts';
import type { Insights } from '../../shared/insights.ts';
import type { Properties, ScriptAppApi, UrlFetchAppApi } from './apps-script.ts';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const SECRET_PROPERTY = 'tenantSecret';
/** The API takes at most this many known rows per request. */
export const KNOWN_CHUNK = 2000;
export const OUTCOME_CHUNK = 500;

export interface ApiDeps {
  UrlFetchApp: UrlFetchAppApi;
  ScriptApp: ScriptAppApi;
  /** DocumentProperties: the sheet secret is shared by every editor of this document. */
  documentProperties: Properties;
  baseUrl: string;
}

export function createApiClient(deps: ApiDeps) {
  function call<T>(method: 'get' | 'post' | 'put', path: string, body: unknown, schema: z.ZodType<T>, secret: string | null): T {
    const headers: Record<string, string> = { Authorization: `Bearer ${deps.ScriptApp.getIdentityToken()}` };
    if (secret) headers[TENANT_SECRET_HEADER] = secret;
    let status: number;
    let text: string;
    try {
      const response = deps.UrlFetchApp.fetch(`${deps.baseUrl}${path}`, {
        method,
        headers,
        muteHttpExceptions: true,
        ...(body === undefined ? {} : { contentType: 'application/json', payload: JSON.stringify(body) }),
      });
      status = response.getResponseCode();
      text = response.getContentText();
    } catch (error) {
      throw new ApiFailure('NETWORK', `The Tsugi API could not be reached: ${(error as Error).message}`);
    }
    const parsedJson = parseJson(text);
    if (status < 200 || status >= 300) {
      const error = ErrorBody.safeParse(parsedJson);
      if (error.success) throw new ApiFailure(error.data.error.code, error.data.error.message, status);
      throw new ApiFailure(status >= 500 ? 'API_UNAVAILABLE' : 'BAD_RESPONSE', `The Tsugi API answered ${status}.`, status);
    }
    const parsed = schema.safeParse(parsedJson);
    if (!parsed.success) throw new ApiFailure('BAD_RESPONSE', `Unexpected answer from the Tsugi API for ${path}.`, status);
    return parsed.data;
  }

  /** The sheet's secret, registering the sheet as a tenant on first contact. */
  function secret(): string {
    const stored = deps.documentProperties.getProperty(SECRET_PROPERTY);
    if (stored) return stored;
    const { tenantSecret } = call('post', '/v1/tenants', undefined, TenantCreated, null);
    deps.documentProperties.setProperty(SECRET_PROPERTY, tenantSecret);
    return tenantSecret;
  }

  const tenantCall = <T>(method: 'get' | 'post' | 'put', path: string, body: unknown, schema: z.ZodType<T>) =>
    call(method, path, body, schema, secret());

  return {
    getProfile(): SearchProfile | null {
      try {
        return tenantCall('get', '/v1/profile', undefined, SearchProfile);
      } catch (error) {
        if (error instanceof ApiFailure && error.code === 'NO_PROFILE') return null;
        throw error;
      }
    },
    putProfile: (profile: SearchProfileInput) => tenantCall('put', '/v1/profile', profile, SearchProfile),
    pull: (limit?: number) => tenantCall('post', '/v1/pulls', limit === undefined ? {} : { limit }, PullBatch),
    ack: (batchId: string) => tenantCall('post', `/v1/pulls/${encodeURIComponent(batchId)}/ack`, undefined, AckResult),
    /** Ids for rows the owner already had; their keys join the tenant's dedupe set. */
    known(rows: KnownRow[]): string[] {
      const ids: string[] = [];
      for (let start = 0; start < rows.length; start += KNOWN_CHUNK) {
        const chunk = rows.slice(start, start + KNOWN_CHUNK);
        const answer = tenantCall('post', '/v1/known', { rows: chunk }, KnownResponse);
        if (answer.ids.length !== chunk.length) throw new ApiFailure('BAD_RESPONSE', 'The API returned a different number of ids.');
        ids.push(...answer.ids);
      }
      return ids;
    },
    outcomes(outcomes: Outcome[]): void {
      for (let start = 0; start < outcomes.length; start += OUTCOME_CHUNK) {
        tenantCall('post', '/v1/outcomes', { outcomes: outcomes.slice(start, start + OUTCOME_CHUNK) }, OutcomesResponse);
      }
    },
    /** What the verdicts say about the filters (GET /v1/insights), checked against the contract. */
    insights: (): Insights => tenantCall('get', '/v1/insights', undefined, InsightsResponse),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
