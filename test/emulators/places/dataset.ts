// The synthetic Japanese world behind the Places emulator, generated deterministically from a
// seed: ~19,500 businesses live at day 0 in five wards, then day by day new listings, closures
// and moves. Same seed → byte-identical world. Also the benchmark truth: which places a Text
// Search would match on a given day, ignoring the 60-result cap and jitter.
import { AREAS, AREA_BY_KEY, findArea, inExclusiveRegion, inRect, type Area, type AreaKey, type LatLng, type Rect, type Town } from './areas.ts';
import {
  CLOSED_VISIBLE_DAYS,
  CLOSE_RATE_PER_DAY,
  INDUSTRIES,
  INDUSTRY_BY_KEY,
  MOVE_RATE_PER_DAY,
  SHIBUYA_HAIR_MIN_NEW_PER_DAY,
  VOLUMES,
  type Industry,
  type IndustryKey,
  type Subtype,
} from './industries.ts';
import { BASE_DATE, WEEKDAYS_JA, corporateNumber, dateOfDay, fullWidthDigits, googleDateOfDay, internationalPhone } from './japan.ts';
import { CHAINS, branchName, independentName, representativeName, type ChainDef, type LegalKind } from './names.ts';
import { Rng } from './random.ts';
import { planSite, platformTruth, siteTruth, type SiteSpec, type SiteTruth } from './sites.ts';

export { BASE_DATE, dateOfDay } from './japan.ts';
export type { AreaKey, IndustryKey, LatLng, Rect };

export const DEFAULT_SEED = 20261124;
/** The clock can be advanced this far; days are generated lazily, in order. */
export const MAX_DAY = 3650;

export interface AddressComponent {
  longText: string;
  shortText: string;
  types: string[];
  languageCode: 'ja';
}

export interface Hours {
  /** Minutes after midnight. */
  open: number;
  close: number;
  /** Lunch break (restaurants, clinics). */
  breakStart?: number;
  breakEnd?: number;
  /** 0 = Sunday … 6 = Saturday. */
  closedDays: number[];
}

/** The legal entity behind a business (hidden data for a gBizINFO emulator). */
export interface Corporation {
  legalName: string;
  kind: LegalKind;
  /** 13 digits, check digit first. */
  corporateNumber: string;
  establishedDate: string;
  /** Known for a minority of firms, as in gBizINFO. */
  employees?: number;
  capitalYen?: number;
  representative: string;
  headOfficeAddress: string;
}

export interface Business {
  id: string;
  serial: number;
  area: AreaKey;
  industry: IndustryKey;
  town: string;
  displayName: string;
  primaryType: string;
  primaryTypeDisplayName: string;
  types: string[];
  formattedAddress: string;
  shortFormattedAddress: string;
  addressComponents: AddressComponent[];
  postalCode: string;
  location: LatLng;
  nationalPhoneNumber?: string;
  internationalPhoneNumber?: string;
  websiteUri?: string;
  /** Canonical host of the own or chain site serving websiteUri. */
  siteHost?: string;
  googleMapsUri: string;
  /** Fixed once the place has reviews. */
  rating: number;
  /** Reviews on the day the place is listed (or at day 0 for places listed before). */
  reviewsAtListing: number;
  reviewsPerDay: number;
  /** Day the place appears on Maps (≤ 0: before the baseline). */
  openDay: number;
  /** Day of `openingDate`, when Maps knows it; before it the place is FUTURE_OPENING. */
  openingDateDay?: number;
  closeDay?: number;
  movedPlaceId?: string;
  movedFromId?: string;
  temporarilyClosed: boolean;
  hours: Hours;
  chainKey?: string;
  corporation?: Corporation;
  /** NFKC-folded, lower-case name and address, for textQuery matching. */
  searchText: string;
}

/** Each area is also a place (渋谷区), found by a Text Search for its name. */
export interface AreaPlace {
  id: string;
  area: AreaKey;
  displayName: string;
  formattedAddress: string;
  types: string[];
  viewport: Rect;
  location: LatLng;
  googleMapsUri: string;
  addressComponents: AddressComponent[];
}

export type BusinessStatus = 'OPERATIONAL' | 'CLOSED_TEMPORARILY' | 'CLOSED_PERMANENTLY' | 'FUTURE_OPENING';

/** Places API (New) JSON of a place, every field the emulator knows. */
export type PlaceJson = Record<string, unknown>;

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Spatial index: cells of 0.005° (~500 m); a rectangle query visits only the cells it covers.

const CELL = 200; // cells per degree

function cellKey(latCell: number, lngCell: number): number {
  return (latCell + 20_000) * 100_000 + (lngCell + 40_000);
}

export class SpatialIndex {
  private readonly cells = new Map<number, Business[]>();
  private readonly all: Business[] = [];

  add(business: Business): void {
    const key = cellKey(Math.floor(business.location.latitude * CELL), Math.floor(business.location.longitude * CELL));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = []));
    cell.push(business);
    this.all.push(business);
  }

  get size(): number {
    return this.all.length;
  }

  /** Every business inside the rectangle (edges included). */
  query(rect: Rect): Business[] {
    const lat0 = Math.floor(rect.low.latitude * CELL);
    const lat1 = Math.floor(rect.high.latitude * CELL);
    const crosses = rect.low.longitude > rect.high.longitude;
    const lng0 = Math.floor(rect.low.longitude * CELL);
    const lng1 = Math.floor(rect.high.longitude * CELL);
    const lngCells = crosses ? Number.POSITIVE_INFINITY : lng1 - lng0 + 1;
    const cellCount = (lat1 - lat0 + 1) * lngCells;
    // Huge rectangles (a whole country) are cheaper to answer by scanning everything.
    if (!Number.isFinite(cellCount) || cellCount > this.cells.size * 2) {
      return this.all.filter((b) => inRect(rect, b.location.latitude, b.location.longitude));
    }
    const out: Business[] = [];
    for (let la = lat0; la <= lat1; la++) {
      for (let lo = lng0; lo <= lng1; lo++) {
        const cell = this.cells.get(cellKey(la, lo));
        if (!cell) continue;
        const edge = la === lat0 || la === lat1 || lo === lng0 || lo === lng1;
        for (const b of cell) {
          if (!edge || inRect(rect, b.location.latitude, b.location.longitude)) out.push(b);
        }
      }
    }
    return out;
  }

  values(): readonly Business[] {
    return this.all;
  }
}

