// The normalisers: the ways one company's name, address, phone and website are written must
// normalise equal; different ones must not; and normalising is idempotent and blind to width.
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { hostSite, platformUserPath, registrableDomain, siteKey } from '../sites/identity.ts';
import { addressKey, formatAddress, kanjiToNumber, nameKeyString, normaliseAddress, normaliseName, normalisePhone, normaliseWebsite } from './normalise.ts';

/** ASCII to full-width (Ａ１－), space to U+3000: what NFKC undoes. */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
const nameKey = (name: string) => nameKeyString(normaliseName(name));

/** Characters names and addresses are made of, odd ones included. */
const JAPANESE_TEXT = fc.string({
  unit: fc.constantFrom(
    ...'株式会社有限合同医療法人社団税理士店支営業所本院山田工務渋谷道玄坂丁目番地号の一二三四五六七八九十百千〇0123456789-‐–—―−ｰー－〒()（）【】「」 　&・ABCabcＡＢＣアイウえおヶケが'.split(''),
    '㈱', '㈲', '(株)', '(有)', 'Co., Ltd.', 'Inc.', '渋谷区', '大阪市北区', '東京都', 'ビル', '5F', '301号室',
  ),
  maxLength: 40,
});

describe('normaliseName', () => {
  it.each([
    ['株式会社山田工務店'],
    ['(株)山田工務店'],
    ['㈱山田工務店'],
    ['（株）山田工務店'],
    ['山田工務店株式会社'],
    ['山田工務店（株）'],
    ['株式会社 山田工務店'],
    ['山田工務店'],
  ])('reads %s as 山田工務店', (name) => {
    expect(normaliseName(name).core).toBe('山田工務店');
  });

  it('keeps the legal form in its full spelling', () => {
    expect(normaliseName('㈱山田工務店').legalForm).toBe('株式会社');
    expect(normaliseName('(有)ココ').legalForm).toBe('有限会社');
    expect(normaliseName('ココ有限会社').legalForm).toBe('有限会社');
    expect(normaliseName('医療法人(社団)彩会 佐藤歯科医院')).toEqual({ core: '佐藤歯科医院', branch: null, legalForm: '医療法人社団' });
    expect(normaliseName('NPO法人 ひまわり')).toEqual({ core: 'ヒマワリ', branch: null, legalForm: '特定非営利活動法人' });
    expect(normaliseName('一般社団法人日本ネイル協会').legalForm).toBe('一般社団法人');
    expect(normaliseName('税理士法人みらい会計')).toEqual({ core: 'ミライ会計', branch: null, legalForm: '税理士法人' });
    expect(normaliseName('社会福祉法人さくら会').core).toBe('サクラ会');
    expect(normaliseName('合同会社ルーツ').core).toBe('ルツ');
    expect(normaliseName('SORA Co., Ltd.')).toEqual({ core: 'sora', branch: null, legalForm: '株式会社' });
    expect(normaliseName('山田工務店').legalForm).toBeNull();
  });

  it('splits a branch off the brand: 「Hair Salon SORA 渋谷店」 is hairsalonsora, branch 渋谷', () => {
    expect(normaliseName('Hair Salon SORA 渋谷店')).toEqual({ core: 'hairsalonsora', branch: '渋谷', legalForm: null });
    expect(normaliseName('Hair Salon SORA（渋谷店）')).toEqual({ core: 'hairsalonsora', branch: '渋谷', legalForm: null });
    expect(normaliseName('Hair Salon SORA 渋谷 店')).toEqual({ core: 'hairsalonsora', branch: '渋谷', legalForm: null });
    expect(normaliseName('ミライ不動産 新宿営業所').branch).toBe('新宿');
    expect(normaliseName('みらい銀行 梅田支店').branch).toBe('梅田');
    expect(normaliseName('居酒屋 大吉 本店').branch).toBe('本');
    expect(normaliseName('医療法人社団スマイル会 スマイル歯科 渋谷院')).toEqual({ core: 'スマイル歯科', branch: '渋谷', legalForm: '医療法人社団' });
  });

  it('gives one key to a branch written with and without spaces, brackets or width', () => {
    const key = nameKey('Hair Salon SORA 渋谷店');
    for (const variant of ['HairSalonSORA渋谷店', 'Hair Salon SORA(渋谷店)', 'ＨＡＩＲ　ＳＡＬＯＮ　ＳＯＲＡ　渋谷店', 'hair salon sora 渋谷', 'Hair Salon SORA 渋谷 店']) {
      expect(nameKey(variant), variant).toBe(key);
    }
  });

  it('keeps the branches of a chain apart', () => {
    expect(nameKey('Hair Salon SORA 渋谷店')).not.toBe(nameKey('Hair Salon SORA 新宿店'));
    expect(nameKey('スマイル歯科 渋谷院')).not.toBe(nameKey('スマイル歯科 新宿院'));
    expect(nameKey('Hair Salon SORA 渋谷店')).not.toBe(nameKey('Hair Salon SORA'));
  });

  it('does not take a trade for a branch (工務店, 商店, 歯科医院)', () => {
    expect(normaliseName('山田 工務店')).toEqual({ core: '山田工務店', branch: null, legalForm: null });
    expect(normaliseName('佐藤 歯科医院').branch).toBeNull();
    expect(normaliseName('中華 福 飯店').branch).toBeNull();
  });

  it('drops asides in brackets and folds scripts, width, the prolonged sound mark and punctuation', () => {
    expect(nameKey('ヘアーサロン 阿部【公式】')).toBe(nameKey('ヘアサロン阿部'));
    expect(nameKey('さくら歯科')).toBe(nameKey('サクラ歯科'));
    expect(nameKey('Hair&Spa LUCE')).toBe(nameKey('hair spa luce'));
    expect(nameKey('らーめん 一心')).toBe(nameKey('ラーメン一心'));
  });

  it('has no core for a name that is only a legal form or blank', () => {
    expect(normaliseName('株式会社').core).toBe('');
    expect(normaliseName('   ').core).toBe('');
  });

  it('is idempotent: the key read back as a name gives the same key', () => {
    fc.assert(
      fc.property(fc.oneof(JAPANESE_TEXT, fc.string({ maxLength: 30 })), (name) => {
        const key = nameKey(name);
        expect(nameKey(key)).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('is blind to width (NFKC): full-width ASCII gives the same name', () => {
    fc.assert(
      fc.property(JAPANESE_TEXT, (name) => {
        expect(normaliseName(fullWidth(name))).toEqual(normaliseName(name));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normaliseAddress', () => {
  const SHIBUYA = '渋谷区|道玄坂|1-2-3';

  it.each([
    ['日本、〒150-0043 東京都渋谷区道玄坂１丁目２−３ 渋谷ビル 5F'],
    ['東京都渋谷区道玄坂1-2-3'],
    ['渋谷区道玄坂一丁目２－３'],
    ['渋谷区道玄坂一丁目二番三号'],
    ['渋谷区道玄坂1丁目2番3号'],
    ['渋谷区道玄坂1丁目2番地3'],
    ['渋谷区道玄坂1丁目2の3'],
    ['〒150-0043 東京都 渋谷区 道玄坂 1丁目2番3号 渋谷ビル 501号室'],
    ['〒1500043 東京都渋谷区道玄坂1-2-3-501'],
    ['東京都渋谷区道玄坂 1 - 2 - 3'],
    ['渋谷区道玄坂1‐2‐3'],
    ['渋谷区道玄坂1-2-3'],
    ['渋谷区道玄坂1–2–3'],
    ['渋谷区道玄坂1—2—3'],
    ['渋谷区道玄坂1―2―3'],
    ['渋谷区道玄坂1−2−3'],
    ['渋谷区道玄坂1ｰ2ｰ3'],
    ['渋谷区道玄坂1ー2ー3'],
    ['渋谷区道玄坂１－２－３'],
  ])('keys %s to the building number', (address) => {
    expect(normaliseAddress(address).key).toBe(SHIBUYA);
  });

  it('splits prefecture, municipality, town, block, building, floor and room', () => {
    expect(normaliseAddress('日本、〒150-0043 東京都渋谷区道玄坂１丁目２−３ 渋谷ビル 5F')).toEqual({
      prefecture: '東京都',
      municipality: '渋谷区',
      town: '道玄坂',
      block: '1-2-3',
      building: '渋谷ビル',
      key: SHIBUYA,
      postalCode: '150-0043',
      floor: '5F',
      room: null,
    });
    expect(normaliseAddress('大阪府大阪市北区梅田３丁目１−１ 梅田ビル B1F')).toMatchObject({ prefecture: '大阪府', municipality: '大阪市北区', town: '梅田', block: '3-1-1', building: '梅田ビル', floor: 'B1F' });
    expect(normaliseAddress('福岡市中央区天神2丁目5-20 天神ビル 301')).toMatchObject({ municipality: '福岡市中央区', town: '天神', block: '2-5-20', room: '301' });
    expect(normaliseAddress('東京都渋谷区恵比寿西２−２８−２ 第２鈴木ビル ２０５号室')).toMatchObject({ building: '第2鈴木ビル', room: '205' });
    expect(normaliseAddress('渋谷区道玄坂1-2-3 渋谷ビル５階').floor).toBe('5F');
    expect(normaliseAddress('渋谷区道玄坂1-2-3 渋谷ビル地下1階').floor).toBe('B1F');
  });

  it('keys a designated city without its ward, so that a ward left out still matches', () => {
    expect(addressKey('大阪府大阪市北区梅田3-1-1')).toBe('大阪市|梅田|3-1-1');
    expect(addressKey('大阪市 北区梅田3-1-1')).toBe('大阪市|梅田|3-1-1');
    expect(addressKey('大阪市梅田3-1-1')).toBe('大阪市|梅田|3-1-1');
  });

  it('reads towns without 丁目, rural 番地, cities whose name holds 市, and Sapporo 条', () => {
    expect(addressKey('東京都渋谷区宇田川町３１−２')).toBe('渋谷区|宇田川町|31-2');
    expect(addressKey('渋谷区宇田川町31番地2')).toBe('渋谷区|宇田川町|31-2');
    expect(normaliseAddress('渋谷区宇田川町31-2-301')).toMatchObject({ key: '渋谷区|宇田川町|31-2', room: '301' });
    expect(addressKey('神奈川県足柄下郡箱根町湯本256')).toBe('箱根町|湯本|256');
    expect(addressKey('四日市市諏訪町1-5')).toBe('四日市市|諏訪町|1-5');
    expect(addressKey('町田市原町田6-1-11')).toBe('町田市|原町田|6-1-11');
    expect(addressKey('札幌市中央区北一条西二丁目3-4')).toBe(addressKey('札幌市中央区北1条西2丁目3番4号'));
  });

  it('keeps numerals that are part of a town name (一番町, 麻布十番, 八丁堀, 三軒茶屋)', () => {
    expect(normaliseAddress('千代田区一番町5-3').town).toBe('一番町');
    expect(normaliseAddress('港区麻布十番1-2-3').town).toBe('麻布十番');
    expect(normaliseAddress('広島市中区八丁堀15-20').town).toBe('八丁堀');
    expect(normaliseAddress('世田谷区三軒茶屋二丁目1-1')).toMatchObject({ town: '三軒茶屋', block: '2-1-1' });
  });

  it('folds ヶ / ケ / が in town names', () => {
    expect(addressKey('東京都渋谷区千駄ヶ谷5-2-1')).toBe(addressKey('渋谷区千駄ケ谷５丁目２番１号'));
    expect(addressKey('渋谷区千駄が谷5-2-1')).toBe(addressKey('渋谷区千駄ヶ谷5-2-1'));
  });

  it('tells different buildings and towns apart', () => {
    expect(addressKey('渋谷区道玄坂1-2-3')).not.toBe(addressKey('渋谷区道玄坂1-2-4'));
    expect(addressKey('渋谷区本町1-2-3')).not.toBe(addressKey('船橋市本町1-2-3'));
    expect(addressKey('渋谷区道玄坂1-2-3 Aビル 2F')).toBe(addressKey('渋谷区道玄坂1-2-3 Bビル 5F'));
  });

  it('has no key when the address is too vague for a building', () => {
    expect(addressKey('渋谷区道玄坂2丁目')).toBeNull();
    expect(addressKey('道玄坂1-2-3')).toBeNull();
    expect(addressKey('東京都渋谷区')).toBeNull();
    expect(addressKey('')).toBeNull();
  });

  it('converts kanji numerals', () => {
    expect([kanjiToNumber('一'), kanjiToNumber('十'), kanjiToNumber('十一'), kanjiToNumber('二十三'), kanjiToNumber('百二'), kanjiToNumber('一〇二')]).toEqual([1, 10, 11, 23, 102, 102]);
  });

  const ADDRESS = fc
    .record({
      prefix: fc.constantFrom('', '日本、', '〒150-0043 ', '日本、〒150-0043 '),
      prefecture: fc.constantFrom('', '東京都', '大阪府', '北海道'),
      municipality: fc.constantFrom('渋谷区', '大阪市北区', '大阪市 北区', '福岡市中央区', '札幌市中央区', '町田市', '足柄下郡箱根町'),
      town: fc.constantFrom('道玄坂', '宇田川町', '千駄ヶ谷', '北1条西', '梅田', '一番町', '三軒茶屋'),
      numbers: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 4 }),
      style: fc.constantFrom('-', '丁目', '番', 'kanji', 'ー', '−'),
      building: fc.constantFrom('', ' 渋谷ビル', ' 第2鈴木ビル 5F', ' メゾン道玄坂 301号室', ' KDXビル B1F', '-405'),
    })
    .map(({ prefix, prefecture, municipality, town, numbers, style, building }) => {
      const [first, ...rest] = numbers;
      const kanji = (n: number) => (n < 10 ? '〇一二三四五六七八九'[n] : `${n >= 20 ? '〇一二三四五六七八九'[Math.floor(n / 10)] : ''}十${n % 10 ? '〇一二三四五六七八九'[n % 10] : ''}`);
      let block: string;
      if (style === '丁目') block = `${first}丁目${rest.join('-')}`;
      else if (style === '番') block = rest.length >= 2 ? `${first}丁目${rest[0]}番${rest[1]}号` : `${first}番地${rest.join('')}`;
      else if (style === 'kanji') block = `${kanji(first as number)}丁目${rest.join('-')}`;
      else block = numbers.join(style);
      return `${prefix}${prefecture}${municipality}${town}${block}${building}`;
    });

  it('is idempotent: the canonical line of an address normalises to the same parts', () => {
    fc.assert(
      fc.property(ADDRESS, (address) => {
        const parts = normaliseAddress(address);
        expect(normaliseAddress(formatAddress(parts))).toEqual({ ...parts, postalCode: null });
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a key through its canonical line when the building starts like a block (大阪市北区株7「丁)', () => {
    const key = addressKey('大阪市北区株7「丁');
    expect(key).toBe('大阪市|株|7');
    expect(addressKey(formatAddress(normaliseAddress('大阪市北区株7「丁')))).toBe(key);
  });

  it('keeps a key through its canonical line, whatever the text', () => {
    fc.assert(
      fc.property(JAPANESE_TEXT, (address) => {
        const key = addressKey(address);
        if (key !== null) expect(addressKey(formatAddress(normaliseAddress(address)))).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('is blind to width (NFKC)', () => {
    fc.assert(
      fc.property(fc.oneof(ADDRESS, JAPANESE_TEXT), (address) => {
        expect(normaliseAddress(fullWidth(address))).toEqual(normaliseAddress(address));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => void normaliseAddress(text)), { numRuns: 2000 });
  });
});

describe('normalisePhone', () => {
  it.each([['03-1234-5678'], ['+81 3-1234-5678'], ['+81-3-1234-5678'], ['０３－１２３４－５６７８'], ['(03)1234-5678'], ['03(1234)5678'], ['0312345678'], ['TEL: 03-1234-5678'], ['03-1234-5678（代表）'], ['tel:+81312345678'], ['03ー1234ー5678'], ['03−1234−5678'], ['+81 (0)3-1234-5678']])(
    'reads %s as +81312345678',
    (phone) => {
      expect(normalisePhone(phone)).toEqual({ e164: '+81312345678', weak: false });
    },
  );

  it('marks toll-free, navi-dial, premium and invalid numbers weak, and mobiles not', () => {
    expect(normalisePhone('0120-123-456')).toEqual({ e164: '+81120123456', weak: true });
    expect(normalisePhone('0800-123-4567')).toEqual({ e164: '+818001234567', weak: true });
    expect(normalisePhone('0570-012-345')).toEqual({ e164: '+81570012345', weak: true });
    expect(normalisePhone('0990-123-456')?.weak).toBe(true);
    expect(normalisePhone('03-0000-0000')?.weak).toBe(true);
    expect(normalisePhone('090-1234-5678')).toEqual({ e164: '+819012345678', weak: false });
    expect(normalisePhone('050-1234-5678')).toEqual({ e164: '+815012345678', weak: false });
  });

  it('takes the first number of a cell, never the FAX', () => {
    expect(normalisePhone('TEL 03-1234-5678 / FAX 03-1234-5679')?.e164).toBe('+81312345678');
    expect(normalisePhone('FAX: 03-1234-5679 TEL: 03-1234-5678')?.e164).toBe('+81312345678');
    expect(normalisePhone('03-1234-5678 090-1111-2222')?.e164).toBe('+81312345678');
    expect(normalisePhone('0120-123-456 または 03-1234-5678')?.e164).toBe('+81312345678');
  });

  it('has no number for what is none', () => {
    expect(normalisePhone('なし')).toBeNull();
    expect(normalisePhone('03-1234')).toBeNull();
    expect(normalisePhone('')).toBeNull();
  });

  it('reads numbers of other countries', () => {
    expect(normalisePhone('+1 415-555-2671')).toEqual({ e164: '+14155552671', weak: false });
  });

  it('classifies Japanese numbers exactly as libphonenumber (max metadata) does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0[1-9]\d{8,9}$/).filter((n) => !n.startsWith('010')), (national) => {
        const parsed = parsePhoneNumberFromString(national, 'JP');
        const expected = !parsed?.isPossible() ? null : { e164: parsed.number, weak: !parsed.isValid() || ['TOLL_FREE', 'SHARED_COST', 'PREMIUM_RATE', 'UAN', 'PAGER', 'PERSONAL_NUMBER', 'VOICEMAIL'].includes(parsed.getType() ?? '') };
        expect(normalisePhone(national)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns only numbers that read back as themselves (0106100000000 dials abroad into nothing)', () => {
    expect(normalisePhone('0106100000000')).toBeNull();
    expect(normalisePhone('010 44 20 7946 0958')).toEqual({ e164: '+442079460958', weak: false });
  });

  it('is idempotent and blind to width', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^(\+81 ?|0)[1-9]\d{0,3}-?\d{2,4}-?\d{4}$/), fc.stringMatching(/^\+?[\d\- ]{6,18}$/)), (phone) => {
        const once = normalisePhone(phone);
        if (once) expect(normalisePhone(once.e164)).toEqual(once);
        expect(normalisePhone(fullWidth(phone))).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('normaliseWebsite', () => {
  it('gives one site to the ways one address is written', () => {
    for (const url of ['https://www.yamada-koumuten.co.jp/', 'http://yamada-koumuten.co.jp', 'yamada-koumuten.co.jp', 'WWW.YAMADA-KOUMUTEN.CO.JP/company/', 'https://shop.yamada-koumuten.co.jp/index.html', 'ｈｔｔｐｓ：／／ｗｗｗ．ｙａｍａｄａ－ｋｏｕｍｕｔｅｎ．ｃｏ．ｊｐ／']) {
      expect(normaliseWebsite(url), url).toEqual({ domain: 'yamada-koumuten.co.jp', siteId: 'yamada-koumuten.co.jp', userSite: false });
    }
  });

  it('keeps users apart on shared hosts: the path on path platforms', () => {
    expect(normaliseWebsite('https://ameblo.jp/salon-hana/entry-12345.html')?.siteId).toBe('ameblo.jp/salon-hana');
    expect(normaliseWebsite('ameblo.jp/salon-hana')?.siteId).toBe('ameblo.jp/salon-hana');
    expect(normaliseWebsite('https://ameblo.jp/salon-hana')?.siteId).not.toBe(normaliseWebsite('https://ameblo.jp/salon-mint')?.siteId);
    expect(normaliseWebsite('https://www.instagram.com/sora_hair/?hl=ja')).toEqual({ domain: 'instagram.com', siteId: 'instagram.com/sora_hair', userSite: true });
    expect(normaliseWebsite('https://beauty.hotpepper.jp/slnH000123456/coupon/')?.siteId).toBe('beauty.hotpepper.jp/slnh000123456');
    expect(normaliseWebsite('https://tabelog.com/tokyo/A1303/A130301/13123456/dtlmenu/')?.siteId).toBe('tabelog.com/tokyo/a1303/a130301/13123456');
    expect(normaliseWebsite('https://line.me/R/ti/p/@abc')?.siteId).toBe('line.me/r/ti/p/@abc');
    expect(normaliseWebsite('https://m.facebook.com/salon.hana')?.siteId).toBe('facebook.com/salon.hana');
    expect(normaliseWebsite('https://peraichi.com/landing_pages/view/hana')?.siteId).toBe('peraichi.com/landing_pages/view/hana');
  });

  it('keeps users apart on shared hosts: the subdomain on site builders, listed in the PSL or not', () => {
    // PSL private section (tldts): wixsite.com, blogspot.com, hatenablog.com.
    expect(normaliseWebsite('https://salon-hana.wixsite.com/home')).toEqual({ domain: 'salon-hana.wixsite.com', siteId: 'salon-hana.wixsite.com', userSite: true });
    expect(normaliseWebsite('https://hana.hatenablog.com/')?.siteId).toBe('hana.hatenablog.com');
    // Not in it: jimdo, wordpress.com, peraichi, amebaownd, fc2 blogs.
    expect(normaliseWebsite('https://salon-hana.jimdofree.com/')).toEqual({ domain: 'salon-hana.jimdofree.com', siteId: 'salon-hana.jimdofree.com', userSite: true });
    expect(normaliseWebsite('https://salon-hana.jimdofree.com/')?.siteId).not.toBe(normaliseWebsite('https://salon-mint.jimdofree.com/')?.siteId);
    expect(normaliseWebsite('https://hana.wordpress.com/')?.siteId).toBe('hana.wordpress.com');
    expect(normaliseWebsite('https://hana.peraichi.com/')?.siteId).toBe('hana.peraichi.com');
    expect(normaliseWebsite('https://hana.amebaownd.com/')?.siteId).toBe('hana.amebaownd.com');
    expect(normaliseWebsite('https://hana.blog.fc2.com/')?.siteId).toBe('hana.blog.fc2.com');
  });

  it('has no site for a platform’s own pages, Maps links and what is not a web address', () => {
    for (const url of ['https://ameblo.jp/', 'https://www.instagram.com/', 'https://goo.gl/maps/abc', 'https://maps.app.goo.gl/xyz', 'https://www.google.com/maps/place/x', 'mailto:a@b.jp', 'なし', '']) {
      expect(normaliseWebsite(url), url).toBeNull();
    }
  });

  it('is idempotent: the site id read back gives the same site', () => {
    const HOST = fc.constantFrom('www.x.co.jp', 'x.jp', 'shop.example.com', 'ameblo.jp', 'www.instagram.com', 'a.jimdofree.com', 'b.wixsite.com', 'tabelog.com', 'beauty.hotpepper.jp');
    const PATH = fc.constantFrom('/', '', '/salon-hana/', '/Salon_Hana/entry-1.html', '/tokyo/A1303/A130301/13123456/', '/slnH000123456/', '/index.html');
    fc.assert(
      fc.property(fc.constantFrom('https://', 'http://', ''), HOST, PATH, (scheme, host, path) => {
        const once = normaliseWebsite(`${scheme}${host}${path}`);
        if (once) expect(normaliseWebsite(`https://${once.siteId}`)).toEqual(once);
      }),
    );
  });
});

describe('sites/identity', () => {
  it('treats a site builder’s own site as the platform, its users’ subdomains as sites', () => {
    expect(registrableDomain('www.jimdofree.com')).toBe('jimdofree.com');
    expect(registrableDomain('jimdofree.com')).toBe('jimdofree.com');
    expect(registrableDomain('a.b.jimdofree.com')).toBe('b.jimdofree.com');
    expect(registrableDomain('blog.fc2.com')).toBe('blog.fc2.com');
    expect(registrableDomain('www.x.co.jp')).toBe('x.co.jp');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(hostSite('a.wixsite.com')).toEqual({ domain: 'a.wixsite.com', userSite: true });
    expect(hostSite('www.x.co.jp')).toEqual({ domain: 'x.co.jp', userSite: false });
  });

  it('finds the user’s path on path platforms, nested ids included', () => {
    expect(platformUserPath(new URL('https://ameblo.jp/salon-hana/entry-1.html'))).toBe('/salon-hana');
    expect(platformUserPath(new URL('https://tabelog.com/tokyo/A1303/A130301/13123456/'))).toBe('/tokyo/A1303/A130301/13123456');
    expect(platformUserPath(new URL('https://tabelog.com/tokyo/A1303/'))).toBeNull();
    expect(platformUserPath(new URL('https://www.x.co.jp/a/'))).toBeNull();
  });

  it('keeps the screening cache keys of the sites it had', () => {
    expect(siteKey('https://www.sora-hair.jp/')).toBe('sora-hair.jp');
    expect(siteKey('https://ameblo.jp/salon-hana/entry-1.html')).toBe('ameblo.jp/salon-hana');
    expect(siteKey('https://www.instagram.com/sora_hair/')).toBe('instagram.com/sora_hair');
  });
});
