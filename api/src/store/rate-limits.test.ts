// D1 query tests for the rate-limit store: window arithmetic, all-or-nothing counting, reservations
// under concurrent requests, and the cleanup of ended windows.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { deleteEndedWindows, release, reserve, secondsLeft, takeOne, usedIn, windowStart, type RateWindow } from './rate-limits.ts';
import { createTenant } from './tenants.ts';

const at = (iso: string) => new Date(iso);
const t0 = at('2026-11-24T12:34:56.500Z');
const minute = (limit: number): RateWindow => ({ bucket: 'test:minute', seconds: 60, limit });
const hour = (limit: number): RateWindow => ({ bucket: 'test:hour', seconds: 3600, limit });
const tenant = async () => (await createTenant(env.DB, t0)).tenantId;
const rows = async (tenantId: string) =>
  (
    await env.DB.prepare('SELECT bucket, window_start, window_end, used FROM rate_limits WHERE scope = ?1 ORDER BY bucket, window_start')
      .bind(tenantId)
      .all()
  ).results;

describe('window arithmetic', () => {
  it('aligns windows to the clock and counts the seconds left in them', () => {
    expect(windowStart(t0, 60)).toBe(at('2026-11-24T12:34:00Z').getTime() / 1000);
    expect(windowStart(t0, 3600)).toBe(at('2026-11-24T12:00:00Z').getTime() / 1000);
    expect(secondsLeft(t0, 60)).toBe(4); // 3.5 s, rounded up: never "retry now" too early
    expect(secondsLeft(t0, 3600)).toBe(25 * 60 + 4);
    expect(secondsLeft(at('2026-11-24T12:35:00Z'), 60)).toBe(60);
    expect(secondsLeft(at('2026-11-24T12:35:59.999Z'), 60)).toBe(1);
  });
});

describe('takeOne', () => {
  it('allows up to the limit per window, then refuses with the time until the window ends', async () => {
    const tenantId = await tenant();
    for (let i = 0; i < 3; i++) expect(await takeOne(env.DB, tenantId, [minute(3)], t0)).toEqual({ ok: true });
    expect(await takeOne(env.DB, tenantId, [minute(3)], t0)).toEqual({ ok: false, bucket: 'test:minute', retryAfterSeconds: 4 });
    // The next minute is a new window.
    expect(await takeOne(env.DB, tenantId, [minute(3)], at('2026-11-24T12:35:00Z'))).toEqual({ ok: true });
    expect(await rows(tenantId)).toEqual([
      { bucket: 'test:minute', window_start: windowStart(t0, 60), window_end: windowStart(t0, 60) + 60, used: 3 },
      { bucket: 'test:minute', window_start: windowStart(t0, 60) + 60, window_end: windowStart(t0, 60) + 120, used: 1 },
    ]);
  });

  it('counts in every window or in none', async () => {
    const tenantId = await tenant();
    const windows = [minute(2), hour(3)];
    expect((await takeOne(env.DB, tenantId, windows, t0)).ok).toBe(true);
    expect((await takeOne(env.DB, tenantId, windows, t0)).ok).toBe(true);
    // The minute is full: the hour is not counted either.
    expect(await takeOne(env.DB, tenantId, windows, t0)).toEqual({ ok: false, bucket: 'test:minute', retryAfterSeconds: 4 });
    expect(await usedIn(env.DB, tenantId, windows, t0)).toEqual(new Map([['test:minute', 2], ['test:hour', 2]]));
    // A minute later the minute allows one more, then the hour is full: refused until the hour ends.
    const later = at('2026-11-24T12:35:10Z');
    expect((await takeOne(env.DB, tenantId, windows, later)).ok).toBe(true);
    expect(await takeOne(env.DB, tenantId, windows, later)).toEqual({ ok: false, bucket: 'test:hour', retryAfterSeconds: 25 * 60 - 10 });
    expect(await usedIn(env.DB, tenantId, windows, later)).toEqual(new Map([['test:minute', 1], ['test:hour', 3]]));
  });

  it('never lets concurrent requests past the limit', async () => {
    const tenantId = await tenant();
    const windows = [minute(7), hour(100)];
    const answers = await Promise.all(Array.from({ length: 25 }, () => takeOne(env.DB, tenantId, windows, t0)));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(7);
    expect(await usedIn(env.DB, tenantId, windows, t0)).toEqual(new Map([['test:minute', 7], ['test:hour', 7]]));
  });

  it('keeps tenants apart', async () => {
    const [a, b] = [await tenant(), await tenant()];
    expect((await takeOne(env.DB, a, [minute(1)], t0)).ok).toBe(true);
    expect((await takeOne(env.DB, a, [minute(1)], t0)).ok).toBe(false);
    expect((await takeOne(env.DB, b, [minute(1)], t0)).ok).toBe(true);
  });
});

describe('reserve and release', () => {
  it('grants what is asked while the window has it, then what is left, then nothing', async () => {
    const tenantId = await tenant();
    const window = minute(25);
    expect(await reserve(env.DB, tenantId, window, 10, t0)).toEqual({ granted: 10, windowStart: windowStart(t0, 60) });
    expect((await reserve(env.DB, tenantId, window, 10, t0)).granted).toBe(10);
    expect((await reserve(env.DB, tenantId, window, 10, t0)).granted).toBe(5);
    expect((await reserve(env.DB, tenantId, window, 10, t0)).granted).toBe(0);
    expect((await usedIn(env.DB, tenantId, [window], t0)).get('test:minute')).toBe(25);
    // Unused units given back can be reserved again; giving back never goes below zero.
    await release(env.DB, tenantId, 'test:minute', windowStart(t0, 60), 4);
    expect((await reserve(env.DB, tenantId, window, 10, t0)).granted).toBe(4);
    await release(env.DB, tenantId, 'test:minute', windowStart(t0, 60), 1000);
    expect((await usedIn(env.DB, tenantId, [window], t0)).get('test:minute')).toBe(0);
  });

  it('grants concurrent reservations no more than the limit in all', async () => {
    const tenantId = await tenant();
    const grants = await Promise.all(Array.from({ length: 12 }, () => reserve(env.DB, tenantId, minute(50), 7, t0)));
    expect(grants.reduce((sum, grant) => sum + grant.granted, 0)).toBe(50);
    expect(grants.filter((grant) => grant.granted === 0).length).toBeGreaterThanOrEqual(12 - Math.ceil(50 / 7));
  });
});

describe('cleanup', () => {
  it('deletes the windows that have ended, and only those', async () => {
    const tenantId = await tenant();
    await takeOne(env.DB, tenantId, [minute(5), hour(5)], t0);
    const next = at('2026-11-24T12:35:00Z');
    expect(await deleteEndedWindows(env.DB, at('2026-11-24T12:34:59Z'))).toBe(0);
    expect(await deleteEndedWindows(env.DB, next)).toBeGreaterThanOrEqual(1);
    expect((await rows(tenantId)).map((row) => row.bucket)).toEqual(['test:hour']);
    await deleteEndedWindows(env.DB, at('2026-11-24T13:00:00Z'));
    expect(await rows(tenantId)).toEqual([]);
  });
});
