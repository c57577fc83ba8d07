// Paid Places requests, counted per tenant, day and SKU.

export async function countUsage(db: D1Database, tenantId: string, day: string, sku: string, requests = 1): Promise<void> {
  await db
    .prepare(
      `INSERT INTO places_usage (tenant_id, day, sku, requests) VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (tenant_id, day, sku) DO UPDATE SET requests = requests + excluded.requests`,
    )
    .bind(tenantId, day, sku, requests)
    .run();
}

export async function usageOn(db: D1Database, tenantId: string, day: string): Promise<Record<string, number>> {
  const { results } = await db
    .prepare('SELECT sku, requests FROM places_usage WHERE tenant_id = ?1 AND day = ?2')
    .bind(tenantId, day)
    .all<{ sku: string; requests: number }>();
  return Object.fromEntries(results.map((row) => [row.sku, row.requests]));
}
