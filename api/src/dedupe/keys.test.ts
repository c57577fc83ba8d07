// The exact keys the Worker hashes: their strings are a storage format (pinned here), and two
// records share one exactly when the rule matches them with "similar name" read as "same name".
import { describe, expect, it } from 'vitest';
import { MATCH_KEYS_VERSION, matchKeys } from './keys.ts';
import { clusterRecords, type RecordInput } from './match.ts';

const shareKey = (a: RecordInput, b: RecordInput) => {
  const keys = new Set(matchKeys(a));
  return matchKeys(b).some((key) => keys.has(key));
};

const YAMADA: RecordInput = { placeId: 'ChIJyamada', name: '株式会社山田工務店', address: '日本、〒150-0043 東京都渋谷区道玄坂１丁目２−３ 山田ビル 2F', phone: '03-1234-5678', website: 'https://www.yamada-koumuten.co.jp/' };

describe('matchKeys', () => {
  it('builds the composite keys of v1, exactly these strings (changing them orphans stored keys)', () => {
    expect(MATCH_KEYS_VERSION).toBe(1);
    expect(matchKeys(YAMADA)).toEqual([
      'pid:ChIJyamada',
      'ph+nm:+81312345678|山田工務店',
      'ph+ad:+81312345678|渋谷区|道玄坂|1-2-3',
      'ad+nm:渋谷区|道玄坂|1-2-3|山田工務店',
      'site+ph:yamada-koumuten.co.jp|+81312345678',
      'site+ad:yamada-koumuten.co.jp|渋谷区|道玄坂|1-2-3',
    ]);
    expect(matchKeys({ name: 'Hair Salon SORA 渋谷店', address: '大阪市北区梅田3-1-1', website: 'https://www.instagram.com/sora_hair/' })).toEqual([
      'ad+nm:大阪市|梅田|3-1-1|hairsalonsora渋谷',
      'site+ad:instagram.com/sora_hair|大阪市|梅田|3-1-1',
      'site+nm:instagram.com/sora_hair|hairsalonsora渋谷',
    ]);
  });

  it('has no key for a record that identifies nothing on its own', () => {
    expect(matchKeys({})).toEqual([]);
    expect(matchKeys({ name: '山田工務店' })).toEqual([]);
    expect(matchKeys({ phone: '03-1234-5678', website: 'yamada.co.jp' }).length).toBe(1);
    expect(matchKeys({ name: '   ', address: null, phone: '', website: undefined })).toEqual([]);
  });

  it('never builds a key from a weak phone', () => {
    const keys = matchKeys({ name: '山田工務店', address: '渋谷区道玄坂1-2-3', phone: '0120-123-456', website: 'yamada.co.jp' });
    expect(keys.some((key) => key.includes('+81120123456'))).toBe(false);
    expect(keys).toEqual(['ad+nm:渋谷区|道玄坂|1-2-3|山田工務店', 'site+ad:yamada.co.jp|渋谷区|道玄坂|1-2-3']);
  });

  it('never builds a name key from an own domain (branches written without their branch would meet)', () => {
    expect(matchKeys({ name: 'Hair Salon SORA', website: 'https://www.sora-hair.jp/' })).toEqual([]);
  });

  it('gives the variants of one company a shared key', () => {
    const typed: RecordInput = { name: '(株)山田工務店', address: '道玄坂一丁目２－３ 渋谷区', phone: '+81 3-1234-5678' };
    expect(shareKey(YAMADA, typed)).toBe(true);
    expect(shareKey(YAMADA, { name: '山田工務店㈱', address: '東京都渋谷区道玄坂1ー2ー3' })).toBe(true);
    expect(shareKey(YAMADA, { name: 'Yamada', phone: '０３－１２３４－５６７８', website: 'yamada-koumuten.co.jp/company/' })).toBe(true);
  });

  it('gives no shared key to branches of a chain, firms in one building, namesakes, shops on one host, firms behind one 0120', () => {
    expect(shareKey({ name: 'Hair Salon SORA 渋谷店', address: '渋谷区宇田川町10-13', phone: '03-6193-0709', website: 'https://www.sora-hair.jp/salon/udagawacho/' }, { name: 'Hair Salon SORA 道玄坂店', address: '渋谷区道玄坂2-5-20', phone: '03-3999-9899', website: 'https://www.sora-hair.jp/salon/dogenzaka/' })).toBe(false);
    expect(shareKey({ name: '山田工務店', address: '渋谷区道玄坂1-2-3 2F', phone: '03-1234-5678' }, { name: '山田不動産', address: '渋谷区道玄坂1-2-3 3F', phone: '03-1234-9999' })).toBe(false);
    expect(shareKey({ name: '佐藤歯科医院', address: '東京都渋谷区本町1-2-3', phone: '03-3333-1111' }, { name: '佐藤歯科医院', address: '千葉県船橋市本町1-2-3', phone: '047-333-1111' })).toBe(false);
    expect(shareKey({ name: 'Salon Hana', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/salon-hana/' }, { name: 'Salon Mint', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/salon-mint/' })).toBe(false);
    expect(shareKey({ name: '山田工務店', phone: '0120-123-456', address: '渋谷区道玄坂1-2-3' }, { name: 'ミライ不動産', phone: '0120-123-456', address: '渋谷区道玄坂1-2-3' })).toBe(false);
  });

  it('agrees with clusterRecords wherever names are equal and nothing is guarded', () => {
    const pairs: [RecordInput, RecordInput][] = [
      [YAMADA, { name: '(株)山田工務店', phone: '0312345678' }],
      [YAMADA, { name: '別名', address: '渋谷区道玄坂1-2-3', phone: '03-1234-5678' }],
      [YAMADA, { name: '山田工務店', address: '渋谷区道玄坂一丁目2番3号' }],
      [YAMADA, { name: 'Other', phone: '03-1234-5678', website: 'yamada-koumuten.co.jp' }],
      [YAMADA, { name: '山田工務店', address: '渋谷区道玄坂1-2-4' }],
      [YAMADA, { name: '山田不動産', address: '渋谷区道玄坂1-2-3' }],
      [YAMADA, { phone: '03-1234-5678' }],
      [{ name: 'Salon Hana', website: 'https://ameblo.jp/salon-hana/' }, { name: 'salon hana', website: 'ameblo.jp/salon-hana/entry-2.html' }],
      [{ name: 'Salon Hana', website: 'https://ameblo.jp/salon-hana/' }, { name: 'Salon Hana', website: 'https://ameblo.jp/salon-mint/' }],
    ];
    for (const [a, b] of pairs) {
      const [x, y] = clusterRecords([a, b]);
      expect(shareKey(a, b), `${JSON.stringify(a)} ~ ${JSON.stringify(b)}`).toBe(x === y);
    }
  });
});
