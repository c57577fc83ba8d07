import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AREA_BY_KEY, type Rect } from './areas.ts';
import { isLive, type Business } from './dataset.ts';
import { NO_FAULTS, startPlacesEmulator, type PlacesEmulator } from './server.ts';

let emulator: PlacesEmulator;

beforeAll(async () => {
  emulator = await startPlacesEmulator({ port: 0, seed: 3 });
});

afterAll(async () => {
  await emulator.close();
});

// Every test starts from day 0, no faults and zero usage.
beforeEach(() => {
  emulator.setDay(0);
  emulator.setFaults(NO_FAULTS);
  emulator.resetUsage();
});

interface PlaceOut {
  id?: string;
  displayName?: { text: string; languageCode: string };
  businessStatus?: string;
  movedPlaceId?: string;
  nationalPhoneNumber?: string;
  viewport?: Rect;
  [key: string]: unknown;
}
interface SearchOut {
  places?: PlaceOut[];
  nextPageToken?: string;
  error?: { code: number; message: string; status: string };
}

async function call(path: string, init: { method?: string; body?: unknown; mask?: string | null; key?: string | null } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (init.key !== null) headers['X-Goog-Api-Key'] = init.key ?? 'test-key';
  if (init.mask !== null && init.mask !== undefined) headers['X-Goog-FieldMask'] = init.mask;
  const res = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as SearchOut & PlaceOut };
}

const search = (body: unknown, mask: string | null = 'places.id,nextPageToken', key?: string | null) =>
  call('/v1/places:searchText', { body, mask, ...(key === undefined ? {} : { key }) });
const details = (id: string, mask: string | null = 'id,displayName,businessStatus,movedPlaceId,nationalPhoneNumber') =>
  call(`/v1/places/${encodeURIComponent(id)}?languageCode=ja`, { mask });

function rectAround(b: Business, d: number): Rect {
  return {
    low: { latitude: b.location.latitude - d, longitude: b.location.longitude - d },
    high: { latitude: b.location.latitude + d, longitude: b.location.longitude + d },
  };
}

async function allPages(body: Record<string, unknown>): Promise<{ pages: number[]; ids: string[] }> {
  const pages: number[] = [];
  const ids: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 10; i++) {
    const res = await search(token ? { ...body, pageToken: token } : body);
    expect(res.status).toBe(200);
    pages.push(res.json.places?.length ?? 0);
    ids.push(...(res.json.places ?? []).map((p) => p.id as string));
    token = res.json.nextPageToken;
    if (!token) break;
  }
  return { pages, ids };
}

const SHIBUYA_SALONS = { textQuery: '東京都渋谷区 美容室', includedType: 'hair_salon', strictTypeFiltering: true, languageCode: 'ja', regionCode: 'JP' };

