// dedupe: never offer a tenant a place it was already offered (or has reserved in an open batch).
import { unofferedPlaceIds } from '../store/batches.ts';
import type { Candidate } from './discover.ts';

export async function freshCandidates(db: D1Database, tenantId: string, candidates: Candidate[]): Promise<Candidate[]> {
  const fresh = await unofferedPlaceIds(db, tenantId, candidates.map((c) => c.placeId));
  return candidates.filter((c) => fresh.has(c.placeId));
}
