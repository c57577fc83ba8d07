// Which registered corporation (gBizINFO) a lead is, if any. Pure: the caller fetches the
// candidates (corporations found by name) and passes them in; nothing here talks to the network.
//
// A candidate is compared with the lead by the dedupe normalisers (normaliseName, normaliseAddress)
// and scored in hundredths; the confidence is the score / 100, capped at 1.
//
//   Name (required, one of):
//     name          the name cores are equal: legal form, width, spaces, punctuation and the
//                   lead's branch set aside (「ソラ 渋谷店」 ~ 株式会社ソラ ~ (株)ソラ ~ ｿﾗ㈱)   80
//     similar-name  the lead's core holds the candidate's core (≥ 2 characters) and dedupe's
//                   similarNames (strict) agrees, i.e. only trade words differ
//                   (「ヘアサロン ソラ 渋谷店」 ~ 株式会社ソラ; not ソラ ~ 株式会社ソラ建設)         70
//     No transliteration: 「hair SORA」 is not ソラ.
//   Place (required): the same prefecture (when both are known: 府中市 is in 東京都 and 広島県)
//   and the same municipality.
//     municipality  the same municipality (渋谷区, 町田市, 大阪市北区)                          +0
//     city          a designated city, both wards known and different (a head office in
//                   大阪市中央区 for a shop in 大阪市北区): accepted, but weaker               −5
//     town          the same town (道玄坂), only with the same municipality                   +10
//     block         and the same block (1-2-3) too                                           +5
//   Legal form:
//     legal-form    the lead's name carries the candidate's legal form (株式会社ソラ)          +5
//     The lead's name carries another legal form (有限会社ソラ vs 株式会社ソラ): not a match.
//
// A candidate below THRESHOLD (0.8) is not used: an exact name in the same municipality just
// passes; a name that matches only with trade words set aside needs the town as well; another
// ward of the same city needs the town or the legal form. A name match in another municipality
// is a namesake, never a match. When two or more corporations share the best confidence the match
// is ambiguous and null is returned (the same corporate number listed twice counts once).
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
  /** The name as on Maps (ヘアサロン ソラ 渋谷店). */
  name: string;
  /** The address as on Maps. */
  address: string;
}

export interface CorporationMatch {
  corporation: CorporationCandidate;
  /** 0 … 1; at least THRESHOLD. */
  confidence: number;
  /** The rules that matched, joined by '+': 'name+municipality+town+block', 'similar-name+city+legal-form'. */
  reason: string;
}

/** Below this confidence a candidate is not used. */
export const THRESHOLD = 0.8;

const POINTS = { name: 80, similarName: 70, otherWard: -5, town: 10, block: 5, legalForm: 5 } as const;

/** 大阪市北区 → [大阪市, 北区]; null for a municipality that is not a designated city's ward. */
function cityAndWard(municipality: string): [string, string] | null {
  const match = /^(.+市)([^市]+区)$/.exec(municipality);
  return match ? [match[1] as string, match[2] as string] : null;
}

/** The designated city alone (大阪市北区 → 大阪市), anything else as it is. */
const cityOf = (municipality: string): string => cityAndWard(municipality)?.[0] ?? municipality;

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

function placeScore(lead: AddressKey, candidate: AddressKey): Scored | null {
  if (lead.municipality === null || candidate.municipality === null) return null;
  if (lead.prefecture !== null && candidate.prefecture !== null && lead.prefecture !== candidate.prefecture) return null;
  if (lead.municipality === candidate.municipality) {
    const scored: Scored = { points: 0, reasons: ['municipality'] };
    if (lead.town !== null && lead.town === candidate.town) {
      scored.points += POINTS.town;
      scored.reasons.push('town');
      if (lead.block !== null && lead.block === candidate.block) {
        scored.points += POINTS.block;
        scored.reasons.push('block');
      }
    }
    return scored;
  }
  if (cityOf(lead.municipality) !== cityOf(candidate.municipality)) return null;
  // The same designated city: with a ward on one side only (大阪市 / 大阪市北区) the ward is
  // merely left out; with two different wards the head office is elsewhere in the city.
  const bothWards = cityAndWard(lead.municipality) !== null && cityAndWard(candidate.municipality) !== null;
  return bothWards ? { points: POINTS.otherWard, reasons: ['city'] } : { points: 0, reasons: ['city'] };
}

/**
 * The corporation the lead is, by normalised name and municipality (rules in the header), or null
 * when none reaches THRESHOLD or the best confidence is shared by two corporations.
 */
export function matchCorporation(lead: LeadIdentity, candidates: CorporationCandidate[]): CorporationMatch | null {
  if (candidates.length === 0) return null;
  const leadName = normaliseName(lead.name);
  const leadPlace = normaliseAddress(lead.address);
  if (leadName.core === '' || leadPlace.municipality === null) return null;

  let best: { candidate: CorporationCandidate; points: number; reasons: string[] } | null = null;
  let tied = false;
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.location === null || seen.has(candidate.corporateNumber)) continue;
    seen.add(candidate.corporateNumber);
    const name = nameScore(leadName, normaliseName(candidate.name));
    if (name === null) continue;
    const place = placeScore(leadPlace, normaliseAddress(candidate.location));
    if (place === null) continue;
    const points = Math.min(100, name.points + place.points);
    if (points < THRESHOLD * 100) continue;
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
