// The order of gBizINFO questions (the number a site publishes, the operator it names, the name on
// Maps) and the search terms, against a registry held in memory that searches names the way
// gBizINFO does: as registered, a part of the name, no folding of ー or scripts.
import { describe, expect, it } from 'vitest';
import type { Operator } from '../screening/operator.ts';
import type { Corporation, GbizinfoClient, GbizinfoSearchQuery } from './client.ts';
import { asWritten, findCorporation, romajiReading, searchTerms } from './lookup.ts';

const corporation = (corporateNumber: string, name: string, location: string, employees: number | null = 8): Corporation => ({
  corporateNumber,
  name,
  kana: null,
  location,
  postalCode: null,
  employees,
  capitalYen: null,
  establishedDate: '2015-04-01',
  status: null,
});

const TAKEUCHI = corporation('7010001008844', '有限会社竹内商事', '東京都渋谷区道玄坂2丁目10番7号');
const ABE = corporation('1010901005995', '株式会社阿部フーズ', '東京都世田谷区船橋3-5-10 TK船橋ビル 3F');
const ABE_ELSEWHERE = corporation('5011001628261', '株式会社阿部フーズ', '東京都渋谷区笹塚1-21-19');
const PONO = corporation('4010401022860', '株式会社ポノ', '東京都渋谷区神南1-5-6');

function registry(corporations: Corporation[]) {
  const asked: string[] = [];
  const client: GbizinfoClient = {
    async search(query: GbizinfoSearchQuery) {
      asked.push(`search ${query.name}`);
      const needle = query.name.normalize('NFKC');
      return corporations.filter((c) => c.name.normalize('NFKC').includes(needle));
    },
    async get(corporateNumber: string) {
      asked.push(`get ${corporateNumber}`);
      return corporations.find((c) => c.corporateNumber === corporateNumber) ?? null;
    },
  };
  return { client, asked };
}

const SHOP = { name: 'hair make GALA', address: '日本、〒150-0043 東京都渋谷区道玄坂２丁目１０−７' };
const operator = (overrides: Partial<Operator>): Operator => ({ name: '有限会社竹内商事', corporateNumber: null, address: null, ...overrides });

describe('findCorporation', () => {
  it('takes the 法人番号 the site publishes with one request', async () => {
    const { client, asked } = registry([TAKEUCHI]);
    const found = await findCorporation(client, SHOP, operator({ corporateNumber: TAKEUCHI.corporateNumber }));
    expect(found).toMatchObject({ corporation: TAKEUCHI, confidence: 1, reason: 'corporate-number' });
    expect(asked).toEqual([`get ${TAKEUCHI.corporateNumber}`]);
  });

  it('does not trust a published number the registry gives another name; goes on by the operator’s name', async () => {
    const { client, asked } = registry([TAKEUCHI, { ...PONO, corporateNumber: '9999999999999' }]);
    const found = await findCorporation(client, SHOP, operator({ corporateNumber: '9999999999999' }));
    expect(found?.corporation).toBe(TAKEUCHI);
    expect(found?.reason).toMatch(/^operator:/);
    expect(asked[0]).toBe('get 9999999999999');
  });

  it('finds the company behind a trade name through the operator the site names, at the shop’s address', async () => {
    const { client, asked } = registry([TAKEUCHI]);
    expect(await findCorporation(client, SHOP, null)).toBeNull();
    const found = await findCorporation(client, SHOP, operator({}));
    expect(found).toMatchObject({ corporation: TAKEUCHI, reason: 'operator:name+address+legal-form' });
    expect(asked.at(-1)).toBe('search 有限会社竹内商事');
  });

  it('matches the operator at the head office the site gives, not at the shop', async () => {
    const { client } = registry([ABE, ABE_ELSEWHERE]);
    const found = await findCorporation(client, SHOP, operator({ name: '(株)阿部フーズ', address: '〒156-0055 東京都世田谷区船橋3丁目5番10号' }));
    expect(found?.corporation).toBe(ABE);
  });

  it('falls back to the name on Maps, without trade words, when the site names nobody', async () => {
    const { client, asked } = registry([PONO]);
    const found = await findCorporation(client, { name: '美容室 ポノ', address: '東京都渋谷区神南1-5-6 2F' }, null);
    expect(found).toMatchObject({ corporation: PONO, reason: 'name:similar-name+address' });
    expect(asked).toEqual(['search 美容室ポノ', 'search ポノ']);
  });

  it('asks gBizINFO each question once, even when the operator is named like its shop', async () => {
    const { client, asked } = registry([]);
    expect(await findCorporation(client, { name: '株式会社ソラ', address: SHOP.address }, operator({ name: '株式会社ソラ' }))).toBeNull();
    expect(asked).toEqual(['search 株式会社ソラ', 'search ソラ']);
  });

  it('finds nothing for a namesake at another address', async () => {
    const { client } = registry([ABE_ELSEWHERE]);
    expect(await findCorporation(client, { name: '阿部フーズ', address: '東京都世田谷区船橋3-5-10' }, null)).toBeNull();
  });
});

