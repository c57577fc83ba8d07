import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICES_USD_PER_1000,
  FieldMaskError,
  costUsd,
  parseFieldMask,
  skuForPlaceDetails,
  skuForTextSearch,
} from './sku.ts';

describe('parseFieldMask', () => {
  it('splits on commas and trims each path', () => {
    expect(parseFieldMask(' places.id , nextPageToken,')).toEqual(['places.id', 'nextPageToken']);
  });

  it('throws a typed error on an empty mask', () => {
    for (const mask of ['', '  ', ' , ,']) {
      expect(() => parseFieldMask(mask)).toThrow(FieldMaskError);
    }
    try {
      parseFieldMask('');
    } catch (err) {
      expect(err).toBeInstanceOf(FieldMaskError);
      expect((err as FieldMaskError).code).toBe('EMPTY_FIELD_MASK');
    }
  });
});

describe('skuForTextSearch', () => {
  it('bills the discovery mask (ids and page token) as IDs only', () => {
    expect(skuForTextSearch('places.id,nextPageToken')).toBe('text_search_ids_only');
    expect(skuForTextSearch('places.attributions,places.id')).toBe('text_search_ids_only');
  });

  it('bills a mask at its highest field', () => {
    expect(skuForTextSearch('places.id,places.displayName')).toBe('text_search_pro');
    expect(skuForTextSearch('places.id,places.viewport')).toBe('text_search_pro');
    expect(skuForTextSearch('places.formattedAddress,places.location')).toBe('text_search_pro');
    expect(skuForTextSearch('places.displayName,places.nationalPhoneNumber')).toBe('text_search_enterprise');
    expect(skuForTextSearch('places.rating,places.reviews')).toBe('text_search_enterprise_atmosphere');
  });

  it('bills nested paths as their top-level field', () => {
    expect(skuForTextSearch('places.displayName.text')).toBe('text_search_pro');
  });

  it('bills the wildcard at the highest tier', () => {
    expect(skuForTextSearch('*')).toBe('text_search_enterprise_atmosphere');
    expect(skuForTextSearch('places.*')).toBe('text_search_enterprise_atmosphere');
  });

  it('rejects unknown fields and paths without the places. prefix', () => {
    expect(() => skuForTextSearch('places.id,places.phone')).toThrow(FieldMaskError);
    expect(() => skuForTextSearch('id')).toThrow(/Cannot find matching fields for path 'id'/);
  });
});

describe('skuForPlaceDetails', () => {
  it('maps each tier', () => {
    expect(skuForPlaceDetails('id')).toBe('place_details_ids_only');
    expect(skuForPlaceDetails('id,formattedAddress,location,types')).toBe('place_details_essentials');
    expect(skuForPlaceDetails('id,businessStatus,movedPlaceId,openingDate')).toBe('place_details_pro');
    expect(skuForPlaceDetails('displayName,websiteUri')).toBe('place_details_enterprise');
    expect(skuForPlaceDetails('id,reviews')).toBe('place_details_enterprise_atmosphere');
    expect(skuForPlaceDetails('*')).toBe('place_details_enterprise_atmosphere');
  });

  it("bills the Worker's lead mask as Enterprise", () => {
    const mask = 'id,displayName,formattedAddress,nationalPhoneNumber,websiteUri,googleMapsUri,types,primaryType,primaryTypeDisplayName,rating,userRatingCount,businessStatus,movedPlaceId';
    expect(skuForPlaceDetails(mask)).toBe('place_details_enterprise');
  });

  it('rejects Text Search paths', () => {
    expect(() => skuForPlaceDetails('places.id')).toThrow(FieldMaskError);
  });
});

describe('costUsd', () => {
  it('prices per thousand requests', () => {
    expect(costUsd('text_search_enterprise', 1000)).toBe(35);
    expect(costUsd('place_details_enterprise', 1)).toBeCloseTo(0.02, 10);
    expect(costUsd('text_search_ids_only', 1_000_000)).toBe(0);
  });

  it('takes a price table', () => {
    expect(costUsd('place_details_pro', 2000, { ...DEFAULT_PRICES_USD_PER_1000, place_details_pro: 10 })).toBe(20);
  });
});
