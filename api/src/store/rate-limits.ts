// Rate limits in fixed windows (aligned to the epoch: a minute window starts at :00, an hour
// window on the hour), per scope: a tenant id, or a scope the whole deployment shares (one
// upstream token's allowance). Each update is one statement, so concurrent requests never both
// get the last unit of a window.

export interface RateWindow {
  /** What is counted, e.g. 'pulls:hour'. */
  bucket: string;
  /** Length of the window in seconds. */
  seconds: number;
  /** Units allowed per window (at least 1). */
  limit: number;
}

/** Epoch seconds at which the window holding `at` starts. */
export const windowStart = (at: Date, seconds: number): number => Math.floor(at.getTime() / 1000 / seconds) * seconds;

/** Whole seconds from `at` until the window holding it ends (at least 1): a Retry-After. */
export const secondsLeft = (at: Date, seconds: number): number =>
  Math.max(1, Math.ceil(windowStart(at, seconds) + seconds - at.getTime() / 1000));

const capOf = (window: RateWindow): number => Math.max(1, Math.floor(window.limit));

export type Taken = { ok: true } | { ok: false; bucket: string; retryAfterSeconds: number };

/**
 * Counts one unit in every window, or in none: when any window is already at its limit nothing is
 * written, and the answer says which window refused and how long until it ends.
 */
export async function takeOne(db: D1Database, scope: string, windows: RateWindow[], now: Date): Promise<Taken> {
  if (windows.length === 0) return { ok: true };
  const params: unknown[] = [scope];
  const rows = windows.map((w) => {
    const start = windowStart(now, w.seconds);
    const at = params.length + 1;
    params.push(w.bucket, start, start + w.seconds, capOf(w));
    return `(?${at}, ?${at + 1}, ?${at + 2}, ?${at + 3})`;
  });
  const { results } = await db
    .prepare(
      `WITH wanted (bucket, window_start, window_end, cap) AS (VALUES ${rows.join(', ')})
       INSERT INTO rate_limits (scope, bucket, window_start, window_end, used)
       SELECT ?1, bucket, window_start, window_end, 1 FROM wanted
       WHERE NOT EXISTS (
         SELECT 1 FROM wanted AS w JOIN rate_limits AS r
           ON r.scope = ?1 AND r.bucket = w.bucket AND r.window_start = w.window_start
         WHERE r.used >= w.cap
       )
       ON CONFLICT (scope, bucket, window_start) DO UPDATE SET used = used + 1
       RETURNING bucket`,
    )
    .bind(...params)
    .all<{ bucket: string }>();
  if (results.length === windows.length) return { ok: true };

  // Refused: the full window that ends last says when to come back.
  const used = await usedIn(db, scope, windows, now);
  let refused = { bucket: windows[0]!.bucket, retryAfterSeconds: 1 };
  for (const w of windows) {
    const retryAfterSeconds = secondsLeft(now, w.seconds);
    if ((used.get(w.bucket) ?? 0) >= capOf(w) && retryAfterSeconds >= refused.retryAfterSeconds) {
      refused = { bucket: w.bucket, retryAfterSeconds };
    }
  }
  return { ok: false, ...refused };
}

export interface Reservation {
  /** Units granted: up to what was asked, never past the window's limit; 0 when it is full. */
  granted: number;
  /** The window the units belong to (epoch seconds). */
  windowStart: number;
}

/** Reserves up to `want` units of one window, as many as it has left. */
export async function reserve(db: D1Database, scope: string, window: RateWindow, want: number, now: Date): Promise<Reservation> {
  const start = windowStart(now, window.seconds);
  const cap = capOf(window);
  const row = await db
    .prepare(
      `INSERT INTO rate_limits (scope, bucket, window_start, window_end, used, granted)
       VALUES (?1, ?2, ?3, ?4, min(?5, ?6), min(?5, ?6))
       ON CONFLICT (scope, bucket, window_start) DO UPDATE
         SET granted = min(excluded.used, ?6 - used), used = min(?6, used + excluded.used)
         WHERE used < ?6
       RETURNING granted`,
    )
    .bind(scope, window.bucket, start, start + window.seconds, Math.max(0, Math.floor(want)), cap)
    .first<{ granted: number }>();
  return { granted: row?.granted ?? 0, windowStart: start };
}

/** Gives back units reserved but not used (never below zero). */
export async function release(db: D1Database, scope: string, bucket: string, start: number, units: number): Promise<void> {
  if (units <= 0) return;
  await db
    .prepare('UPDATE rate_limits SET used = max(0, used - ?4) WHERE scope = ?1 AND bucket = ?2 AND window_start = ?3')
    .bind(scope, bucket, start, units)
    .run();
}

/** Units used in each of the windows holding `now`, by bucket. */
export async function usedIn(db: D1Database, scope: string, windows: RateWindow[], now: Date): Promise<Map<string, number>> {
  const used = new Map<string, number>();
  for (const w of windows) {
    const row = await db
      .prepare('SELECT used FROM rate_limits WHERE scope = ?1 AND bucket = ?2 AND window_start = ?3')
      .bind(scope, w.bucket, windowStart(now, w.seconds))
      .first<{ used: number }>();
    used.set(w.bucket, row?.used ?? 0);
  }
  return used;
}

/** Deletes the windows that have ended; returns how many. */
export async function deleteEndedWindows(db: D1Database, now: Date): Promise<number> {
  const result = await db.prepare('DELETE FROM rate_limits WHERE window_end <= ?1').bind(Math.floor(now.getTime() / 1000)).run();
  return result.meta.changes ?? 0;
}
