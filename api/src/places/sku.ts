// Billing SKUs of Google Places API (New) for Text Search and Place Details. A request is billed
// at the highest tier among the fields of its field mask; `*` is the highest tier. Pure and
// table-driven: the Worker's cost accounting and the local emulator both classify with it.

export type Sku =
  | 'text_search_ids_only'
  | 'text_search_pro'
  | 'text_search_enterprise'
  | 'text_search_enterprise_atmosphere'
  | 'place_details_ids_only'
  | 'place_details_essentials'
  | 'place_details_pro'
  | 'place_details_enterprise'
  | 'place_details_enterprise_atmosphere';

/** List prices in USD per 1,000 requests (before the free monthly allowance). */
export const DEFAULT_PRICES_USD_PER_1000: Readonly<Record<Sku, number>> = {
  text_search_ids_only: 0,
  text_search_pro: 32,
  text_search_enterprise: 35,
  text_search_enterprise_atmosphere: 40,
  place_details_ids_only: 0,
  place_details_essentials: 5,
  place_details_pro: 17,
  place_details_enterprise: 20,
  place_details_enterprise_atmosphere: 25,
};

export type FieldMaskErrorCode = 'EMPTY_FIELD_MASK' | 'UNKNOWN_FIELD';

/** A field mask the API would reject with 400 INVALID_ARGUMENT. */
export class FieldMaskError extends Error {
  readonly code: FieldMaskErrorCode;
  readonly field: string | null;

  constructor(code: FieldMaskErrorCode, field: string | null) {
    super(
      code === 'EMPTY_FIELD_MASK'
        ? 'The field mask is empty.'
        : `Error expanding 'fields' parameter. Cannot find matching fields for path '${field}'.`,
      { cause: { code } },
    );
    this.name = 'FieldMaskError';
    this.code = code;
    this.field = field;
  }
}

/** Comma-separated paths, trimmed; empty segments are dropped. Throws on an empty mask. */
export function parseFieldMask(mask: string): string[] {
  const fields = mask
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field.length > 0);
  if (fields.length === 0) throw new FieldMaskError('EMPTY_FIELD_MASK', null);
  return fields;
}

// Tier of each Place field, shared by both methods; the methods differ only at the bottom
// (Text Search has no Essentials tier: its Essentials-level fields bill as Pro) and in the
// IDs-only set. `name` (the `places/ID` resource name) is kept out of IDs-only on purpose:
// secondary sources disagree, and over-counting is the safe side for a budget.
type Tier = 0 | 1 | 2 | 3 | 4; // ids_only, essentials, pro, enterprise, atmosphere

const ESSENTIALS = [
  'addressComponents', 'addressDescriptor', 'adrFormatAddress', 'formattedAddress', 'location',
  'plusCode', 'postalAddress', 'shortFormattedAddress', 'types', 'viewport', 'name', 'photos',
];
const PRO = [
  'accessibilityOptions', 'businessStatus', 'containingPlaces', 'displayName', 'googleMapsLinks',
  'googleMapsUri', 'iconBackgroundColor', 'iconMaskBaseUri', 'primaryType', 'primaryTypeDisplayName',
  'pureServiceAreaBusiness', 'subDestinations', 'utcOffsetMinutes', 'timeZone', 'openingDate',
  'movedPlaceId', 'movedPlace',
];
const ENTERPRISE = [
  'currentOpeningHours', 'currentSecondaryOpeningHours', 'internationalPhoneNumber',
  'nationalPhoneNumber', 'priceLevel', 'priceRange', 'rating', 'regularOpeningHours',
  'regularSecondaryOpeningHours', 'userRatingCount', 'websiteUri',
];
const ATMOSPHERE = [
  'allowsDogs', 'curbsidePickup', 'delivery', 'dineIn', 'editorialSummary', 'evChargeAmenitySummary',
  'evChargeOptions', 'fuelOptions', 'generativeSummary', 'goodForChildren', 'goodForGroups',
  'goodForWatchingSports', 'liveMusic', 'menuForChildren', 'neighborhoodSummary', 'outdoorSeating',
  'parkingOptions', 'paymentOptions', 'reservable', 'restroom', 'reviews', 'reviewSummary',
  'servesBeer', 'servesBreakfast', 'servesBrunch', 'servesCocktails', 'servesCoffee', 'servesDessert',
  'servesDinner', 'servesLunch', 'servesVegetarianFood', 'servesWine', 'takeout',
];

const PLACE_FIELD_TIER = new Map<string, Tier>([
  ['id', 0],
  ['attributions', 0],
  ...ESSENTIALS.map((field) => [field, 1] as const),
  ...PRO.map((field) => [field, 2] as const),
  ...ENTERPRISE.map((field) => [field, 3] as const),
  ...ATMOSPHERE.map((field) => [field, 4] as const),
]);

/** Every top-level Place field the classifier knows (the emulator projects responses with it). */
export const PLACE_FIELDS: readonly string[] = [...PLACE_FIELD_TIER.keys()];

const TEXT_SEARCH_SKUS: Record<Tier, Sku> = {
  0: 'text_search_ids_only',
  1: 'text_search_pro',
  2: 'text_search_pro',
  3: 'text_search_enterprise',
  4: 'text_search_enterprise_atmosphere',
};
const PLACE_DETAILS_SKUS: Record<Tier, Sku> = {
  0: 'place_details_ids_only',
  1: 'place_details_essentials',
  2: 'place_details_pro',
  3: 'place_details_enterprise',
  4: 'place_details_enterprise_atmosphere',
};

/** Tier of one Place field path (`displayName.text` bills as `displayName`); null when unknown. */
function placeFieldTier(path: string): Tier | null {
  if (path === '*') return 4;
  const top = path.split('.')[0] ?? '';
  return PLACE_FIELD_TIER.get(top) ?? null;
}

function highestTier(fields: string[], tierOf: (field: string) => Tier | null): Tier {
  let highest: Tier = 0;
  for (const field of fields) {
    const tier = tierOf(field);
    if (tier === null) throw new FieldMaskError('UNKNOWN_FIELD', field);
    if (tier > highest) highest = tier;
  }
  return highest;
}

/** Text Search: paths are `places.<field>`, `nextPageToken` or `*`. */
export function skuForTextSearch(fieldMask: string): Sku {
  const tier = highestTier(parseFieldMask(fieldMask), (field) => {
    if (field === '*' || field === 'places' || field === 'places.*') return 4;
    if (field === 'nextPageToken') return 0;
    if (!field.startsWith('places.')) return null;
    return placeFieldTier(field.slice('places.'.length));
  });
  return TEXT_SEARCH_SKUS[tier];
}

/** Place Details: paths are bare Place fields (no `places.` prefix) or `*`. */
export function skuForPlaceDetails(fieldMask: string): Sku {
  return PLACE_DETAILS_SKUS[highestTier(parseFieldMask(fieldMask), placeFieldTier)];
}

/** Cost in USD of `count` requests billed at `sku`. */
export function costUsd(sku: Sku, count: number, prices: Readonly<Record<Sku, number>> = DEFAULT_PRICES_USD_PER_1000): number {
  return (prices[sku] * count) / 1000;
}
