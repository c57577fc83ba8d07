// Caps a tenant's paid Places requests per minute, before they are sent, across every request of
// the tenant running at the same time (pulls, background work): the count lives in D1. Units are
// reserved from it in chunks, so most requests cost no D1 write; a reservation never goes past the
// window's limit, and what one piece of work reserved but did not use is given back at its end.
// Free (IDs-only) requests are not counted.
import { release, reserve, secondsLeft, windowStart, type RateWindow } from '../store/rate-limits.ts';
import { DEFAULT_PRICES_USD_PER_1000, type Sku } from './sku.ts';

/** Thrown instead of sending a paid request past the tenant's per-minute cap. */
export class RateLimited extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly limit: number,
  ) {
    super(`at most ${limit} paid Places requests a minute; next in ${retryAfterSeconds}s`);
    this.name = 'RateLimited';
  }
}

export const PLACES_BUCKET = 'places:minute';
const WINDOW_SECONDS = 60;
/** Units reserved per D1 write. */
export const RESERVE_CHUNK = 20;

const isPaid = (sku: Sku): boolean => (DEFAULT_PRICES_USD_PER_1000[sku] ?? 0) > 0;

export class PlacesRateLimiter {
  /** Units reserved in `window` and not used yet. */
  private left = 0;
  private window: number | null = null;
  /** A window D1 said was full: no more asking it for units. */
  private fullWindow: number | null = null;
  /** The reservation under way: concurrent requests wait for it rather than each reserving. */
  private reserving: Promise<void> | null = null;
  private readonly rateWindow: RateWindow;

  constructor(
    private readonly db: D1Database,
    private readonly tenantId: string,
    readonly perMinute: number,
    /** The time the request's "now" started, moving on with the Worker's clock. */
    private readonly clock: () => Date,
    private readonly chunk = RESERVE_CHUNK,
  ) {
    this.rateWindow = { bucket: PLACES_BUCKET, seconds: WINDOW_SECONDS, limit: perMinute };
  }

  /** Takes one unit for a request about to be sent at `sku`; throws RateLimited when none is left. */
  readonly take = async (sku: Sku): Promise<void> => {
    if (!isPaid(sku)) return;
    for (;;) {
      const now = this.clock();
      const start = windowStart(now, WINDOW_SECONDS);
      if (this.window !== start) {
        // Units of a window that has ended are no use (and nothing to give back).
        this.window = start;
        this.left = 0;
      }
      if (this.left > 0) {
        this.left--;
        return;
      }
      if (this.fullWindow === start) throw new RateLimited(secondsLeft(now, WINDOW_SECONDS), this.perMinute);
      if (!this.reserving) {
        this.reserving = this.reserveChunk(now).finally(() => {
          this.reserving = null;
        });
      }
      await this.reserving;
    }
  };

  /** Returns the unit of a request that was not sent after all (e.g. the budget stopped it). */
  giveBack(sku: Sku): void {
    if (isPaid(sku) && this.window !== null) this.left++;
  }

  /** Gives the units reserved and not used back to the window; call it once, at the end. */
  async flush(): Promise<void> {
    const [left, window] = [this.left, this.window];
    this.left = 0;
    if (left > 0 && window !== null) await release(this.db, this.tenantId, PLACES_BUCKET, window, left);
  }

  private async reserveChunk(now: Date): Promise<void> {
    const { granted, windowStart: start } = await reserve(this.db, this.tenantId, this.rateWindow, this.chunk, now);
    if (granted === 0) this.fullWindow = start;
    // A window that ended meanwhile keeps its units: they cannot be used in the next one.
    else if (this.window === start) this.left += granted;
  }
}

/** A clock that starts at `start` (the request's "now") and moves on with the Worker's time. */
export function movingClock(start: Date): () => Date {
  const began = Date.now();
  return () => new Date(start.getTime() + (Date.now() - began));
}
