import { beforeAll, describe, expect, it } from 'vitest';
import { AREA_BY_KEY } from './areas.ts';
import { generateWorld, type World } from './dataset.ts';
import { Rng } from './random.ts';
import { ApiError, MAX_RESULTS, parseSearchTextBody, projectPlace, readQuery, searchText, type SearchTextBody } from './search.ts';

let world: World;

beforeAll(() => {
  world = generateWorld(11);
});

const body = (over: Partial<SearchTextBody> & { textQuery: string }): SearchTextBody => ({ pageSize: 20, ...over });

function rejects(raw: unknown, message: RegExp): void {
  try {
    parseSearchTextBody(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe('INVALID_ARGUMENT');
    expect((err as ApiError).message).toMatch(message);
    return;
  }
  throw new Error('expected a 400');
}

describe('parseSearchTextBody', () => {
  it('defaults the page size to 20 and keeps known fields', () => {
    const parsed = parseSearchTextBody({ textQuery: '美容室', languageCode: 'ja', regionCode: 'JP', includedType: 'hair_salon', strictTypeFiltering: true });
    expect(parsed).toMatchObject({ textQuery: '美容室', pageSize: 20, includedType: 'hair_salon', strictTypeFiltering: true });
  });

  it('rejects what the real API rejects', () => {
    rejects({}, /textQuery/);
    rejects({ textQuery: 'a', pageSize: 21 }, /page_size/);
    rejects({ textQuery: 'a', pageSize: -1 }, /page_size/);
    rejects({ textQuery: 'a', pageSize: 2.5 }, /page_size/);
    rejects({ textQuery: 'a', foo: 1 }, /Unknown name "foo"/);
    rejects({ textQuery: 'a', includedType: 'hair_salons' }, /Unsupported types/);
    const rect = { low: { latitude: 35.6, longitude: 139.6 }, high: { latitude: 35.7, longitude: 139.7 } };
    rejects({ textQuery: 'a', locationRestriction: { rectangle: rect }, locationBias: { rectangle: rect } }, /Only one of/);
    rejects({ textQuery: 'a', locationRestriction: { circle: { center: rect.low, radius: 100 } } }, /rectangle/);
    rejects({ textQuery: 'a', locationRestriction: { rectangle: { low: rect.high, high: rect.low } } }, /low.latitude/);
  });
});

describe('readQuery', () => {
  it('finds the area, the industry words and the remaining words', () => {
    const terms = readQuery('東京都渋谷区 美容室 恵比寿駅');
    expect(terms.area?.key).toBe('shibuya');
    expect(terms.keywords.map((k) => k.word)).toEqual(['美容室']);
    expect(terms.tokens).toEqual(['恵比寿']);
  });

  it('reads queries without spaces and in full-width forms', () => {
    const terms = readQuery('大阪市北区ラーメン');
    expect(terms.area?.key).toBe('osaka_kita');
    expect(terms.keywords[0]?.types).toContain('ramen_restaurant');
    expect(readQuery('ＨＡＩＲ　ＳＡＬＯＮ').keywords[0]?.types).toContain('hair_salon');
  });
});

describe('searchText', () => {
  it('finds the area itself for a query that is only its name', () => {
    const hits = searchText(world, body({ textQuery: '東京都渋谷区' }), { day: 0 });
    expect(hits).toHaveLength(1);
    const hit = hits[0];
    expect(hit?.kind === 'area' && hit.place.viewport).toEqual(AREA_BY_KEY.get('shibuya')?.rect);
  });

  it('caps the results at 60 and restricts them to the area named in the query', () => {
    const hits = searchText(world, body({ textQuery: '渋谷区 美容室', includedType: 'hair_salon', strictTypeFiltering: true }), { day: 0 });
    expect(hits).toHaveLength(MAX_RESULTS);
    for (const hit of hits) expect(hit.kind === 'business' && hit.business.area).toBe('shibuya');
  });

  it('returns exactly the truth of a small rectangle, without jitter', () => {
    const center = world.businesses.find((b) => b.area === 'setagaya' && b.industry === 'dentist');
    if (!center) throw new Error('no dentist');
    const d = 0.004;
    const rectangle = {
      low: { latitude: center.location.latitude - d, longitude: center.location.longitude - d },
      high: { latitude: center.location.latitude + d, longitude: center.location.longitude + d },
    };
    const hits = searchText(world, body({ textQuery: '歯医者', includedType: 'dentist', strictTypeFiltering: true, locationRestriction: { rectangle } }), { day: 0 });
    const expected = world.index
      .query(rectangle)
      .filter((b) => b.types.includes('dentist') && b.openDay <= 0 && (b.closeDay === undefined || b.closeDay > -30))
      .map((b) => b.id)
      .sort();
    expect(expected.length).toBeLessThan(MAX_RESULTS);
    expect(hits.map((h) => (h.kind === 'business' ? h.business.id : h.place.id)).sort()).toEqual(expected);
  });

  it('ranks includedType first without strict filtering', () => {
    // 和食 matches every Japanese-style restaurant; the sushi ones must come first.
    const sushi = world.businesses.find((b) => b.area === 'fukuoka_chuo' && b.primaryType === 'sushi_restaurant');
    if (!sushi) throw new Error('no sushi');
    const d = 0.006;
    const rectangle = {
      low: { latitude: sushi.location.latitude - d, longitude: sushi.location.longitude - d },
      high: { latitude: sushi.location.latitude + d, longitude: sushi.location.longitude + d },
    };
    const hits = searchText(world, body({ textQuery: '和食', includedType: 'sushi_restaurant', locationRestriction: { rectangle } }), { day: 0 });
    const types = hits.map((h) => (h.kind === 'business' ? h.business.types.includes('sushi_restaurant') : false));
    const firstOther = types.indexOf(false);
    expect(firstOther).toBeGreaterThan(0);
    expect(types.slice(firstOther)).not.toContain(true);
  });

  it('leaves places out at random with jitter, differently per request', () => {
    const query = body({ textQuery: '新宿区 歯科', includedType: 'dentist', strictTypeFiltering: true });
    const ids = (seed: number) => searchText(world, query, { day: 0, jitter: 0.5, rng: Rng.derive(1, `r${seed}`) }).map((h) => (h.kind === 'business' ? h.business.id : ''));
    expect(ids(1)).not.toEqual(ids(2));
    expect(ids(1)).toEqual(ids(1));
  });

  it('caps a rectangle query over the whole dense area at 60 hits, all of the type', () => {
    const rectangle = AREA_BY_KEY.get('shibuya')?.rect;
    if (!rectangle) throw new Error('no area');
    const query = body({ textQuery: '美容室', includedType: 'hair_salon', strictTypeFiltering: true, locationRestriction: { rectangle } });
    const ids = (textQuery: string) => searchText(world, { ...query, textQuery }, { day: 0 }).map((h) => (h.kind === 'business' ? h.business.id : ''));
    // (Its speed is measured by the discovery benchmark, not here.)
    expect(ids('美容室')).toHaveLength(60);
    expect(ids('美容室').every((id) => id !== '')).toBe(true);
  });
});

describe('projectPlace', () => {
  const place = { id: 'x', displayName: { text: '凪', languageCode: 'ja' }, types: ['a'], addressComponents: [{ longText: '１', types: ['premise'] }] };

  it('keeps only the masked fields, nested paths included', () => {
    expect(projectPlace(place, ['id'])).toEqual({ id: 'x' });
    expect(projectPlace(place, ['displayName.text', 'types'])).toEqual({ displayName: { text: '凪' }, types: ['a'] });
    expect(projectPlace(place, ['addressComponents.longText'])).toEqual({ addressComponents: [{ longText: '１' }] });
    expect(projectPlace(place, ['*'])).toEqual(place);
    expect(projectPlace(place, ['rating'])).toEqual({});
  });
});
