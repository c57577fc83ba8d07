// enrich: employee counts and corporate data from gBizINFO (METI's open corporate data). Each
// lead's corporation is looked up once per CACHE_DAYS: the cache (D1: place_corporations →
// corporations) first, else findCorporation (the 法人番号 or operator its website publishes, then
// its own name). A failed lookup never fails the pull: the lead stays unknown, is looked up again
// next time, and a notice says so.
import type { Lead, Notice } from '../../../shared/contract.ts';
import { GbizinfoError, type Corporation, type GbizinfoClient } from '../gbizinfo/client.ts';
import { findCorporation } from '../gbizinfo/lookup.ts';
import { isNewlyEstablished, type CorporationCandidate } from '../gbizinfo/match.ts';
import type { Operator } from '../screening/operator.ts';

export interface EnrichDeps {
  db: D1Database;
  now: Date;
  /** null / undefined: no gBizINFO token configured, nothing is enriched. */
  gbizinfo?: GbizinfoClient | null;
  /** Lookups at once (default 4). */
  concurrency?: number;
}

export interface Enriched {
  leads: Lead[];
  notices: Notice[];
  /** Place ids whose lookup failed (their counts are unknown for now, not for good). */
  failed: Set<string>;
}

/** A place is looked up again after this many days. */
export const CACHE_DAYS = 30;

interface CachedRow {
  place_id: string;
  corporate_number: string | null;
  looked_up_by: string | null;
  name: string | null;
  location: string | null;
  employees: number | null;
  established_date: string | null;
}

interface Cached {
  corporation: CorporationCandidate | null;
  /** The operator name the place was looked up by (null: its own name only). */
  lookedUpBy: string | null;
}

type Found = { corporation: CorporationCandidate | null } | { failed: true };

/**
 * The leads with their corporate data where a corporation is found. `operators` (by place id):
 * who runs each lead's website, as its pages say (from screening).
 */
export async function enrichLeads(deps: EnrichDeps, leads: Lead[], today: string, operators: ReadonlyMap<string, Operator> = new Map()): Promise<Enriched> {
  const failed = new Set<string>();
  const client = deps.gbizinfo;
  if (!client || leads.length === 0) return { leads: [...leads], notices: [], failed };

  const cached = await readCache(deps.db, leads.map((l) => l.placeId), new Date(deps.now.getTime() - CACHE_DAYS * 86_400_000));
  const found = new Map<string, Found>();
  const toLookUp: Lead[] = [];
  for (const lead of leads) {
    const hit = cached.get(lead.placeId);
    // A place looked up before its site named its operator is looked up again by that name.
    const operator = operators.get(lead.placeId);
    if (hit && (!operator || hit.lookedUpBy === operator.name)) found.set(lead.placeId, { corporation: hit.corporation });
    else toLookUp.push(lead);
  }

  // After one failure (rate limited, down, token refused) the rest waits for the next pull.
  let broken = false;
  const checkedAt = deps.now.toISOString();
  const lookUp = async (lead: Lead): Promise<void> => {
    if (broken) return void found.set(lead.placeId, { failed: true });
    const operator = operators.get(lead.placeId) ?? null;
    try {
      const match = await findCorporation(client, { name: lead.name, address: lead.address }, operator);
      await writeCache(deps.db, lead.placeId, match?.corporation ?? null, operator?.name ?? null, checkedAt);
      found.set(lead.placeId, { corporation: match ? candidate(match.corporation) : null });
    } catch (err) {
      if (!(err instanceof GbizinfoError)) throw err;
      broken = true;
      found.set(lead.placeId, { failed: true });
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < toLookUp.length) await lookUp(toLookUp[next++] as Lead);
  };
  await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 4) }, worker));

  const enriched = leads.map((lead) => {
    const result = found.get(lead.placeId);
    if (!result || 'failed' in result) {
      failed.add(lead.placeId);
      return lead;
    }
    const corporation = result.corporation;
    if (!corporation) return lead;
    return {
      ...lead,
      ...(corporation.employees != null ? { employees: corporation.employees, employeesSource: 'gbizinfo' } : {}),
      legalName: corporation.name,
      corporateNumber: corporation.corporateNumber,
      establishedDate: corporation.establishedDate,
      newlyEstablished: isNewlyEstablished(corporation.establishedDate, today),
    };
  });
  const notices: Notice[] =
    failed.size > 0
      ? [{ code: 'EMPLOYEES_PARTIAL', message: `Employee counts of ${failed.size} lead(s) could not be fetched from gBizINFO; they are looked up again next time.` }]
      : [];
  return { leads: enriched, notices, failed };
}

const candidate = (c: Corporation): CorporationCandidate => ({
  corporateNumber: c.corporateNumber,
  name: c.name,
  location: c.location,
  employees: c.employees,
  establishedDate: c.establishedDate,
});

/** The places checked since `since`, with their corporation (null: none matched). */
async function readCache(db: D1Database, placeIds: string[], since: Date): Promise<Map<string, Cached>> {
  const out = new Map<string, Cached>();
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < placeIds.length; i += 90) {
    const chunk = placeIds.slice(i, i + 90);
    const marks = chunk.map((_, j) => `?${j + 2}`).join(', ');
    const { results } = await db
      .prepare(
        `SELECT p.place_id, p.corporate_number, p.looked_up_by, c.name, c.location, c.employees, c.established_date
           FROM place_corporations p LEFT JOIN corporations c ON c.corporate_number = p.corporate_number
          WHERE p.checked_at >= ?1 AND p.place_id IN (${marks})`,
      )
      .bind(since.toISOString(), ...chunk)
      .all<CachedRow>();
    for (const row of results) {
      const corporation =
        row.corporate_number && row.name
          ? { corporateNumber: row.corporate_number, name: row.name, location: row.location, employees: row.employees, establishedDate: row.established_date }
          : null;
      out.set(row.place_id, { corporation, lookedUpBy: row.looked_up_by });
    }
  }
  return out;
}

async function writeCache(db: D1Database, placeId: string, corporation: Corporation | null, lookedUpBy: string | null, at: string): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  if (corporation) {
    statements.push(
      db
        .prepare(
          `INSERT INTO corporations (corporate_number, name, location, employees, capital_yen, established_date, fetched_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
           ON CONFLICT (corporate_number) DO UPDATE SET name = excluded.name, location = excluded.location, employees = excluded.employees,
             capital_yen = excluded.capital_yen, established_date = excluded.established_date, fetched_at = excluded.fetched_at`,
        )
        .bind(corporation.corporateNumber, corporation.name, corporation.location, corporation.employees, corporation.capitalYen, corporation.establishedDate, at),
    );
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO place_corporations (place_id, corporate_number, looked_up_by, checked_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (place_id) DO UPDATE SET corporate_number = excluded.corporate_number, looked_up_by = excluded.looked_up_by,
           checked_at = excluded.checked_at`,
      )
      .bind(placeId, corporation?.corporateNumber ?? null, lookedUpBy, at),
  );
  await db.batch(statements);
}
