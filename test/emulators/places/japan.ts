// Japanese formats the synthetic world writes: full-width digits, 法人番号 check digits, phone
// numbers in national and international form, dates of the simulated calendar.

import { corporateCheckDigit } from '../../../api/src/gbizinfo/corporate-number.ts';

const FULL_DIGITS = '０１２３４５６７８９';

/** 123 → １２３ (Google writes digits full-width in Japanese addresses). */
export function fullWidthDigits(text: string | number): string {
  return String(text).replace(/[0-9]/g, (d) => FULL_DIGITS[Number(d)] as string);
}

// The check digit rule lives with the product, which verifies numbers read from websites; the
// emulator mints its numbers with the same code so the two cannot disagree.
export { corporateCheckDigit, isValidCorporateNumber } from '../../../api/src/gbizinfo/corporate-number.ts';

/** The 13-digit 法人番号: check digit first, then the base. */
export function corporateNumber(base12: string): string {
  return `${corporateCheckDigit(base12)}${base12}`;
}

/** 03-1234-5678 → +81 3-1234-5678 */
export function internationalPhone(national: string): string {
  return `+81 ${national.slice(1)}`;
}

/** Day 0 of the simulated clock. */
export const BASE_DATE = '2026-11-24';
const BASE_MS = Date.UTC(2026, 10, 24);
const DAY_MS = 86_400_000;

/** ISO date (YYYY-MM-DD) of a simulated day; negative days are before the baseline. */
export function dateOfDay(day: number): string {
  return new Date(BASE_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/** Places' `openingDate` shape ({year, month, day}) of a simulated day. */
export function googleDateOfDay(day: number): { year: number; month: number; day: number } {
  const date = new Date(BASE_MS + day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Simulated day of an ISO date. */
export function dayOfDate(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${iso}`);
  return Math.round((ms - BASE_MS) / DAY_MS);
}

export const WEEKDAYS_JA = ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'] as const;