// ---------------------------------------------------------------------------------------------
// Status on a simulated day.

export function isListed(b: Business, day: number): boolean {
  return b.openDay <= day;
}

export function isClosed(b: Business, day: number): boolean {
  return b.closeDay !== undefined && b.closeDay <= day;
}

/** Operating (or about to open, or closed for a while) and on Maps. */
export function isLive(b: Business, day: number): boolean {
  return isListed(b, day) && !isClosed(b, day);
}

/** Text Search still returns closed places for a while, as CLOSED_PERMANENTLY. */
export function isSearchable(b: Business, day: number): boolean {
  return isListed(b, day) && (b.closeDay === undefined || day - b.closeDay < CLOSED_VISIBLE_DAYS);
}

export function statusAt(b: Business, day: number): BusinessStatus {
  if (isClosed(b, day)) return 'CLOSED_PERMANENTLY';
  if (b.openingDateDay !== undefined && day < b.openingDateDay) return 'FUTURE_OPENING';
  if (b.temporarilyClosed) return 'CLOSED_TEMPORARILY';
  return 'OPERATIONAL';
}

export function reviewCountAt(b: Business, day: number): number {
  const start = Math.max(b.openDay, 0);
  const end = b.closeDay !== undefined ? Math.min(day, b.closeDay) : day;
  return b.reviewsAtListing + Math.floor(b.reviewsPerDay * Math.max(0, end - start));
}

// ---------------------------------------------------------------------------------------------
// The world.

interface Combo {
  area: Area;
  industry: Industry;
  members: Business[];
}

export interface TruthQuery {
  /** Area key (`shibuya`), full name (`東京都渋谷区`) or alias (`渋谷区`). */
  area: string;
  /** A Places type the place must carry (`hair_salon`); omitted = any type. */
  type?: string;
  day: number;
  /** Only places not permanently closed (Text Search also returns places closed < 30 days ago). */
  liveOnly?: boolean;
}

export interface WorldSnapshot {
  day: number;
  date: string;
  /** Places on Maps and not permanently closed. */
  live: Business[];
  /** Closed within the last 30 days: still returned by Text Search as CLOSED_PERMANENTLY. */
  recentlyClosed: Business[];
}

export class World {
  readonly seed: number;
  readonly areaPlaces: readonly AreaPlace[];
  readonly businesses: Business[] = [];
  /** Canonical host → site. */
  readonly sites = new Map<string, SiteSpec>();
  /** Alias host → the host it redirects to. */
  readonly redirectHosts = new Map<string, string>();
  /** websiteUri on a shared platform → place id. */
  readonly platformUrls = new Map<string, string>();
  /** All places, and per Places type. */
  readonly index = new SpatialIndex();
  readonly typeIndex = new Map<string, SpatialIndex>();
  /** Hosts of the one-of-a-kind sites tests look for. */
  readonly specialSites: { huge?: string; longRedirect?: string; redirectLoop?: string; shiftJis: string[] } = { shiftJis: [] };

  private readonly byId = new Map<string, Business | AreaPlace>();
  private readonly combos = new Map<string, Combo>();
  private readonly phones = new Set<string>();
  private readonly hostsTaken = new Set<string>();
  private readonly corpBases = new Set<string>();
  private readonly branchNames = new Set<string>();
  private readonly chainCorps = new Map<string, Corporation>();
  private readonly listedOn = new Map<number, Business[]>();
  private generatedThrough = 0;

  constructor(seed: number = DEFAULT_SEED) {
    this.seed = seed >>> 0;
    this.areaPlaces = AREAS.map((area) => this.makeAreaPlace(area));
    for (const place of this.areaPlaces) this.byId.set(place.id, place);
    // Chain domains are taken before any shop picks its own (hosts are kept without www.).
    for (const chain of CHAINS) this.hostsTaken.add(chain.host.replace(/^www\./, ''));
    for (const area of AREAS) {
      for (const industry of INDUSTRIES) this.combos.set(`${area.key}/${industry.key}`, { area, industry, members: [] });
    }
    this.generateBaseline();
  }

  // -- queries --------------------------------------------------------------------------------

  business(id: string): Business | undefined {
    const found = this.byId.get(id);
    return found && 'serial' in found ? found : undefined;
  }

  areaPlace(id: string): AreaPlace | undefined {
    const found = this.byId.get(id);
    return found && !('serial' in found) ? found : undefined;
  }

  /** Generates every simulated day up to `day` (days are generated once, in order). */
  ensureDay(day: number): void {
    if (!Number.isInteger(day) || day < 0 || day > MAX_DAY) throw new RangeError(`day must be an integer in [0, ${MAX_DAY}]`);
    while (this.generatedThrough < day) this.simulateDay(this.generatedThrough + 1);
  }

  worldAt(day: number): WorldSnapshot {
    this.ensureDay(day);
    const live: Business[] = [];
    const recentlyClosed: Business[] = [];
    for (const b of this.businesses) {
      if (isLive(b, day)) live.push(b);
      else if (isSearchable(b, day)) recentlyClosed.push(b);
    }
    return { day, date: dateOfDay(day), live, recentlyClosed };
  }

