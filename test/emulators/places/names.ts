// Realistic Japanese business names for the synthetic world: independent shops, clinics and firms,
// chains with branches, and the legal entities behind them (株式会社ソラ behind "Hair Salon SORA").
import type { Area, Town } from './areas.ts';
import type { IndustryKey, Subtype } from './industries.ts';
import type { Rng } from './random.ts';

export type LegalKind = '株式会社' | '有限会社' | '合同会社' | '医療法人社団' | '医療法人' | '税理士法人';

export interface Naming {
  displayName: string;
  /** ASCII stem for the business's own domain (sora-hair). */
  domainStem: string;
  /** The corporation running the business, when it is one. */
  legal?: { kind: LegalKind; name: string };
}

/** [latin, katakana, ascii] */
type Word = readonly [string, string, string];

export const LATIN_WORDS: readonly Word[] = [
  ['SORA', 'ソラ', 'sora'], ['NAGI', 'ナギ', 'nagi'], ['LUCE', 'ルーチェ', 'luce'], ['MINT', 'ミント', 'mint'],
  ['BLOOM', 'ブルーム', 'bloom'], ['LIEN', 'リアン', 'lien'], ['HALE', 'ハレ', 'hale'], ['NOA', 'ノア', 'noa'],
  ['REVE', 'レーヴ', 'reve'], ['ALBA', 'アルバ', 'alba'], ['TOIT', 'トワ', 'toit'], ['LUMIERE', 'リュミエール', 'lumiere'],
  ['AVEC', 'アヴェク', 'avec'], ['ETOILE', 'エトワール', 'etoile'], ['FLEUR', 'フルール', 'fleur'], ['MERCI', 'メルシー', 'merci'],
  ['CIEL', 'シエル', 'ciel'], ['MARE', 'マーレ', 'mare'], ['LUANA', 'ルアナ', 'luana'], ['KAI', 'カイ', 'kai'],
  ['HIKARI', 'ヒカリ', 'hikari'], ['AOI', 'アオイ', 'aoi'], ['RIN', 'リン', 'rin'], ['NICO', 'ニコ', 'nico'],
  ['COCO', 'ココ', 'coco'], ['GARDEN', 'ガーデン', 'garden'], ['TERRACE', 'テラス', 'terrace'], ['ROOTS', 'ルーツ', 'roots'],
  ['LOOP', 'ループ', 'loop'], ['VERDE', 'ヴェルデ', 'verde'], ['OLIVE', 'オリーブ', 'olive'], ['PEACE', 'ピース', 'peace'],
  ['LAGOON', 'ラグーン', 'lagoon'], ['SALT', 'ソルト', 'salt'], ['MOMO', 'モモ', 'momo'], ['LIBERTE', 'リベルテ', 'liberte'],
  ['GRACE', 'グレース', 'grace'], ['BLISS', 'ブリス', 'bliss'], ['AMI', 'アミ', 'ami'], ['LEAF', 'リーフ', 'leaf'],
  ['NEST', 'ネスト', 'nest'], ['TIDE', 'タイド', 'tide'], ['AUBE', 'オーブ', 'aube'], ['SIESTA', 'シエスタ', 'siesta'],
  ['AURA', 'オーラ', 'aura'], ['PONO', 'ポノ', 'pono'], ['LANI', 'ラニ', 'lani'], ['MIEL', 'ミエル', 'miel'],
  ['ARCH', 'アーチ', 'arch'], ['SOL', 'ソル', 'sol'], ['LUNA', 'ルナ', 'luna'], ['STELLA', 'ステラ', 'stella'],
  ['RUBAN', 'リュバン', 'ruban'], ['DEAR', 'ディア', 'dear'], ['TRUNK', 'トランク', 'trunk'], ['NOEL', 'ノエル', 'noel'],
  ['HUG', 'ハグ', 'hug'], ['ISLAND', 'アイランド', 'island'], ['VIVID', 'ヴィヴィッド', 'vivid'], ['FOREST', 'フォレスト', 'forest'],
  ['SEED', 'シード', 'seed'], ['ROSE', 'ローズ', 'rose'], ['LILY', 'リリー', 'lily'], ['JOY', 'ジョイ', 'joy'],
  ['ECRU', 'エクリュ', 'ecru'], ['GALA', 'ガーラ', 'gala'], ['TIARA', 'ティアラ', 'tiara'], ['ORANGE', 'オレンジ', 'orange'],
  ['ANCHOR', 'アンカー', 'anchor'], ['CANVAS', 'キャンバス', 'canvas'], ['PRISM', 'プリズム', 'prism'], ['ZEN', 'ゼン', 'zen'],
];

