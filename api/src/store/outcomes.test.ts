// D1 query tests for the outcome store: latest verdict per lead, late resends, idempotence.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../shared/contract.ts';
import { listOutcomes, recordOutcomes } from './outcomes.ts';
import { createTenant } from './tenants.ts';

const t0 = new Date('2026-11-24T00:00:00Z');
const later = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
const segment: Outcome['segment'] = { employees: 12, industry: '美容室', area: '東京都渋谷区', newListing: true, rating: 4.2, reviews: 120, newlyEstablished: false };
const outcome = (leadId: string, overrides: Partial<Outcome> = {}): Outcome => ({
  leadId, status: 'held', reason: null, at: '2026-11-24T09:00:00.000Z', segment, ...overrides,
});
const updatedAt = async (tenantId: string, leadId: string) =>
  (await env.DB.prepare('SELECT updated_at FROM outcomes WHERE tenant_id = ?1 AND lead_id = ?2').bind(tenantId, leadId).first<{ updated_at: string }>())
    ?.updated_at;

describe('outcome store', () => {
  it('inserts, then replaces a verdict with a newer one (rejected, revisited, won counts as won)', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    expect(await recordOutcomes(env.DB, tenantId, [
      outcome('ld_a', { status: 'rejected', reason: 'budget', at: '2026-11-24T09:00:00.000Z' }),
      outcome('ld_b'),
    ], t0)).toEqual({ recorded: 2, ignored: 0 });
    expect(await recordOutcomes(env.DB, tenantId, [outcome('ld_a', { status: 'won', at: '2026-11-25T09:00:00.000Z' })], later(1)))
      .toEqual({ recorded: 1, ignored: 0 });
    const stored = await listOutcomes(env.DB, tenantId);
    expect(stored.map((o) => [o.leadId, o.status, o.reason])).toEqual([['ld_b', 'held', null], ['ld_a', 'won', null]]);
    expect(await updatedAt(tenantId, 'ld_a')).toBe(later(1).toISOString());
  });

  it('ignores a verdict older than the stored one (a late resend)', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    await recordOutcomes(env.DB, tenantId, [outcome('ld_c', { status: 'won', at: '2026-11-25T00:00:00.000Z' })], t0);
    expect(await recordOutcomes(env.DB, tenantId, [
      outcome('ld_c', { status: 'rejected', reason: 'timing', at: '2026-11-24T00:00:00.000Z' }),
      outcome('ld_d'),
    ], later(1))).toEqual({ recorded: 1, ignored: 1 });
    const stored = await listOutcomes(env.DB, tenantId);
    expect(stored.find((o) => o.leadId === 'ld_c')).toMatchObject({ status: 'won', reason: null, at: '2026-11-25T00:00:00.000Z' });
    expect(await updatedAt(tenantId, 'ld_c')).toBe(t0.toISOString());
  });

  it('counts an identical resend as recorded and changes nothing', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    const verdict = outcome('ld_e', { status: 'rejected', reason: 'competitor' });
    await recordOutcomes(env.DB, tenantId, [verdict], t0);
    const before = await listOutcomes(env.DB, tenantId);
    expect(await recordOutcomes(env.DB, tenantId, [verdict], later(2))).toEqual({ recorded: 1, ignored: 0 });
    expect(await listOutcomes(env.DB, tenantId)).toEqual(before);
    expect(await updatedAt(tenantId, 'ld_e')).toBe(t0.toISOString());
  });

  it('compares times, not spellings: the same instant written differently is a resend', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    await recordOutcomes(env.DB, tenantId, [outcome('ld_f', { status: 'won', at: '2026-11-24T10:00:00Z' })], t0);
    // As text, "…00.000Z" sorts before "…00Z"; as a time it is the same instant.
    expect(await recordOutcomes(env.DB, tenantId, [outcome('ld_f', { status: 'won', at: '2026-11-24T10:00:00.000Z' })], later(1)))
      .toEqual({ recorded: 1, ignored: 0 });
    expect(await recordOutcomes(env.DB, tenantId, [outcome('ld_f', { status: 'held', at: '2026-11-24T09:59:59.5Z' })], later(1)))
      .toEqual({ recorded: 0, ignored: 1 });
    expect(await listOutcomes(env.DB, tenantId)).toEqual([outcome('ld_f', { status: 'won', at: '2026-11-24T10:00:00.000Z' })]);
  });

  it('keeps the later verdict when one request names a lead twice', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    expect(await recordOutcomes(env.DB, tenantId, [
      outcome('ld_g', { status: 'won', at: '2026-11-26T00:00:00.000Z' }),
      outcome('ld_g', { status: 'rejected', reason: 'other', at: '2026-11-25T00:00:00.000Z' }),
      outcome('ld_h', { status: 'held', at: '2026-11-25T00:00:00.000Z' }),
      outcome('ld_h', { status: 'won', at: '2026-11-27T00:00:00.000Z' }),
    ], t0)).toEqual({ recorded: 2, ignored: 2 });
    const stored = await listOutcomes(env.DB, tenantId);
    expect(stored.map((o) => [o.leadId, o.status])).toEqual([['ld_g', 'won'], ['ld_h', 'won']]);
  });

  it('round-trips outcomes through listOutcomes, unknown segment fields included, ordered by time then lead', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    const blank: Outcome['segment'] = { employees: null, industry: null, area: null, newListing: null, rating: null, reviews: null, newlyEstablished: null };
    const written: Outcome[] = [
      outcome('ld_z', { status: 'rejected', reason: 'industry', at: '2026-11-24T08:00:00.000Z', segment: blank }),
      outcome('ld_y', { status: 'won', at: '2026-11-24T08:00:00.000Z', segment: { ...segment, newListing: false, rating: 4, reviews: 0, employees: 0, newlyEstablished: true } }),
      outcome('ld_x', { at: '2026-11-24T07:00:00.000Z' }),
    ];
    await recordOutcomes(env.DB, tenantId, written, t0);
    expect(await listOutcomes(env.DB, tenantId)).toEqual([written[2], written[1], written[0]]);
  });

  it('reads a segment sent without newlyEstablished (an add-on from before gBizINFO) as unknown', async () => {
    const { tenantId } = await createTenant(env.DB, t0);
    const { newlyEstablished: _, ...older } = segment;
    await recordOutcomes(env.DB, tenantId, [outcome('ld_old', { segment: older })], t0);
    expect((await listOutcomes(env.DB, tenantId))[0]?.segment).toEqual({ ...older, newlyEstablished: null });
  });

  it('keeps each tenant\'s verdicts apart', async () => {
    const { tenantId: a } = await createTenant(env.DB, t0);
    const { tenantId: b } = await createTenant(env.DB, t0);
    await recordOutcomes(env.DB, a, [outcome('ld_shared', { status: 'won' })], t0);
    expect(await recordOutcomes(env.DB, b, [outcome('ld_shared', { status: 'rejected', reason: 'budget', at: '2026-12-01T00:00:00.000Z' })], t0))
      .toEqual({ recorded: 1, ignored: 0 });
    expect(await listOutcomes(env.DB, a)).toEqual([outcome('ld_shared', { status: 'won' })]);
    expect((await listOutcomes(env.DB, b)).map((o) => o.status)).toEqual(['rejected']);
  });
});