  /** Place ids a Text Search over the area's rectangle with includedType = type (strict) would match. */
  truthMatching(query: TruthQuery): string[] {
    const area = findArea(query.area);
    if (!area) throw new RangeError(`unknown area: ${query.area}`);
    this.ensureDay(query.day);
    const source = query.type ? this.typeIndex.get(query.type) : this.index;
    if (!source) return [];
    return source
      .query(area.rect)
      .filter((b) => (query.liveOnly ? isLive(b, query.day) : isSearchable(b, query.day)))
      .map((b) => b.id);
  }

  /** Places first listed on `day` (new businesses and the new ids of moved ones). */
  listedOnDay(day: number): Business[] {
    this.ensureDay(day);
    return [...(this.listedOn.get(day) ?? [])];
  }

  /** Ground truth of the website of a place, when it has one. */
  siteTruthFor(placeId: string): SiteTruth | undefined {
    const b = this.business(placeId);
    if (!b?.websiteUri) return undefined;
    if (!b.siteHost) return platformTruth(b.id, b.websiteUri);
    const spec = this.sites.get(b.siteHost);
    return spec ? siteTruth(spec, b.id, b.websiteUri) : undefined;
  }

  /** Places API JSON of a place as of `day`: every field (the server projects the field mask). */
  placeJson(id: string, day: number): PlaceJson | undefined {
    const b = this.business(id);
    if (b) return isListed(b, day) ? businessJson(b, day) : undefined;
    const areaPlace = this.areaPlace(id);
    return areaPlace ? areaPlaceJson(areaPlace) : undefined;
  }

  // -- generation -----------------------------------------------------------------------------

  private generateBaseline(): void {
    for (const area of AREAS) {
      for (const industry of INDUSTRIES) {
        const rng = Rng.derive(this.seed, `baseline:${area.key}:${industry.key}`);
        const target = VOLUMES[area.key][industry.key].baseline;
        let made = 0;
        for (const chain of CHAINS) {
          if (chain.industry !== industry.key) continue;
          for (let i = 0; i < (chain.branches[area.key] ?? 0); i++, made++) {
            this.addBusiness(rng, area, industry, baselineOpenDay(rng), chain);
          }
        }
        for (; made < target; made++) this.addBusiness(rng, area, industry, baselineOpenDay(rng));
        // Places that closed shortly before the baseline: not live, still in search for a while.
        const closedBefore = Math.round(target * 0.03);
        for (let i = 0; i < closedBefore; i++) {
          const b = this.addBusiness(rng, area, industry, baselineOpenDay(rng) - 60);
          b.closeDay = -rng.int(1, 45);
        }
      }
    }
    this.assignSpecialSites();
  }

  private simulateDay(day: number): void {
    const rng = Rng.derive(this.seed, `day:${day}`);
    for (const combo of this.combos.values()) {
      const { area, industry } = combo;
      const volume = VOLUMES[area.key][industry.key];
      const dense = area.key === 'shibuya' && industry.key === 'hair_salon';
      const count = dense ? Math.max(SHIBUYA_HAIR_MIN_NEW_PER_DAY, rng.poisson(volume.newPerDay)) : rng.poisson(volume.newPerDay);
      const chains = CHAINS.filter((c) => c.industry === industry.key);
      for (let i = 0; i < count; i++) {
        const chain = chains.length > 0 && rng.chance(0.07) ? rng.pick(chains) : undefined;
        this.addBusiness(rng, area, industry, day, chain);
      }
      const liveCount = volume.baseline; // close enough for rates; avoids a scan per day
      const closures = rng.poisson(liveCount * CLOSE_RATE_PER_DAY);
      for (let i = 0; i < closures; i++) {
        const victim = this.pickLive(rng, combo, day);
        if (victim) victim.closeDay = day;
      }
      const moves = rng.poisson(liveCount * MOVE_RATE_PER_DAY);
      for (let i = 0; i < moves; i++) {
        const mover = this.pickLive(rng, combo, day);
        if (mover) this.move(rng, mover, day);
      }
    }
    this.generatedThrough = day;
  }

  private pickLive(rng: Rng, combo: Combo, day: number): Business | undefined {
    for (let attempt = 0; attempt < 20; attempt++) {
      const b = rng.pick(combo.members);
      if (b.openDay < day && b.closeDay === undefined) return b;
    }
    return undefined;
  }

  /** The old id closes with movedPlaceId; a new id with the same name and phone opens elsewhere. */
  private move(rng: Rng, old: Business, day: number): void {
    const area = AREA_BY_KEY.get(old.area) as Area;
    const industry = INDUSTRY_BY_KEY.get(old.industry) as Industry;
    const town = pickTown(rng, area);
    const place = this.makeAddress(rng, area, town);
    const serial = this.businesses.length;
    const moved: Business = {
      ...old,
      id: this.newId(serial),
      serial,
      town: town.name,
      ...place,
      googleMapsUri: mapsUri(Rng.derive(this.seed, `cid:${serial}`)),
      reviewsAtListing: reviewCountAt(old, day),
      openDay: day,
      temporarilyClosed: false,
      movedFromId: old.id,
      searchText: fold(`${old.displayName} ${place.formattedAddress}`),
    };
    delete moved.openingDateDay;
    delete moved.closeDay;
    delete moved.movedPlaceId;
    old.closeDay = day;
    old.movedPlaceId = moved.id;
    this.register(moved, area, industry);
    if (moved.siteHost) this.sites.get(moved.siteHost)?.businessIds.push(moved.id);
    if (moved.websiteUri && !moved.siteHost) this.platformUrls.set(moved.websiteUri, moved.id);
  }

