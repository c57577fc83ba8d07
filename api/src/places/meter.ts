// Counts the Places requests of one API request by SKU, stops paid requests at the tenant's daily
// budget (before they are sent), and records the counts once, at the end.
import { countUsage, usageOn } from '../store/usage.ts';
import { DEFAULT_PRICES_USD_PER_1000, type Sku } from './sku.ts';

/** Thrown instead of sending a paid request that would exceed the tenant's daily budget. */
export class BudgetExceeded extends Error {
  constructor(readonly budgetUsd: number) {
    super(`daily Places budget of $${budgetUsd.toFixed(2)} reached`);
    this.name = 'BudgetExceeded';
  }
}

export const spentUsd = (counts: Iterable<[string, number]>, prices: Readonly<Record<Sku, number>> = DEFAULT_PRICES_USD_PER_1000): number => {
  let usd = 0;
  for (const [sku, requests] of counts) usd += ((prices[sku as Sku] ?? 0) * requests) / 1000;
  return usd;
};

export class UsageMeter {
  private readonly counts = new Map<Sku, number>();

  constructor(
    private readonly budgetUsd = Number.POSITIVE_INFINITY,
    private spent = 0,
    private readonly prices: Readonly<Record<Sku, number>> = DEFAULT_PRICES_USD_PER_1000,
  ) {}

  /** The meter for a tenant's day: what it already spent today counts against the budget. */
  static async forTenant(db: D1Database, tenantId: string, day: string, budgetUsd: number): Promise<UsageMeter> {
    return new UsageMeter(budgetUsd, spentUsd(Object.entries(await usageOn(db, tenantId, day))));
  }

  /** Throws BudgetExceeded when one more request at `sku` would pass the budget; counts nothing. */
  readonly check = (sku: Sku): void => {
    const cost = (this.prices[sku] ?? 0) / 1000;
    if (cost > 0 && this.spent + cost > this.budgetUsd + 1e-9) throw new BudgetExceeded(this.budgetUsd);
  };

  readonly count = (sku: Sku): void => {
    this.check(sku);
    this.spent += (this.prices[sku] ?? 0) / 1000;
    this.counts.set(sku, (this.counts.get(sku) ?? 0) + 1);
  };

  get spentUsd(): number {
    return this.spent;
  }

  async flush(db: D1Database, tenantId: string, day: string): Promise<void> {
    const entries = [...this.counts];
    this.counts.clear();
    await Promise.all(entries.map(([sku, requests]) => countUsage(db, tenantId, day, sku, requests)));
  }
}
