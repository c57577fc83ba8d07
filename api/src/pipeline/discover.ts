// discover: which places might be leads. For each area × industry of the profile, a Text Search
// with the IDs-only field mask (billed at $0), following every page.
import type { SearchProfile } from '../../../shared/contract.ts';
import { industryQuery } from '../../../shared/industries.ts';
import type { PlacesClient, SearchTextRequest } from '../places/client.ts';

export const IDS_ONLY_MASK = 'places.id,nextPageToken';
const MAX_PAGES = 3; // Text Search never returns more than 60 places (3 pages of 20).

/** A place id found for one of the profile's (area, industry) pairs. */
export interface Candidate {
  placeId: string;
  area: string;
  industry: string;
}

export function searchRequests(profile: SearchProfile): { area: string; industry: string; request: SearchTextRequest }[] {
  return profile.areas.flatMap((area) =>
    profile.industries.map((industry) => {
      const query = industryQuery(industry);
      const request: SearchTextRequest = { textQuery: `${area} ${query.keyword}`, pageSize: 20 };
      if (query.type) Object.assign(request, { includedType: query.type, strictTypeFiltering: true });
      return { area, industry, request };
    }),
  );
}

export async function discover(places: PlacesClient, profile: SearchProfile): Promise<Candidate[]> {
  const seen = new Map<string, Candidate>();
  for (const { area, industry, request } of searchRequests(profile)) {
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await places.searchText(pageToken ? { ...request, pageToken } : request, IDS_ONLY_MASK);
      for (const place of response.places ?? []) {
        if (place.id && !seen.has(place.id)) seen.set(place.id, { placeId: place.id, area, industry });
      }
      pageToken = response.nextPageToken ?? undefined;
      if (!pageToken) break;
    }
  }
  return [...seen.values()];
}