  private addBusiness(rng: Rng, area: Area, industry: Industry, openDay: number, chain?: ChainDef): Business {
    const serial = this.businesses.length;
    const r = Rng.derive(this.seed, `business:${serial}:${rng.uint32()}`);
    const town = pickTown(r, area);
    const subtype = chain ? (industry.subtypes.find((s) => s.primaryType === chain.primaryType) ?? (industry.subtypes[0] as Subtype)) : pickSubtype(r, industry);
    const corporate = chain ? true : r.chance(industry.corporate);
    const isNew = openDay > 0;

    let displayName: string;
    let domainStem = '';
    let corporation: Corporation | undefined;
    let branchSlug: string | undefined;
    const address = this.makeAddress(r, area, town);
    if (chain) {
      const branch = branchName(chain, town, this.branchNames);
      displayName = branch.name;
      branchSlug = branch.slug;
      corporation = this.chainCorporation(chain, address.formattedAddress);
    } else {
      const naming = independentName(r, industry.key, subtype, area, town, corporate);
      displayName = naming.displayName;
      domainStem = naming.domainStem;
      if (naming.legal) corporation = this.makeCorporation(r, area, industry.key, naming.legal.kind, naming.legal.name, openDay, address.formattedAddress);
    }

    const phones = this.makePhone(r, area, industry.key, corporate);
    const reviews = initialReviews(r, industry.key, openDay);
    const hasOpeningDate = isNew ? r.chance(0.65) : openDay > -365 ? r.chance(0.55) : r.chance(0.06);
    const openingDateDay = hasOpeningDate ? (isNew ? openDay + r.int(-3, 7) : openDay) : undefined;
    const types = [...new Set([subtype.primaryType, ...subtype.types, ...industry.types])];

    const b: Business = {
      id: this.newId(serial),
      serial,
      area: area.key,
      industry: industry.key,
      town: town.name,
      displayName,
      primaryType: subtype.primaryType,
      primaryTypeDisplayName: subtype.displayName,
      types,
      ...address,
      ...phones,
      googleMapsUri: mapsUri(Rng.derive(this.seed, `cid:${serial}`)),
      rating: reviews.rating,
      reviewsAtListing: reviews.count,
      reviewsPerDay: reviews.perDay,
      openDay,
      ...(openingDateDay !== undefined ? { openingDateDay } : {}),
      temporarilyClosed: !isNew && r.chance(0.008),
      hours: makeHours(r, industry.key),
      ...(chain ? { chainKey: chain.key } : {}),
      ...(corporation ? { corporation } : {}),
      searchText: fold(`${displayName} ${address.formattedAddress}`),
    };
    this.attachWebsite(r, b, area, industry, town, corporate, domainStem, chain, branchSlug);
    this.register(b, area, industry);
    return b;
  }

  private register(b: Business, area: Area, industry: Industry): void {
    this.businesses.push(b);
    this.byId.set(b.id, b);
    this.index.add(b);
    for (const type of b.types) {
      let index = this.typeIndex.get(type);
      if (!index) this.typeIndex.set(type, (index = new SpatialIndex()));
      index.add(b);
    }
    (this.combos.get(`${area.key}/${industry.key}`) as Combo).members.push(b);
    if (b.openDay > 0) {
      let list = this.listedOn.get(b.openDay);
      if (!list) this.listedOn.set(b.openDay, (list = []));
      list.push(b);
    }
  }

  private newId(serial: number): string {
    const r = Rng.derive(this.seed, `id:${serial}`);
    for (;;) {
      const id = `ChIJ${r.chars(ID_ALPHABET, 23)}`;
      if (!this.byId.has(id)) return id;
    }
  }

  private makeAreaPlace(area: Area): AreaPlace {
    const r = Rng.derive(this.seed, `area:${area.key}`);
    const id = `ChIJ${r.chars(ID_ALPHABET, 23)}`;
    const center = {
      latitude: round7((area.rect.low.latitude + area.rect.high.latitude) / 2),
      longitude: round7((area.rect.low.longitude + area.rect.high.longitude) / 2),
    };
    const components: AddressComponent[] = [component(area.ward, area.types)];
    if (area.city) components.push(component(area.city, ['locality', 'political']));
    components.push(component(area.prefecture, ['administrative_area_level_1', 'political']), { longText: '日本', shortText: 'JP', types: ['country', 'political'], languageCode: 'ja' });
    return {
      id,
      area: area.key,
      displayName: area.ward,
      formattedAddress: `日本、${area.prefecture}${area.city}${area.ward}`,
      types: area.types,
      viewport: area.rect,
      location: center,
      googleMapsUri: mapsUri(r),
      addressComponents: components,
    };
  }

  private makeAddress(rng: Rng, area: Area, town: Town) {
    const location = sampleLocation(rng, area, town);
    const chome = town.chome > 0 ? rng.int(1, town.chome) : 0;
    const block = rng.int(1, town.chome > 0 ? 28 : 40);
    const lot = rng.int(1, 24);
    const style = rng.next();
    let numbers: string;
    if (style < 0.75) numbers = chome ? `${fullWidthDigits(chome)}丁目${fullWidthDigits(block)}−${fullWidthDigits(lot)}` : `${fullWidthDigits(block)}−${fullWidthDigits(lot)}`;
    else if (style < 0.83) numbers = chome ? `${fullWidthDigits(chome)}丁目${fullWidthDigits(block)}番${fullWidthDigits(lot)}号` : `${fullWidthDigits(block)}番${fullWidthDigits(lot)}号`;
    else if (style < 0.93) numbers = chome ? `${fullWidthDigits(chome)}−${fullWidthDigits(block)}−${fullWidthDigits(lot)}` : `${fullWidthDigits(block)}−${fullWidthDigits(lot)}`;
    else numbers = chome ? `${chome}-${block}-${lot}` : `${block}-${lot}`;
    const building = rng.chance(0.55) ? buildingName(rng, town) : '';
    const locality = `${area.prefecture}${area.city}${area.ward}`;
    const withPostal = rng.chance(0.92);
    const formattedAddress = `日本、${withPostal ? `〒${town.postalCode} ` : ''}${locality}${town.name}${numbers}${building ? ` ${building}` : ''}`;
    const shortFormattedAddress = `${area.city ? '' : area.ward}${town.name}${numbers}`;
    const addressComponents: AddressComponent[] = [
      component(fullWidthDigits(lot), ['premise']),
      component(fullWidthDigits(block), ['sublocality_level_4', 'sublocality', 'political']),
    ];
    if (chome) addressComponents.push(component(`${fullWidthDigits(chome)}丁目`, ['sublocality_level_3', 'sublocality', 'political']));
    addressComponents.push(component(town.name, ['sublocality_level_2', 'sublocality', 'political']));
    addressComponents.push(component(area.ward, area.types));
    if (area.city) addressComponents.push(component(area.city, ['locality', 'political']));
    addressComponents.push(
      component(area.prefecture, ['administrative_area_level_1', 'political']),
      { longText: '日本', shortText: 'JP', types: ['country', 'political'], languageCode: 'ja' },
      component(town.postalCode, ['postal_code']),
    );
    return { formattedAddress, shortFormattedAddress, addressComponents, postalCode: town.postalCode, location };
  }

