// 法人番号 (corporate number): 13 digits, the first of which is a check digit over the other 12
// (国税庁, 法人番号の指定等に関する省令 第2条). One implementation for the product (a number read
// from a company's website is kept only when it checks) and for the emulator that mints them.
// Pure and web-standard.

const BASE = /^\d{12}$/;
const NUMBER = /^\d{13}$/;

/**
 * The check digit of a 法人番号 for its 12-digit base: 9 − (Σ Pn·Qn mod 9), where Pn is the n-th
 * digit of the base counted from its right end (n = 1 is the last digit) and Qn is 1 for odd n,
 * 2 for even n. Throws on anything but 12 ASCII digits: a caller passing another shape has a bug.
 */
export function corporateCheckDigit(base12: string): number {
  if (!BASE.test(base12)) throw new Error(`not a 12-digit base: ${base12}`);
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = base12.charCodeAt(12 - n) - 48;
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/** Whether `number` is exactly 13 ASCII digits whose first digit checks the other twelve. */
export function isValidCorporateNumber(number: string): boolean {
  return NUMBER.test(number) && corporateCheckDigit(number.slice(1)) === number.charCodeAt(0) - 48;
}
