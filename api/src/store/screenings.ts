// 営業お断り verdicts per site (our own derived data, with evidence) and the leads held back until
// their site is screened.
import { Lead, type Evidence } from '../../../shared/contract.ts';
import type { Operator } from '../screening/operator.ts';

const DAY_MS = 86_400_000;
/** How long a verdict is trusted; a failed read is retried sooner. */
export const VERDICT_TTL_MS = 30 * DAY_MS;
export const FAILED_READ_TTL_MS = DAY_MS;
/** A held lead carries Google's place content: it lives no longer than a batch would. */
export const HOLD_TTL_MS = DAY_MS;

export interface SiteScreening {
  verdict: 'refuses' | 'clear' | 'error';
  evidence: Evidence[];
  emails: string[];
  contactForm: string | null;
  /** Who runs the site, as its pages say; null when they name nobody. */
  operator: Operator | null;
  checkedAt: string;
}

interface ScreeningRow {
  site_key: string;
  verdict: SiteScreening['verdict'];
  evidence: string;
  emails: string;
  contact_form: string | null;
  operator: string | null;
  checked_at: string;
}

const rowToScreening = (row: ScreeningRow): SiteScreening => ({
  verdict: row.verdict,
  evidence: JSON.parse(row.evidence) as Evidence[],
  emails: JSON.parse(row.emails) as string[],
  contactForm: row.contact_form,
  operator: row.operator === null ? null : (JSON.parse(row.operator) as Operator),
  checkedAt: row.checked_at,
});

/** The unexpired verdicts of these sites. */
export async function getScreenings(db: D1Database, siteKeys: string[], now: Date): Promise<Map<string, SiteScreening>> {
  if (siteKeys.length === 0) return new Map();
  const { results } = await db
    .prepare(
      `SELECT site_key, verdict, evidence, emails, contact_form, operator, checked_at FROM site_screenings
       WHERE site_key IN (SELECT value FROM json_each(?1)) AND expires_at > ?2`,
    )
    .bind(JSON.stringify([...new Set(siteKeys)]), now.toISOString())
    .all<ScreeningRow>();
  return new Map(results.map((row) => [row.site_key, rowToScreening(row)]));
}

export async function putScreening(db: D1Database, siteKey: string, screening: SiteScreening, now: Date): Promise<void> {
  const ttl = screening.verdict === 'error' ? FAILED_READ_TTL_MS : VERDICT_TTL_MS;
  await db
    .prepare(
      `INSERT INTO site_screenings (site_key, verdict, evidence, emails, contact_form, operator, checked_at, expires_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (site_key) DO UPDATE SET verdict = excluded.verdict, evidence = excluded.evidence,
         emails = excluded.emails, contact_form = excluded.contact_form, operator = excluded.operator,
         checked_at = excluded.checked_at, expires_at = excluded.expires_at`,
    )
    .bind(
      siteKey,
      screening.verdict,
      JSON.stringify(screening.evidence),
      JSON.stringify(screening.emails),
      screening.contactForm,
      screening.operator == null ? null : JSON.stringify(screening.operator),
      screening.checkedAt,
      new Date(now.getTime() + ttl).toISOString(),
    )
    .run();
}

/** Holds leads back until their site is screened; their places are reserved meanwhile. */
export async function holdLeads(db: D1Database, tenantId: string, held: { lead: Lead; siteKey: string }[], now: Date): Promise<void> {
  if (held.length === 0) return;
  const rows = JSON.stringify(held.map(({ lead, siteKey }) => ({ placeId: lead.placeId, siteKey, lead })));
  const expires = new Date(now.getTime() + HOLD_TTL_MS).toISOString();
  await db.batch([
    db
      .prepare(
        `INSERT INTO held_leads (tenant_id, place_id, site_key, lead, expires_at)
         SELECT ?1, json_extract(value, '$.placeId'), json_extract(value, '$.siteKey'), json_extract(value, '$.lead'), ?3
         FROM json_each(?2) WHERE true
         ON CONFLICT (tenant_id, place_id) DO NOTHING`,
      )
      .bind(tenantId, rows, expires),
    db
      .prepare(
        `INSERT INTO offers (tenant_id, place_id, batch_id, state)
         SELECT ?1, json_extract(value, '$.placeId'), NULL, 'held' FROM json_each(?2) WHERE true
         ON CONFLICT (tenant_id, place_id) DO NOTHING`,
      )
      .bind(tenantId, rows),
  ]);
}

/** The tenant's held leads whose site has a verdict by now, with it. They stay held until batched. */
export async function screenedHeldLeads(db: D1Database, tenantId: string, now: Date): Promise<{ lead: Lead; screening: SiteScreening }[]> {
  const { results } = await db
    .prepare(
      `SELECT h.lead, s.site_key, s.verdict, s.evidence, s.emails, s.contact_form, s.operator, s.checked_at
       FROM held_leads h JOIN site_screenings s ON s.site_key = h.site_key
       WHERE h.tenant_id = ?1 AND h.expires_at > ?2 AND s.expires_at > ?2
       ORDER BY h.place_id`,
    )
    .bind(tenantId, now.toISOString())
    .all<ScreeningRow & { lead: string }>();
  return results.map((row) => ({ lead: Lead.parse(JSON.parse(row.lead)), screening: rowToScreening(row) }));
}

/** Ends the hold of these places (batched, or refused by their site). */
export async function releaseHeld(db: D1Database, tenantId: string, placeIds: string[], refused: string[]): Promise<void> {
  if (placeIds.length === 0 && refused.length === 0) return;
  const all = JSON.stringify([...placeIds, ...refused]);
  await db.batch([
    db.prepare(`DELETE FROM held_leads WHERE tenant_id = ?1 AND place_id IN (SELECT value FROM json_each(?2))`).bind(tenantId, all),
    // A refusing site's place is never offered: it stays out of the candidates for good.
    db
      .prepare(`UPDATE offers SET state = 'skipped' WHERE tenant_id = ?1 AND state = 'held' AND place_id IN (SELECT value FROM json_each(?2))`)
      .bind(tenantId, JSON.stringify(refused)),
  ]);
}

/** Drops holds past their life (one tenant's, or all): their places become candidates again. */
export async function expireHeld(db: D1Database, now: Date, tenantId: string | null = null): Promise<void> {
  const due = `SELECT tenant_id, place_id FROM held_leads WHERE expires_at <= ?1 AND (?2 IS NULL OR tenant_id = ?2)`;
  await db.batch([
    db.prepare(`DELETE FROM offers WHERE state = 'held' AND (tenant_id, place_id) IN (${due})`).bind(now.toISOString(), tenantId),
    db.prepare(`DELETE FROM held_leads WHERE expires_at <= ?1 AND (?2 IS NULL OR tenant_id = ?2)`).bind(now.toISOString(), tenantId),
  ]);
}
