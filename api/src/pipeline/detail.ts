// detail: the lead's fields for a place, and the pure mapping from a Places place to a Lead.
import type { Lead } from '../../../shared/contract.ts';
import { typeLabel } from '../../../shared/industries.ts';
import type { Place, PlacesClient } from '../places/client.ts';
import type { Candidate } from './discover.ts';

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
].join(',');

export function fetchPlace(places: PlacesClient, placeId: string): Promise<Place> {
  return places.getPlace(placeId, LEAD_FIELD_MASK);
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
