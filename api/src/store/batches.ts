// Pull batches and the per-tenant offer ledger. Each write is one D1 batch (a transaction), so a
// batch, its reservations and its leads appear or vanish together.
import { Lead, type PullBatch } from '../../../shared/contract.ts';
import { addKeysStatement } from './keys.ts';

interface BatchRow {
  id: string;
  state: 'open' | 'acked' | 'expired';
  created_at: string;
  expires_at: string;
  served: number;
  status: string;
}

const rowToBatch = (row: BatchRow, leads: Lead[]): PullBatch => ({
  batchId: row.id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  replayed: row.served > 1,
  leads,
  status: JSON.parse(row.status) as PullBatch['status'],
});

/** Releases the leads of every open batch past its expiry (one tenant's, or all when null). */
export async function expireBatches(db: D1Database, now: Date, tenantId: string | null = null): Promise<void> {
  const due = `SELECT id FROM batches WHERE state = 'open' AND expires_at <= ?1 AND (?2 IS NULL OR tenant_id = ?2)`;
  const at = now.toISOString();
  await db.batch([
    db.prepare(`DELETE FROM offers WHERE state = 'reserved' AND batch_id IN (${due})`).bind(at, tenantId),
    db.prepare(`DELETE FROM tenant_keys WHERE batch_id IN (${due})`).bind(at, tenantId),
    db.prepare(`DELETE FROM batch_leads WHERE batch_id IN (${due})`).bind(at, tenantId),
    db.prepare(`UPDATE batches SET state = 'expired' WHERE id IN (${due})`).bind(at, tenantId),
  ]);
}

/** The tenant's open batch (counted as served once more unless `count` is false), or null. */
export async function serveOpenBatch(db: D1Database, tenantId: string, options: { count?: boolean } = {}): Promise<PullBatch | null> {
  const [bump, leads] = await db.batch([
    db
      .prepare(`UPDATE batches SET served = served + ?2 WHERE tenant_id = ?1 AND state = 'open' RETURNING *`)
      .bind(tenantId, options.count === false ? 0 : 1),
    db
      .prepare(
        `SELECT l.lead FROM batch_leads l JOIN batches b ON b.id = l.batch_id
         WHERE b.tenant_id = ?1 AND b.state = 'open' ORDER BY l.position`,
      )
      .bind(tenantId),
  ]);
  const row = bump?.results[0] as BatchRow | undefined;
  if (!row) return null;
  const rows = (leads?.results ?? []) as { lead: string }[];
  return rowToBatch(row, rows.map((r) => Lead.parse(JSON.parse(r.lead))));
}

export interface NewBatch {
  batchId: string;
  tenantId: string;
  createdAt: Date;
  expiresAt: Date;
  leads: Lead[];
  /** Dedupe key hashes of the leads: in the tenant's set while the batch lives, for good once acknowledged. */
  keyHashes?: string[];
  status: PullBatch['status'];
  /** False for a batch prepared ahead: not yet served to anyone. */
  served?: boolean;
}

/**
 * Stores a batch and reserves its places. Answers false, writing nothing, when the tenant already
 * has an open batch or one of the places was reserved meanwhile (a concurrent pull won the race).
 */
export async function createBatch(db: D1Database, batch: NewBatch): Promise<boolean> {
  try {
    await db.batch([
      db
        .prepare(
          `INSERT INTO batches (id, tenant_id, state, created_at, expires_at, served, status)
           VALUES (?1, ?2, 'open', ?3, ?4, ?6, ?5)`,
        )
        .bind(
          batch.batchId,
          batch.tenantId,
          batch.createdAt.toISOString(),
          batch.expiresAt.toISOString(),
          JSON.stringify(batch.status),
          batch.served === false ? 0 : 1,
        ),
      // A place held for screening becomes reserved; any other existing offer is a conflict.
      db
        .prepare(
          `INSERT INTO offers (tenant_id, place_id, batch_id, state)
           SELECT ?1, json_extract(value, '$.placeId'), ?2, 'reserved' FROM json_each(?3) WHERE true
           ON CONFLICT (tenant_id, place_id) DO UPDATE SET state = 'reserved', batch_id = excluded.batch_id
           WHERE offers.state = 'held'`,
        )
        .bind(batch.tenantId, batch.batchId, JSON.stringify(batch.leads)),
      db
        .prepare(`DELETE FROM held_leads WHERE tenant_id = ?1 AND place_id IN (SELECT json_extract(value, '$.placeId') FROM json_each(?2))`)
        .bind(batch.tenantId, JSON.stringify(batch.leads)),
      addKeysStatement(db, batch.tenantId, batch.keyHashes ?? [], batch.batchId),
      db
        .prepare(`INSERT INTO batch_leads (batch_id, position, lead) SELECT ?1, key, value FROM json_each(?2)`)
        .bind(batch.batchId, JSON.stringify(batch.leads)),
    ]);
    return true;
  } catch (err) {
    if (/UNIQUE constraint failed/i.test(String(err))) return false;
    throw err;
  }
}

export type AckOutcome =
  | { kind: 'acked'; count: number }
  | { kind: 'already-acked' }
  | { kind: 'expired' }
  | { kind: 'not-found' };

/** Releases a batch prepared ahead that nobody was served yet (the profile changed under it). */
export async function discardPreparedBatch(db: D1Database, tenantId: string): Promise<void> {
  const prepared = `SELECT id FROM batches WHERE tenant_id = ?1 AND state = 'open' AND served = 0`;
  await db.batch([
    db.prepare(`DELETE FROM offers WHERE state = 'reserved' AND batch_id IN (${prepared})`).bind(tenantId),
    db.prepare(`DELETE FROM tenant_keys WHERE batch_id IN (${prepared})`).bind(tenantId),
    db.prepare(`DELETE FROM batch_leads WHERE batch_id IN (${prepared})`).bind(tenantId),
    db.prepare(`UPDATE batches SET state = 'expired' WHERE id IN (${prepared})`).bind(tenantId),
  ]);
}

/** Marks an open batch's places as offered for good and drops the Places content it held. */
export async function ackBatch(db: D1Database, tenantId: string, batchId: string, now: Date): Promise<AckOutcome> {
  const row = await db
    .prepare('SELECT state FROM batches WHERE id = ?1 AND tenant_id = ?2')
    .bind(batchId, tenantId)
    .first<{ state: BatchRow['state'] }>();
  if (!row) return { kind: 'not-found' };
  if (row.state === 'acked') return { kind: 'already-acked' };
  if (row.state === 'expired') return { kind: 'expired' };
  const [offered] = await db.batch([
    db.prepare(`UPDATE offers SET state = 'offered' WHERE tenant_id = ?1 AND batch_id = ?2`).bind(tenantId, batchId),
    db.prepare(`UPDATE tenant_keys SET batch_id = NULL WHERE tenant_id = ?1 AND batch_id = ?2`).bind(tenantId, batchId),
    db.prepare('DELETE FROM batch_leads WHERE batch_id = ?1').bind(batchId),
    db
      .prepare(`UPDATE batches SET state = 'acked', acked_at = ?3 WHERE id = ?1 AND tenant_id = ?2 AND state = 'open'`)
      .bind(batchId, tenantId, now.toISOString()),
  ]);
  return { kind: 'acked', count: offered?.meta.changes ?? 0 };
}
