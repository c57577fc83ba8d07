// The Places client's retry, timeout and error behaviour, with a scripted fetch.
import { describe, expect, it } from 'vitest';
import { createPlacesClient, PlacesError } from './client.ts';
import type { Sku } from './sku.ts';

type Step = Response | Error | 'hang';

function scripted(steps: Step[]) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    const step = steps.shift() ?? new Error('no more scripted responses');
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    }
    if (step instanceof Error) throw step;
    return step;
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const googleError = (code: number, status: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ error: { code, message: `${status} happened`, status } }), { status: code, headers });

function client(steps: Step[], extra: { timeoutMs?: number } = {}) {
  const script = scripted(steps);
  const skus: Sku[] = [];
  const sleeps: number[] = [];
  const places = createPlacesClient({
    baseUrl: 'https://places.example/',
    apiKey: 'secret-key',
    fetch: script.fetch,
    onRequest: (sku) => void skus.push(sku),
    sleep: async (ms) => void sleeps.push(ms),
    backoffMs: 100,
    ...extra,
  });
  return { places, requests: script.requests, skus, sleeps };
}

describe('Places client', () => {
  it('sends Text Search as the real API takes it and bills the IDs-only SKU', async () => {
    const { places, requests, skus } = client([Response.json({ places: [{ id: 'a' }], nextPageToken: 't' })]);
    const response = await places.searchText({ textQuery: '渋谷区 美容室', includedType: 'hair_salon', strictTypeFiltering: true }, 'places.id,nextPageToken');
    expect(response).toEqual({ places: [{ id: 'a' }], nextPageToken: 't' });
    const request = requests[0]!;
    expect(request.url).toBe('https://places.example/v1/places:searchText');
    expect(request.headers.get('X-Goog-FieldMask')).toBe('places.id,nextPageToken');
    expect(request.headers.get('X-Goog-Api-Key')).toBe('secret-key');
    expect(await request.json()).toEqual({ languageCode: 'ja', regionCode: 'JP', textQuery: '渋谷区 美容室', includedType: 'hair_salon', strictTypeFiltering: true });
    expect(skus).toEqual(['text_search_ids_only']);
  });

  it('bills Place Details by the highest field of its mask', async () => {
    const { places, requests, skus } = client([Response.json({ id: 'p1' })]);
    await places.getPlace('p1', 'id,displayName,websiteUri');
    expect(requests[0]!.url).toBe('https://places.example/v1/places/p1?languageCode=ja&regionCode=JP');
    expect(skus).toEqual(['place_details_enterprise']);
  });

  it('retries 429 honouring Retry-After, then succeeds', async () => {
    const { places, sleeps, skus } = client([googleError(429, 'RESOURCE_EXHAUSTED', { 'Retry-After': '2' }), Response.json({ id: 'p' })]);
    await expect(places.getPlace('p', 'id')).resolves.toEqual({ id: 'p' });
    expect(sleeps).toEqual([2000]);
    expect(skus).toHaveLength(2);
  });

  it('retries 5xx with bounded exponential backoff and gives up with the last error', async () => {
    const { places, sleeps } = client([googleError(500, 'INTERNAL'), googleError(503, 'UNAVAILABLE'), googleError(500, 'INTERNAL'), googleError(503, 'UNAVAILABLE')]);
    const error = await places.getPlace('p', 'id').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(PlacesError);
    expect(error).toMatchObject({ httpStatus: 503, status: 'UNAVAILABLE' });
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(100 * 2 ** i));
  });

  it('does not retry a client error', async () => {
    const { places, requests } = client([googleError(400, 'INVALID_ARGUMENT')]);
    await expect(places.searchText({ textQuery: 'x' }, 'places.id')).rejects.toMatchObject({ httpStatus: 400, status: 'INVALID_ARGUMENT' });
    expect(requests).toHaveLength(1);
  });

  it('times out a hanging request and retries it', async () => {
    const { places, requests } = client(['hang', Response.json({ id: 'p' })], { timeoutMs: 20 });
    await expect(places.getPlace('p', 'id')).resolves.toEqual({ id: 'p' });
    expect(requests).toHaveLength(2);
  });

  it('reports a garbage body as BAD_RESPONSE and an error without a Google body by its HTTP status', async () => {
    const garbage = client([new Response('<html>oops</html>', { status: 200 })]);
    await expect(garbage.places.getPlace('p', 'id')).rejects.toMatchObject({ status: 'BAD_RESPONSE' });
    const bare = client([new Response('nope', { status: 404 })]);
    await expect(bare.places.getPlace('p', 'id')).rejects.toMatchObject({ httpStatus: 404, status: 'HTTP_404' });
  });
});