  private makePhone(rng: Rng, area: Area, industry: IndustryKey, corporate: boolean): { nationalPhoneNumber?: string; internationalPhoneNumber?: string } {
    const kind = rng.weighted(
      ['none', 'fixed', 'toll_free', 'mobile', 'ip'],
      [0.08, 0.835, industry === 'hair_salon' ? 0.01 : 0.035, corporate ? 0.01 : industry === 'hair_salon' ? 0.07 : 0.03, 0.015],
    );
    if (kind === 'none') return {};
    for (;;) {
      let national: string;
      const d = (n: number) => rng.chars('0123456789', n);
      if (kind === 'toll_free') national = `0120-${rng.int(1, 9)}${d(2)}-${d(3)}`;
      else if (kind === 'mobile') national = `${rng.pick(['090', '080', '070'])}-${rng.int(1, 9)}${d(3)}-${d(4)}`;
      else if (kind === 'ip') national = `050-${rng.int(1, 9)}${d(3)}-${d(4)}`;
      else if (area.localDigits === 4) national = `${area.areaCode}-${rng.pick(area.areaCode === '06' ? ['6', '6', '4'] : ['3', '5', '6', '6'])}${d(3)}-${d(4)}`;
      else national = `${area.areaCode}-${rng.pick(['7', '7', '4', '5', '2'])}${d(2)}-${d(4)}`;
      if (this.phones.has(national)) continue;
      this.phones.add(national);
      return { nationalPhoneNumber: national, internationalPhoneNumber: internationalPhone(national) };
    }
  }

  private makeCorporation(rng: Rng, area: Area, industry: IndustryKey, kind: LegalKind, legalName: string, openDay: number, address: string): Corporation {
    // Young businesses are often young companies; old ones were founded before they opened here.
    const foundedDay = openDay > -400 && rng.chance(0.5) ? openDay - rng.int(0, 120) : openDay - rng.int(0, 5000);
    const employees = rng.chance(0.42) ? skewed(rng, ...EMPLOYEES[industry]) : undefined;
    return {
      legalName,
      kind,
      corporateNumber: this.newCorporateNumber(rng, area.registryCode, kind),
      establishedDate: dateOfDay(Math.max(foundedDay, -28_000)),
      ...(employees !== undefined ? { employees } : {}),
      ...(kind === '株式会社' || kind === '合同会社' || kind === '有限会社' ? { capitalYen: rng.pick([1, 3, 5, 10, 10, 20, 30, 50]) * 1_000_000 } : {}),
      representative: representativeName(rng),
      headOfficeAddress: address.replace(/^日本、(〒\d{3}-\d{4} )?/, ''),
    };
  }

  private chainCorporation(chain: ChainDef, firstAddress: string): Corporation {
    const existing = this.chainCorps.get(chain.key);
    if (existing) return existing;
    const rng = Rng.derive(this.seed, `chain:${chain.key}`);
    const corp: Corporation = {
      legalName: chain.legalName,
      kind: chain.legalKind,
      corporateNumber: this.newCorporateNumber(rng, '0110', chain.legalKind),
      establishedDate: `${chain.establishedYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      employees: chain.employees,
      ...(chain.legalKind === '株式会社' || chain.legalKind === '有限会社' ? { capitalYen: rng.pick([10, 30, 50, 90]) * 1_000_000 } : {}),
      representative: representativeName(rng),
      headOfficeAddress: firstAddress.replace(/^日本、(〒\d{3}-\d{4} )?/, ''),
    };
    this.chainCorps.set(chain.key, corp);
    return corp;
  }

  private newCorporateNumber(rng: Rng, registryCode: string, kind: LegalKind): string {
    const kindCode = kind === '株式会社' || kind === '有限会社' ? '01' : kind === '合同会社' ? '03' : '05';
    for (;;) {
      const base = `${registryCode}${kindCode}${rng.chars('0123456789', 6)}`;
      if (this.corpBases.has(base)) continue;
      this.corpBases.add(base);
      return corporateNumber(base);
    }
  }

  private attachWebsite(rng: Rng, b: Business, area: Area, industry: Industry, town: Town, corporate: boolean, domainStem: string, chain?: ChainDef, branchSlug?: string): void {
    if (chain) {
      if (rng.chance(0.04)) return;
      const spec = this.chainSite(chain);
      b.websiteUri = `${spec.scheme}://${spec.host}/${chain.branchPath}/${branchSlug}/`;
      b.siteHost = spec.host;
      spec.businessIds.push(b.id);
      return;
    }
    if (rng.chance(industry.noWebsite)) return;
    const kind = rng.weighted(...WEBSITE_KINDS[industry.key]);
    if (kind !== 'own') {
      b.websiteUri = this.platformUrl(rng, kind, area, domainStem);
      this.platformUrls.set(b.websiteUri, b.id);
      return;
    }
    const host = this.ownHost(rng, domainStem, town, corporate);
    const scheme = rng.chance(0.9) ? 'https' : 'http';
    const spec = planSite(Rng.derive(this.seed, `site:${host}`), {
      host,
      scheme,
      kind: 'own',
      industry: industry.key,
      title: b.displayName,
      corporate,
      emailDomain: host.replace(/^www\./, ''),
      freeMailStem: domainStem.replace(/-/g, '.'),
    });
    if (spec.role === 'redirect') {
      const bare = host.replace(/^www\./, '');
      const first = host.startsWith('www.') ? bare : `www.${host}`;
      spec.aliasHosts = [first];
      this.redirectHosts.set(first, host);
      if (rng.chance(0.4)) {
        const old = `${bare.split('.')[0]}-old.${rng.pick(['com', 'net', 'jp'])}`;
        if (!this.hostsTaken.has(old)) {
          this.hostsTaken.add(old);
          spec.aliasHosts.unshift(old);
          this.redirectHosts.set(old, first);
        }
      }
    }
    spec.businessIds.push(b.id);
    this.sites.set(host, spec);
    b.siteHost = host;
    const entryHost = spec.aliasHosts[0] ?? host;
    b.websiteUri = `${scheme}://${entryHost}/${rng.chance(0.05) ? 'index.html' : ''}`;
  }

