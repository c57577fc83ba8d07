// Japanese formats the synthetic world writes: full-width digits, 法人番号 check digits, phone
// numbers in national and international form, dates of the simulated calendar.

const FULL_DIGITS = '０１２３４５６７８９';

/** 123 → １２３ (Google writes digits full-width in Japanese addresses). */
export function fullWidthDigits(text: string | number): string {
  return String(text).replace(/[0-9]/g, (d) => FULL_DIGITS[Number(d)] as string);
}

/**
 * Check digit of a 法人番号 for its 12-digit base (国税庁 rules): 9 − (Σ Pn·Qn mod 9), where Pn
 * is the n-th digit counted from the right of the base and Qn is 1 for odd n, 2 for even n.
 */
export function corporateCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new Error(`not a 12-digit base: ${base12}`);
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** The 13-digit 法人番号: check digit first, then the base. */
export function corporateNumber(base12: string): string {
  return `${corporateCheckDigit(base12)}${base12}`;
}

export function isValidCorporateNumber(number: string): boolean {
  return /^\d{13}$/.test(number) && corporateCheckDigit(number.slice(1)) === Number(number[0]);
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
