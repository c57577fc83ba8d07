// 法人番号 check digits: real numbers published by 国税庁 check; any other shape or a changed
// digit does not.
import { describe, expect, it } from 'vitest';
import { corporateCheckDigit, isValidCorporateNumber } from './corporate-number.ts';

// Real, published numbers: トヨタ自動車, two Tokyo companies, and 国税庁 itself.
const REAL = ['1180301018771', '7010001008844', '4010401022860', '7000012050002'];

describe('corporateCheckDigit', () => {
  it('gives the first digit of real numbers from their 12-digit base', () => {
    for (const number of REAL) expect(corporateCheckDigit(number.slice(1)), number).toBe(Number(number[0]));
  });

  it('weights digits from the right: 1 for odd positions, 2 for even ones', () => {
    // Only the last digit (n = 1, weight 1): 9 − 1 = 8. Only the one before it (n = 2, weight 2): 9 − 2 = 7.
    expect(corporateCheckDigit('000000000001')).toBe(8);
    expect(corporateCheckDigit('000000000010')).toBe(7);
    // A sum that is a multiple of 9 gives 9, never 0.
    expect(corporateCheckDigit('000000000000')).toBe(9);
    expect(corporateCheckDigit('000000000009')).toBe(9);
  });

  it('throws on a base that is not 12 ASCII digits', () => {
    for (const base of ['', '18030101877', '1803010187712', '18030101877a', '１８０３０１０１８７７１']) expect(() => corporateCheckDigit(base), base).toThrow();
  });
});

describe('isValidCorporateNumber', () => {
  it('accepts real numbers', () => {
    for (const number of REAL) expect(isValidCorporateNumber(number), number).toBe(true);
  });

  it('rejects 12 or 14 digits, non-digits, spaces and full-width digits', () => {
    for (const number of ['118030101877', '11803010187710', '118030101877X', '1180-3010-1877', '1 180301018771', ' 1180301018771', '１１８０３０１０１８７７１', ''])
      expect(isValidCorporateNumber(number), number).toBe(false);
  });

  it('rejects a number with any one digit changed by one', () => {
    // A sum taken mod 9 cannot see 0 ↔ 9 in the base, so 9 is changed to 8, never to 0.
    for (const number of REAL) {
      for (let i = 0; i < 13; i++) {
        const digit = Number(number[i]);
        const changed = `${number.slice(0, i)}${digit === 9 ? 8 : digit + 1}${number.slice(i + 1)}`;
        expect(isValidCorporateNumber(changed), changed).toBe(false);
      }
    }
  });
});
