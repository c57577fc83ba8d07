// detail: the lead's fields for a place, and the pure mapping from a Places place to a Lead.
import type { Lead } from '../../../shared/contract.ts';
import { typeLabel } from '../../../shared/industries.ts';
import type { Rect } from '../discovery/geometry.ts';
import { LEAD_SEARCH_FIELD_MASK, type DetailPlan } from '../discovery/planner.ts';
import { BudgetExceeded } from '../places/meter.ts';
import { RateLimited } from '../places/rate-limiter.ts';
import { PlacesError, type Place, type PlacesClient } from '../places/client.ts';

/** Place Details mask for a lead: Enterprise SKU (phone, website, rating are Enterprise fields). */
export const LEAD_FIELD_MASK = [
  'id',
  'displayName',
  'formattedAddress',
  'nationalPhoneNumber',
  'websiteUri',
  'googleMapsUri',
  'types',
  'primaryType',
  'primaryTypeDisplayName',
  'rating',
  'userRatingCount',
  'businessStatus',
  'movedPlaceId',
  'openingDate',
].join(',');

/** A place id found for one of the profile's (area, industry) queries. */
export interface Candidate {
  placeId: string;
  area: string;
  industry: string;
}

/** How to re-run one cell's Text Search with the lead's fields. */
export interface PageCell {
  rect: Rect;
  textQuery: string;
  includedType: string | null;
}

export interface Fetched {
  places: Map<string, Place>;
  /** Ids whose details could not be read (after retries): not offered, tried again next time. */
  failed: Set<string>;
  /** Ids the Places API no longer knows (NOT_FOUND): obsolete, never to be tried again. */
  gone: Set<string>;
  budgetReached: boolean;
  /** The tenant's per-minute cap of paid requests stopped the rest (left for a later pull, not failed). */
  rateLimited: RateLimited | null;
  /** Failure after failure: the Places API is down; further calls this pull would only wait. */
  unavailable: boolean;
}

/** After this many failures in a row the Places API is taken to be down for this pull. */
const FAILURES_BEFORE_GIVING_UP = 4;

const CONCURRENCY = 4; // a Worker has 6 simultaneous connections

/** Runs a detail plan. Never throws for Places faults: they end up in `failed`. */
export async function fetchPlanned(
  places: PlacesClient,
  plan: DetailPlan,
  pageCells: ReadonlyMap<string, PageCell>,
  wantedIds: ReadonlySet<string>,
): Promise<Fetched> {
  const fetched: Fetched = { places: new Map(), failed: new Set(), gone: new Set(), budgetReached: false, rateLimited: null, unavailable: false };
  let failuresInARow = 0;
  const guard = async (work: () => Promise<void>, ids: string[]) => {
    if (fetched.rateLimited) return;
    if (fetched.budgetReached || failuresInARow >= FAILURES_BEFORE_GIVING_UP) return ids.forEach((id) => fetched.failed.add(id));
    try {
      await work();
      failuresInARow = 0;
    } catch (err) {
      if (err instanceof RateLimited) {
        // Not failed: the ids stay candidates for a later pull.
        fetched.rateLimited = err;
        return;
      }
      if (err instanceof BudgetExceeded) fetched.budgetReached = true;
      else if (!(err instanceof PlacesError)) throw err;
      else if (err.httpStatus === 404) return ids.forEach((id) => fetched.gone.add(id));
      else failuresInARow++;
      ids.forEach((id) => fetched.failed.add(id));
    }
  };

  for (const cellKey of plan.pageCells) {
    const cell = pageCells.get(cellKey);
    if (!cell) continue;
    await guard(async () => {
      let pageToken: string | undefined;
      for (let page = 0; page < 3; page++) {
        const request = {
          textQuery: cell.textQuery,
          pageSize: 20,
          locationRestriction: { rectangle: cell.rect },
          ...(cell.includedType ? { includedType: cell.includedType, strictTypeFiltering: true } : {}),
          ...(pageToken ? { pageToken } : {}),
        };
        const response = await places.searchText(request, LEAD_SEARCH_FIELD_MASK);
        for (const place of response.places ?? []) if (place.id && wantedIds.has(place.id)) fetched.places.set(place.id, place);
        pageToken = response.nextPageToken ?? undefined;
        if (!pageToken) break;
      }
    }, []);
  }
  // The planned Details, and any wanted place a page re-run missed (results jitter).
  const detailIds = [...wantedIds].filter((id) => !fetched.places.has(id));
  for (let i = 0; i < detailIds.length; i += CONCURRENCY) {
    await Promise.all(
      detailIds.slice(i, i + CONCURRENCY).map((id) =>
        guard(async () => {
          fetched.places.set(id, await places.getPlace(id, LEAD_FIELD_MASK));
        }, [id]),
      ),
    );
  }
  fetched.unavailable = failuresInARow >= FAILURES_BEFORE_GIVING_UP;
  return fetched;
}

/** Details of the place a closed place moved to (its new id), or null. */
export async function followMove(places: PlacesClient, place: Place): Promise<Place | null> {
  if (place.businessStatus !== 'CLOSED_PERMANENTLY' || !place.movedPlaceId) return null;
  try {
    return await places.getPlace(place.movedPlaceId, LEAD_FIELD_MASK);
  } catch (err) {
    if (err instanceof PlacesError || err instanceof BudgetExceeded || err instanceof RateLimited) return null;
    throw err;
  }
}

export interface LeadContext {
  leadId: string;
  firstSeen: string;
  newlyListed: boolean;
}

/** Maps a place to a lead; null when the place cannot be a lead (closed, or without a name). */
export function placeToLead(place: Place, candidate: Candidate, context: LeadContext): Lead | null {
  if (place.businessStatus === 'CLOSED_PERMANENTLY') return null;
  const name = place.displayName?.text?.trim();
  if (!name || !place.id) return null;
  return {
    id: context.leadId,
    placeId: place.id,
    name,
    // Google prefixes Japanese addresses with the country: the owner's sheet does not need it.
    address: (place.formattedAddress ?? '').replace(/^日本、\s*/, ''),
    phone: place.nationalPhoneNumber ?? null,
    website: place.websiteUri ?? null,
    googleMapsUrl: place.googleMapsUri ?? null,
    primaryType: place.primaryType ?? null,
    primaryTypeLabel: typeLabel(place.primaryType) ?? place.primaryTypeDisplayName?.text ?? null,
    rating: place.rating ?? null,
    reviewCount: place.userRatingCount ?? 0,
    employees: null,
    employeesSource: null,
    newlyListed: context.newlyListed,
    firstSeen: context.firstSeen,
    area: candidate.area,
    industry: candidate.industry,
    screening: { verdict: 'unscreened', evidence: [], checkedAt: null },
    emails: [],
    contactForm: null,
  };
}

/** The place's types, for industry exclusion (kept beside the lead, not in it). */
export const placeTypes = (place: Place): string[] => place.types ?? [];
