// Which records are one company. Evidence is combined, never one field alone:
//   - the same place id;
//   - the same (non-weak) phone with a similar name, or at the same building number;
//   - the same building number with a similar name;
//   - the same site identity with the same phone, or at the same building number;
//   - the same name on the same user site of a shared host (ameblo.jp/x, x.jimdofree.com).
// The same domain with different phones and addresses is a chain, not a duplicate; two firms in
// one building differ by name; a toll-free or navi-dial number is no evidence at all.
//
// clusterRecords is linear in the number of records: records meet only in blocks (a key, a
// phone, a building number, found by a counting sort of small integers), and union-find joins
// them. Compared with matchKeys (the exact keys the Worker hashes, where "similar name" is "the
// same name key"), clusterRecords differs in exactly these ways:
//   Looser:
//   1. records of one phone block (non-weak phone), or of one building-number block, join when
//      their names are similar without being equal (similarNames; strict for a building, where
//      neighbours' names are no evidence) — blocks of at most FUZZY_BLOCK_LIMIT records;
//   2. the same name with the same site, an own domain too, or with the same weak phone joins,
//      unless the two records show different building numbers or different strong phones, and
//      only into a cluster every member of which it fits (never into two).
//   Stricter:
//   3. a phone the batch shares among ≥ 3 different names at ≥ 2 different building numbers (a
//      head office or reservation line) is weak for the batch;
//   4. site+ph and site+ad do not join records whose names name different branches, and site+nm
//      (user sites) is guarded as in 2.
import { addressKey, foldName, nameKeyString, normaliseName, normalisePhone, normaliseWebsite, type NameKey } from './normalise.ts';

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

/** What is left of a name core without its trade words (美容室ポノ → ポノ): the part a registered name carries. */
export const distinctiveName = (core: string): string => nameParts(core).distinctive;

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

const bitsFor = (count: number): number => Math.max(1, Math.ceil(Math.log2(count + 1)));

/**
 * Values of one field per record, kept as 64-bit hashes (two independent 32-bit halves) rather
 * than strings: nothing but two numbers survives a record's normalisation, which spares the
 * garbage collector a batch of 100,000. Two different values meet on one hash with odds of about
 * 1 in 10^9 for 100,000 distinct values — the Worker's HMAC keys make the same bet.
 */
class Hashes {
  readonly high: Uint32Array;
  readonly low: Uint32Array;
  readonly present: Uint8Array;

  constructor(n: number) {
    this.high = new Uint32Array(n);
    this.low = new Uint32Array(n);
    this.present = new Uint8Array(n);
  }

  set(index: number, text: string): void {
    // FNV-1a, and a multiply-xorshift mix seeded apart from it.
    let a = 0x811c9dc5;
    let b = 0x9747b28c ^ text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      b ^= b >>> 13;
    }
    b = Math.imul(b ^ (b >>> 15), 0x85ebca6b);
    this.high[index] = a >>> 0;
    this.low[index] = (b ^ (b >>> 16)) >>> 0;
    this.present[index] = 1;
  }
}

/**
 * Small integers for the distinct values of one field (-1: none), so that keys are numbers.
 * Hashes are packed with their record's index into one double and sorted natively (a Map of
 * 100,000 keys costs several times more), and a run of one high half is split by the low half.
 */
function intern(values: Hashes): { ids: Int32Array; count: number } {
  const n = values.present.length;
  const ids = new Int32Array(n).fill(-1);
  let count = 0;
  const indexBits = bitsFor(n);
  if (indexBits > 21) {
    const byHash = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      if (!values.present[i]) continue;
      const key = (values.high[i] as number) * 2 ** 21 + ((values.low[i] as number) >>> 11);
      let id = byHash.get(key);
      if (id === undefined) byHash.set(key, (id = count++));
      ids[i] = id;
    }
    return { ids, count };
  }
  const scale = 2 ** indexBits;
  const packed = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (values.present[i]) packed[m++] = (values.high[i] as number) * scale + i;
  const sorted = packed.subarray(0, m).sort();
  for (let t = 0; t < m; ) {
    const high = Math.floor((sorted[t] as number) / scale);
    let end = t + 1;
    while (end < m && Math.floor((sorted[end] as number) / scale) === high) end++;
    const head = (sorted[t] as number) - high * scale;
    if (end - t === 1) {
      ids[head] = count++;
    } else {
      const byLow = new Map<number, number>();
      for (let u = t; u < end; u++) {
        const i = (sorted[u] as number) - high * scale;
        const low = values.low[i] as number;
        let id = byLow.get(low);
        if (id === undefined) byLow.set(low, (id = count++));
        ids[i] = id;
      }
    }
    t = end;
  }
  return { ids, count };
}