/** [kanji, ascii] */
export const KANJI_WORDS: readonly (readonly [string, string])[] = [
  ['彩', 'aya'], ['凪', 'nagi'], ['縁', 'enishi'], ['灯', 'akari'], ['結', 'yui'], ['和', 'nagomi'], ['葵', 'aoi'],
  ['紬', 'tsumugi'], ['椿', 'tsubaki'], ['楓', 'kaede'], ['花', 'hana'], ['雫', 'shizuku'], ['空', 'sora'], ['陽', 'hinata'],
  ['蓮', 'ren'], ['翠', 'midori'], ['粋', 'iki'], ['一心', 'isshin'], ['大吉', 'daikichi'], ['誠', 'makoto'], ['心', 'kokoro'],
  ['匠', 'takumi'], ['福', 'fuku'], ['鶴', 'tsuru'], ['龍', 'ryu'], ['風', 'kaze'], ['月', 'tsuki'], ['星', 'hoshi'],
  ['桜', 'sakura'], ['喜', 'yoshi'], ['松', 'matsu'], ['竹', 'take'], ['梅', 'ume'], ['萬', 'yorozu'], ['宝', 'takara'],
  ['一番', 'ichiban'], ['幸', 'sachi'], ['光', 'hikari'], ['朝日', 'asahi'], ['大地', 'daichi'], ['青葉', 'aoba'], ['春', 'haru'],
];

/** [hiragana, ascii] */
export const HIRAGANA_WORDS: readonly (readonly [string, string])[] = [
  ['さくら', 'sakura'], ['ひまわり', 'himawari'], ['たんぽぽ', 'tanpopo'], ['すみれ', 'sumire'], ['あおば', 'aoba'],
  ['みどり', 'midori'], ['ひなた', 'hinata'], ['かえで', 'kaede'], ['つばき', 'tsubaki'], ['わかば', 'wakaba'],
  ['こもれび', 'komorebi'], ['なごみ', 'nagomi'], ['いろは', 'iroha'], ['まる', 'maru'], ['ほっと', 'hotto'], ['えがお', 'egao'],
];

/** [surname, ascii] */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'], ['渡辺', 'watanabe'],
  ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'], ['加藤', 'kato'], ['吉田', 'yoshida'], ['山田', 'yamada'],
  ['佐々木', 'sasaki'], ['山口', 'yamaguchi'], ['松本', 'matsumoto'], ['井上', 'inoue'], ['木村', 'kimura'], ['林', 'hayashi'],
  ['斎藤', 'saito'], ['清水', 'shimizu'], ['山崎', 'yamazaki'], ['森', 'mori'], ['池田', 'ikeda'], ['橋本', 'hashimoto'],
  ['阿部', 'abe'], ['石川', 'ishikawa'], ['山下', 'yamashita'], ['中島', 'nakajima'], ['石井', 'ishii'], ['小川', 'ogawa'],
  ['前田', 'maeda'], ['岡田', 'okada'], ['長谷川', 'hasegawa'], ['藤田', 'fujita'], ['後藤', 'goto'], ['近藤', 'kondo'],
  ['村上', 'murakami'], ['遠藤', 'endo'], ['青木', 'aoki'], ['坂本', 'sakamoto'], ['西村', 'nishimura'], ['福田', 'fukuda'],
  ['太田', 'ota'], ['三浦', 'miura'], ['藤井', 'fujii'], ['岡本', 'okamoto'], ['松田', 'matsuda'], ['中川', 'nakagawa'],
  ['原田', 'harada'], ['小野', 'ono'], ['竹内', 'takeuchi'], ['金子', 'kaneko'], ['和田', 'wada'], ['中野', 'nakano'],
  ['田村', 'tamura'], ['安藤', 'ando'], ['河野', 'kono'], ['上田', 'ueda'], ['北村', 'kitamura'], ['森田', 'morita'],
  ['野口', 'noguchi'], ['桜井', 'sakurai'], ['内田', 'uchida'], ['高木', 'takagi'], ['宮本', 'miyamoto'], ['久保', 'kubo'],
  ['松井', 'matsui'], ['杉山', 'sugiyama'], ['千葉', 'chiba'], ['大塚', 'otsuka'], ['平野', 'hirano'], ['菅原', 'sugawara'],
];

