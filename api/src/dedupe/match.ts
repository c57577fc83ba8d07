// Which records are one company. Evidence is combined, never one field alone:
//   - the same place id;
//   - the same (non-weak) phone with a similar name, or at the same building number;
//   - the same building number with a similar name;
//   - the same site identity with the same phone, or at the same building number.
// The same domain with different phones and addresses is a chain, not a duplicate; two firms in
// one building differ by name; a toll-free or navi-dial number is no evidence at all.
//
// clusterRecords is linear: records meet only through blocks (a key, a phone, a building number),
// union-find joins them. Compared with matchKeys (the exact keys the Worker hashes), it also:
//   1. joins records of one phone block, or of one building-number block, whose names are
//      similar without being equal (similarNames: the same distinctive words once trade words
//      and branch words are set aside, or close character bigrams), blocks of ≤ FUZZY_BLOCK_LIMIT;
//   2. treats as weak a phone that the batch shares among ≥ 3 different names at ≥ 2 different
//      building numbers (a head office or reservation line);
//   3. does not let site+ph / site+ad join two records whose names name different branches.
// 2 and 3 make it stricter than the keys on those records, 1 looser.
import { recordFeatures, type RecordFeatures } from './keys.ts';
import { foldName, type NameKey } from './normalise.ts';

export interface RecordInput {
  placeId?: string | null;
  name?: string | null;
  address?: string | null;
  phone?: string | null;
  website?: string | null;
}

/** Larger blocks (a tower full of offices) are only joined on exact keys. */
export const FUZZY_BLOCK_LIMIT = 64;

// ---------------------------------------------------------------------------------------------
// Name similarity.

/** Words that say what a business does rather than which one it is (folded like names). */
const TRADE_WORDS = [
  '美容室', '美容院', 'ヘアサロン', 'ヘアーサロン', 'ヘアー', 'ヘア', 'サロン', '理容室', '理容', '理髪店', 'バーバー', 'ネイル', 'エステ', 'まつげ',
  'hair', 'salon', 'beauty', 'spa', 'design', 'make', 'nail', 'barber', 'esthe', 'eyelash', 'studio', 'atelier',
  '歯科医院', '矯正歯科', '小児歯科', '歯科', '医院', 'クリニック', 'デンタル', 'オフィス', 'dental', 'clinic', 'office', '病院', '診療所',
  '整骨院', '接骨院', '鍼灸', '整体',
  '工務店', '建設', '建築', '住建', 'ホーム', 'リフォーム', '設計', '塗装', '設備', '工業', '電気', 'ハウス', 'home', 'house',
  '税理士事務所', '会計事務所', '税務会計', '総合会計', '会計', '税務', '税理士', '事務所', '法律', '司法書士', '行政書士', 'tax', 'accounting',
  '不動産', '住宅センター', '住宅', 'ハウジング', 'エステート', 'estate', 'housing', 'realty', '地所',
  '食堂', '居酒屋', '酒場', '大衆酒場', 'ラーメン', 'らーめん', '麺屋', '中華そば', 'そば', 'うどん', 'つけ麺', '和食', '割烹', '日本料理', '料理',
  '鮨', '寿司', 'すし処', 'すし', '鮨処', 'カフェ', 'cafe', 'coffee', 'roasters', '珈琲', '喫茶', 'trattoria', 'osteria', 'pizzeria',
  'イタリアン', '中華料理', '飯店', '餃子', '四川料理', '焼肉', '炭火焼肉', 'ホルモン', '炉端', 'ビストロ', 'bistro', 'dining', 'ダイニング',
  'レストラン', 'restaurant', '洋食', '定食屋', '定食', 'バー', 'bar', 'キッチン', 'kitchen',
  '商店', '商事', '企画', '本舗', 'グループ', 'group', 'japan', 'ジャパン',
]
  .map(foldName)
  .filter((word, index, all) => word !== '' && all.indexOf(word) === index)
  .sort((a, b) => b.length - a.length);

