// An allowance of requests per fixed window (a minute, …) whose count lives in D1, so that every
// request of a scope running at the same time (pulls, background work, other isolates) draws on
// the same allowance. Units are reserved from D1 in chunks, so most requests cost no D1 write; a
// reservation never goes past the window's limit, and what one piece of work reserved but did not
// use is given back at its end (flush).
//
// The scope is a tenant (its paid Places requests) or the whole deployment (gBizINFO's allowance
// belongs to the one token every tenant's lookups use).
import { release, reserve, secondsLeft, windowStart, type RateWindow } from './store/rate-limits.ts';

/** Units reserved per D1 write. */
export const RESERVE_CHUNK = 20;

export type Took = { ok: true } | { ok: false; retryAfterSeconds: number };

export class Allowance {
  /** Units reserved in `window` and not used yet. */
  private left = 0;
  private window: number | null = null;
  /** A window D1 said was full: no more asking it for units. */
  private fullWindow: number | null = null;
  /** The reservation under way: concurrent requests wait for it rather than each reserving. */
  private reserving: Promise<void> | null = null;

  constructor(
    private readonly db: D1Database,
    private readonly scope: string,
    readonly rateWindow: RateWindow,
    /** The time the request's "now" started, moving on with the Worker's clock. */
    private readonly clock: () => Date,
    private readonly chunk = RESERVE_CHUNK,
  ) {}

  /** Takes one unit for a request about to be sent, or says how long until the next window. */
  readonly take = async (): Promise<Took> => {
    const seconds = this.rateWindow.seconds;
    for (;;) {
      const now = this.clock();
      const start = windowStart(now, seconds);
      if (this.window !== start) {
        // Units of a window that has ended are no use (and nothing to give back).
        this.window = start;
        this.left = 0;
      }
      if (this.left > 0) {
        this.left--;
        return { ok: true };
      }
      if (this.fullWindow === start) return { ok: false, retryAfterSeconds: secondsLeft(now, seconds) };
      if (!this.reserving) {
        this.reserving = this.reserveChunk(now).finally(() => {
          this.reserving = null;
        });
      }
      await this.reserving;
    }
  };

  /** Returns the unit of a request that was not sent after all. */
  giveBack(): void {
    if (this.window !== null) this.left++;
  }

  /** Gives the units reserved and not used back to the window; call it once, at the end. */
  async flush(): Promise<void> {
    const [left, window] = [this.left, this.window];
    this.left = 0;
    if (left > 0 && window !== null) await release(this.db, this.scope, this.rateWindow.bucket, window, left);
  }

  private async reserveChunk(now: Date): Promise<void> {
    const { granted, windowStart: start } = await reserve(this.db, this.scope, this.rateWindow, this.chunk, now);
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