const GIVEN_NAMES = ['健一', '誠', '大輔', '直樹', '美咲', '裕子', '翔太', '真由美', '浩二', '由紀', '拓也', '恵', '隆', '陽子', '和也', '明美'];
const ITALIAN = ['Piano', 'Sole', 'Luna', 'Felice', 'Dolce', 'Vento', 'Mare', 'Bello', 'Amici', 'Nonna', 'Porto', 'Cielo'];

/** A chain: one brand and legal entity, one website, many branches with their own phones and addresses. */
export interface ChainDef {
  key: string;
  industry: IndustryKey;
  brand: string;
  legalName: string;
  legalKind: LegalKind;
  /** Website host shared by every branch; branch pages live under `/${branchPath}/${slug}/`. */
  host: string;
  branchPath: string;
  /** Suffix of branch names: 店, 院, 事務所. */
  branchSuffix: string;
  /** Primary type of the branches (restaurant chains are of one kind). */
  primaryType: string;
  /** Branches at day 0 per area. */
  branches: Partial<Record<Area['key'], number>>;
  employees: number;
  establishedYear: number;
}

export const CHAINS: readonly ChainDef[] = [
  { key: 'sora', industry: 'hair_salon', brand: 'Hair Salon SORA', legalName: '株式会社ソラ', legalKind: '株式会社', host: 'www.sora-hair.jp', branchPath: 'salon', branchSuffix: '店', primaryType: 'hair_salon', branches: { shibuya: 24, shinjuku: 8, setagaya: 6, osaka_kita: 3, fukuoka_chuo: 2 }, employees: 310, establishedYear: 2004 },
  { key: 'lien', industry: 'hair_salon', brand: 'Lien hair', legalName: '株式会社リアン', legalKind: '株式会社', host: 'lien-hair.com', branchPath: 'shop', branchSuffix: '店', primaryType: 'hair_salon', branches: { shibuya: 18, shinjuku: 6, setagaya: 7 }, employees: 140, establishedYear: 2011 },
  { key: 'nagi', industry: 'hair_salon', brand: 'NAGI', legalName: '株式会社凪', legalKind: '株式会社', host: 'www.nagi-salon.jp', branchPath: 'salon', branchSuffix: '店', primaryType: 'hair_salon', branches: { shibuya: 15, setagaya: 5, fukuoka_chuo: 4 }, employees: 95, establishedYear: 2015 },
  { key: 'bloom', industry: 'hair_salon', brand: 'HAIR & SPA BLOOM', legalName: '株式会社ブルームクリエイト', legalKind: '株式会社', host: 'www.bloom-hairspa.co.jp', branchPath: 'salon', branchSuffix: '店', primaryType: 'hair_salon', branches: { shibuya: 12, shinjuku: 9, osaka_kita: 8 }, employees: 220, establishedYear: 1998 },
  { key: 'coco', industry: 'hair_salon', brand: 'Coco hair', legalName: '有限会社ココ', legalKind: '有限会社', host: 'cocohair.net', branchPath: 'salon', branchSuffix: '店', primaryType: 'hair_salon', branches: { shibuya: 9, setagaya: 4 }, employees: 38, establishedYear: 2003 },
  { key: 'alba', industry: 'hair_salon', brand: 'ALBA', legalName: '株式会社アルバ', legalKind: '株式会社', host: 'www.alba-hair.com', branchPath: 'salon', branchSuffix: '店', primaryType: 'hair_salon', branches: { shibuya: 14, shinjuku: 5, osaka_kita: 6, fukuoka_chuo: 5 }, employees: 180, establishedYear: 2009 },
  { key: 'smile', industry: 'dentist', brand: 'スマイル歯科', legalName: '医療法人社団スマイル会', legalKind: '医療法人社団', host: 'www.smile-dc.jp', branchPath: 'clinic', branchSuffix: '院', primaryType: 'dentist', branches: { shibuya: 3, shinjuku: 4, setagaya: 6 }, employees: 120, establishedYear: 2006 },
  { key: 'hikari', industry: 'dentist', brand: 'ひかりデンタルクリニック', legalName: '医療法人社団光和会', legalKind: '医療法人社団', host: 'hikari-dental.jp', branchPath: 'clinic', branchSuffix: '', primaryType: 'dentist', branches: { osaka_kita: 3, fukuoka_chuo: 2 }, employees: 45, establishedYear: 2012 },
  { key: 'sumairu', industry: 'general_contractor', brand: '住まいるリフォーム', legalName: '株式会社スマイルホーム', legalKind: '株式会社', host: 'www.sumairu-reform.co.jp', branchPath: 'shop', branchSuffix: '店', primaryType: 'general_contractor', branches: { setagaya: 4, shinjuku: 1, osaka_kita: 1 }, employees: 85, establishedYear: 1993 },
  { key: 'mirai-tax', industry: 'accounting', brand: '税理士法人みらい会計', legalName: '税理士法人みらい会計', legalKind: '税理士法人', host: 'www.mirai-kaikei.jp', branchPath: 'office', branchSuffix: '事務所', primaryType: 'accounting', branches: { shibuya: 1, shinjuku: 1, osaka_kita: 1, fukuoka_chuo: 1 }, employees: 64, establishedYear: 2002 },
  { key: 'isshin', industry: 'restaurant', brand: 'らーめん 一心', legalName: '株式会社一心フードサービス', legalKind: '株式会社', host: 'www.isshin-ramen.jp', branchPath: 'shop', branchSuffix: '店', primaryType: 'ramen_restaurant', branches: { shibuya: 6, shinjuku: 8, setagaya: 3, osaka_kita: 2 }, employees: 260, establishedYear: 2001 },
  { key: 'maru', industry: 'restaurant', brand: '鮨 まる', legalName: '株式会社まるフーズ', legalKind: '株式会社', host: 'sushi-maru.co.jp', branchPath: 'store', branchSuffix: '店', primaryType: 'sushi_restaurant', branches: { shibuya: 3, shinjuku: 4, osaka_kita: 5, fukuoka_chuo: 6 }, employees: 410, establishedYear: 1987 },
  { key: 'mint-cafe', industry: 'restaurant', brand: 'MINT CAFE', legalName: '株式会社ミント', legalKind: '株式会社', host: 'www.mintcafe.jp', branchPath: 'shop', branchSuffix: '店', primaryType: 'cafe', branches: { shibuya: 7, setagaya: 5, fukuoka_chuo: 3 }, employees: 150, establishedYear: 2013 },
  { key: 'homura', industry: 'restaurant', brand: '焼肉 炎', legalName: '株式会社ホムラ', legalKind: '株式会社', host: 'yakiniku-homura.com', branchPath: 'shop', branchSuffix: '店', primaryType: 'barbecue_restaurant', branches: { shinjuku: 5, osaka_kita: 6, fukuoka_chuo: 2 }, employees: 190, establishedYear: 2007 },
  { key: 'fukuya', industry: 'restaurant', brand: '大衆酒場 福', legalName: '有限会社福屋', legalKind: '有限会社', host: 'www.fukuya-sakaba.jp', branchPath: 'shop', branchSuffix: '店', primaryType: 'japanese_izakaya_restaurant', branches: { shinjuku: 4, osaka_kita: 3 }, employees: 70, establishedYear: 1996 },
  { key: 'mirai-re', industry: 'real_estate_agency', brand: 'ミライ不動産', legalName: '株式会社ミライ不動産', legalKind: '株式会社', host: 'www.mirai-fudosan.co.jp', branchPath: 'store', branchSuffix: '店', primaryType: 'real_estate_agency', branches: { shibuya: 6, shinjuku: 6, setagaya: 8 }, employees: 230, establishedYear: 1989 },
  { key: 'aoba', industry: 'real_estate_agency', brand: 'アオバハウジング', legalName: '株式会社アオバハウジング', legalKind: '株式会社', host: 'aoba-housing.jp', branchPath: 'shop', branchSuffix: '店', primaryType: 'real_estate_agency', branches: { osaka_kita: 5, fukuoka_chuo: 4 }, employees: 88, establishedYear: 2000 },
];

