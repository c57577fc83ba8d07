// dedupe: never offer a company the owner already has — in the sheet (sent once through
// /v1/known) or offered before — however its name, address, phone or website is written. Each
// lead's composite match keys (api/src/dedupe/keys.ts) are hashed under the tenant's key and
// looked up in its set; leads of one batch are also deduplicated against each other.
import type { KnownRow, Lead } from '../../../shared/contract.ts';
import { matchKeys } from '../dedupe/keys.ts';
import { addKeysStatement, knownHashes, tenantHasher } from '../store/keys.ts';

export const leadRecord = (lead: Lead) => ({
  placeId: lead.placeId,
  name: lead.name,
  address: lead.address,
  phone: lead.phone,
  website: lead.website,
});

export interface Deduped {
  fresh: { lead: Lead; hashes: string[] }[];
  /** Place ids of leads the owner already has. */
  duplicates: string[];
}

/** Drops leads matching the tenant's set or an earlier lead of the same list (incl. `taken`). */
export async function dropKnown(db: D1Database, tenantId: string, leads: Lead[], taken: Set<string> = new Set()): Promise<Deduped> {
  if (leads.length === 0) return { fresh: [], duplicates: [] };
  const hash = await tenantHasher(db, tenantId);
  const hashed = await Promise.all(leads.map(async (lead) => ({ lead, hashes: await hash(matchKeys(leadRecord(lead))) })));
  const known = await knownHashes(db, tenantId, hashed.flatMap((h) => h.hashes));
  const result: Deduped = { fresh: [], duplicates: [] };
  for (const entry of hashed) {
    if (entry.hashes.some((hash) => known.has(hash) || taken.has(hash))) {
      result.duplicates.push(entry.lead.placeId);
      continue;
    }
    entry.hashes.forEach((hash) => taken.add(hash));
    result.fresh.push(entry);
  }
  return result;
}

/**
 * The owner's existing rows join the key set for good. Each row's id is derived from its content
 * under the tenant's key, so a row sent twice (a crash before the add-on wrote the id) gets the
 * same id and adds nothing.
 */
export async function rememberKnownRows(db: D1Database, tenantId: string, rows: KnownRow[]): Promise<string[]> {
  const hash = await tenantHasher(db, tenantId);
  const canonical = rows.map((row) => JSON.stringify([row.name ?? '', row.address ?? '', row.phone ?? '', row.website ?? ''].map((v) => v.trim())));
  const ids = (await hash(canonical.map((c) => `row:${c}`))).map((h) => `kn_${h}`);
  const hashes = (await Promise.all(rows.map((row) => hash(matchKeys(row))))).flat();
  if (hashes.length > 0) await addKeysStatement(db, tenantId, hashes, null).run();
  return ids;
}