  private chainSite(chain: ChainDef): SiteSpec {
    const existing = this.sites.get(chain.host);
    if (existing) {
      if (existing.chainKey !== chain.key) throw new Error(`host ${chain.host} taken by another site`);
      return existing;
    }
    const spec = planSite(Rng.derive(this.seed, `site:${chain.host}`), {
      host: chain.host,
      scheme: 'https',
      kind: 'chain',
      industry: chain.industry,
      title: chain.brand,
      corporate: true,
      emailDomain: chain.host.replace(/^www\./, ''),
      freeMailStem: chain.key,
      chainKey: chain.key,
    });
    // Chains keep their sites up: no broken chain site, and no alias to follow.
    spec.role = 'normal';
    spec.contactPath ??= '/contact/';
    spec.companyPath ??= '/company/';
    this.sites.set(chain.host, spec);
    return spec;
  }

  private ownHost(rng: Rng, stem: string, town: Town, corporate: boolean): string {
    const tld = corporate ? rng.weighted(['.co.jp', '.jp', '.com', '.net', '.tokyo'], [0.4, 0.3, 0.2, 0.06, 0.04]) : rng.weighted(['.jp', '.com', '.net', '.tokyo', '.info'], [0.35, 0.4, 0.15, 0.06, 0.04]);
    const www = rng.chance(0.55) ? 'www.' : '';
    for (let i = 0; i < 60; i++) {
      const bare = `${i === 0 ? stem : i === 1 ? `${stem}-${town.slug}` : `${stem}${i}`}${tld}`;
      if (this.hostsTaken.has(bare)) continue;
      this.hostsTaken.add(bare);
      return `${www}${bare}`;
    }
    throw new Error(`no host left for ${stem}`);
  }

  private platformUrl(rng: Rng, kind: WebsiteKind, area: Area, stem: string): string {
    const pref = area.prefSlug === 'tokyo' ? '13' : area.prefSlug === 'osaka' ? '27' : '40';
    for (;;) {
      const digits = (n: number) => rng.chars('0123456789', n);
      const handle = `${stem.replace(/-/g, rng.pick(['_', '.', '']))}${rng.chance(0.4) ? rng.int(1, 999) : ''}`;
      let url: string;
      if (kind === 'ameblo') url = `https://ameblo.jp/${handle.replace(/[._]/g, '-')}/`;
      else if (kind === 'jimdo') url = `https://${handle.replace(/[._]/g, '-')}.jimdofree.com/`;
      else if (kind === 'hotpepper_beauty') url = `https://beauty.hotpepper.jp/slnH000${digits(6)}/`;
      else if (kind === 'hotpepper_gourmet') url = `https://www.hotpepper.jp/strJ00${digits(7)}/`;
      else if (kind === 'tabelog') url = `https://tabelog.com/${area.prefSlug}/A${pref}0${rng.int(1, 9)}/A${pref}0${rng.int(1, 9)}0${rng.int(1, 9)}/${pref}${digits(6)}/`;
      else url = `https://www.instagram.com/${handle}/`;
      if (this.platformUrls.has(url)) continue;
      return url;
    }
  }

