// The matching rule through clusterRecords: one company written many ways is one cluster; two
// branches of a chain, two firms in one building, namesakes in two cities, two shops on one
// shared host and firms behind one toll-free number are not.
import { describe, expect, it } from 'vitest';
import { bigramSimilarity, clusterRecords, similarNames, type RecordInput } from './match.ts';
import { normaliseName } from './normalise.ts';

/** True when the two records end up in one cluster (with nothing else in the batch). */
const same = (a: RecordInput, b: RecordInput, ...others: RecordInput[]) => {
  const ids = clusterRecords([a, b, ...others]);
  return ids[0] === ids[1];
};

const YAMADA: RecordInput = { name: '株式会社山田工務店', address: '東京都渋谷区道玄坂1-2-3 山田ビル 2F', phone: '03-1234-5678', website: 'https://www.yamada-koumuten.co.jp/' };

describe('clusterRecords', () => {
  it('gives each record a cluster id, the records of one company the same one', () => {
    const ids = clusterRecords([YAMADA, { name: 'ミライ不動産', phone: '03-9999-0000' }, { ...YAMADA, name: '(株)山田工務店' }]);
    expect(ids).toEqual(['c0', 'c1', 'c0']);
  });

  it('puts an empty record in a cluster of its own', () => {
    expect(clusterRecords([{}, {}, { name: '' }])).toEqual(['c0', 'c1', 'c2']);
    expect(clusterRecords([])).toEqual([]);
  });

  it('matches the same company written another way (legal form, numerals, dashes, +81)', () => {
    const typed: RecordInput = { name: '(株)山田工務店', address: '渋谷区道玄坂一丁目２－３', phone: '+81 3-1234-5678' };
    expect(same(YAMADA, typed)).toBe(true);
  });

  it('matches on the same place id alone', () => {
    expect(same({ placeId: 'ChIJabc', name: 'A' }, { placeId: 'ChIJabc', name: 'B' })).toBe(true);
    expect(same({ placeId: 'ChIJabc' }, { placeId: 'places/ChIJabc' })).toBe(true);
  });

  it('matches the same phone with the same name, or at the same building number', () => {
    expect(same({ name: '山田工務店', phone: '03-1234-5678' }, { name: '㈱山田工務店', phone: '0312345678' })).toBe(true);
    expect(same({ name: '山田工務店', phone: '03-1234-5678', address: '渋谷区道玄坂1-2-3' }, { name: 'Yamada Construction', phone: '03-1234-5678', address: '渋谷区道玄坂1丁目2番3号' })).toBe(true);
  });

  it('matches the same phone with a similar name', () => {
    expect(same({ name: 'Hair Salon SORA', phone: '03-1234-5678' }, { name: 'SORA', phone: '03-1234-5678' })).toBe(true);
    expect(same({ name: 'Trattoria Felice', phone: '03-1234-5678' }, { name: 'FELICE', phone: '03-1234-5678' })).toBe(true);
  });

  it('matches the same building number with the same or a close name', () => {
    expect(same({ name: '山田工務店', address: '渋谷区道玄坂1-2-3' }, { name: '株式会社 山田工務店', address: '東京都渋谷区道玄坂1丁目2番3号 山田ビル' })).toBe(true);
    expect(same({ name: 'Hair Salon SORA', address: '渋谷区道玄坂1-2-3' }, { name: 'SORA', address: '渋谷区道玄坂1-2-3' })).toBe(true);
  });

  it('matches the same site identity with the same phone or address', () => {
    expect(same({ name: 'Yamada Koumuten', phone: '03-1234-5678', website: 'yamada-koumuten.co.jp' }, { name: '山田工務店', phone: '03-1234-5678', website: 'https://www.yamada-koumuten.co.jp/company/' })).toBe(true);
    expect(same({ name: 'Salon Hana', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/salon-hana/' }, { name: 'サロン花', address: '渋谷区神南1丁目2-3', website: 'ameblo.jp/salon-hana/entry-1.html' })).toBe(true);
  });

  it('matches the same name on the same site when nothing tells them apart', () => {
    expect(same({ name: 'Hair Salon SORA', address: '渋谷区神南1-2-3', website: 'https://www.instagram.com/sora_hair/' }, { name: 'Hair Salon SORA', website: 'https://instagram.com/sora_hair' })).toBe(true);
    expect(same({ name: '美容室 ラニ', phone: '0120-439-353' }, { name: '美容室ラニ', phone: '0120439353', address: '渋谷区幡ヶ谷3-4-10' })).toBe(true);
  });

  it('does not merge two branches of a chain (same domain, same brand, other phone and address)', () => {
    const shibuya: RecordInput = { name: 'Hair Salon SORA 渋谷店', address: '東京都渋谷区宇田川町10-13', phone: '03-6193-0709', website: 'https://www.sora-hair.jp/salon/udagawacho/' };
    const dogenzaka: RecordInput = { name: 'Hair Salon SORA 道玄坂店', address: '東京都渋谷区道玄坂2-5-20', phone: '03-3999-9899', website: 'https://www.sora-hair.jp/salon/dogenzaka/' };
    expect(same(shibuya, dogenzaka)).toBe(false);
    // Written without their branches, they are still two places.
    expect(same({ ...shibuya, name: 'Hair Salon SORA' }, { ...dogenzaka, name: 'Hair Salon SORA' })).toBe(false);
    // A record that cannot tell them apart joins neither.
    const ids = clusterRecords([{ ...shibuya, name: 'Hair Salon SORA' }, { ...dogenzaka, name: 'Hair Salon SORA' }, { name: 'Hair Salon SORA', website: 'sora-hair.jp' }]);
    expect(new Set(ids).size).toBe(3);
  });

  it('does not merge branches that share the head office number', () => {
    const branches = ['渋谷', '新宿', '池袋', '恵比寿'].map((place, i) => ({ name: `スマイル整骨院 ${place}院`, address: `東京都渋谷区神南1-${i + 1}-1`, phone: '03-5555-0000', website: 'https://www.smile-seikotsu.jp/' }));
    expect(new Set(clusterRecords(branches)).size).toBe(4);
  });

  it('does not merge two firms at one address', () => {
    expect(same({ name: '山田工務店', address: '渋谷区道玄坂1-2-3 山田ビル 2F', phone: '03-1234-5678' }, { name: '山田不動産', address: '渋谷区道玄坂1-2-3 山田ビル 3F', phone: '03-1234-9999' })).toBe(false);
    expect(same({ name: '佐藤歯科医院', address: '渋谷区道玄坂1-2-3' }, { name: '佐藤不動産', address: '渋谷区道玄坂1-2-3' })).toBe(false);
    expect(same({ name: 'ORANGE HAIR DESIGN', address: '渋谷区広尾1-13-22' }, { name: 'ORANGE 表参道', address: '渋谷区広尾1-13-22 6F' })).toBe(false);
    expect(same({ name: '美容室 彩', address: '渋谷区道玄坂1-2-3' }, { name: '美容室 花', address: '渋谷区道玄坂1-2-3' })).toBe(false);
  });

  it('does not merge the same name in two cities', () => {
    expect(same({ name: '佐藤歯科医院', address: '東京都渋谷区本町1-2-3', phone: '03-3333-1111' }, { name: '佐藤歯科医院', address: '千葉県船橋市本町1-2-3', phone: '047-333-1111' })).toBe(false);
    expect(same({ name: '佐藤歯科医院', address: '東京都渋谷区本町1-2-3' }, { name: '佐藤歯科医院', address: '千葉県船橋市本町1-2-3' })).toBe(false);
  });

  it('does not merge two shops on one shared host', () => {
    expect(same({ name: 'Salon Hana', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/salon-hana/' }, { name: 'Salon Mint', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/salon-mint/' })).toBe(false);
    expect(same({ name: 'Salon Hana', phone: '090-1111-2222', website: 'https://salon-hana.jimdofree.com/' }, { name: 'Salon Mint', phone: '090-1111-3333', website: 'https://salon-mint.jimdofree.com/' })).toBe(false);
    expect(same({ name: 'A', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/' }, { name: 'B', address: '渋谷区神南1-2-3', website: 'https://ameblo.jp/' })).toBe(false);
  });

  it('does not merge different firms behind one toll-free or navi-dial number', () => {
    expect(same({ name: '山田工務店', phone: '0120-123-456' }, { name: 'ミライ不動産', phone: '0120-123-456' })).toBe(false);
    expect(same({ name: '山田工務店', phone: '0120-123-456', address: '渋谷区道玄坂1-2-3' }, { name: 'ミライ不動産', phone: '0120-123-456', address: '渋谷区道玄坂1-2-3' })).toBe(false);
    expect(same({ name: 'A', phone: '0570-012-345', website: 'a.co.jp' }, { name: 'B', phone: '0570-012-345', website: 'a.co.jp' })).toBe(false);
    // The same name behind it, with nothing against, is one firm.
    expect(same({ name: '山田工務店', phone: '0120-123-456' }, { name: '山田工務店', phone: '0120-123-456' })).toBe(true);
    // Unless they are at two different addresses.
    expect(same({ name: '山田工務店', phone: '0120-123-456', address: '渋谷区道玄坂1-2-3' }, { name: '山田工務店', phone: '0120-123-456', address: '新宿区西新宿1-2-3' })).toBe(false);
  });

  it('does not merge on one field alone', () => {
    expect(same({ name: '山田工務店' }, { name: '山田工務店' })).toBe(false);
    expect(same({ phone: '03-1234-5678' }, { phone: '03-1234-5678' })).toBe(false);
    expect(same({ address: '渋谷区道玄坂1-2-3' }, { address: '渋谷区道玄坂1-2-3' })).toBe(false);
    expect(same({ website: 'a.co.jp' }, { website: 'a.co.jp' })).toBe(false);
  });

  it('stays linear: 20,000 records of one chain at one site cluster in well under a second', () => {
    const records = Array.from({ length: 20_000 }, (_, i) => ({ name: `Chain ${i}号店`, address: `東京都渋谷区道玄坂1-${(i % 40) + 1}-${Math.floor(i / 40) + 1}`, phone: `03-${String(5000 + (i % 4000)).padStart(4, '0')}-${String(i).padStart(4, '0').slice(-4)}`, website: 'https://chain.example.jp/' }));
    const started = Date.now();
    const ids = clusterRecords(records);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(new Set(ids).size).toBe(20_000);
  });
});

describe('similarNames', () => {
  const similar = (a: string, b: string, strict = false) => similarNames(normaliseName(a), normaliseName(b), { strict });

  it('takes the distinctive words, not the trade words', () => {
    expect(similar('Hair Salon SORA', 'SORA')).toBe(true);
    expect(similar('Hair Salon SORA', 'SORA hair', true)).toBe(true);
    expect(similar('美容室 彩', '美容室 花')).toBe(false);
    expect(similar('佐藤歯科医院', '佐藤不動産')).toBe(false);
  });

  it('never takes two branches for one', () => {
    expect(similar('Hair Salon SORA 渋谷店', 'Hair Salon SORA 新宿店')).toBe(false);
    expect(similar('Hair Salon SORA 渋谷店', 'Hair Salon SORA')).toBe(true);
  });

  it('is stricter for records that share only an address', () => {
    expect(similar('ORANGE HAIR DESIGN', 'ORANGE 表参道')).toBe(true);
    expect(similar('ORANGE HAIR DESIGN', 'ORANGE 表参道', true)).toBe(false);
    expect(similar('Hair Salon CIEL', 'HAIR&SPA CIEL', true)).toBe(false);
  });

  it('measures character bigrams', () => {
    expect(bigramSimilarity('abcd', 'abcd')).toBe(1);
    expect(bigramSimilarity('abcd', 'wxyz')).toBe(0);
    expect(bigramSimilarity('abcd', 'abce')).toBeCloseTo(2 * 2 / 6);
  });
});