/** Branch name (`Hair Salon SORA 渋谷店`) and URL slug; falls back to town names and station exits when taken. */
export function branchName(chain: ChainDef, town: Town, taken: Set<string>): { name: string; slug: string } {
  const candidates: { label: string; slug: string }[] = [
    { label: town.station, slug: town.slug },
    { label: town.name, slug: `${town.slug}` },
    ...['東口', '西口', '南口', '北口'].map((exit, i) => ({ label: `${town.station}${exit}`, slug: `${town.slug}-${['east', 'west', 'south', 'north'][i]}` })),
  ];
  for (let n = 2; n < 40; n++) candidates.push({ label: `${town.station}${n}号`, slug: `${town.slug}${n}` });
  for (const { label, slug: wanted } of candidates) {
    const name = chain.branchSuffix ? `${chain.brand} ${label}${chain.branchSuffix}` : `${chain.brand} ${label}`;
    if (taken.has(name)) continue;
    // Branch pages live at /{branchPath}/{slug}/: the slug must be unique within the chain too.
    let slug = wanted;
    for (let n = 2; taken.has(`${chain.key}/${slug}`); n++) slug = `${wanted}-${n}`;
    taken.add(name);
    taken.add(`${chain.key}/${slug}`);
    return { name, slug };
  }
  throw new Error(`no branch name left for ${chain.brand} in ${town.name}`);
}