interface NameParts {
  trades: Set<string>;
  distinctive: string;
}

const partsCache = new Map<string, NameParts>();

/** The trade words of a core and what is left of it (hairsalonsora → {hair, salon}, sora). */
function nameParts(core: string): NameParts {
  const cached = partsCache.get(core);
  if (cached) return cached;
  const trades = new Set<string>();
  let rest = core;
  for (const word of TRADE_WORDS) {
    if (!rest.includes(word)) continue;
    trades.add(word);
    rest = rest.split(word).join('\u0000');
  }
  const parts = { trades, distinctive: rest.replace(/\u0000/g, '') };
  if (partsCache.size > 50_000) partsCache.clear();
  partsCache.set(core, parts);
  return parts;
}

function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = [...text];
  if (chars.length === 1) grams.set(text, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = (chars[i] as string) + (chars[i + 1] as string);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice coefficient of character bigrams, 0 … 1. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [gram, count] of ga) {
    shared += Math.min(count, gb.get(gram) ?? 0);
    total += count;
  }
  for (const count of gb.values()) total += count;
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * Whether two names could be one business written two ways. Different branches never are; nor
 * are names of different trades (佐藤歯科 / 佐藤不動産). Otherwise the distinctive parts must be
 * equal (Hair Salon SORA ~ SORA), one must hold the other (≥ 3 characters), or their character
 * bigrams must be close (Dice ≥ 0.75). `strict` (for records that share only an address, where
 * neighbours' names are no evidence): the trade words of one must all be in the other, and the
 * distinctive parts equal or close (Dice ≥ 0.8), never merely contained.
 */
export function similarNames(a: NameKey, b: NameKey, options: { strict?: boolean } = {}): boolean {
  if (a.core === '' || b.core === '') return false;
  if (a.branch !== null && b.branch !== null && a.branch !== b.branch) return false;
  if (a.core === b.core) return true;
  const pa = nameParts(a.core);
  const pb = nameParts(b.core);
  if (options.strict) {
    const [fewer, more] = pa.trades.size <= pb.trades.size ? [pa.trades, pb.trades] : [pb.trades, pa.trades];
    if (![...fewer].every((word) => more.has(word))) return false;
  } else if (pa.trades.size > 0 && pb.trades.size > 0 && ![...pa.trades].some((word) => pb.trades.has(word))) {
    return false;
  }
  const da = pa.distinctive;
  const db = pb.distinctive;
  if (da === '' || db === '') return false;
  if (da === db) return true;
  if (options.strict) return bigramSimilarity(da, db) >= 0.8;
  const [shorter, longer] = da.length <= db.length ? [da, db] : [db, da];
  if (shorter.length >= 3 && longer.includes(shorter)) return true;
  return bigramSimilarity(da, db) >= 0.75;
}

// ---------------------------------------------------------------------------------------------
// Union-find.

class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    let node = x;
    while (this.parent[node] !== node) {
      const grand = this.parent[this.parent[node] as number] as number;
      this.parent[node] = grand;
      node = grand;
    }
    return node;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
  }
}

// ---------------------------------------------------------------------------------------------
// Clustering.

/** Records by block key: one index while a block has one member (most do), a list after. */
class Blocks<K> {
  private readonly map = new Map<K, number | number[]>();

  /** Adds the record; returns the block's first member when there was one. */
  add(key: K, index: number): number | undefined {
    const found = this.map.get(key);
    if (found === undefined) {
      this.map.set(key, index);
      return undefined;
    }
    if (typeof found === 'number') {
      this.map.set(key, [found, index]);
      return found;
    }
    found.push(index);
    return found[0];
  }

  /** Blocks of two members or more. */
  *shared(): Generator<[K, number[]]> {
    for (const [key, members] of this.map) if (typeof members !== 'number') yield [key, members];
  }
}

/** Small integers for the distinct values of one field, so that composite keys are numbers. */
class Interner {
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
  }
}