  /** One site of each rare kind (huge page, long redirect chain, redirect loop, Shift_JIS). */
  private assignSpecialSites(): void {
    const rng = Rng.derive(this.seed, 'special-sites');
    const plain = [...this.sites.values()].filter((s) => s.kind === 'own' && s.role === 'normal' && !s.refusal);
    rng.shuffle(plain);
    const take = (): SiteSpec => {
      const spec = plain.pop();
      if (!spec) throw new Error('not enough sites for the special ones');
      return spec;
    };
    const repoint = (spec: SiteSpec, path: string) => {
      for (const id of spec.businessIds) {
        const b = this.business(id);
        if (b) b.websiteUri = `${spec.scheme}://${spec.host}${path}`;
      }
    };
    const huge = take();
    huge.role = 'huge';
    this.specialSites.huge = huge.host;
    const long = take();
    long.role = 'long_redirect';
    repoint(long, '/r/1');
    this.specialSites.longRedirect = long.host;
    const loop = take();
    loop.role = 'redirect_loop';
    repoint(loop, '/loop/a');
    this.specialSites.redirectLoop = loop.host;
    for (let i = 0; i < 2; i++) {
      const sjis = take();
      sjis.encoding = 'shift_jis';
      this.specialSites.shiftJis.push(sjis.host);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Pieces of a business.

type WebsiteKind = 'own' | 'ameblo' | 'jimdo' | 'hotpepper_beauty' | 'hotpepper_gourmet' | 'tabelog' | 'instagram';

const WEBSITE_KINDS: Record<IndustryKey, [WebsiteKind[], number[]]> = {
  hair_salon: [['own', 'hotpepper_beauty', 'instagram', 'ameblo', 'jimdo'], [0.45, 0.35, 0.12, 0.05, 0.03]],
  dentist: [['own', 'ameblo', 'jimdo'], [0.9, 0.04, 0.06]],
  general_contractor: [['own', 'jimdo', 'ameblo'], [0.8, 0.12, 0.08]],
  accounting: [['own', 'jimdo', 'ameblo'], [0.88, 0.08, 0.04]],
  restaurant: [['own', 'tabelog', 'hotpepper_gourmet', 'instagram', 'ameblo'], [0.3, 0.3, 0.1, 0.25, 0.05]],
  real_estate_agency: [['own', 'jimdo', 'ameblo'], [0.9, 0.05, 0.05]],
};

/** [min, max] of employee counts when known; most firms are small. */
const EMPLOYEES: Record<IndustryKey, [number, number]> = {
  hair_salon: [1, 25],
  dentist: [3, 30],
  general_contractor: [1, 40],
  accounting: [2, 45],
  restaurant: [2, 40],
  real_estate_agency: [1, 30],
};

function skewed(rng: Rng, min: number, max: number): number {
  const r = rng.next();
  return Math.round(Math.exp(Math.log(min) + r * r * (Math.log(max) - Math.log(min))));
}

function baselineOpenDay(rng: Rng): number {
  return rng.chance(0.12) ? -rng.int(0, 365) : -rng.int(366, 9000);
}

function pickTown(rng: Rng, area: Area): Town {
  return rng.weighted(area.towns, area.towns.map((t) => t.weight));
}

function pickSubtype(rng: Rng, industry: Industry): Subtype {
  return rng.weighted(industry.subtypes, industry.subtypes.map((s) => s.weight));
}

function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** Clustered around the town's centre (tighter near busy stations), never outside the area. */
function sampleLocation(rng: Rng, area: Area, town: Town): LatLng {
  const sigmaM = town.weight >= 7 ? 220 : 340;
  const dLat = sigmaM / 111_000;
  const dLng = sigmaM / (111_000 * Math.cos((town.lat * Math.PI) / 180));
  for (let attempt = 0; attempt < 60; attempt++) {
    const latitude = town.lat + rng.normal() * dLat;
    const longitude = town.lng + rng.normal() * dLng;
    if (inExclusiveRegion(area, latitude, longitude)) return { latitude: round7(latitude), longitude: round7(longitude) };
  }
  for (;;) {
    const latitude = area.rect.low.latitude + rng.next() * (area.rect.high.latitude - area.rect.low.latitude);
    const longitude = area.rect.low.longitude + rng.next() * (area.rect.high.longitude - area.rect.low.longitude);
    if (inExclusiveRegion(area, latitude, longitude)) return { latitude: round7(latitude), longitude: round7(longitude) };
  }
}

const BUILDING_SUFFIXES = ['ビル', 'ビル', 'ビルディング', 'ハイツ', 'マンション', 'プラザ', 'スクエア', 'テラス', 'ハウス'];

function buildingName(rng: Rng, town: Town): string {
  const style = rng.int(0, 5);
  const suffix = rng.pick(BUILDING_SUFFIXES);
  const name = [
    `${town.name}${suffix}`,
    `第${fullWidthDigits(rng.int(1, 5))}${rng.pick(['山田', '鈴木', '松本', '共同', '中央', '丸'])}ビル`,
    `${town.station}駅前ビル`,
    `${rng.pick(['ライオンズ', 'パーク', 'グラン', 'シティ', 'メゾン', 'アーバン'])}${town.name}${suffix}`,
    `${rng.pick(['KDX', 'NS', 'TK', 'AB', 'MK'])}${town.name}ビル`,
    `${rng.pick(['サンライズ', 'エクセル', 'ロイヤル', 'ベルエア', 'フォーラム'])}${suffix}`,
  ][style] as string;
  const floor = rng.weighted(
    [`${rng.int(1, 8)}F`, `${fullWidthDigits(rng.int(1, 8))}階`, `${rng.int(1, 8)}階`, 'B1F', `${rng.int(1, 6)}0${rng.int(1, 5)}`, `${fullWidthDigits(rng.int(1, 6))}０${fullWidthDigits(rng.int(1, 5))}号室`, ''],
    [0.35, 0.15, 0.12, 0.05, 0.12, 0.08, 0.13],
  );
  return floor ? `${name} ${floor}` : name;
}

const REVIEW_MU: Record<IndustryKey, number> = {
  hair_salon: 2.6,
  dentist: 2.8,
  general_contractor: 1.0,
  accounting: 0.6,
  restaurant: 3.4,
  real_estate_agency: 1.8,
};

/** Review counts are heavy-tailed: many 0–30, a few hundreds; new places start with 0–3. */
function initialReviews(rng: Rng, industry: IndustryKey, openDay: number): { count: number; rating: number; perDay: number } {
  let rating = Math.min(5, Math.max(1, 4.15 + rng.normal() * 0.45));
  if (openDay > 0) {
    const count = rng.weighted([0, 1, 2, 3], [0.55, 0.25, 0.12, 0.08]);
    if (count > 0 && count <= 3) rating = rng.chance(0.7) ? 5 : rng.pick([1, 3, 4]);
    return { count, rating: Math.round(rating * 10) / 10, perDay: 0.01 + rng.next() * 0.2 };
  }
  const age = -openDay;
  const ageFactor = Math.min(1, age / 365);
  let count = Math.max(0, Math.floor(Math.exp(REVIEW_MU[industry] + 1.3 * rng.normal()) * ageFactor) - 1);
  if (rng.chance(industry === 'accounting' || industry === 'general_contractor' ? 0.3 : 0.08)) count = 0;
  if (count > 0 && count < 5) rating = Math.min(5, Math.max(1, rating + rng.normal() * 0.6));
  return { count, rating: Math.round(rating * 10) / 10, perDay: (count / Math.max(age, 200)) * (0.5 + rng.next()) };
}

const HOURS: Record<IndustryKey, (rng: Rng) => Hours> = {
  hair_salon: (rng) => ({ open: rng.pick([600, 630, 660]), close: rng.pick([1140, 1200, 1260]), closedDays: [rng.pick([1, 2, 2, 2])] }),
  dentist: () => ({ open: 570, breakStart: 780, breakEnd: 870, close: 1140, closedDays: [0, 4] }),
  general_contractor: () => ({ open: 540, close: 1080, closedDays: [0] }),
  accounting: () => ({ open: 540, close: 1050, closedDays: [0, 6] }),
  restaurant: (rng) => ({ open: 690, breakStart: 870, breakEnd: 1050, close: rng.pick([1320, 1380, 1410]), closedDays: rng.chance(0.5) ? [0] : rng.chance(0.5) ? [1] : [] }),
  real_estate_agency: () => ({ open: 600, close: 1140, closedDays: [3] }),
};

function makeHours(rng: Rng, industry: IndustryKey): Hours {
  return HOURS[industry](rng);
}

function mapsUri(rng: Rng): string {
  const cid = (BigInt(rng.uint32()) << 32n) | BigInt(rng.uint32());
  return `https://maps.google.com/?cid=${cid.toString()}`;
}

function component(text: string, types: string[]): AddressComponent {
  return { longText: text, shortText: text, types, languageCode: 'ja' };
}

// ---------------------------------------------------------------------------------------------
// Places API JSON.

const hm = (minutes: number) => ({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
const hmJa = (minutes: number) => `${Math.floor(minutes / 60)}時${String(minutes % 60).padStart(2, '0')}分`;

export function openingHoursJson(hours: Hours) {
  const periods: unknown[] = [];
  const descriptions: string[] = [];
  // weekdayDescriptions start on Monday, as Google's do.
  for (const day of [1, 2, 3, 4, 5, 6, 0]) {
    const label = WEEKDAYS_JA[day] as string;
    if (hours.closedDays.includes(day)) {
      descriptions.push(`${label}: 定休日`);
      continue;
    }
    const spans: [number, number][] = hours.breakStart !== undefined && hours.breakEnd !== undefined ? [[hours.open, hours.breakStart], [hours.breakEnd, hours.close]] : [[hours.open, hours.close]];
    for (const [from, to] of spans) periods.push({ open: { day, ...hm(from) }, close: { day, ...hm(to) } });
    descriptions.push(`${label}: ${spans.map(([from, to]) => `${hmJa(from)}～${hmJa(to)}`).join(', ')}`);
  }
  return { periods, weekdayDescriptions: descriptions };
}

function businessJson(b: Business, day: number): PlaceJson {
  const reviews = reviewCountAt(b, day);
  const status = statusAt(b, day);
  const json: PlaceJson = {
    name: `places/${b.id}`,
    id: b.id,
    types: b.types,
  };
  if (b.nationalPhoneNumber) json.nationalPhoneNumber = b.nationalPhoneNumber;
  if (b.internationalPhoneNumber) json.internationalPhoneNumber = b.internationalPhoneNumber;
  json.formattedAddress = b.formattedAddress;
  json.addressComponents = b.addressComponents;
  json.location = b.location;
  json.viewport = {
    low: { latitude: round7(b.location.latitude - 0.0013), longitude: round7(b.location.longitude - 0.0013) },
    high: { latitude: round7(b.location.latitude + 0.0013), longitude: round7(b.location.longitude + 0.0013) },
  };
  if (reviews > 0) json.rating = b.rating;
  json.googleMapsUri = b.googleMapsUri;
  if (b.websiteUri) json.websiteUri = b.websiteUri;
  if (status !== 'CLOSED_PERMANENTLY') json.regularOpeningHours = openingHoursJson(b.hours);
  json.utcOffsetMinutes = 540;
  json.businessStatus = status;
  if (reviews > 0) json.userRatingCount = reviews;
  json.displayName = { text: b.displayName, languageCode: 'ja' };
  json.primaryTypeDisplayName = { text: b.primaryTypeDisplayName, languageCode: 'ja' };
  json.shortFormattedAddress = b.shortFormattedAddress;
  json.primaryType = b.primaryType;
  if (b.openingDateDay !== undefined) json.openingDate = googleDateOfDay(b.openingDateDay);
  if (b.movedPlaceId && isClosed(b, day)) json.movedPlaceId = b.movedPlaceId;
  json.timeZone = { id: 'Asia/Tokyo' };
  return json;
}

function areaPlaceJson(place: AreaPlace): PlaceJson {
  return {
    name: `places/${place.id}`,
    id: place.id,
    types: place.types,
    formattedAddress: place.formattedAddress,
    addressComponents: place.addressComponents,
    location: place.location,
    viewport: place.viewport,
    googleMapsUri: place.googleMapsUri,
    utcOffsetMinutes: 540,
    displayName: { text: place.displayName, languageCode: 'ja' },
    shortFormattedAddress: place.displayName,
    primaryType: place.types[0],
    timeZone: { id: 'Asia/Tokyo' },
  };
}

// ---------------------------------------------------------------------------------------------
// Entry points.

const worlds = new Map<number, World>();

/** A fresh world (not shared); use getWorld() unless you need an independent copy. */
export function generateWorld(seed: number = DEFAULT_SEED): World {
  return new World(seed);
}

/** The world of a seed, generated once per process and shared (it only grows, day by day). */
export function getWorld(seed: number = DEFAULT_SEED): World {
  let world = worlds.get(seed);
  if (!world) worlds.set(seed, (world = new World(seed)));
  return world;
}

/** Truth of the shared world: place ids a rectangle + strict includedType search would match. */
export function truthMatching(query: TruthQuery & { seed?: number }): string[] {
  return getWorld(query.seed).truthMatching(query);
}

export function worldAt(day: number, seed?: number): WorldSnapshot {
  return getWorld(seed).worldAt(day);
}
