// The pull: discover → detail → screen → enrich → filter → dedupe → batch, for one tenant.
// An open (unacknowledged) batch is served again unchanged; otherwise a new one is built.
import type { Lead, Notice, PullBatch, PullState } from '../../../shared/contract.ts';
import { ApiError } from '../http/errors.ts';
import { PlacesError, type PlacesClient } from '../places/client.ts';
import { expireBatches, serveOpenBatch } from '../store/batches.ts';
import { leadId } from '../store/ids.ts';
import { getProfile } from '../store/profiles.ts';
import { recordSightings } from '../store/sightings.ts';
import { storeBatch } from './batch.ts';
import { freshCandidates } from './dedupe.ts';
import { fetchPlace, placeToLead, placeTypes } from './detail.ts';
import { discover, type Candidate } from './discover.ts';
import { filterLead } from './filter.ts';

export interface PullDeps {
  db: D1Database;
  places: PlacesClient;
  now: Date;
  batchTtlMs: number;
}

/** Places API calls run a few at a time (a Worker has 6 simultaneous connections). */
const DETAIL_CONCURRENCY = 4;

/** The calendar day in Japan, YYYY-MM-DD: the owner's "today". */
export const japanDay = (at: Date): string => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

export async function pull(deps: PullDeps, tenantId: string, limit?: number): Promise<PullBatch> {
  const { db, now } = deps;
  await expireBatches(db, now, tenantId);
  const open = await serveOpenBatch(db, tenantId);
  if (open) return open;

  const profile = await getProfile(db, tenantId);
  if (!profile) throw new ApiError(409, 'NO_PROFILE', 'Set a search profile (PUT /v1/profile) before pulling leads.');
  const wanted = Math.min(limit ?? profile.dailyLimit, profile.dailyLimit);

  const candidates = await withPlacesErrors(() => discover(deps.places, profile));
  const firstSeen = await recordSightings(db, candidates.map((c) => c.placeId), japanDay(now));
  const fresh = await freshCandidates(db, tenantId, candidates);

  const leads: Lead[] = [];
  const notices: Notice[] = [];
  let failed = 0;
  let next = 0;
  while (leads.length < wanted && next < fresh.length) {
    const slice = fresh.slice(next, next + Math.min(DETAIL_CONCURRENCY, wanted - leads.length));
    next += slice.length;
    const details = await Promise.allSettled(slice.map((candidate) => detailLead(deps, tenantId, candidate, firstSeen)));
    for (const result of details) {
      if (result.status === 'rejected') {
        // A place whose details failed is not offered (nor reserved): it comes back next time.
        if (!(result.reason instanceof PlacesError)) throw result.reason;
        failed++;
        continue;
      }
      const detailed = result.value;
      if (detailed && filterLead(detailed.lead, detailed.types, profile).pass && leads.length < wanted) {
        leads.push(detailed.lead);
      }
    }
  }
  if (failed > 0) {
    notices.push({ code: 'PLACES_PARTIAL', message: `${failed} place(s) could not be read from the Places API and were skipped for now.` });
  }
  const state: PullState = leads.length >= wanted ? 'ready' : next >= fresh.length && failed === 0 ? 'exhausted' : 'partial';
  if (state === 'exhausted') {
    notices.push({ code: 'NO_MORE_LEADS', message: 'Every place matching the profile has been offered; widen the areas or industries.' });
  }
  return storeBatch(db, { tenantId, now, ttlMs: deps.batchTtlMs, leads, state, notices });
}

async function detailLead(deps: PullDeps, tenantId: string, candidate: Candidate, firstSeen: Map<string, string>) {
  let place;
  try {
    place = await fetchPlace(deps.places, candidate.placeId);
  } catch (err) {
    // NOT_FOUND: the id is obsolete (the place is gone); not an error worth reporting.
    if (err instanceof PlacesError && err.httpStatus === 404) return null;
    throw err;
  }
  const lead = placeToLead(place, candidate, {
    leadId: await leadId(tenantId, candidate.placeId),
    firstSeen: firstSeen.get(candidate.placeId) ?? japanDay(deps.now),
    newlyListed: false,
  });
  return lead ? { lead, types: placeTypes(place) } : null;
}

/** Places failures that survive the client's retries become clear API errors. */
async function withPlacesErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof PlacesError)) throw err;
    if (err.httpStatus === 429) throw new ApiError(503, 'PLACES_RATE_LIMITED', 'The Places API is rate limiting requests; try again in a few minutes.', { 'Retry-After': '60' });
    if (err.httpStatus === 403) throw new ApiError(502, 'PLACES_FORBIDDEN', 'The Places API refused the API key (check GOOGLE_MAPS_API_KEY).');
    throw new ApiError(502, 'PLACES_UNAVAILABLE', `The Places API failed: ${err.status}.`);
  }
}
