// Which registered corporation (gBizINFO) a lead is, if any. Pure: the caller fetches the
// candidates (corporations found by name) and passes them in; nothing here talks to the network.
//
// A candidate is compared with the lead by the dedupe normalisers (normaliseName, normaliseAddress)
// and scored in hundredths; the confidence is the score / 100, capped at 1.
//
//   Name (required, one of):
//     name          the name cores are equal: legal form, width, spaces, punctuation and the
//                   lead's branch set aside (「ソラ 渋谷店」 ~ 株式会社ソラ ~ (株)ソラ ~ ｿﾗ㈱)   90
//     similar-name  the lead's core holds the candidate's core (≥ 2 characters) and dedupe's
//                   similarNames (strict) agrees, i.e. only trade words differ
//                   (「ヘアサロン ソラ」 ~ 株式会社ソラ; not ソラ ~ 株式会社ソラ建設)               80
//     No transliteration here: 「hair SORA」 is not ソラ (lookup.ts may ask with a reading).
//   Address (required): the registered head office is at the lead's address — the same
//   prefecture (when both say it), municipality, town and block (渋谷区道玄坂1-2-3; 1丁目2番3号
//   is the same block). Building and floor may differ or be missing.
//     building      and the same building, when both name one                                +5
//   Legal form:
//     legal-form    the lead's name carries the candidate's legal form (株式会社ソラ)          +5
//     The lead's name carries another legal form (有限会社ソラ vs 株式会社ソラ): not a match.
//
// Why the block, not the municipality or the town: measured on the synthetic world (npm run
// bench -- --only matching), every match made on a municipality or a town alone was a namesake —
// 美容室 オリーブ on 道玄坂 is not 株式会社オリーブ three blocks away — while every match at the
// same block was right. A company whose head office is not where its shop is is found through
// its website instead (lookup.ts: the operator and the head office its 会社概要 page gives).
// When two or more corporations share the best confidence the match is ambiguous and null is
// returned (the same corporate number listed twice counts once).
import { similarNames } from '../dedupe/match.ts';
import { normaliseAddress, normaliseName, type AddressKey, type NameKey } from '../dedupe/normalise.ts';

export interface CorporationCandidate {
  /** 法人番号, 13 digits. */
  corporateNumber: string;
  /** The registered name (株式会社ソラ). */
  name: string;
  /** The head office's address; null when unknown (never a match). */
  location: string | null;
  employees: number | null;
  /** YYYY-MM-DD (a time after it is ignored). */
  establishedDate: string | null;
}

export interface LeadIdentity {
  /** The name as on Maps (ヘアサロン ソラ 渋谷店), or the operator's as its website gives it. */
  name: string;
  /** The address as on Maps, or the head office's as the website gives it. */
  address: string;
}

export interface CorporationMatch<C extends CorporationCandidate = CorporationCandidate> {
  corporation: C;
  /** 0 … 1; at least THRESHOLD. */
  confidence: number;
  /** The rules that matched, joined by '+': 'name+address+building', 'similar-name+address+legal-form'. */
  reason: string;
}

/** The least confidence a match has (a similar name at the same address). */
export const THRESHOLD = 0.8;

const POINTS = { name: 90, similarName: 80, building: 5, legalForm: 5 } as const;

interface Scored {
  points: number;
  reasons: string[];
}

function nameScore(lead: NameKey, candidate: NameKey): Scored | null {
  if (lead.core === '' || candidate.core === '') return null;
  // A lead that names its legal form names the company: another form is another company.
  if (lead.legalForm !== null && candidate.legalForm !== null && lead.legalForm !== candidate.legalForm) return null;
  const legal = lead.legalForm !== null && lead.legalForm === candidate.legalForm;
  const withLegal = (scored: Scored): Scored =>
    legal ? { points: scored.points + POINTS.legalForm, reasons: [...scored.reasons, 'legal-form'] } : scored;
  if (lead.core === candidate.core) return withLegal({ points: POINTS.name, reasons: ['name'] });
  // The candidate's registered name is read without a branch: the lead's branch is no evidence against it.
  const registered: NameKey = { ...candidate, branch: null };
  if (candidate.core.length >= 2 && lead.core.includes(candidate.core) && similarNames(lead, registered, { strict: true })) {
    return withLegal({ points: POINTS.similarName, reasons: ['similar-name'] });
  }
  return null;
}

function addressScore(lead: AddressKey, candidate: AddressKey): Scored | null {
  if (lead.municipality === null || lead.town === null || lead.block === null) return null;
  if (lead.prefecture !== null && candidate.prefecture !== null && lead.prefecture !== candidate.prefecture) return null;
  if (lead.municipality !== candidate.municipality || lead.town !== candidate.town || lead.block !== candidate.block) return null;
  const sameBuilding = lead.building !== null && lead.building === candidate.building;
  return sameBuilding ? { points: POINTS.building, reasons: ['address', 'building'] } : { points: 0, reasons: ['address'] };
}

/**
 * The corporation the lead is, by normalised name and address (rules in the header), or null
 * when none matches or the best confidence is shared by two corporations.
 */
export function matchCorporation<C extends CorporationCandidate>(lead: LeadIdentity, candidates: readonly C[]): CorporationMatch<C> | null {
  if (candidates.length === 0) return null;
  const leadName = normaliseName(lead.name);
  const leadPlace = normaliseAddress(lead.address);
  if (leadName.core === '' || leadPlace.block === null) return null;

  let best: { candidate: C; points: number; reasons: string[] } | null = null;
  let tied = false;
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.location === null || seen.has(candidate.corporateNumber)) continue;
    seen.add(candidate.corporateNumber);
    const name = nameScore(leadName, normaliseName(candidate.name));
    if (name === null) continue;
    const place = addressScore(leadPlace, normaliseAddress(candidate.location));
    if (place === null) continue;
    const points = Math.min(100, name.points + place.points);
    const reasons = [name.reasons[0] as string, ...place.reasons, ...name.reasons.slice(1)];
    if (best === null || points > best.points) {
      best = { candidate, points, reasons };
      tied = false;
    } else if (points === best.points) {
      tied = true;
    }
  }
  if (best === null || tied) return null;
  return { corporation: best.candidate, confidence: best.points / 100, reason: best.reasons.join('+') };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** YYYY-MM-DD twelve months before `date`, the day clamped to the month's end (2024-02-29 → 2023-02-28). */
function twelveMonthsBefore(year: number, month: number, day: number): string {
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return `${String(year - 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/**
 * Whether a corporation was established within the twelve months up to `today`, both ends
 * inclusive (today 2025-06-15: 2024-06-15 … 2025-06-15). Dates are YYYY-MM-DD, anything after the
 * tenth character (a time) is ignored; null, unreadable or future dates are not new.
 */
export function isNewlyEstablished(establishedDate: string | null, today: string): boolean {
  if (establishedDate === null) return false;
  const established = DATE.exec(establishedDate);
  const now = DATE.exec(today);
  if (!established || !now) return false;
  const from = twelveMonthsBefore(Number(now[1]), Number(now[2]), Number(now[3]));
  const date = established[0];
  return date >= from && date <= now[0];
}
