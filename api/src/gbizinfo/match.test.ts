// Matching a lead to a registered corporation: one company written many ways matches; namesakes
// elsewhere (another block, town, city or prefecture), neighbours in one building and two
// namesakes at one address do not.
import { describe, expect, it } from 'vitest';
import { isNewlyEstablished, matchCorporation, THRESHOLD, type CorporationCandidate, type LeadIdentity } from './match.ts';

const corp = (name: string, location: string | null, corporateNumber = '1234567890123'): CorporationCandidate => ({
  corporateNumber,
  name,
  location,
  employees: 12,
  establishedDate: '2015-04-01',
});

const SORA = corp('株式会社ソラ', '東京都渋谷区道玄坂1丁目2番3号');
const LEAD: LeadIdentity = { name: 'ソラ', address: '日本、〒150-0043 東京都渋谷区道玄坂１丁目２−３ 渋谷ビル 5F' };

describe('matchCorporation', () => {
  it('matches the same name at the same address (番地 written either way), the building named by one side only', () => {
    const match = matchCorporation(LEAD, [SORA]);
    expect(match?.corporation).toBe(SORA);
    expect(match?.confidence).toBe(0.9);
    expect(match?.reason).toBe('name+address');
  });

  it('is surer when the building agrees too', () => {
    expect(matchCorporation(LEAD, [corp('株式会社ソラ', '東京都渋谷区道玄坂1-2-3 渋谷ビル 5階')])).toMatchObject({ confidence: 0.95, reason: 'name+address+building' });
  });

  it.each(['株式会社ソラ', '(株)ソラ', '（株）ソラ', '㈱ソラ', 'ソラ株式会社', 'ソラ㈱', '株式会社 ソラ'])('matches the legal-form variant %s', (name) => {
    expect(matchCorporation(LEAD, [corp(name, SORA.location)])?.reason).toBe('name+address');
  });

  it.each(['ｿﾗ', 'ソ　ラ', ' ソラ ', 'そら'])('matches the width, spacing and script variant %s', (name) => {
    expect(matchCorporation({ ...LEAD, name }, [SORA])?.corporation).toBe(SORA);
  });

  it('matches Latin names written in other widths and cases', () => {
    const lead = { ...LEAD, name: 'ＳＯＲＡ　Ｄｅｓｉｇｎ' };
    expect(matchCorporation(lead, [corp('Sora Design株式会社', SORA.location)])?.reason).toBe('name+address');
  });

  it('does not transliterate (hair SORA is not ソラ)', () => {
    expect(matchCorporation({ ...LEAD, name: 'hair SORA' }, [SORA])).toBeNull();
  });

  it('matches a name with trade words around it, at the same address', () => {
    const lead = { name: 'ヘアサロン ソラ 渋谷店', address: '東京都渋谷区道玄坂1-2-3' };
    expect(matchCorporation(lead, [SORA])).toMatchObject({ confidence: 0.8, reason: 'similar-name+address' });
  });

  it('does not match a namesake elsewhere in the same town or municipality (another block)', () => {
    expect(matchCorporation({ name: 'ソラ', address: '東京都渋谷区道玄坂1-9-9' }, [SORA])).toBeNull();
    expect(matchCorporation({ name: 'ソラ 渋谷店', address: '東京都渋谷区神南1-5-6' }, [SORA])).toBeNull();
    expect(matchCorporation({ name: '美容室 ソラ', address: '東京都渋谷区道玄坂1-2-4' }, [SORA])).toBeNull();
  });

  it('does not match an address without a block', () => {
    expect(matchCorporation({ name: 'ソラ', address: '東京都渋谷区道玄坂' }, [SORA])).toBeNull();
  });

  it('does not take a lead for a corporation whose name is longer than the lead’s', () => {
    expect(matchCorporation(LEAD, [corp('株式会社ソラ建設', SORA.location)])).toBeNull();
  });

  it('raises the confidence when the lead names the same legal form, refuses another one', () => {
    expect(matchCorporation({ name: '株式会社ソラ', address: LEAD.address }, [SORA])).toMatchObject({ confidence: 0.95, reason: 'name+address+legal-form' });
    expect(matchCorporation({ name: '有限会社ソラ', address: LEAD.address }, [SORA])).toBeNull();
  });

  it('does not match the same name and block in another city (a namesake)', () => {
    expect(matchCorporation(LEAD, [corp('株式会社ソラ', '東京都町田市道玄坂1-2-3')])).toBeNull();
    expect(matchCorporation(LEAD, [corp('株式会社ソラ', '大阪府大阪市北区梅田1-2-3')])).toBeNull();
  });

  it('does not match a city of the same name in another prefecture', () => {
    const lead = { name: 'ソラ', address: '東京都府中市宮町1-2-3' };
    expect(matchCorporation(lead, [corp('株式会社ソラ', '広島県府中市宮町1-2-3')])).toBeNull();
    expect(matchCorporation(lead, [corp('株式会社ソラ', '東京都府中市宮町1-2-3')])?.confidence).toBe(0.9);
  });

  it('returns null for two namesakes at the same address with the same confidence (ambiguous)', () => {
    const other = corp('有限会社ソラ', '東京都渋谷区道玄坂1-2-3', '9999999999999');
    expect(matchCorporation(LEAD, [SORA, other])).toBeNull();
  });

  it('prefers the namesake at the lead’s own address over one elsewhere in the municipality', () => {
    const other = corp('有限会社ソラ', '東京都渋谷区恵比寿1-1-1', '9999999999999');
    expect(matchCorporation(LEAD, [other, SORA])?.corporation).toBe(SORA);
  });

  it('counts a corporation listed twice once', () => {
    expect(matchCorporation(LEAD, [SORA, { ...SORA }])?.corporation).toBe(SORA);
  });

  it('does not match a different company in the same building', () => {
    expect(matchCorporation(LEAD, [corp('株式会社ミライ不動産', SORA.location)])).toBeNull();
  });

  it('returns null without candidates, without a head office, or without a readable lead', () => {
    expect(matchCorporation(LEAD, [])).toBeNull();
    expect(matchCorporation(LEAD, [corp('株式会社ソラ', null)])).toBeNull();
    expect(matchCorporation({ name: 'ソラ', address: '' }, [SORA])).toBeNull();
    expect(matchCorporation({ name: '株式会社', address: LEAD.address }, [corp('株式会社', SORA.location)])).toBeNull();
  });

  it('never returns a confidence below the threshold', () => {
    const match = matchCorporation({ name: '美容室 ソラ', address: LEAD.address }, [SORA]);
    expect(match?.confidence).toBeGreaterThanOrEqual(THRESHOLD);
  });
});

describe('isNewlyEstablished', () => {
  it('includes exactly twelve months ago and today', () => {
    expect(isNewlyEstablished('2024-06-15', '2025-06-15')).toBe(true);
    expect(isNewlyEstablished('2025-06-15', '2025-06-15')).toBe(true);
  });

  it('excludes twelve months and one day ago', () => {
    expect(isNewlyEstablished('2024-06-14', '2025-06-15')).toBe(false);
  });

  it('clamps the day at a month’s end (29 February)', () => {
    expect(isNewlyEstablished('2023-02-28', '2024-02-29')).toBe(true);
    expect(isNewlyEstablished('2023-02-27', '2024-02-29')).toBe(false);
  });

  it('ignores a time after the date', () => {
    expect(isNewlyEstablished('2024-06-15T00:00:00+09:00', '2025-06-15')).toBe(true);
  });

  it('is false for null, unreadable and future dates', () => {
    expect(isNewlyEstablished(null, '2025-06-15')).toBe(false);
    expect(isNewlyEstablished('昭和50年', '2025-06-15')).toBe(false);
    expect(isNewlyEstablished('2025-06-16', '2025-06-15')).toBe(false);
  });
});
