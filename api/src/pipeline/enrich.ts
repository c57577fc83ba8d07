// enrich: employee counts and corporate data from gBizINFO (METI's open corporate data). Each
// lead's corporation is looked up once per CACHE_DAYS: the cache (D1: place_corporations →
// corporations) first, else a name search (the lead's name core, within its prefecture) and
// matchCorporation. A failed lookup never fails the pull: the lead stays unknown, is looked up
// again next time, and a notice says so.
import type { Lead, Notice } from '../../../shared/contract.ts';
import { distinctiveName } from '../dedupe/match.ts';
import { normaliseAddress, normaliseName } from '../dedupe/normalise.ts';
import { GbizinfoError, type Corporation, type GbizinfoClient } from '../gbizinfo/client.ts';
import { isNewlyEstablished, matchCorporation, type CorporationCandidate } from '../gbizinfo/match.ts';

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
const SEARCH_LIMIT = 50;

/** JIS X 0401 order: the code is the index + 1, two digits. */
const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県',
  '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県',
  '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県',
  '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];

/** The JIS prefecture code of an address (東京都… → "13"), undefined when it names none. */
export function prefectureCode(address: string): string | undefined {
  const prefecture = normaliseAddress(address).prefecture;
  const index = prefecture ? PREFECTURES.indexOf(prefecture) : -1;
  return index < 0 ? undefined : String(index + 1).padStart(2, '0');
}

interface CachedRow {
  place_id: string;
  corporate_number: string | null;
  name: string | null;
  location: string | null;
  employees: number | null;
  established_date: string | null;
}

type Found = { corporation: CorporationCandidate | null } | { failed: true };

export async function enrichLeads(deps: EnrichDeps, leads: Lead[], today: string): Promise<Enriched> {
  const failed = new Set<string>();
  const client = deps.gbizinfo;
  if (!client || leads.length === 0) return { leads: [...leads], notices: [], failed };

  const cached = await readCache(deps.db, leads.map((l) => l.placeId), new Date(deps.now.getTime() - CACHE_DAYS * 86_400_000));
  const found = new Map<string, Found>();
  const toLookUp: Lead[] = [];
  for (const lead of leads) {
    if (cached.has(lead.placeId)) found.set(lead.placeId, { corporation: cached.get(lead.placeId) ?? null });
    else toLookUp.push(lead);
  }

  // After one failure (rate limited, down, token refused) the rest waits for the next pull.
  let broken = false;
  const checkedAt = deps.now.toISOString();
  const lookUp = async (lead: Lead): Promise<void> => {
    if (broken) return void found.set(lead.placeId, { failed: true });
    const core = normaliseName(lead.name).core;
    let corporation: CorporationCandidate | null = null;
    if (core !== '') {
      try {
        // The name core first (ソラ for 株式会社ソラ); else without its trade words (美容室 ポノ → ポノ,
        // registered as 株式会社ポノ), which matchCorporation accepts only with the town as well.
        const prefecture = prefectureCode(lead.address);
        const terms = [core, distinctiveName(core)].filter((term, i, all) => (i === 0 || [...term].length >= 2) && all.indexOf(term) === i);
        let registered: Corporation | null = null;
        for (const term of terms) {
          const corporations = await client.search({ name: term, ...(prefecture ? { prefecture } : {}), limit: SEARCH_LIMIT });
          const match = matchCorporation({ name: lead.name, address: lead.address }, corporations.map(candidate));
          registered = match ? corporations.find((c) => c.corporateNumber === match.corporation.corporateNumber) ?? null : null;
          if (registered) break;
        }
        corporation = registered ? candidate(registered) : null;
        await writeCache(deps.db, lead.placeId, registered, checkedAt);
      } catch (err) {
        if (!(err instanceof GbizinfoError)) throw err;
        broken = true;
        return void found.set(lead.placeId, { failed: true });
      }
    } else {
      await writeCache(deps.db, lead.placeId, null, checkedAt);
    }
    found.set(lead.placeId, { corporation });
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
async function readCache(db: D1Database, placeIds: string[], since: Date): Promise<Map<string, CorporationCandidate | null>> {
  const out = new Map<string, CorporationCandidate | null>();
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < placeIds.length; i += 90) {
    const chunk = placeIds.slice(i, i + 90);
    const marks = chunk.map((_, j) => `?${j + 2}`).join(', ');
    const { results } = await db
      .prepare(
        `SELECT p.place_id, p.corporate_number, c.name, c.location, c.employees, c.established_date
           FROM place_corporations p LEFT JOIN corporations c ON c.corporate_number = p.corporate_number
          WHERE p.checked_at >= ?1 AND p.place_id IN (${marks})`,
      )
      .bind(since.toISOString(), ...chunk)
      .all<CachedRow>();
    for (const row of results) {
      out.set(
        row.place_id,
        row.corporate_number && row.name
          ? { corporateNumber: row.corporate_number, name: row.name, location: row.location, employees: row.employees, establishedDate: row.established_date }
          : null,
      );
    }
  }
  return out;
}

async function writeCache(db: D1Database, placeId: string, corporation: Corporation | null, at: string): Promise<void> {
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
        `INSERT INTO place_corporations (place_id, corporate_number, checked_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (place_id) DO UPDATE SET corporate_number = excluded.corporate_number, checked_at = excluded.checked_at`,
      )
      .bind(placeId, corporation?.corporateNumber ?? null, at),
  );
  await db.batch(statements);
}
