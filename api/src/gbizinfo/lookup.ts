// Which registered corporation a lead is: the gBizINFO calls and the order they are tried in.
// The decision for each set of candidates is matchCorporation's (pure); this file only chooses
// what to ask gBizINFO, from the strongest evidence to the weakest:
//
//   1. the 法人番号 the lead's website publishes: one GET, accepted when the registered name is
//      the one the site gives (a typo'd number is no evidence);
//   2. the operator's name the website publishes (会社概要: 会社名 有限会社竹内商事), searched in the
//      prefecture of the address the site gives (else the lead's) and matched with that address —
//      this is how a shop whose sign says "hair make GALA" is found to be 有限会社竹内商事;
//   3. the lead's own name on Maps: its core (ソラ for 株式会社ソラ), then without trade words
//      (美容室 ポノ → ポノ), matched with the lead's address;
//   4. the katakana reading of a name written in romaji (hair make SORA → ソラ, HIKARI → ヒカリ),
//      matched with the lead's address. Only words that read as Hepburn romaji get one: LIBERTE
//      (株式会社リベルテ) or MINT is a loanword whose katakana no rule gives, and is not guessed.
//
// Every match but the 法人番号 needs the same address to the block (match.ts), which is what
// keeps a wrong reading or a common name from giving a lead another company.
import { isKatakana, toKatakana } from 'wanakana';
import { distinctiveName } from '../dedupe/match.ts';
import { foldName, normaliseAddress, normaliseName, PREFECTURES } from '../dedupe/normalise.ts';
import type { Operator } from '../screening/operator.ts';
import type { Corporation, GbizinfoClient } from './client.ts';
import { matchCorporation, type LeadIdentity } from './match.ts';

export interface CorporationFound {
  corporation: Corporation;
  /** 0 … 1 (1: the number the site publishes). */
  confidence: number;
  /** How it was found: 'corporate-number', or 'operator:' / 'name:' / 'reading:' followed by matchCorporation's reason. */
  reason: string;
}

/** Candidates asked for per search (gBizINFO answers at most this many). */
const SEARCH_LIMIT = 200;

/** The JIS prefecture code of an address (東京都… → "13"), undefined when it names none. */
export function prefectureCode(address: string): string | undefined {
  const prefecture = normaliseAddress(address).prefecture;
  const index = prefecture ? PREFECTURES.indexOf(prefecture) : -1;
  return index < 0 ? undefined : String(index + 1).padStart(2, '0');
}

/**
 * The corporation the lead is, or null when nothing reaches matchCorporation's threshold.
 * gBizINFO faults (GbizinfoError) propagate: the caller decides what a failed lookup means.
 */
export async function findCorporation(client: GbizinfoClient, lead: LeadIdentity, operator: Operator | null): Promise<CorporationFound | null> {
  if (operator?.corporateNumber) {
    const registered = await client.get(operator.corporateNumber);
    if (registered && normaliseName(registered.name).core === normaliseName(operator.name).core) {
      return { corporation: registered, confidence: 1, reason: 'corporate-number' };
    }
  }
  // The routes may ask the same question (an operator named like its shop): each is asked once.
  const asked = new Map<string, Promise<Corporation[]>>();
  const search = (term: string, prefecture: string | undefined): Promise<Corporation[]> => {
    const key = `${term}\n${prefecture ?? ''}`;
    let answer = asked.get(key);
    if (!answer) asked.set(key, (answer = client.search({ name: term, ...(prefecture ? { prefecture } : {}), limit: SEARCH_LIMIT })));
    return answer;
  };
  const tries: { route: string; identity: LeadIdentity; terms: string[] }[] = [];
  if (operator) tries.push({ route: 'operator', identity: { name: operator.name, address: operator.address ?? lead.address }, terms: searchTerms(operator.name) });
  tries.push({ route: 'name', identity: lead, terms: searchTerms(lead.name) });
  const reading = romajiReading(lead.name);
  if (reading !== null) tries.push({ route: 'reading', identity: { name: reading, address: lead.address }, terms: [reading] });
  for (const { route, identity, terms } of tries) {
    const prefecture = prefectureCode(identity.address);
    for (const term of terms) {
      const match = matchCorporation(identity, await search(term, prefecture));
      if (match) return { corporation: match.corporation, confidence: match.confidence, reason: `${route}:${match.reason}` };
    }
  }
  return null;
}

/** Small kana no Japanese word starts with: wanakana's reading of an l-word (la → ァ) or garbage. */
const SMALL_KANA_START = /^[ァィゥェォャュョッヮヵヶ]/;

/**
 * The katakana reading of the romaji in a name once its trade words are set aside (hair make
 * SORA → ソラ, Hikari hair&make → ヒカリ), by wanakana's Hepburn rules with l read as r (LANI →
 * ラニ); null when the name has no such word or its Latin part does not read as romaji (LIBERTE,
 * MINT, SALT: loanwords keep letters no kana takes).
 */
export function romajiReading(name: string): string | null {
  const latin = distinctiveName(normaliseName(name).core).match(/[a-z]{2,}/g);
  if (!latin || latin.length !== 1) return null;
  const reading = toKatakana((latin[0] as string).replace(/l/g, 'r'));
  return isKatakana(reading) && !SMALL_KANA_START.test(reading) ? reading : null;
}

/**
 * What to search gBizINFO for, narrowest first (each is tried only when the one before found
 * nothing): the registered spelling when the name carries a legal form (株式会社林 — a search for
 * 林 alone answers hundreds of firms before the right one), then the name core (ソラ for
 * 「ソラ 渋谷店」), then the core without trade words (美容室 ポノ → ポノ), each as written.
 */
export function searchTerms(name: string): string[] {
  const key = normaliseName(name);
  if (key.core === '') return [];
  const core = asWritten(name, key.core);
  const terms: string[] = [];
  if (key.legalForm !== null) {
    // Where the form stands (株式会社林 or 林株式会社) is part of the registered name.
    const text = name.normalize('NFKC').trim();
    const formFirst = text.startsWith('(') || foldName(text).startsWith(foldName(key.legalForm));
    terms.push(formFirst ? `${key.legalForm}${core}` : `${core}${key.legalForm}`);
  }
  terms.push(core);
  const distinctive = distinctiveName(key.core);
  if ([...distinctive].length >= 2) terms.push(asWritten(name, distinctive));
  return terms.filter((term, i) => terms.indexOf(term) === i);
}

/**
 * The part of `name` as written whose fold is `folded` (阿部フーズ in 株式会社阿部フーズ for the
 * core 阿部フズ; ヘアーサロン金子 for ヘアサロン金子), spaces between Japanese words dropped as
 * registered names have none: gBizINFO searches names as registered, it does not fold them.
 * The folded text itself when no part of the name folds to it.
 */
export function asWritten(name: string, folded: string): string {
  const text = name.normalize('NFKC');
  for (let start = 0; start < text.length; start++) {
    const first = foldName(text.slice(start, start + 1));
    if (first === '' || !folded.startsWith(first)) continue;
    let longest = 0; // the longest part that folds to it: リバー, not リバ (trailing punctuation cut below)
    for (let end = start + 1; end <= text.length; end++) {
      const part = foldName(text.slice(start, end));
      if (part === folded) longest = end;
      else if (!folded.startsWith(part)) break;
    }
    if (longest > 0) {
      return text
        .slice(start, longest)
        .replace(/[^\p{L}\p{N}ー]+$/u, '')
        .replace(/\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+/g, '');
    }
  }
  return folded;
}