describe('the romaji route', () => {
  const SORA = corporation('1011001000001', '株式会社ソラ', '東京都渋谷区神南1-5-6');

  it('finds a company by the katakana reading of its romaji name, at the same address only', async () => {
    const { client, asked } = registry([SORA]);
    const found = await findCorporation(client, { name: 'hair make SORA', address: '東京都渋谷区神南1-5-6 2F' }, null);
    expect(found).toMatchObject({ corporation: SORA, reason: 'reading:name+address' });
    expect(asked.at(-1)).toBe('search ソラ');
    expect(await findCorporation(registry([SORA]).client, { name: 'hair make SORA', address: '東京都渋谷区神南1-9-9' }, null)).toBeNull();
  });

  it('reads Hepburn romaji, l as r, words run together as registered names are; gives no reading for loanwords', () => {
    expect(romajiReading('hair make SORA')).toBe('ソラ');
    expect(romajiReading('Hikari hair&make')).toBe('ヒカリ');
    expect(romajiReading('Hair&Spa LANI 渋谷店')).toBe('ラニ');
    expect(romajiReading('LIBERTE HAIR DESIGN')).toBeNull();
    expect(romajiReading('MINT CAFE')).toBeNull();
    expect(romajiReading('美容室 ソラ')).toBeNull();
    expect(romajiReading('SORA NAGI')).toBe('ソラナギ');
    expect(romajiReading('SORA 渋谷 NAGI')).toBeNull(); // two Latin parts: which one is the name is a guess
  });
});

describe('searchTerms', () => {
  it('asks for the registered spelling first when the name carries a legal form, then the core', () => {
    expect(searchTerms('株式会社林')).toEqual(['株式会社林', '林']);
    expect(searchTerms('林(株)')).toEqual(['林株式会社', '林']);
    expect(searchTerms('(株)阿部フーズ 渋谷店')).toEqual(['株式会社阿部フーズ', '阿部フーズ']);
  });

  it('asks for the core, then the core without trade words', () => {
    expect(searchTerms('美容室 ポノ')).toEqual(['美容室ポノ', 'ポノ']);
    expect(searchTerms('ヘアーサロン 金子')[0]).toBe('ヘアーサロン金子');
  });

  it('has nothing to ask for an empty name', () => {
    expect(searchTerms('株式会社')).toEqual([]);
  });
});

describe('asWritten', () => {
  it('gives the part of the name as written that folds to the key (ー, scripts, widths, spaces)', () => {
    expect(asWritten('株式会社阿部フーズ', 'アベフズ')).toBe('アベフズ'); // no part folds to it
    expect(asWritten('株式会社阿部フーズ', '阿部フズ')).toBe('阿部フーズ');
    expect(asWritten('さくら美容室', 'サクラ美容室')).toBe('さくら美容室');
    expect(asWritten('カフェ リバー', 'カフェリバ')).toBe('カフェリバー');
    expect(asWritten('ＳＯＲＡ　ｈａｉｒ', 'sorahair')).toBe('SORA hair');
  });
});
