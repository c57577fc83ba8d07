import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AREAS, inExclusiveRegion, inRect } from './areas.ts';
import { generateWorld, isLive, isSearchable, statusAt, type Business, type World } from './dataset.ts';
import { INDUSTRIES } from './industries.ts';
import { corporateCheckDigit, isValidCorporateNumber } from './japan.ts';

const SEED = 7;
let world: World;
let live: Business[];

beforeAll(() => {
  world = generateWorld(SEED);
  live = world.businesses.filter((b) => isLive(b, 0));
});

function fingerprint(w: World): string {
  const hash = createHash('sha256');
  for (const b of w.businesses) hash.update(JSON.stringify(b));
  for (const site of w.sites.values()) hash.update(JSON.stringify(site));
  return hash.update(JSON.stringify(w.areaPlaces)).digest('hex');
}

describe('determinism', () => {
  it('builds a byte-identical world from the same seed, days included', () => {
    const again = generateWorld(SEED);
    world.ensureDay(3);
    again.ensureDay(3);
    expect(fingerprint(again)).toBe(fingerprint(world));
  });

  it('builds a different world from another seed', () => {
    const other = generateWorld(SEED + 1);
    expect(other.businesses[0]?.id).not.toBe(world.businesses[0]?.id);
  });
});

describe('day 0', () => {
  it('holds at least 12,000 live businesses', () => {
    expect(live.length).toBeGreaterThanOrEqual(12_000);
  });

  it('has 50–1,500 businesses per area and industry, and the dense Shibuya salons', () => {
    for (const area of AREAS) {
      for (const industry of INDUSTRIES) {
        const n = world.truthMatching({ area: area.key, type: industry.type, day: 0, liveOnly: true }).length;
        if (area.key === 'shibuya' && industry.key === 'hair_salon') expect(n).toBeGreaterThanOrEqual(3200);
        else {
          expect(n, `${area.key}/${industry.key}`).toBeGreaterThanOrEqual(50);
          // Chains of other industries add a few places of their types; the volumes stay ≤ 1,500.
          expect(n, `${area.key}/${industry.key}`).toBeLessThanOrEqual(1500);
        }
      }
    }
  });

  it('places every business inside its own area and no other area', () => {
    const byKey = new Map(AREAS.map((a) => [a.key, a]));
    const outside = world.businesses.filter((b) => {
      const area = byKey.get(b.area);
      return !area || !inExclusiveRegion(area, b.location.latitude, b.location.longitude);
    });
    expect(outside).toEqual([]);
  });

  it('gives realistic-looking unique place ids', () => {
    const ids = new Set(world.businesses.map((b) => b.id));
    expect(ids.size).toBe(world.businesses.length);
    expect([...ids].filter((id) => !/^ChIJ[A-Za-z0-9_-]{23}$/.test(id))).toEqual([]);
  });

  it('writes phones in Japanese formats, matching the area, unique, with ~8 % missing', () => {
    const phones = live.flatMap((b) => (b.nationalPhoneNumber ? [b.nationalPhoneNumber] : []));
    expect(new Set(phones).size).toBe(phones.length);
    const missing = 1 - phones.length / live.length;
    expect(missing).toBeGreaterThan(0.05);
    expect(missing).toBeLessThan(0.11);
    const local = { shibuya: /^03-\d{4}-\d{4}$/, shinjuku: /^03-\d{4}-\d{4}$/, setagaya: /^03-\d{4}-\d{4}$/, osaka_kita: /^06-\d{4}-\d{4}$/, fukuoka_chuo: /^092-\d{3}-\d{4}$/ };
    const nonLocal = /^(0120-\d{3}-\d{3}|0[789]0-\d{4}-\d{4}|050-\d{4}-\d{4})$/;
    const bad = live.filter((b) => {
      const phone = b.nationalPhoneNumber;
      if (!phone) return b.internationalPhoneNumber !== undefined;
      return !(local[b.area].test(phone) || nonLocal.test(phone)) || b.internationalPhoneNumber !== `+81 ${phone.slice(1)}`;
    });
    expect(bad.map((b) => [b.nationalPhoneNumber, b.internationalPhoneNumber])).toEqual([]);
    expect(phones.some((p) => p.startsWith('0120-'))).toBe(true);
    expect(phones.some((p) => /^0[789]0-/.test(p))).toBe(true);
  });

  it('writes addresses in the Places ja format, with full-width digits and U+2212 mostly', () => {
    const all = live;
    const bad = all.filter((b) => {
      const area = AREAS.find((a) => a.key === b.area);
      return !b.formattedAddress.startsWith('日本、') || !b.formattedAddress.includes(`${area?.prefecture}${area?.city}${area?.ward}${b.town}`);
    });
    expect(bad.map((b) => b.formattedAddress)).toEqual([]);
    const fullWidth = all.filter((b) => /[０-９]丁目[０-９]+−[０-９]+/.test(b.formattedAddress)).length;
    expect(fullWidth / all.length).toBeGreaterThan(0.5);
    expect(all.filter((b) => b.formattedAddress.includes('〒')).length / all.length).toBeGreaterThan(0.85);
    expect(all.some((b) => /\d+-\d+-\d+/.test(b.formattedAddress))).toBe(true);
  });

  it('gives corporations valid 法人番号 and keeps sole proprietors without one', () => {
    expect(corporateCheckDigit('000012050002')).toBe(7); // 国税庁's own number, 7000012050002
    const all = live;
    const corps = all.filter((b) => b.corporation);
    expect(corps.length / all.length).toBeGreaterThan(0.5);
    expect(corps.length / all.length).toBeLessThan(0.7);
    expect(corps.filter((b) => !isValidCorporateNumber(b.corporation?.corporateNumber ?? '')).map((b) => b.corporation?.corporateNumber)).toEqual([]);
    const withEmployees = all.filter((b) => b.corporation?.employees !== undefined).length / all.length;
    expect(withEmployees).toBeGreaterThan(0.18);
    expect(withEmployees).toBeLessThan(0.32);
  });

  it('shares brand, domain and legal entity across a chain, not phones or addresses', () => {
    const sora = live.filter((b) => b.chainKey === 'sora');
    expect(sora.length).toBeGreaterThan(20);
    expect(new Set(sora.map((b) => b.corporation?.corporateNumber)).size).toBe(1);
    const withSite = sora.filter((b) => b.websiteUri);
    expect(new Set(withSite.map((b) => new URL(b.websiteUri as string).host))).toEqual(new Set(['www.sora-hair.jp']));
    expect(new Set(withSite.map((b) => b.websiteUri)).size).toBe(withSite.length);
    expect(new Set(sora.map((b) => b.formattedAddress)).size).toBe(sora.length);
    for (const b of sora) expect(b.displayName).toMatch(/^Hair Salon SORA .+店$/);
  });

  it('links about 70 % of businesses to a website, own or shared', () => {
    const all = live;
    const share = all.filter((b) => b.websiteUri).length / all.length;
    expect(share).toBeGreaterThan(0.62);
    expect(share).toBeLessThan(0.78);
    const hosts = new Set(all.flatMap((b) => (b.websiteUri ? [new URL(b.websiteUri).host] : [])));
    for (const shared of ['ameblo.jp', 'beauty.hotpepper.jp', 'www.instagram.com']) expect(hosts.has(shared)).toBe(true);
    expect([...hosts].some((h) => h.endsWith('.jimdofree.com'))).toBe(true);
  });

  it('skews review counts: most small, a few in the hundreds, none without a rating', () => {
    const counts = live.map((b) => b.reviewsAtListing);
    const small = counts.filter((c) => c <= 30).length / counts.length;
    expect(small).toBeGreaterThan(0.5);
    expect(counts.some((c) => c >= 200)).toBe(true);
    const badRatings = live.map((b) => b.rating).filter((r) => r < 1 || r > 5 || Math.abs(Math.round(r * 10) - r * 10) > 1e-6);
    expect(badRatings).toEqual([]);
  });
});

