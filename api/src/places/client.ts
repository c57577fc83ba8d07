// Client of Google Places API (New): Text Search and Place Details exactly as the real API takes
// them. Only the base URL differs between production and the local emulator. Request and response
// types come from Google's generated types (type-only: nothing of googleapis is bundled).
import type { places_v1 } from '@googleapis/places';
import { skuForPlaceDetails, skuForTextSearch, type Sku } from './sku.ts';

/** Google's generated Place, plus two fields its published typings (v14) do not have yet. */
export type Place = places_v1.Schema$GoogleMapsPlacesV1Place & {
  movedPlaceId?: string | null;
  openingDate?: { year?: number | null; month?: number | null; day?: number | null } | null;
};
export type SearchTextRequest = places_v1.Schema$GoogleMapsPlacesV1SearchTextRequest;
export type SearchTextResponse = Omit<places_v1.Schema$GoogleMapsPlacesV1SearchTextResponse, 'places'> & { places?: Place[] };
export type Rectangle = places_v1.Schema$GoogleGeoTypeViewport;

/** A failed Places call, after retries. `status` is Google's (INVALID_ARGUMENT, RESOURCE_EXHAUSTED…). */
export class PlacesError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
    this.name = 'PlacesError';
  }
}

export interface PlacesClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Called once per request actually sent, with the SKU it is billed at. */
  onRequest?: (sku: Sku) => void | Promise<void>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Base of the exponential backoff; tests pass 0. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 10_000;

export interface PlacesClient {
  searchText(request: SearchTextRequest, fieldMask: string): Promise<SearchTextResponse>;
  getPlace(placeId: string, fieldMask: string): Promise<Place>;
}

export function createPlacesClient(options: PlacesClientOptions): PlacesClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 250;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(sku: Sku, url: string, init: RequestInit): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await options.onRequest?.(sku);
      let response: Response;
      try {
        response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        // Timeouts and connection failures are transient; retry like a 503.
        if (attempt >= maxAttempts) throw new PlacesError(503, 'UNAVAILABLE', `Places API unreachable: ${String(err)}`);
        await sleep(backoff(attempt, null));
        continue;
      }
      if (response.ok) {
        const body = await response.json().catch(() => undefined);
        if (body == null || typeof body !== 'object') throw new PlacesError(502, 'BAD_RESPONSE', 'Places API answered with a body that is not JSON.');
        return body as T;
      }
      const error = await readError(response);
      if (!RETRYABLE.has(response.status) || attempt >= maxAttempts) throw error;
      await sleep(backoff(attempt, response.headers.get('Retry-After')));
    }
  }

  // Exponential backoff with full jitter; a Retry-After the server gives is honoured (bounded).
  function backoff(attempt: number, retryAfter: string | null): number {
    const seconds = retryAfter == null ? NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
    return Math.random() * backoffMs * 2 ** (attempt - 1);
  }

  const headers = (fieldMask: string): Record<string, string> => ({
    'Content-Type': 'application/json',
    'X-Goog-Api-Key': options.apiKey,
    'X-Goog-FieldMask': fieldMask,
  });

  return {
    searchText(request, fieldMask) {
      return call<SearchTextResponse>(skuForTextSearch(fieldMask), `${baseUrl}/v1/places:searchText`, {
        method: 'POST',
        headers: headers(fieldMask),
        body: JSON.stringify({ languageCode: 'ja', regionCode: 'JP', ...request }),
      });
    },
    getPlace(placeId, fieldMask) {
      const url = `${baseUrl}/v1/places/${encodeURIComponent(placeId)}?languageCode=ja&regionCode=JP`;
      return call<Place>(skuForPlaceDetails(fieldMask), url, { method: 'GET', headers: headers(fieldMask) });
    },
  };
}

async function readError(response: Response): Promise<PlacesError> {
  const body = (await response.json().catch(() => null)) as { error?: { status?: string; message?: string } } | null;
  return new PlacesError(
    response.status,
    body?.error?.status ?? `HTTP_${response.status}`,
    body?.error?.message ?? `Places API answered HTTP ${response.status}`,
  );
}