// Composite keys as numbers: kind · 2^48 + a · 2^24 + b (exact below 2^53 for < 16M values).
const A = 2 ** 24;
const KIND = 2 ** 48;
const K_PHONE_NAME = 1;
const K_PHONE_ADDRESS = 2;
const K_ADDRESS_NAME = 3;
const K_SITE_PHONE = 4;
const K_SITE_ADDRESS = 5;
const K_SITE_NAME = 6;
const K_WEAK_PHONE_NAME = 7;
const pair = (kind: number, a: number, b: number): number => kind * KIND + a * A + b;

const branchesConflict = (a: RecordFeatures, b: RecordFeatures): boolean =>
  a.name?.branch != null && b.name?.branch != null && a.name.branch !== b.name.branch;

/**
 * A cluster id for each record (same index): `c<i>`, i the smallest index in the cluster, so
 * records of one company share an id and a record alone gets its own. Linear in the number of
 * records: records meet only through shared keys and blocks.
 */
export function clusterRecords(records: RecordInput[]): string[] {
  return clusterFeatures(records.map(recordFeatures));
}

export function clusterFeatures(features: readonly RecordFeatures[]): string[] {
  const n = features.length;
  const sets = new UnionFind(n);
  const phones = new Interner();
  const names = new Interner();
  const addresses = new Interner();
  const sites = new Interner();
  const places = new Interner();
  const phoneOf = new Int32Array(n).fill(-1); // any phone, weak or not
  const nameOf = new Int32Array(n).fill(-1);
  const addressOf = new Int32Array(n).fill(-1);
  const siteOf = new Int32Array(n).fill(-1);
  const byPhone = new Blocks<number>(); // strong phones only
  const byAddress = new Blocks<number>();
  for (let i = 0; i < n; i++) {
    const f = features[i] as RecordFeatures;
    if (f.phone) phoneOf[i] = phones.id(f.phone.e164);
    if (f.nameKey) nameOf[i] = names.id(f.nameKey);
    if (f.address?.key) addressOf[i] = addresses.id(f.address.key);
    if (f.site) siteOf[i] = sites.id(f.site.siteId);
    if (f.phone && !f.phone.weak) byPhone.add(phoneOf[i] as number, i);
    if (f.address?.key) byAddress.add(addressOf[i] as number, i);
  }

  // Phones the batch shares among ≥ 3 different names at ≥ 2 different building numbers.
  const shared = new Set<number>();
  for (const [phone, members] of byPhone.shared()) {
    if (members.length < 3) continue;
    const distinctNames = new Set<number>();
    const distinctAddresses = new Set<number>();
    for (const i of members) {
      if ((nameOf[i] as number) >= 0) distinctNames.add(nameOf[i] as number);
      if ((addressOf[i] as number) >= 0) distinctAddresses.add(addressOf[i] as number);
    }
    if (distinctNames.size >= 3 && distinctAddresses.size >= 2) shared.add(phone);
  }
  const strongPhone = (i: number): number => {
    const f = features[i] as RecordFeatures;
    const id = phoneOf[i] as number;
    return f.phone && !f.phone.weak && !shared.has(id) ? id : -1;
  };

  // The exact keys join at once (pid, ph+nm, ph+ad, ad+nm); site+ph and site+ad, and the
  // guarded blocks — the same name with the same site (own domain too) or with the same weak
  // phone — join member by member below.
  const firstOfPlace = new Map<number, number>();
  const exact = new Map<number, number>();
  const guarded = new Blocks<number>();
  const join = (key: number, i: number) => {
    const earlier = exact.get(key);
    if (earlier === undefined) exact.set(key, i);
    else sets.union(earlier, i);
  };
  for (let i = 0; i < n; i++) {
    const f = features[i] as RecordFeatures;
    if (f.placeId) {
      const place = places.id(f.placeId);
      const earlier = firstOfPlace.get(place);
      if (earlier === undefined) firstOfPlace.set(place, i);
      else sets.union(earlier, i);
    }
    const phone = strongPhone(i);
    const name = nameOf[i] as number;
    const address = addressOf[i] as number;
    const site = siteOf[i] as number;
    if (phone >= 0 && name >= 0) join(pair(K_PHONE_NAME, phone, name), i);
    if (phone >= 0 && address >= 0) join(pair(K_PHONE_ADDRESS, phone, address), i);
    if (address >= 0 && name >= 0) join(pair(K_ADDRESS_NAME, address, name), i);
    if (site >= 0 && phone >= 0) guarded.add(pair(K_SITE_PHONE, site, phone), i);
    if (site >= 0 && address >= 0) guarded.add(pair(K_SITE_ADDRESS, site, address), i);
    if (site >= 0 && name >= 0) guarded.add(pair(K_SITE_NAME, site, name), i);
    if (name >= 0 && phone < 0 && (phoneOf[i] as number) >= 0) guarded.add(pair(K_WEAK_PHONE_NAME, phoneOf[i] as number, name), i);
  }

  // Records that cannot be one place: different building numbers, or different strong phones.
  const evidenceConflicts = (i: number, j: number): boolean => {
    const ai = addressOf[i] as number;
    const aj = addressOf[j] as number;
    if (ai >= 0 && aj >= 0 && ai !== aj) return true;
    const pi = strongPhone(i);
    const pj = strongPhone(j);
    return pi >= 0 && pj >= 0 && pi !== pj;
  };

  // Joins each member of a block to the one cluster of earlier members it fits (every one of
  // them); a member that fits several clusters (branches written without their branch, a record
  // with too little to tell them apart) joins none.
  const joinGuarded = (members: readonly number[], fits: (i: number, j: number) => boolean) => {
    const limit = Math.min(members.length, FUZZY_BLOCK_LIMIT);
    for (let x = 1; x < limit; x++) {
      const i = members[x] as number;
      const verdicts = new Map<number, boolean>();
      for (let y = 0; y < x; y++) {
        const j = members[y] as number;
        const root = sets.find(j);
        verdicts.set(root, (verdicts.get(root) ?? true) && fits(i, j));
      }
      let only = -1;
      let count = 0;
      for (const [root, fit] of verdicts) {
        if (!fit) continue;
        only = root;
        count++;
      }
      if (count === 1) sets.union(i, only);
    }
  };
  for (const [key, members] of guarded.shared()) {
    const kind = Math.floor(key / KIND);
    if (kind === K_SITE_PHONE || kind === K_SITE_ADDRESS) joinGuarded(members, (i, j) => !branchesConflict(features[i] as RecordFeatures, features[j] as RecordFeatures));
    else joinGuarded(members, (i, j) => !evidenceConflicts(i, j));
  }

  // Similar names within a phone block or a building-number block.
  const fuzzy = (members: readonly number[], similar: (a: NameKey, b: NameKey) => boolean) => {
    if (members.length > FUZZY_BLOCK_LIMIT) return;
    for (let x = 1; x < members.length; x++) {
      const i = members[x] as number;
      const a = features[i]?.name;
      if (!a) continue;
      for (let y = 0; y < x; y++) {
        const j = members[y] as number;
        const b = features[j]?.name;
        if (b && sets.find(i) !== sets.find(j) && similar(a, b)) sets.union(i, j);
      }
    }
  };
  for (const [phone, members] of byPhone.shared()) if (!shared.has(phone)) fuzzy(members, similarNames);
  const strict = (a: NameKey, b: NameKey) => similarNames(a, b, { strict: true });
  for (const [, members] of byAddress.shared()) fuzzy(members, strict);

  const smallest = new Int32Array(n).fill(-1);
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    if ((smallest[root] as number) < 0) smallest[root] = i;
    ids[i] = `c${smallest[root]}`;
  }
  return ids;
}
