// Text Search semantics of the emulator, pure: validating a request body the way Places API (New)
// does, reading a textQuery (area names, industry words, other words), matching and ranking the
// synthetic world's places, and projecting a place onto a field mask.
import { AREAS, inRect, type Area, type LatLng, type Rect } from './areas.ts';
import { fold, reviewCountAt, type AreaPlace, type Business, type PlaceJson, type World } from './dataset.ts';
import { CLOSED_VISIBLE_DAYS, KEYWORD_TYPES, SUPPORTED_TYPES } from './industries.ts';
import { hash32, type Rng } from './random.ts';

/** An error the real API would answer with `{"error":{"code","message","status"}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const invalid = (message: string) => new ApiError(400, 'INVALID_ARGUMENT', message);

export interface Circle {
  center: LatLng;
  radius: number;
}

export interface SearchTextBody {
  textQuery: string;
  languageCode?: string;
  regionCode?: string;
  includedType?: string;
  strictTypeFiltering?: boolean;
  locationRestriction?: { rectangle: Rect };
  locationBias?: { rectangle?: Rect; circle?: Circle };
  pageSize: number;
  pageToken?: string;
  minRating?: number;
  openNow?: boolean;
  rankPreference?: string;
}

/** Fields of SearchTextRequest the real API knows; anything else is rejected like it does. */
const KNOWN_FIELDS = new Set([
  'textQuery', 'languageCode', 'regionCode', 'rankPreference', 'includedType', 'openNow', 'minRating',
  'maxResultCount', 'pageSize', 'pageToken', 'priceLevels', 'strictTypeFiltering', 'locationBias',
  'locationRestriction', 'evOptions', 'routingParameters', 'searchAlongRouteParameters',
  'includePureServiceAreaBusinesses',
]);

/** Results of one query across all its pages. */
export const MAX_RESULTS = 60;
export const DEFAULT_PAGE_SIZE = 20;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function latLng(value: unknown, where: string): LatLng {
  if (!isObject(value)) throw invalid(`Invalid ${where}: expected an object with latitude and longitude.`);
  const { latitude, longitude } = value;
  if (typeof latitude !== 'number' || latitude < -90 || latitude > 90) throw invalid(`Invalid ${where}.latitude.`);
  if (typeof longitude !== 'number' || longitude < -180 || longitude > 180) throw invalid(`Invalid ${where}.longitude.`);
  return { latitude, longitude };
}

function rectangle(value: unknown, where: string): Rect {
  if (!isObject(value)) throw invalid(`Invalid ${where}.`);
  const low = latLng(value.low, `${where}.low`);
  const high = latLng(value.high, `${where}.high`);
  if (low.latitude > high.latitude) throw invalid(`Invalid ${where}: low.latitude must not be greater than high.latitude.`);
  return { low, high };
}

/** Validates a Text Search body; throws ApiError(400) as the real API would. */
export function parseSearchTextBody(raw: unknown): SearchTextBody {
  if (!isObject(raw)) throw invalid('Invalid JSON payload received. Expected an object.');
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) throw invalid(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  }
  const { textQuery } = raw;
  if (typeof textQuery !== 'string' || textQuery.trim() === '') throw invalid('Missing required field: textQuery.');
  const body: SearchTextBody = { textQuery, pageSize: DEFAULT_PAGE_SIZE };

  for (const key of ['languageCode', 'regionCode', 'includedType', 'pageToken', 'rankPreference'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw invalid(`Invalid value at '${key}': expected a string.`);
    if (value !== '') body[key] = value;
  }
  for (const key of ['strictTypeFiltering', 'openNow'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw invalid(`Invalid value at '${key}': expected a boolean.`);
    body[key] = value;
  }
  if (body.includedType !== undefined && !SUPPORTED_TYPES.has(body.includedType)) throw invalid(`Unsupported types: ${body.includedType}.`);

  // pageSize wins over the deprecated maxResultCount; 0 means unset (proto3).
  const size = raw.pageSize ?? raw.maxResultCount;
  if (size !== undefined && size !== 0) {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 20) throw invalid('Invalid page_size: must be an integer between 1 and 20.');
    body.pageSize = size;
  }
  if (raw.minRating !== undefined) {
    if (typeof raw.minRating !== 'number' || raw.minRating < 0 || raw.minRating > 5) throw invalid('Invalid min_rating: must be between 0.0 and 5.0.');
    body.minRating = Math.ceil(raw.minRating * 2) / 2; // the API rounds up to the nearest 0.5
  }
  if (raw.locationRestriction !== undefined && raw.locationBias !== undefined) {
    throw invalid('Only one of location_bias and location_restriction may be set.');
  }
  if (raw.locationRestriction !== undefined) {
    const r = raw.locationRestriction;
    if (!isObject(r) || r.rectangle === undefined) throw invalid('location_restriction must be a rectangle (viewport) in Text Search.');
    if (Object.keys(r).length !== 1) throw invalid('location_restriction must hold exactly one of its fields.');
    body.locationRestriction = { rectangle: rectangle(r.rectangle, 'locationRestriction.rectangle') };
  }
  if (raw.locationBias !== undefined) {
    const b = raw.locationBias;
    if (!isObject(b) || Object.keys(b).length !== 1) throw invalid('location_bias must hold exactly one of rectangle or circle.');
    if (b.rectangle !== undefined) body.locationBias = { rectangle: rectangle(b.rectangle, 'locationBias.rectangle') };
    else if (isObject(b.circle)) {
      const radius = b.circle.radius;
      if (typeof radius !== 'number' || radius < 0 || radius > 50_000) throw invalid('Invalid locationBias.circle.radius: must be between 0 and 50000.');
      body.locationBias = { circle: { center: latLng(b.circle.center, 'locationBias.circle.center'), radius } };
    } else throw invalid('location_bias must hold exactly one of rectangle or circle.');
  }
  return body;
}

