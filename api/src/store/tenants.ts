// Tenants: one per sheet, known to the API only by the hash of its secret.
import { randomId, sha256Hex } from './ids.ts';

export async function createTenant(db: D1Database, now: Date): Promise<{ tenantId: string; secret: string }> {
  const tenantId = randomId('tn', 12);
  const secret = randomId('ss', 32).slice(3);
  await db
    .prepare('INSERT INTO tenants (id, secret_hash, dedupe_secret, created_at) VALUES (?1, ?2, ?3, ?4)')
    .bind(tenantId, await sha256Hex(secret), randomId('dk', 32).slice(3), now.toISOString())
    .run();
  return { tenantId, secret };
}

export async function findTenantBySecret(db: D1Database, secret: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT id FROM tenants WHERE secret_hash = ?1')
    .bind(await sha256Hex(secret))
    .first<{ id: string }>();
  return row?.id ?? null;
}