describe('Text Search', () => {
  it('honours an IDs-only field mask and bills it as IDs only', async () => {
    const res = await search({ ...SHIBUYA_SALONS, pageSize: 5 });
    expect(res.status).toBe(200);
    expect(res.json.places).toHaveLength(5);
    for (const place of res.json.places ?? []) expect(Object.keys(place)).toEqual(['id']);
    expect(typeof res.json.nextPageToken).toBe('string');
    const usage = emulator.usage();
    expect(usage.bySku.text_search_ids_only.count).toBe(1);
    expect(usage.totalUsd).toBe(0);
  });

  it('returns nested fields and bills the highest field of the mask', async () => {
    const res = await search({ ...SHIBUYA_SALONS, pageSize: 2 }, 'places.id,places.displayName,places.nationalPhoneNumber');
    const place = res.json.places?.[0];
    expect(place?.displayName?.languageCode).toBe('ja');
    expect(Object.keys(place ?? {}).sort()).toEqual(expect.arrayContaining(['displayName', 'id']));
    expect(res.json.nextPageToken).toBeUndefined(); // not in the mask
    expect(emulator.usage().bySku.text_search_enterprise).toEqual({ count: 1, usd: 0.035 });
  });

  it('answers 400 without a field mask and 403 without an API key, in Google’s error shape', async () => {
    const noMask = await search(SHIBUYA_SALONS, null);
    expect(noMask.status).toBe(400);
    expect(noMask.json.error?.status).toBe('INVALID_ARGUMENT');
    expect(noMask.json.error?.message).toMatch(/^FieldMask is a required parameter/);
    expect(Object.keys(noMask.json)).toEqual(['error']);
    const noKey = await search(SHIBUYA_SALONS, 'places.id', null);
    expect(noKey.status).toBe(403);
    expect(noKey.json).toEqual({ error: { code: 403, message: 'The request is missing a valid API key.', status: 'PERMISSION_DENIED' } });
    const badField = await search(SHIBUYA_SALONS, 'places.id,places.phone');
    expect(badField.status).toBe(400);
    expect(emulator.usage().billed).toBe(0);
  });

  it('pages by 20 and stops at 60 results', async () => {
    const { pages, ids } = await allPages(SHIBUYA_SALONS);
    expect(pages).toEqual([20, 20, 20]);
    expect(new Set(ids).size).toBe(60);
    const small = await allPages({ ...SHIBUYA_SALONS, pageSize: 7 });
    expect(small.pages).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(small.ids.every((id) => emulator.world.business(id)?.area === 'shibuya')).toBe(true);
  });

  it('returns exactly the places of a rectangle and type, across pages', async () => {
    const salon = emulator.world.businesses.find((b) => b.area === 'osaka_kita' && b.industry === 'hair_salon' && isLive(b, 0));
    if (!salon) throw new Error('no salon');
    const rectangle = rectAround(salon, 0.0035);
    const { ids } = await allPages({ textQuery: '美容室', includedType: 'hair_salon', strictTypeFiltering: true, locationRestriction: { rectangle } });
    const expected = emulator.world.index
      .query(rectangle)
      .filter((b) => b.types.includes('hair_salon') && b.openDay <= 0 && (b.closeDay === undefined || b.closeDay > -30))
      .map((b) => b.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(60);
    expect(ids.sort()).toEqual(expected.sort());
  });

  it('rejects a bias with a restriction, a bad page size and a page token with other parameters', async () => {
    const rectangle = AREA_BY_KEY.get('shibuya')?.rect;
    expect((await search({ ...SHIBUYA_SALONS, locationRestriction: { rectangle }, locationBias: { rectangle } })).status).toBe(400);
    expect((await search({ ...SHIBUYA_SALONS, pageSize: 21 })).status).toBe(400);
    const first = await search(SHIBUYA_SALONS);
    const token = first.json.nextPageToken as string;
    const mismatch = await search({ ...SHIBUYA_SALONS, includedType: 'beauty_salon', pageToken: token });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error?.status).toBe('INVALID_ARGUMENT');
    expect((await search({ ...SHIBUYA_SALONS, pageToken: 'nope' })).status).toBe(400);
    // The same token with the same parameters still works (a client may retry a page).
    expect((await search({ ...SHIBUYA_SALONS, pageToken: token })).status).toBe(200);
    expect((await search({ ...SHIBUYA_SALONS, pageToken: token })).json.places).toHaveLength(20);
  });

  it('answers an empty object when nothing matches', async () => {
    const res = await search({ textQuery: '渋谷区 存在しない店名ＸＹＺ' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
  });

  it('finds an area by its name, with its rectangle as viewport', async () => {
    const res = await search({ textQuery: '東京都渋谷区' }, 'places.id,places.viewport');
    expect(res.json.places).toHaveLength(1);
    expect(res.json.places?.[0]?.viewport).toEqual(AREA_BY_KEY.get('shibuya')?.rect);
  });
});

describe('Place Details', () => {
  it('answers 404 for an unknown id and bills by the details mask', async () => {
    const unknown = await details('ChIJAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toEqual({ code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' });
    const b = emulator.world.businesses.find((x) => isLive(x, 0) && x.nationalPhoneNumber);
    const found = await details(b?.id as string);
    expect(found.status).toBe(200);
    expect(found.json.displayName?.text).toBe(b?.displayName);
    expect(emulator.usage().bySku.place_details_enterprise.count).toBe(1);
    const idOnly = await details(b?.id as string, 'id');
    expect(idOnly.json).toEqual({ id: b?.id });
  });

  it('hides places until they are listed, and the clock reveals them', async () => {
    const fresh = emulator.world.listedOnDay(1).find((b) => b.area === 'shibuya' && b.types.includes('hair_salon'));
    if (!fresh) throw new Error('nothing new on day 1');
    expect((await details(fresh.id)).status).toBe(404);
    const rectangle = rectAround(fresh, 0.0006);
    const query = { textQuery: '美容室', includedType: 'hair_salon', strictTypeFiltering: true, locationRestriction: { rectangle } };
    expect((await allPages(query)).ids).not.toContain(fresh.id);

    const clock = await call('/__emulator/clock', { body: { advanceDays: 1 }, key: null });
    expect(clock.json).toMatchObject({ day: 1, date: '2026-11-25' });
    expect((await details(fresh.id)).status).toBe(200);
    expect((await allPages(query)).ids).toContain(fresh.id);
    const truth = await call(`/__emulator/truth?area=${encodeURIComponent('東京都渋谷区')}&type=hair_salon&day=1`, { key: null });
    expect((truth.json as unknown as { placeIds: string[] }).placeIds).toContain(fresh.id);
  });

  it('reports a moved place as closed, pointing at its new id', async () => {
    emulator.setDay(5);
    const old = emulator.world.businesses.find((b) => b.movedPlaceId && (b.closeDay ?? 99) <= 5);
    if (!old) throw new Error('no move in 5 days');
    const res = await details(old.id);
    expect(res.json.businessStatus).toBe('CLOSED_PERMANENTLY');
    expect(res.json.movedPlaceId).toBe(old.movedPlaceId);
    const successor = await details(old.movedPlaceId as string);
    expect(successor.json.displayName?.text).toBe(old.displayName);
    expect(successor.json.nationalPhoneNumber).toBe(old.nationalPhoneNumber);
    expect(successor.json.businessStatus).not.toBe('CLOSED_PERMANENTLY');
  });

  it('keeps a closed place in search for 30 days, then drops it', async () => {
    emulator.setDay(3);
    const closed = emulator.world.businesses.find((b) => b.closeDay === 2 && !b.movedPlaceId);
    if (!closed) throw new Error('nothing closed on day 2');
    const rectangle = rectAround(closed, 0.0004);
    const query = { textQuery: closed.displayName, includedType: closed.primaryType, strictTypeFiltering: true, locationRestriction: { rectangle } };
    expect((await allPages(query)).ids).toContain(closed.id);
    expect((await details(closed.id)).json.businessStatus).toBe('CLOSED_PERMANENTLY');
    emulator.setDay(32);
    expect((await allPages(query)).ids).not.toContain(closed.id);
    expect((await details(closed.id)).json.businessStatus).toBe('CLOSED_PERMANENTLY');
  });
});

describe('faults, usage and truth', () => {
  it('answers 429 with Retry-After, and 500, when told to', async () => {
    emulator.setFaults({ rate429: 1, retryAfterSeconds: 7 });
    const limited = await search(SHIBUYA_SALONS);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.json.error?.status).toBe('RESOURCE_EXHAUSTED');
    const set = await call('/__emulator/faults', { body: { rate429: 0, rate500: 1 }, key: null });
    expect(set.json).toMatchObject({ rate429: 0, rate500: 1 });
    const failed = await search(SHIBUYA_SALONS);
    expect(failed.status).toBe(500);
    expect(failed.json.error).toEqual({ code: 500, message: 'Internal error encountered.', status: 'INTERNAL' });
    expect(emulator.usage()).toMatchObject({ requests: 2, billed: 0, errors: { 429: 1, 500: 1 } });
  });

  it('makes identical queries differ under jitter', async () => {
    emulator.setFaults({ jitter: 0.4 });
    const a = await allPages(SHIBUYA_SALONS);
    const b = await allPages(SHIBUYA_SALONS);
    expect(a.ids).toHaveLength(60);
    expect(a.ids).not.toEqual(b.ids);
  });

  it('reports and resets usage over HTTP', async () => {
    await search(SHIBUYA_SALONS);
    await details(emulator.world.businesses[0]?.id as string, 'id,location');
    const report = await call('/__emulator/usage', { key: null });
    const json = report.json as unknown as { billed: number; bySku: Record<string, { count: number }> };
    expect(json.billed).toBe(2);
    expect(json.bySku.place_details_essentials?.count).toBe(1);
    await call('/__emulator/usage/reset', { body: {}, key: null });
    expect(emulator.usage().billed).toBe(0);
  });

  it('serves the benchmark truth over HTTP as the function computes it', async () => {
    const res = await call(`/__emulator/truth?area=shibuya&type=hair_salon&day=0&liveOnly=1`, { key: null });
    const json = res.json as unknown as { placeIds: string[]; count: number };
    expect(json.count).toBeGreaterThanOrEqual(3200);
    expect(json.placeIds).toEqual(emulator.world.truthMatching({ area: 'shibuya', type: 'hair_salon', day: 0, liveOnly: true }));
    expect((await call('/health', { key: null })).status).toBe(200);
  });

  it('keeps up with a burst of 100 concurrent searches', async () => {
    const start = performance.now();
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => search({ ...SHIBUYA_SALONS, pageSize: 1 + (i % 20) })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