/** Parameters a later page must repeat: everything but pageToken and the page size. */
export function searchKey(body: SearchTextBody): string {
  const { pageToken: _token, pageSize: _size, ...rest } = body;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

// ---------------------------------------------------------------------------------------------
// Reading a textQuery.

const AREA_ALIASES: readonly [string, Area][] = AREAS.flatMap((area) => area.aliases.map((alias) => [fold(alias), area] as [string, Area])).sort(
  (a, b) => b[0].length - a[0].length,
);
const STOP_WORDS = new Set(['近く', '周辺', '付近', 'おすすめ', '人気', 'near', 'in', 'the', 'me', 'の']);

export interface QueryTerms {
  /** Area named in the query (restricts results when no locationRestriction is given). */
  area?: Area;
  /** Industry words, each with the types that satisfy it. */
  keywords: { word: string; types: readonly string[] }[];
  /** Other words: must appear in the name or address. */
  tokens: string[];
}

export function readQuery(textQuery: string): QueryTerms {
  let q = ` ${fold(textQuery)} `;
  let area: Area | undefined;
  for (const [alias, candidate] of AREA_ALIASES) {
    if (!q.includes(alias)) continue;
    area ??= candidate;
    q = q.split(alias).join(' ');
  }
  const keywords: QueryTerms['keywords'] = [];
  for (const [word, types] of KEYWORD_TYPES) {
    if (!q.includes(word)) continue;
    keywords.push({ word, types });
    q = q.split(word).join(' ');
  }
  const tokens = q
    .split(/[\s、,，・/]+/)
    .map((t) => t.replace(/駅$/, ''))
    .filter((t) => t.length > 0 && !STOP_WORDS.has(t));
  return { ...(area ? { area } : {}), keywords, tokens };
}

// ---------------------------------------------------------------------------------------------
// Matching and ranking.

export interface SearchOptions {
  day: number;
  /** Probability that a matching place is left out of this query's results. */
  jitter?: number;
  /** Draws the jitter; a different stream per request makes identical queries differ. */
  rng?: Rng;
}

export type SearchHit = { kind: 'business'; business: Business } | { kind: 'area'; place: AreaPlace };

function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

function inBias(bias: SearchTextBody['locationBias'], at: LatLng): boolean {
  if (!bias) return false;
  if (bias.rectangle) return inRect(bias.rectangle, at.latitude, at.longitude);
  return bias.circle !== undefined && haversineMeters(bias.circle.center, at) <= bias.circle.radius;
}

/** The ids a query returns, best first, at most 60 (all pages together). */
export function searchText(world: World, body: SearchTextBody, options: SearchOptions): SearchHit[] {
  const { day } = options;
  const terms = readQuery(body.textQuery);
  const restriction = body.locationRestriction?.rectangle;
  const strictType = body.strictTypeFiltering && body.includedType ? body.includedType : undefined;

  // A query that is only an area's name finds the area itself (how discovery learns its viewport).
  if (terms.keywords.length === 0 && terms.tokens.length === 0 && !body.includedType) {
    const area = terms.area;
    if (!area) return [];
    const place = world.areaPlaces.find((p) => p.area === area.key);
    if (!place || (restriction && !inRect(restriction, place.location.latitude, place.location.longitude))) return [];
    return [{ kind: 'area', place }];
  }

  const index = strictType ? world.typeIndex.get(strictType) : world.index;
  if (!index) return [];
  const areaFilter = restriction ? undefined : terms.area;
  const pool = restriction ? index.query(restriction) : areaFilter ? index.query(areaFilter.rect) : index.values();

  // Plain loops: this runs over thousands of places per request.
  const keywordTypes = terms.keywords.map((k) => new Set(k.types));
  const matched: Business[] = [];
  for (const b of pool) {
    if (b.openDay > day || (b.closeDay !== undefined && day - b.closeDay >= CLOSED_VISIBLE_DAYS)) continue;
    if (areaFilter && b.area !== areaFilter.key) continue;
    if (!matchesAll(b, terms, keywordTypes)) continue;
    if (body.minRating !== undefined && (reviewCountAt(b, day) === 0 || b.rating < body.minRating)) continue;
    matched.push(b);
  }

  // Relevance: a stable draw per (query, place). Prominence moves a place earlier, as on Maps:
  // well-reviewed places, and complete listings (with a website and a phone) that established
  // businesses keep.
  const rankSeed = hash32(searchKey(body));
  const scores = new Float64Array(matched.length);
  for (let i = 0; i < matched.length; i++) {
    const b = matched[i] as Business;
    const reviews = reviewCountAt(b, day);
    const popularity = Math.min(1, Math.log10(1 + reviews) / 3) * (reviews > 0 ? b.rating / 5 : 0.5);
    const completeness = (b.websiteUri ? 0.25 : 0) + (b.nationalPhoneNumber ? 0.1 : 0);
    let score = hash32(b.id, rankSeed) / 4294967296 - 0.35 * popularity - completeness;
    if (b.closeDay !== undefined && b.closeDay <= day) score += 0.3;
    if (body.locationBias && inBias(body.locationBias, b.location)) score -= 0.5;
    // Without strict filtering, includedType only ranks its places first.
    if (body.includedType && !strictType && !b.types.includes(body.includedType)) score += 10;
    if (body.rankPreference === 'DISTANCE' && body.locationBias?.circle) score = haversineMeters(body.locationBias.circle.center, b.location);
    scores[i] = score;
  }

  const jitter = Math.min(options.jitter ?? 0, 0.99);
  const draw = (): boolean => jitter > 0 && options.rng !== undefined && options.rng.next() < jitter;
  // Only the best few hundred need sorting; fall back to all of them if jitter eats too many.
  const wanted = Math.ceil((MAX_RESULTS / (1 - jitter)) * 1.5) + 20;
  let order = bestIndices(scores, matched, wanted);
  let out = take(order, matched, draw);
  if (out.length < MAX_RESULTS && order.length < matched.length) {
    order = bestIndices(scores, matched, matched.length);
    out = take(order, matched, draw);
  }
  return out;
}

function matchesAll(b: Business, terms: QueryTerms, keywordTypes: Set<string>[]): boolean {
  for (let k = 0; k < keywordTypes.length; k++) {
    const types = keywordTypes[k] as Set<string>;
    let ok = false;
    for (const t of b.types) {
      if (types.has(t)) {
        ok = true;
        break;
      }
    }
    if (!ok && !b.searchText.includes((terms.keywords[k] as { word: string }).word)) return false;
  }
  for (const token of terms.tokens) if (!b.searchText.includes(token)) return false;
  return true;
}

/** Indices of the `count` lowest scores, sorted (ties by place id, for a stable order). */
function bestIndices(scores: Float64Array, places: Business[], count: number): number[] {
  let indices = Array.from({ length: scores.length }, (_, i) => i);
  if (count < scores.length) {
    const threshold = Float64Array.from(scores).sort()[count - 1] as number;
    indices = indices.filter((i) => (scores[i] as number) <= threshold);
  }
  return indices.sort((x, y) => (scores[x] as number) - (scores[y] as number) || ((places[x] as Business).id < (places[y] as Business).id ? -1 : 1));
}

function take(order: number[], places: Business[], leftOut: () => boolean): SearchHit[] {
  const out: SearchHit[] = [];
  for (const i of order) {
    if (leftOut()) continue;
    out.push({ kind: 'business', business: places[i] as Business });
    if (out.length === MAX_RESULTS) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Field masks.

function pick(value: unknown, path: string[]): unknown {
  if (path.length === 0) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => pick(item, path)).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  if (!isObject(value)) return undefined;
  const [head, ...rest] = path as [string, ...string[]];
  const inner = pick(value[head], rest);
  return inner === undefined ? undefined : { [head]: inner };
}

function merge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (isObject(existing) && isObject(value)) merge(existing, value);
    else into[key] = value;
  }
}

/** The place with only the masked paths (`displayName`, `displayName.text`, `*`). */
export function projectPlace(place: PlaceJson, paths: readonly string[]): PlaceJson {
  if (paths.includes('*')) return place;
  const out: Record<string, unknown> = {};
  // Walk the place's own key order so responses read like Google's.
  for (const key of Object.keys(place)) {
    for (const path of paths) {
      const segments = path.split('.');
      if (segments[0] !== key) continue;
      const picked = pick(place, segments);
      if (isObject(picked)) merge(out, structuredClone(picked));
    }
  }
  return out;
}