describe('simulated days', () => {
  it('lists at least 30 new hair salons in Shibuya each day, with few reviews', () => {
    for (let day = 1; day <= 5; day++) {
      const fresh = world.listedOnDay(day).filter((b) => b.area === 'shibuya' && b.types.includes('hair_salon') && !b.movedFromId);
      expect(fresh.length).toBeGreaterThanOrEqual(30);
      for (const b of fresh) expect(b.reviewsAtListing).toBeLessThanOrEqual(3);
      expect(fresh.some((b) => b.openingDateDay !== undefined)).toBe(true);
    }
  });

  it('closes some places and moves others to a new id with the same name and phone', () => {
    world.ensureDay(10);
    const closed = world.businesses.filter((b) => b.closeDay !== undefined && b.closeDay >= 1 && b.closeDay <= 10);
    const moved = closed.filter((b) => b.movedPlaceId);
    expect(closed.length - moved.length).toBeGreaterThan(10);
    expect(moved.length).toBeGreaterThan(5);
    for (const old of moved) {
      const successor = world.business(old.movedPlaceId as string);
      expect(successor?.displayName).toBe(old.displayName);
      expect(successor?.nationalPhoneNumber).toBe(old.nationalPhoneNumber);
      expect(successor?.openDay).toBe(old.closeDay);
      expect(statusAt(old, old.closeDay as number)).toBe('CLOSED_PERMANENTLY');
    }
  });

  it('computes truth as the places of the rectangle and type visible that day', () => {
    world.ensureDay(4);
    const area = AREAS.find((a) => a.key === 'fukuoka_chuo');
    const expected = world.businesses
      .filter((b) => b.types.includes('dentist') && isSearchable(b, 4) && area && inRect(area.rect, b.location.latitude, b.location.longitude))
      .map((b) => b.id)
      .sort();
    expect(world.truthMatching({ area: '福岡県福岡市中央区', type: 'dentist', day: 4 }).sort()).toEqual(expected);
    expect(world.truthMatching({ area: 'fukuoka_chuo', type: 'dentist', day: 4, liveOnly: true }).length).toBeLessThanOrEqual(expected.length);
  });

  it('refuses days outside the simulated range', () => {
    expect(() => world.ensureDay(-1)).toThrow(RangeError);
    expect(() => world.ensureDay(1.5)).toThrow(RangeError);
  });
});
