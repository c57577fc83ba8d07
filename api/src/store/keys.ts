// The tenant's dedupe key set, as keyed hashes: HMAC-SHA-256 under the tenant's own key, so the
// set reveals nothing of the companies in it and is useless to any other tenant.

const encoder = new TextEncoder();
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export type KeyHasher = (keys: string[]) => Promise<string[]>;

/** Hashes match keys under the tenant's HMAC key (16 bytes of each MAC: ample against collisions). */
export async function tenantHasher(db: D1Database, tenantId: string): Promise<KeyHasher> {
  const row = await db.prepare('SELECT dedupe_secret FROM tenants WHERE id = ?1').bind(tenantId).first<{ dedupe_secret: string }>();
  if (!row) throw new Error(`tenant ${tenantId} has no dedupe key`);
  const key = await crypto.subtle.importKey('raw', encoder.encode(row.dedupe_secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return (keys) =>
    Promise.all(keys.map(async (k) => base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(k))).subarray(0, 16))));
}

/** Which of these hashes are in the tenant's set. */
export async function knownHashes(db: D1Database, tenantId: string, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const { results } = await db
    .prepare(`SELECT key_hash FROM tenant_keys WHERE tenant_id = ?1 AND key_hash IN (SELECT value FROM json_each(?2))`)
    .bind(tenantId, JSON.stringify([...new Set(hashes)]))
    .all<{ key_hash: string }>();
  return new Set(results.map((row) => row.key_hash));
}

/** Adds hashes to the set, for good (`batchId` null) or with a batch that may still expire. */
export function addKeysStatement(db: D1Database, tenantId: string, hashes: string[], batchId: string | null): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO tenant_keys (tenant_id, key_hash, batch_id) SELECT ?1, value, ?2 FROM json_each(?3) WHERE true
       ON CONFLICT (tenant_id, key_hash) DO NOTHING`,
    )
    .bind(tenantId, batchId, JSON.stringify([...new Set(hashes)]));
}
