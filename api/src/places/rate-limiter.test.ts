// The per-minute cap of paid Places requests against local D1: reservations in chunks, shared by
// concurrent requests of one tenant, never past the cap, unused units given back.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createTenant } from '../store/tenants.ts';
import { usedIn, type RateWindow } from '../store/rate-limits.ts';
import { PLACES_BUCKET, PlacesRateLimiter, RateLimited } from './rate-limiter.ts';

const t0 = new Date('2026-11-24T09:00:10Z');
const window: RateWindow = { bucket: PLACES_BUCKET, seconds: 60, limit: 1 };
const used = async (tenantId: string, at = t0) => (await usedIn(env.DB, tenantId, [window], at)).get(PLACES_BUCKET) ?? 0;
const tenant = async () => (await createTenant(env.DB, t0)).tenantId;

/** Takes units until the limiter refuses; how many it got. */
async function takeAll(limiter: PlacesRateLimiter, max = 1000): Promise<{ taken: number; refusal: RateLimited | null }> {
  for (let taken = 0; taken < max; taken++) {
    try {
      await limiter.take('place_details_enterprise');
    } catch (err) {
      if (err instanceof RateLimited) return { taken, refusal: err };
      throw err;
    }
  }
  return { taken: max, refusal: null };
}

describe('PlacesRateLimiter', () => {
  it('counts paid requests only', async () => {
    const tenantId = await tenant();
    const limiter = new PlacesRateLimiter(env.DB, tenantId, 5, () => t0, 2);
    for (let i = 0; i < 50; i++) await limiter.take('text_search_ids_only');
    await limiter.take('place_details_ids_only');
    expect(await used(tenantId)).toBe(0);
    await limiter.take('text_search_pro');
    expect(await used(tenantId)).toBe(2);
  });

  it('reserves in chunks, gives the unused part back at the end, and refuses at the cap until the next minute', async () => {
    const tenantId = await tenant();
    let now = t0;
    const limiter = new PlacesRateLimiter(env.DB, tenantId, 25, () => now, 10);
    for (let i = 0; i < 12; i++) await limiter.take('place_details_enterprise');
    expect(await used(tenantId)).toBe(20); // two reservations of 10
    await limiter.flush();
    expect(await used(tenantId)).toBe(12);

    const again = new PlacesRateLimiter(env.DB, tenantId, 25, () => now, 10);
    const { taken, refusal } = await takeAll(again);
    expect(taken).toBe(13);
    expect(refusal?.retryAfterSeconds).toBe(50);
    expect(refusal?.limit).toBe(25);
    expect(await used(tenantId)).toBe(25);

    now = new Date('2026-11-24T09:01:00Z');
    await again.take('place_details_enterprise');
    expect(await used(tenantId, now)).toBe(10);
  });

  it('makes one reservation for requests that ask at the same time', async () => {
    const tenantId = await tenant();
    const limiter = new PlacesRateLimiter(env.DB, tenantId, 300, () => t0, 20);
    await Promise.all(Array.from({ length: 8 }, () => limiter.take('place_details_enterprise')));
    expect(await used(tenantId)).toBe(20);
  });

  it('never lets concurrent work of one tenant past the cap, and leaves other tenants alone', async () => {
    const tenantId = await tenant();
    const limiters = Array.from({ length: 4 }, () => new PlacesRateLimiter(env.DB, tenantId, 30, () => t0, 8));
    const results = await Promise.all(limiters.map((limiter) => takeAll(limiter)));
    expect(results.reduce((sum, result) => sum + result.taken, 0)).toBe(30);
    expect(results.every((result) => result.refusal instanceof RateLimited)).toBe(true);
    expect(await used(tenantId)).toBe(30);

    const other = new PlacesRateLimiter(env.DB, await tenant(), 30, () => t0, 8);
    expect((await takeAll(other)).taken).toBe(30);
  });

  it('keeps the unit of a request that was not sent for the next one', async () => {
    const tenantId = await tenant();
    const limiter = new PlacesRateLimiter(env.DB, tenantId, 2, () => t0, 2);
    await limiter.take('place_details_enterprise');
    await limiter.take('place_details_enterprise');
    limiter.giveBack('place_details_enterprise');
    await limiter.take('place_details_enterprise');
    await expect(limiter.take('place_details_enterprise')).rejects.toBeInstanceOf(RateLimited);
    expect(await used(tenantId)).toBe(2);
  });
});
