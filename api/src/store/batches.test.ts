// D1 query tests for the batch store: reservations, races, expiry and acknowledgement.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../shared/contract.ts';
import { ackBatch, createBatch, expireBatches, serveOpenBatch } from './batches.ts';
import { createTenant } from './tenants.ts';

const t0 = new Date('2026-11-24T00:00:00Z');

/** What the offers ledger says: the subset of place ids the tenant was never offered nor has reserved. */
async function unofferedPlaceIds(db: D1Database, tenantId: string, placeIds: string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare(`SELECT value AS place_id FROM json_each(?2) WHERE value NOT IN (SELECT place_id FROM offers WHERE tenant_id = ?1)`)
    .bind(tenantId, JSON.stringify(placeIds))
    .all<{ place_id: string }>();
  return new Set(results.map((row) => row.place_id));
}
const lead = (placeId: string): Lead => ({
  id: `ld_${placeId}`, placeId, name: `店 ${placeId}`, address: '東京都渋谷区道玄坂1-2-3', phone: '03-1234-5678', website: null,
  googleMapsUrl: null, primaryType: 'hair_salon', primaryTypeLabel: '美容室', rating: 4.2, reviewCount: 10, employees: null,
  employeesSource: null, newlyListed: false, firstSeen: '2026-11-24', area: '東京都渋谷区', industry: '美容室',
  screening: { verdict: 'unscreened', evidence: [], checkedAt: null }, emails: [], contactForm: null,
});
const batch = (tenantId: string, batchId: string, placeIds: string[]) => ({
  batchId, tenantId, createdAt: t0, expiresAt: new Date(t0.getTime() + 3_600_000), leads: placeIds.map(lead),
  status: { state: 'ready' as const, notices: [] },
});

describe('batch store', () => {
  it('reserves a batch\'s places and hides them from later pulls', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    expect(await createBatch(env.DB, batch(tenantId, 'bt_a', ['p1', 'p2']))).toBe(true);
    expect([...(await unofferedPlaceIds(env.DB, tenantId, ['p1', 'p2', 'p3']))]).toEqual(['p3']);
    const { tenantId: other } = await createTenant(env.DB, t0);
    expect((await unofferedPlaceIds(env.DB, other, ['p1'])).size).toBe(1);
  });

  it('refuses a second open batch for one tenant, writing nothing', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    await createBatch(env.DB, batch(tenantId, 'bt_b1', ['q1']));
    expect(await createBatch(env.DB, batch(tenantId, 'bt_b2', ['q2']))).toBe(false);
    expect((await unofferedPlaceIds(env.DB, tenantId, ['q2'])).size).toBe(1);
    const open = await serveOpenBatch(env.DB, tenantId);
    expect(open?.batchId).toBe('bt_b1');
    expect(open?.replayed).toBe(true);
    expect(open?.leads.map((l) => l.placeId)).toEqual(['q1']);
  });

  it('releases the places of an expired batch and deletes its content', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    await createBatch(env.DB, batch(tenantId, 'bt_c', ['r1']));
    await expireBatches(env.DB, new Date(t0.getTime() + 30 * 60_000));
    expect(await serveOpenBatch(env.DB, tenantId)).not.toBeNull();
    await expireBatches(env.DB, new Date(t0.getTime() + 2 * 3_600_000));
    expect(await serveOpenBatch(env.DB, tenantId)).toBeNull();
    expect((await unofferedPlaceIds(env.DB, tenantId, ['r1'])).size).toBe(1);
    expect(await ackBatch(env.DB, tenantId, 'bt_c', t0)).toEqual({ kind: 'expired' });
  });

  it('acknowledges once, for the owning tenant only', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    const { tenantId: stranger } = await createTenant(env.DB, t0);
    await createBatch(env.DB, batch(tenantId, 'bt_d', ['s1', 's2']));
    expect(await ackBatch(env.DB, stranger, 'bt_d', t0)).toEqual({ kind: 'not-found' });
    expect(await ackBatch(env.DB, tenantId, 'bt_d', t0)).toEqual({ kind: 'acked', count: 2 });
    expect(await ackBatch(env.DB, tenantId, 'bt_d', t0)).toEqual({ kind: 'already-acked' });
    // Offered for good: expiry never releases an acknowledged batch's places.
    await expireBatches(env.DB, new Date(t0.getTime() + 48 * 3_600_000));
    expect((await unofferedPlaceIds(env.DB, tenantId, ['s1', 's2'])).size).toBe(0);
  });
});