const LEGAL_KINDS: Record<IndustryKey, [LegalKind[], number[]]> = {
  hair_salon: [['株式会社', '有限会社', '合同会社'], [0.7, 0.2, 0.1]],
  dentist: [['医療法人社団', '医療法人'], [0.9, 0.1]],
  general_contractor: [['株式会社', '有限会社', '合同会社'], [0.65, 0.3, 0.05]],
  accounting: [['税理士法人'], [1]],
  restaurant: [['株式会社', '有限会社', '合同会社'], [0.65, 0.25, 0.1]],
  real_estate_agency: [['株式会社', '有限会社', '合同会社'], [0.75, 0.22, 0.03]],
};

/** A legal form written into a display name the many ways Maps shows them. */
function withLegalForm(rng: Rng, base: string, kind: LegalKind): { display: string; legal: string } {
  const front = rng.chance(0.7);
  const legal = front ? `${kind}${base}` : `${base}${kind}`;
  if (kind === '株式会社') {
    const display = rng.weighted(
      [`株式会社${base}`, `${base}株式会社`, `(株)${base}`, `${base}(株)`, `㈱${base}`, `（株）${base}`],
      [0.35, 0.3, 0.15, 0.08, 0.06, 0.06],
    );
    return { display, legal: display.includes('株式会社') ? display : legal };
  }
  if (kind === '有限会社') {
    const display = rng.weighted([`有限会社${base}`, `${base}有限会社`, `(有)${base}`, `㈲${base}`], [0.5, 0.2, 0.22, 0.08]);
    return { display, legal: display.includes('有限会社') ? display : legal };
  }
  return { display: front ? `${kind}${base}` : `${base}${kind}`, legal };
}

