// Caps a tenant's paid Places requests per minute, before they are sent (an Allowance scoped to
// the tenant). Free (IDs-only) requests are not counted.
import { Allowance, RESERVE_CHUNK } from '../allowance.ts';
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

const isPaid = (sku: Sku): boolean => (DEFAULT_PRICES_USD_PER_1000[sku] ?? 0) > 0;

export class PlacesRateLimiter {
  private readonly allowance: Allowance;

  constructor(
    db: D1Database,
    tenantId: string,
    readonly perMinute: number,
    clock: () => Date,
    chunk = RESERVE_CHUNK,
  ) {
    this.allowance = new Allowance(db, tenantId, { bucket: PLACES_BUCKET, seconds: 60, limit: perMinute }, clock, chunk);
  }

  /** Takes one unit for a request about to be sent at `sku`; throws RateLimited when none is left. */
  readonly take = async (sku: Sku): Promise<void> => {
    if (!isPaid(sku)) return;
    const took = await this.allowance.take();
    if (!took.ok) throw new RateLimited(took.retryAfterSeconds, this.perMinute);
  };

  /** Returns the unit of a request that was not sent after all (e.g. the budget stopped it). */
  giveBack(sku: Sku): void {
    if (isPaid(sku)) this.allowance.giveBack();
  }

  /** Gives the units reserved and not used back to the window; call it once, at the end. */
  flush(): Promise<void> {
    return this.allowance.flush();
  }
}
