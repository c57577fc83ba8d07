// Counts the Places requests of one API request by SKU and records them once, at the end.
import { countUsage } from '../store/usage.ts';
import type { Sku } from './sku.ts';

export class UsageMeter {
  private readonly counts = new Map<Sku, number>();

  readonly count = (sku: Sku): void => {
    this.counts.set(sku, (this.counts.get(sku) ?? 0) + 1);
  };

  async flush(db: D1Database, tenantId: string, day: string): Promise<void> {
    const entries = [...this.counts];
    this.counts.clear();
    await Promise.all(entries.map(([sku, requests]) => countUsage(db, tenantId, day, sku, requests)));
  }
}