const pickWord = (rng: Rng) => rng.pick(LATIN_WORDS);

/** A name for an independent business (not part of a chain). */
export function independentName(rng: Rng, industry: IndustryKey, subtype: Subtype, area: Area, town: Town, corporate: boolean): Naming {
  const kinds = LEGAL_KINDS[industry];
  const kind = corporate ? rng.weighted(kinds[0], kinds[1]) : undefined;
  switch (industry) {
    case 'hair_salon':
      return hairSalon(rng, town, kind);
    case 'dentist':
      return dentist(rng, town, kind);
    case 'general_contractor':
      return contractor(rng, town, kind);
    case 'accounting':
      return accountant(rng, kind);
    case 'restaurant':
      return restaurant(rng, subtype, town, kind);
    case 'real_estate_agency':
      return realEstate(rng, area, town, kind);
  }
}

function hairSalon(rng: Rng, town: Town, kind: LegalKind | undefined): Naming {
  const [latin, kana, ascii] = pickWord(rng);
  const [kanji, kanjiAscii] = rng.pick(KANJI_WORDS);
  const [surname, surnameAscii] = rng.pick(SURNAMES);
  const style = rng.int(0, 11);
  const names: [string, string][] = [
    [`Hair Salon ${latin}`, `${ascii}-hair`],
    [`${latin} hair`, `${ascii}hair`],
    [`${latin} HAIR DESIGN`, `${ascii}-hairdesign`],
    [`hair make ${latin}`, `hairmake-${ascii}`],
    [`${latin} ${town.station}`, `${ascii}-${town.slug}`],
    [`ヘアサロン ${kanji} ${town.station}`, `hairsalon-${kanjiAscii}`],
    [`美容室 ${kanji}`, `biyoshitsu-${kanjiAscii}`],
    [`${kana}美容室`, `${ascii}-biyoshitsu`],
    [`ヘアーサロン ${surname}`, `hair-${surnameAscii}`],
    [`Hair&Spa ${latin} ${town.station}店`, `${ascii}-hairspa`],
    [`${latin.charAt(0)}${latin.slice(1).toLowerCase()} hair&make`, `${ascii}-hm`],
    [`美容室 ${kana}`, `salon-${ascii}`],
  ];
  const [displayName, domainStem] = names[style] as [string, string];
  if (!kind) return { displayName, domainStem };
  const legalBase = rng.chance(0.6) ? kana : `${surname}${rng.pick(['商事', '企画', 'ビューティー', ''])}`;
  const legal = withLegalForm(rng, legalBase, kind).legal;
  return { displayName, domainStem, legal: { kind, name: legal } };
}

function dentist(rng: Rng, town: Town, kind: LegalKind | undefined): Naming {
  const [surname, surnameAscii] = rng.pick(SURNAMES);
  const [hira, hiraAscii] = rng.pick(HIRAGANA_WORDS);
  const [, kana, ascii] = pickWord(rng);
  const style = rng.int(0, 8);
  const names: [string, string][] = [
    [`${surname}歯科医院`, `${surnameAscii}-shika`],
    [`${surname}歯科クリニック`, `${surnameAscii}-dental`],
    [`${town.station}駅前歯科`, `${town.slug}-ekimae-dental`],
    [`${town.station}デンタルクリニック`, `${town.slug}-dc`],
    [`${hira}歯科クリニック`, `${hiraAscii}-dental`],
    [`${kana}デンタルオフィス`, `${ascii}-dentaloffice`],
    [`${surname}矯正歯科`, `${surnameAscii}-ortho`],
    [`${town.name}${surname}歯科`, `${town.slug}-${surnameAscii}-shika`],
    [`${surname}歯科`, `${surnameAscii}-dc`],
  ];
  const [base, domainStem] = names[style] as [string, string];
  if (!kind) return { displayName: base, domainStem };
  const [kanji] = rng.pick(KANJI_WORDS);
  const legal = `${kind}${kanji}${rng.pick(['会', '和会', '健歯会', '正和会'])}`;
  const displayName = rng.chance(0.15) ? `${legal} ${base}` : base;
  return { displayName, domainStem, legal: { kind, name: legal } };
}