/** A group of records: `order[from]` … `order[to - 1]`, in record order. */
type Visit = (order: Int32Array, from: number, to: number) => void;

/**
 * Visits the groups of ≥ 2 records that share a key (a, or the pair a, b; -1 = none): a counting
 * sort by a (linear, no Map), then, inside the rare buckets of several records, a sort by b.
 * Groups are spans of one index array, so that no array is made per group.
 */
function eachGroup(a: Int32Array, b: Int32Array | null, aCount: number, visit: Visit): void {
  const n = a.length;
  const starts = new Int32Array(aCount + 1);
  for (let i = 0; i < n; i++) {
    const ai = a[i] as number;
    if (ai >= 0 && (!b || (b[i] as number) >= 0)) starts[ai + 1] = (starts[ai + 1] as number) + 1;
  }
  for (let k = 0; k < aCount; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  const order = new Int32Array(starts[aCount] as number);
  const fill = starts.slice(0, aCount);
  for (let i = 0; i < n; i++) {
    const ai = a[i] as number;
    if (ai >= 0 && (!b || (b[i] as number) >= 0)) order[(fill[ai] as number)++] = i;
  }
  for (let k = 0; k < aCount; k++) {
    const from = starts[k] as number;
    const to = starts[k + 1] as number;
    if (to - from < 2) continue;
    if (!b) {
      visit(order, from, to);
      continue;
    }
    // Records of one b stay in record order.
    order.subarray(from, to).sort((x, y) => (b[x] as number) - (b[y] as number) || x - y);
    for (let run = from; run < to; ) {
      let end = run + 1;
      while (end < to && b[order[end] as number] === b[order[run] as number]) end++;
      if (end - run >= 2) visit(order, run, end);
      run = end;
    }
  }
}

/**
 * A cluster id for each record (same index): `c<i>`, i the smallest index in the cluster, so
 * records of one company share an id and a record alone gets its own. Linear in the number of
 * records (plus a native sort of packed numbers): records meet only through shared keys.
 */
export function clusterRecords(records: RecordInput[]): string[] {
  const n = records.length;
  const sets = new UnionFind(n);
  // Names repeat (chains, namesakes, a firm typed twice): each spelling is normalised once.
  const rawNames = new Hashes(n);
  for (let i = 0; i < n; i++) {
    const name = records[i]?.name;
    if (name) rawNames.set(i, name);
  }
  const spellingIds = intern(rawNames);
  const spellings: (NameKey | undefined)[] = new Array(spellingIds.count);
  const spellingKeys = new Hashes(spellingIds.count);
  const nameKeys: (NameKey | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const spelling = spellingIds.ids[i] as number;
    if (spelling < 0) continue;
    let name = spellings[spelling];
    if (!name) {
      name = spellings[spelling] = normaliseName(records[i]?.name as string);
      if (name.core !== '') spellingKeys.set(spelling, nameKeyString(name));
    }
    nameKeys[i] = name;
  }
  const nameIds = intern(spellingKeys);
  const nameOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const spelling = spellingIds.ids[i] as number;
    if (spelling >= 0) nameOf[i] = nameIds.ids[spelling] as number;
  }
  const namesCount = nameIds.count;

  // The other fields are normalised and reduced to hashes, then to small integers.
  const addressKeys = new Hashes(n);
  const phoneKeys = new Hashes(n);
  const weakType = new Uint8Array(n);
  const siteKeys = new Hashes(n);
  const placeKeys = new Hashes(n);
  for (let i = 0; i < n; i++) {
    const record = records[i] as RecordInput;
    if (record.address) {
      const key = addressKey(record.address);
      if (key) addressKeys.set(i, key);
    }
    if (record.phone) {
      const phone = normalisePhone(record.phone);
      if (phone) {
        phoneKeys.set(i, phone.e164);
        weakType[i] = phone.weak ? 1 : 0;
      }
    }
    if (record.website) {
      const site = normaliseWebsite(record.website);
      if (site) siteKeys.set(i, site.siteId);
    }
    const placeId = record.placeId?.trim();
    if (placeId) placeKeys.set(i, placeId.startsWith('places/') ? placeId.slice(7) : placeId);
  }
  const addresses = intern(addressKeys);
  const addressOf = addresses.ids;
  const addressesCount = addresses.count;
  const phoneIds = intern(phoneKeys);
  const anyPhone = phoneIds.ids;
  const phones = phoneIds.count;
  const typeStrongPhone = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if ((anyPhone[i] as number) >= 0 && !weakType[i]) typeStrongPhone[i] = anyPhone[i] as number;
  const siteIds = intern(siteKeys);
  const siteOf = siteIds.ids;
  const sitesCount = siteIds.count;
  const places = intern(placeKeys);

  // Phones the batch shares among ≥ 3 different names at ≥ 2 different building numbers.
  const sharedPhone = new Uint8Array(phones);
  eachGroup(typeStrongPhone, null, phones, (order, from, to) => {
    if (to - from < 3) return;
    const distinctNames = new Set<number>();
    const distinctAddresses = new Set<number>();
    for (let t = from; t < to; t++) {
      const i = order[t] as number;
      if ((nameOf[i] as number) >= 0) distinctNames.add(nameOf[i] as number);
      if ((addressOf[i] as number) >= 0) distinctAddresses.add(addressOf[i] as number);
    }
    if (distinctNames.size >= 3 && distinctAddresses.size >= 2) sharedPhone[typeStrongPhone[order[from] as number] as number] = 1;
  });
  const strongPhone = new Int32Array(n).fill(-1);
  const weakPhone = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const phone = anyPhone[i] as number;
    if (phone < 0) continue;
    if ((typeStrongPhone[i] as number) >= 0 && !sharedPhone[phone]) strongPhone[i] = phone;
    else weakPhone[i] = phone;
  }

  // The exact keys join at once: pid, ph+nm, ph+ad, ad+nm.
  const joinAll: Visit = (order, from, to) => {
    for (let t = from + 1; t < to; t++) sets.union(order[from] as number, order[t] as number);
  };
  eachGroup(places.ids, null, places.count, joinAll);
  eachGroup(strongPhone, nameOf, phones, joinAll);
  eachGroup(strongPhone, addressOf, phones, joinAll);
  eachGroup(addressOf, nameOf, addressesCount, joinAll);

  // Joins each member of a block to the one cluster of earlier members it fits (every one of
  // them); a member that fits several clusters (branches written without their branch, a record
  // with too little to tell them apart) joins none.
  const joinGuarded =
    (fits: (i: number, j: number) => boolean): Visit =>
    (order, from, to) => {
      const limit = Math.min(to, from + FUZZY_BLOCK_LIMIT);
      for (let x = from + 1; x < limit; x++) {
        const i = order[x] as number;
        const verdicts = new Map<number, boolean>();
        for (let y = from; y < x; y++) {
          const j = order[y] as number;
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
  // site+ph and site+ad, unless the names name different branches.
  const differentBranches = (i: number, j: number) => {
    const a = nameKeys[i];
    const b = nameKeys[j];
    return a?.branch != null && b?.branch != null && a.branch !== b.branch;
  };
  eachGroup(siteOf, strongPhone, sitesCount, joinGuarded((i, j) => !differentBranches(i, j)));
  eachGroup(siteOf, addressOf, sitesCount, joinGuarded((i, j) => !differentBranches(i, j)));
  // The same name with the same site (own domain too) or the same weak phone: one company
  // unless the records show different building numbers or different strong phones.
  const evidenceConflicts = (i: number, j: number): boolean => {
    const ai = addressOf[i] as number;
    const aj = addressOf[j] as number;
    if (ai >= 0 && aj >= 0 && ai !== aj) return true;
    const pi = strongPhone[i] as number;
    const pj = strongPhone[j] as number;
    return pi >= 0 && pj >= 0 && pi !== pj;
  };
  eachGroup(siteOf, nameOf, sitesCount, joinGuarded((i, j) => !evidenceConflicts(i, j)));
  eachGroup(weakPhone, nameOf, phones, joinGuarded((i, j) => !evidenceConflicts(i, j)));

  // Similar names within a phone block or a building-number block.
  const fuzzy =
    (similar: (a: NameKey, b: NameKey) => boolean): Visit =>
    (order, from, to) => {
      if (to - from > FUZZY_BLOCK_LIMIT) return;
      for (let x = from + 1; x < to; x++) {
        const i = order[x] as number;
        const a = nameKeys[i];
        if (!a) continue;
        for (let y = from; y < x; y++) {
          const j = order[y] as number;
          const b = nameKeys[j];
          if (b && sets.find(i) !== sets.find(j) && similar(a, b)) sets.union(i, j);
        }
      }
    };
  eachGroup(strongPhone, null, phones, fuzzy(similarNames));
  eachGroup(addressOf, null, addressesCount, fuzzy((a, b) => similarNames(a, b, { strict: true })));

  const smallest = new Int32Array(n).fill(-1);
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    if ((smallest[root] as number) < 0) smallest[root] = i;
    ids[i] = `c${smallest[root]}`;
  }
  return ids;
}