function contractor(rng: Rng, town: Town, kind: LegalKind | undefined): Naming {
  const [surname, surnameAscii] = rng.pick(SURNAMES);
  const [, kana, ascii] = pickWord(rng);
  const style = rng.int(0, 6);
  const bases: [string, string][] = [
    [`${surname}工務店`, `${surnameAscii}-koumuten`],
    [`${surname}建設`, `${surnameAscii}-kensetsu`],
    [`${surname}建築`, `${surnameAscii}-kenchiku`],
    [`${kana}ホーム`, `${ascii}-home`],
    [`${surname}住建`, `${surnameAscii}-juken`],
    [`${town.name}リフォーム`, `${town.slug}-reform`],
    [`${kana}建築設計`, `${ascii}-sekkei`],
  ];
  const [base, domainStem] = bases[style] as [string, string];
  if (!kind) return { displayName: base, domainStem };
  const { display, legal } = withLegalForm(rng, base, kind);
  // Many firms drop the legal form on Maps; the legal name keeps it.
  return { displayName: rng.chance(0.7) ? display : base, domainStem, legal: { kind, name: legal } };
}

function accountant(rng: Rng, kind: LegalKind | undefined): Naming {
  const [surname, surnameAscii] = rng.pick(SURNAMES);
  const given = rng.pick(GIVEN_NAMES);
  if (kind) {
    const [, kana, ascii] = pickWord(rng);
    const [base, domainStem] = rng.pick<[string, string]>([
      [`${surname}会計`, `${surnameAscii}-kaikei`],
      [`${kana}`, `${ascii}-tax`],
      [`${surname}総合会計`, `${surnameAscii}-sogo`],
    ]);
    const legal = `${kind}${base}`;
    return { displayName: legal, domainStem, legal: { kind, name: legal } };
  }
  const [displayName, domainStem] = rng.pick<[string, string]>([
    [`${surname}税理士事務所`, `${surnameAscii}-tax`],
    [`${surname}会計事務所`, `${surnameAscii}-kaikei`],
    [`${surname}${given}税理士事務所`, `tax-${surnameAscii}`],
    [`${surname}税務会計事務所`, `${surnameAscii}-zeimu`],
  ]);
  return { displayName, domainStem };
}

function restaurant(rng: Rng, subtype: Subtype, town: Town, kind: LegalKind | undefined): Naming {
  const [kanji, kanjiAscii] = rng.pick(KANJI_WORDS);
  const [surname, surnameAscii] = rng.pick(SURNAMES);
  const [latin, kana, ascii] = pickWord(rng);
  const [hira, hiraAscii] = rng.pick(HIRAGANA_WORDS);
  const it = rng.pick(ITALIAN);
  const byType: Record<string, [string, string][]> = {
    ramen_restaurant: [[`らーめん ${kanji}`, `ramen-${kanjiAscii}`], [`麺屋 ${kanji}`, `menya-${kanjiAscii}`], [`ラーメン ${kanji}`, `ramen${kanjiAscii}`], [`中華そば ${surname}`, `chukasoba-${surnameAscii}`], [`つけ麺 ${kanji}`, `tsukemen-${kanjiAscii}`]],
    japanese_restaurant: [[`和食 ${kanji}`, `washoku-${kanjiAscii}`], [`割烹 ${kanji}`, `kappo-${kanjiAscii}`], [`${kanji}食堂`, `${kanjiAscii}-shokudo`], [`定食屋 ${hira}`, `teishoku-${hiraAscii}`], [`日本料理 ${kanji}`, `nihonryori-${kanjiAscii}`]],
    sushi_restaurant: [[`鮨 ${kanji}`, `sushi-${kanjiAscii}`], [`寿司 ${kanji}`, `${kanjiAscii}-sushi`], [`${kanji}寿司`, `${kanjiAscii}zushi`], [`すし処 ${surname}`, `sushi-${surnameAscii}`]],
    cafe: [[`カフェ ${kana}`, `cafe-${ascii}`], [`${latin} CAFE`, `${ascii}cafe`], [`${latin} coffee`, `${ascii}-coffee`], [`喫茶 ${kanji}`, `kissa-${kanjiAscii}`], [`${latin} COFFEE ROASTERS`, `${ascii}-roasters`]],
    italian_restaurant: [[`Trattoria ${it}`, `trattoria-${it.toLowerCase()}`], [`Osteria ${it}`, `osteria-${it.toLowerCase()}`], [`イタリアン ${kana}`, `italian-${ascii}`], [`Pizzeria ${it}`, `pizzeria-${it.toLowerCase()}`]],
    chinese_restaurant: [[`中華料理 ${kanji}`, `chuka-${kanjiAscii}`], [`${kanji}飯店`, `${kanjiAscii}-hanten`], [`餃子 ${kanji}`, `gyoza-${kanjiAscii}`], [`四川料理 ${kanji}`, `shisen-${kanjiAscii}`]],
    barbecue_restaurant: [[`焼肉 ${kanji}`, `yakiniku-${kanjiAscii}`], [`炭火焼肉 ${surname}`, `yakiniku-${surnameAscii}`], [`ホルモン ${kanji}`, `horumon-${kanjiAscii}`]],
    japanese_izakaya_restaurant: [[`居酒屋 ${kanji}`, `izakaya-${kanjiAscii}`], [`${kanji} 酒場`, `${kanjiAscii}-sakaba`], [`大衆酒場 ${hira}`, `sakaba-${hiraAscii}`], [`炉端 ${kanji}`, `robata-${kanjiAscii}`]],
    restaurant: [[`ビストロ ${kana}`, `bistro-${ascii}`], [`${latin} DINING`, `${ascii}-dining`], [`レストラン ${kana}`, `restaurant-${ascii}`], [`洋食 ${kanji}`, `yoshoku-${kanjiAscii}`]],
  };
  const options = byType[subtype.primaryType] ?? byType.restaurant!;
  let [displayName, domainStem] = rng.pick(options);
  if (rng.chance(0.12)) displayName = `${displayName} ${town.station}店`;
  else if (rng.chance(0.05)) displayName = `${displayName} 本店`;
  if (!kind) return { displayName, domainStem };
  const legalBase = rng.pick([`${surname}フーズ`, `${kana}`, `${kanji}`, `${surname}商店`, `${kana}ダイニング`]);
  return { displayName, domainStem, legal: { kind, name: withLegalForm(rng, legalBase, kind).legal } };
}

function realEstate(rng: Rng, area: Area, town: Town, kind: LegalKind | undefined): Naming {
  const [surname, surnameAscii] = rng.pick(SURNAMES);
  const [latin, kana, ascii] = pickWord(rng);
  const [kanji, kanjiAscii] = rng.pick(KANJI_WORDS);
  const wardStem = area.ward.replace(/区$/, '');
  const bases: [string, string][] = [
    [`${wardStem}不動産`, `${area.key.split('_')[0]}-fudosan`],
    [`${town.name}不動産`, `${town.slug}-fudosan`],
    [`${surname}不動産`, `${surnameAscii}-fudosan`],
    [`${kana}不動産`, `${ascii}-fudosan`],
    [`${kanji}住宅`, `${kanjiAscii}-jutaku`],
    [`${latin} ESTATE`, `${ascii}-estate`],
    [`${kana}ハウジング`, `${ascii}-housing`],
    [`${town.station}住宅センター`, `${town.slug}-jutaku`],
  ];
  const [base, domainStem] = rng.pick(bases);
  if (!kind) return { displayName: base, domainStem };
  const { display, legal } = withLegalForm(rng, base, kind);
  return { displayName: rng.chance(0.75) ? display : base, domainStem, legal: { kind, name: legal } };
}

export function representativeName(rng: Rng): string {
  return `${rng.pick(SURNAMES)[0]} ${rng.pick(GIVEN_NAMES)}`;
}
