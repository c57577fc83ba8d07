// Normalisers for the fields a lead is recognised by: a company name, a Japanese address, a phone
// number and a website, each written many ways by people and by Google Maps. Pure and
// web-standard (runs in the Worker and in Node). Each returns the parts the matching rule
// compares; see match.ts for the rule and keys.ts for the exact keys built from them.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { hostSite, platformHost, platformUserPath, registrableDomain } from '../sites/identity.ts';

// ---------------------------------------------------------------------------------------------
// Shared text folding.

/** Dashes and minus signs NFKC leaves alone (U+2010–2015, U+2212, box-drawing lines …). */
const DASHES = /[\u2010-\u2015\u2043\u2212\u2500\u2501\u2796\u2e3a\u2e3b\ufe58\ufe63\u02d7\u207b\u208b]/g;
/** The prolonged sound mark (and its half-width form, already folded by NFKC) where a dash was meant. */
const CHOON = 'ー';

/**
 * Characters NFKC leaves as they are: printable ASCII, kana, the prolonged sound mark, kanji and
 * the common Japanese punctuation. Text made of them only skips the (costly) normalisation.
 */
const NFKC_STABLE = /^[\x20-\x7e\u3001\u3002\u3005-\u3007\u300c\u300d\u3012\u3041-\u3096\u30a1-\u30fc\u4e00-\u9fff]*$/;

const nfkc = (text: string): string => (NFKC_STABLE.test(text) ? text : text.normalize('NFKC'));

/** Hiragana to katakana (さくら → サクラ): one reading, two scripts. */
const toKatakana = (text: string): string => text.replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));

/**
 * What a folded name keeps: digits, Latin (lower case), Greek, Cyrillic, kana without the
 * prolonged sound mark and the middle dot, kanji with 々〆〇, hangul, and astral characters
 * (𠮷). Explicit ranges rather than \p{L}\p{N}: a Unicode-property class costs a microsecond a
 * name, which 100,000 records a batch cannot spend.
 */
const NOT_NAME_CHARACTER = /[^0-9a-z\u00b5\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u3005-\u3007\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fd\u30fe\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\ud800-\udfff]+/g;

/** Folds text already NFKC-normalised and lower-cased (the hot path: no second NFKC). */
function foldNormalised(text: string): string {
  const kana = /[\u3041-\u3096]/.test(text) ? toKatakana(text) : text;
  return kana.replace(NOT_NAME_CHARACTER, '');
}

/**
 * Name text folded for comparison: NFKC, lower case, katakana, without the prolonged sound mark
 * (ヘアーサロン ~ ヘアサロン), spaces and punctuation (Hair&Spa ~ hair spa).
 */
export function foldName(text: string): string {
  return foldNormalised(text.normalize('NFKC').toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Company names.

export interface NameKey {
  /** The name without legal form, branch or punctuation, folded (「Hair Salon SORA 渋谷店」 → hairsalonsora). */
  core: string;
  /** The branch the name names (渋谷 for 渋谷店, 本 for 本店), folded like the core; null when none. */
  branch: string | null;
  /** The legal form in its full spelling (株式会社 for (株) and ㈱), null when none. */
  legalForm: string | null;
}

/** Legal forms and their abbreviations, each with its full spelling; longest first when matched. */
const LEGAL_FORMS: readonly (readonly [string, string])[] = (
  [
    ['株式会社', '株式会社'], ['(株)', '株式会社'],
    ['有限会社', '有限会社'], ['(有)', '有限会社'],
    ['合同会社', '合同会社'], ['(同)', '合同会社'],
    ['合資会社', '合資会社'], ['(資)', '合資会社'],
    ['合名会社', '合名会社'], ['(名)', '合名会社'],
    ['一般社団法人', '一般社団法人'], ['(一社)', '一般社団法人'], ['(社)', '一般社団法人'],
    ['一般財団法人', '一般財団法人'], ['(一財)', '一般財団法人'], ['(財)', '一般財団法人'],
    ['公益社団法人', '公益社団法人'], ['(公社)', '公益社団法人'],
    ['公益財団法人', '公益財団法人'], ['(公財)', '公益財団法人'],
    ['社会医療法人', '社会医療法人'],
    ['医療法人社団', '医療法人社団'], ['(医社)', '医療法人社団'],
    ['医療法人財団', '医療法人財団'], ['(医財)', '医療法人財団'],
    ['医療法人', '医療法人'], ['(医)', '医療法人'],
    ['社会福祉法人', '社会福祉法人'], ['(福)', '社会福祉法人'], ['(社福)', '社会福祉法人'],
    ['特定非営利活動法人', '特定非営利活動法人'], ['npo法人', '特定非営利活動法人'], ['(特非)', '特定非営利活動法人'],
    ['税理士法人', '税理士法人'], ['(税)', '税理士法人'],
    ['弁護士法人', '弁護士法人'], ['司法書士法人', '司法書士法人'], ['行政書士法人', '行政書士法人'],
    ['社会保険労務士法人', '社会保険労務士法人'], ['監査法人', '監査法人'], ['特許業務法人', '特許業務法人'],
    ['土地家屋調査士法人', '土地家屋調査士法人'],
    ['学校法人', '学校法人'], ['(学)', '学校法人'], ['宗教法人', '宗教法人'], ['(宗)', '宗教法人'],
    ['農事組合法人', '農事組合法人'], ['(農)', '農事組合法人'], ['有限責任事業組合', '有限責任事業組合'],
    ['事業協同組合', '事業協同組合'], ['生活協同組合', '生活協同組合'], ['協同組合', '協同組合'],
    ['地方独立行政法人', '地方独立行政法人'], ['独立行政法人', '独立行政法人'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LEGAL_PATTERN = new RegExp(LEGAL_FORMS.map(([form]) => escapeRegExp(form)).join('|'), 'g');
const LEGAL_FULL = new Map(LEGAL_FORMS);
/** English legal forms at the end of a Latin name (Co., Ltd. / Inc. / LLC / K.K.). */
const ENGLISH_LEGAL_TAIL = /(?:[\s,]+|^)(?:co\.?,?\s*ltd\.?|company\s+limited|co\.?\s*limited|ltd\.?|inc\.?|incorporated|corp\.?|corporation|llc\.?|l\.l\.c\.|k\.\s?k\.|kabushiki\s*kaisha|y\.\s?k\.|g\.\s?k\.)\s*$/;
const ENGLISH_FULL: Record<string, string> = { llc: '合同会社', 'l.l.c.': '合同会社', 'g.k.': '合同会社', 'y.k.': '有限会社' };
/** A medical corporation's own name before the clinic's (医療法人社団スマイル会 スマイル歯科). */
const MEDICAL_PREFIX = /^(社会医療法人|医療法人社団|医療法人財団|医療法人)\s*(\S+?会)\s+(?=\S)/;

/** Words that end a branch's name (渋谷店, 梅田支店, 新宿営業所, 福岡事務所, 本店, 恵比寿院). */
const BRANCH_WORD = /(支店|営業所|出張所|事業所|事務所|支社|本社|分院|店|院)$/;
/** Trades whose name ends like a branch but is not one (工務店, 商店, 歯科医院, 整骨院, 税理士事務所 …). */
const TRADE_ENDINGS = [
  '工務店', '商店', '書店', '飯店', '酒店', '米店', '薬店', '代理店', '専門店', '販売店', '喫茶店', '料理店', '菓子店', '洋品店',
  '呉服店', '質店', '百貨店', '売店', '理髪店', '理容店', '写真店', '時計店', '花店', '生花店', '精肉店', '鮮魚店', '青果店', '電器店',
  '電気店', '自転車店', '楽器店', '眼鏡店', '茶店', '金物店', '家具店', '畳店', '建具店', '塗装店', '看板店', '印刷店', '珈琲店',
  '医院', '病院', '整骨院', '接骨院', '美容院', '寺院', '鍼灸院', '治療院', '整体院', '学院', '研究院', '産院', '療院', 'クリニック院',
  '税理士事務所', '会計事務所', '税務事務所', '法律事務所', '特許事務所', '設計事務所', '建築事務所', '司法書士事務所', '行政書士事務所',
  '社労士事務所', '社会保険労務士事務所', '土地家屋調査士事務所', '測量事務所', '不動産事務所', '芸能事務所', '探偵事務所',
].map(foldName);

const isTradeEnding = (folded: string): boolean => TRADE_ENDINGS.some((ending) => folded.endsWith(ending));

/** Strips the branch words a folded name ends with (ミライ不動産新宿店 → ミライ不動産新宿), never a trade's. */
function stripBranchWord(folded: string): string {
  let text = folded;
  for (;;) {
    const match = BRANCH_WORD.exec(text);
    if (!match || isTradeEnding(text) || text.length - match[0].length < 2) return text;
    text = text.slice(0, -match[0].length);
  }
}

/** A token that names a branch: ends with a branch word, is not a trade (渋谷店 yes, 工務店 no). */
function isBranchToken(folded: string): boolean {
  const match = BRANCH_WORD.exec(folded);
  return match !== null && folded.length > match[0].length && !isTradeEnding(folded);
}

const BRANCH_WORD_ONLY = /^(支店|営業所|出張所|事業所|事務所|支社|本社|分院|店|院)$/;
const OPENING = /[(\[{<「『【〔〈《≪]/;
const BRACKETED = /[(\[{<「『【〔〈《≪]([^()[\]{}<>「」『』【】〔〕〈〉《》≪≫]*)[)\]}>」』】〕〉》≫]/g;
const BRACKETS = /[()[\]{}<>「」『』【】〔〕〈〉《》≪≫]/g;
const LEGAL_HINT = /会社|法人|組合|\(/;
const ENGLISH_HINT = /(?:ltd|inc|corp|corporation|llc|l\.l\.c|k\.\s?k|kaisha|limited|[gy]\.\s?k)\.?\s*$/;

/**
 * A company or shop name reduced to what identifies it. The legal form goes, wherever it is
 * written (株式会社山田工務店 ~ (株)山田工務店 ~ 山田工務店㈱ ~ 山田工務店); a trailing branch token
 * (渋谷店, 梅田支店, (新宿営業所), 本店) is kept apart as `branch`; asides in brackets (【公式】,
 * a reading) are dropped.
 */
export function normaliseName(name: string): NameKey {
  // NFKC folds ㈱ and （株） to (株), full-width letters and U+3000 to ASCII.
  let text = nfkc(name).toLowerCase();
  if (/\s\s|[^\S ]|^\s|\s$/.test(text)) text = text.replace(/\s+/g, ' ').trim();
  if (text.includes('(')) {
    // 医療法人(社団) and ( 株 ) are written with and without parentheses and spaces.
    text = text.replace(/医療法人\s*\(\s*(社団|財団)\s*\)/g, '医療法人$1').replace(/\(\s*([^()\s]{1,2})\s*\)/g, '($1)');
  }
  let legalForm: string | null = null;
  if (text.includes('医療法人')) {
    const medical = MEDICAL_PREFIX.exec(text);
    if (medical) {
      legalForm = medical[1] as string;
      text = text.slice(medical[0].length);
    }
  }
  if (LEGAL_HINT.test(text)) {
    text = text.replace(LEGAL_PATTERN, (form) => {
      legalForm ??= LEGAL_FULL.get(form) ?? form;
      return ' ';
    });
  }
  if (ENGLISH_HINT.test(text)) {
    for (let english = ENGLISH_LEGAL_TAIL.exec(text); english && english.index > 0; english = ENGLISH_LEGAL_TAIL.exec(text)) {
      const word = english[0].trim().replace(/^,\s*/, '').replace(/\s+/g, '');
      legalForm ??= ENGLISH_FULL[word] ?? '株式会社';
      text = text.slice(0, english.index);
    }
  }
  if (OPENING.test(text)) {
    // A bracket holds a branch (「SORA（渋谷店）」), kept as a token, or an aside, dropped
    // unless nothing else is left.
    const withoutAsides = text.replace(BRACKETED, (_all, inner: string) => (isBranchToken(foldNormalised(inner)) ? ` ${inner} ` : ' '));
    if (foldNormalised(withoutAsides) !== '') text = withoutAsides;
    text = text.replace(BRACKETS, ' ');
  }
  const tokens = text
    .split(' ')
    .map(foldNormalised)
    .filter((token) => token !== '');
  let branch: string | null = null;
  const last = tokens[tokens.length - 1];
  if (tokens.length >= 3 && last !== undefined && BRANCH_WORD_ONLY.test(last) && !isTradeEnding(tokens[tokens.length - 2] + last)) {
    // 「SORA 渋谷 店」: the branch word stands alone after the branch's name.
    branch = tokens[tokens.length - 2] as string;
    tokens.length -= 2;
  } else if (tokens.length >= 2 && last !== undefined && isBranchToken(last)) {
    branch = last.replace(BRANCH_WORD, '');
    tokens.length -= 1;
  }
  let core = tokens.join('');
  if (branch === null) core = stripBranchWord(core);
  // The key (core + branch) must read back as itself: a legal form spread over tokens
  // (株式 会社), a branch that is itself a branch word (店店) are folded away here.
  const key = core + (branch ?? '');
  const canonical = canonicalNameKey(key);
  if (canonical !== key || (branch !== null && BRANCH_WORD.test(branch))) return { core: canonical, branch: null, legalForm };
  return { core, branch, legalForm };
}

/** A folded name with no legal form inside and no branch word at its end (a fixed point of normaliseName). */
function canonicalNameKey(folded: string): string {
  let text = folded;
  for (;;) {
    const next = stripBranchWord(LEGAL_HINT.test(text) || text.includes('npo') ? text.replace(LEGAL_PATTERN, '') : text);
    if (next === text) return text;
    text = next;
  }
}

/** The name as one exact string: core and branch together, so branches of a chain differ. */
export const nameKeyString = (name: NameKey): string => name.core + (name.branch ?? '');

// ---------------------------------------------------------------------------------------------
// Addresses.

export interface AddressKey {
  prefecture: string | null;
  /** 渋谷区, 大阪市北区, 福岡市中央区, 町田市, 足柄下郡箱根町. */
  municipality: string | null;
  /** 町名 / 大字 as written after the municipality (道玄坂, 神宮前, 北1条西). */
  town: string | null;
  /** 丁目-番-号 or 番地-号 as digits: '1-2-3' ('2丁目' when only the 丁目 is known). */
  block: string | null;
  /** The building's name, folded like a name (KDX渋谷ビル → kdx渋谷ビル, ｺｺﾋﾞﾙ → ココビル). */
  building: string | null;
  /** Municipality + town + block ("the building number"); null when too vague to identify a building. */
  key: string | null;
  /** 150-0043, when given. */
  postalCode?: string | null;
  /** 5F, B1F, when given. */
  floor?: string | null;
  /** 301 (号室, or a number after the block), when given. */
  room?: string | null;
}

/** The 47 prefectures in JIS X 0401 order: a prefecture's code is its index + 1. */
export const PREFECTURES: readonly string[] = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県',
  '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県',
  '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県',
  '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];
/** 政令指定都市: their wards are written after the city (大阪市北区). */
const DESIGNATED_CITIES = [
  '札幌市', '仙台市', 'さいたま市', '千葉市', '横浜市', '川崎市', '相模原市', '新潟市', '静岡市', '浜松市', '名古屋市', '京都市', '大阪市',
  '堺市', '神戸市', '岡山市', '広島市', '北九州市', '福岡市', '熊本市',
];
const TOKYO_WARDS = [
  '千代田区', '中央区', '港区', '新宿区', '文京区', '台東区', '墨田区', '江東区', '品川区', '目黒区', '大田区', '世田谷区', '渋谷区', '中野区',
  '杉並区', '豊島区', '北区', '荒川区', '板橋区', '練馬区', '足立区', '葛飾区', '江戸川区',
];
/** Cities whose own name holds 市 (a lazy match would stop inside it). */
const CITIES_WITH_SHI = ['四日市市', '廿日市市', '野々市市', '市川市', '市原市'];

const alternation = (words: readonly string[]) => words.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|');
const PREFECTURE_RE = new RegExp(`^(?:${alternation(PREFECTURES)})`);
const DESIGNATED_RE = new RegExp(`^(${alternation(DESIGNATED_CITIES)})(?:([^\\d\\s区]{1,4}区))?`);
const TOKYO_WARD_RE = new RegExp(`^(?:${alternation(TOKYO_WARDS)})`);
const CITY_RE = new RegExp(`^(?:${alternation(CITIES_WITH_SHI)}|[^\\d市区郡]{1,6}?市)`);
const GUN_RE = /^[^\d市区町村郡]{1,5}?郡/;
const TOWN_VILLAGE_RE = /^[^\d市区郡]{1,5}?[町村]/;

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十三 → 23, 百二 → 102, 一〇二 → 102 (digit by digit when there is no unit). */
export function kanjiToNumber(text: string): number {
  if (!/[十百千]/.test(text)) return Number([...text].map((ch) => KANJI_DIGITS[ch] ?? 0).join(''));
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    const unit = KANJI_UNITS[ch];
    if (unit) {
      total += (digit || 1) * unit;
      digit = 0;
    } else {
      digit = KANJI_DIGITS[ch] ?? 0;
    }
  }
  return total + digit;
}

const NUMERAL = '[〇一二三四五六七八九十百千]+';
/**
 * Kanji numerals that are address numbers: before 丁目 / 番地 / 号 / 条 / 線 / の+number / a dash,
 * or after a dash. Before 番 only when not part of a town's name (一番町, 麻布十番).
 */
const KANJI_NUMBER = new RegExp(
  [
    `(${NUMERAL})(?=丁目|丁(?![堀字])|番地|号|条|線|地割|階|の[〇一二三四五六七八九十0-9]|-)`,
    `(?<=(?:^|[\\d\\s\\-]|丁目|丁|番地))(${NUMERAL})(?=番(?!町))`,
    `(?<=[\\d]-)(${NUMERAL})(?![\\u4e00-\\u9fff])`,
  ].join('|'),
  'g',
);

/** Address text with every dash a '-', and digits for the kanji numerals of numbers. */
function addressText(address: string): string {
  // Most addresses hold full-width digits: NFKC at once, without testing whether it is needed.
  let text = address.normalize('NFKC');
  if (DASH_HINT.test(text)) text = text.replace(DASHES, '-');
  // Kanji numerals first, so that 一丁目ー二 has digits around its prolonged sound mark.
  if (KANJI_NUMERAL_HINT.test(text)) {
    text = text.replace(KANJI_NUMBER, (_all, a: string | undefined, b: string | undefined, c: string | undefined) => String(kanjiToNumber((a ?? b ?? c) as string)));
  }
  // ー (and its half-width form, folded by NFKC) between digits is a dash: 1ー2ー3.
  if (text.includes(CHOON)) text = text.replace(CHOON_DASH, '$1-');
  // 2の3 is 2-3; spaces around dashes are noise.
  if (text.includes('の')) text = text.replace(/(\d)\s*の\s*(?=\d)/g, '$1-');
  if (text.includes(' -') || text.includes('- ')) text = text.replace(/(\d)\s+-\s*(?=\d)|(\d)-\s+(?=\d)/g, '$1$2-');
  return text;
}

const KANJI_NUMERAL_HINT = /[〇一二三四五六七八九十百千]/;
const DASH_HINT = new RegExp(DASHES.source);
const CHOON_DASH = new RegExp(`(\\d)\\s*${CHOON}+\\s*(?=\\d)`, 'g');

/** Town names written several ways: 千駄ヶ谷 ~ 千駄ケ谷 ~ 千駄が谷, 一ノ橋 ~ 一の橋; 大字 is optional. */
function foldTown(town: string): string {
  let text = town.startsWith('大字') ? town.slice(2) : town;
  if (/[ヶケヵがカノ之]/.test(text)) {
    text = text.replace(/(?<=[\u4e00-\u9fff々])[ヶケヵがカ](?=[\u4e00-\u9fff])/g, 'ケ').replace(/(?<=[\u4e00-\u9fff々])[ノ之](?=[\u4e00-\u9fff])/g, 'の');
  }
  return /[,、，。.]$/.test(text) ? text.replace(/[,、，。.]+$/, '') : text;
}

interface Municipality {
  name: string;
  /** What the key uses: the designated city without its ward (a ward is often left out). */
  keyName: string;
  length: number;
}

function readMunicipality(text: string): Municipality | null {
  const designated = DESIGNATED_RE.exec(text);
  if (designated) {
    const city = designated[1] as string;
    const ward = designated[2] ?? '';
    return { name: city + ward, keyName: city, length: designated[0].length };
  }
  const ward = TOKYO_WARD_RE.exec(text);
  if (ward) return { name: ward[0], keyName: ward[0], length: ward[0].length };
  const city = CITY_RE.exec(text);
  if (city) return { name: city[0], keyName: city[0], length: city[0].length };
  const gun = GUN_RE.exec(text);
  const rest = gun ? text.slice(gun[0].length) : text;
  const town = TOWN_VILLAGE_RE.exec(rest);
  // Without a 郡, a 町 could as well be a town name (宇田川町): only 郡 + 町/村 is a municipality.
  // The key leaves the 郡 out (people do).
  if (gun && town) return { name: gun[0] + town[0], keyName: town[0], length: gun[0].length + town[0].length };
  return null;
}

const NUMBERED_TOWN_PART = /^(\d+(?:条|線|地割)[東西南北]?)([^\d\s]*)/;
const NUMBER_PART = /(\d+)(?:\s*(丁目|丁|番地の?|番の?|号|-))?/y;
const FLOOR_OR_ROOM_AHEAD = /\s*(?:f(?![a-z])|fl(?![a-z])|階|号室|室)/iy;

interface Numbers {
  values: number[];
  /** What followed each number: 丁目, 番地, 番, 号, - or ''. */
  markers: string[];
  /** Where the numbers end in the text. */
  end: number;
}

/** Reads 1丁目2番3号 / 1-2-3 / 123番地の4 from the start of `text`. */
function readNumbers(text: string): Numbers {
  const values: number[] = [];
  const markers: string[] = [];
  if (text === '') return { values, markers, end: 0 };
  let at = 0;
  for (;;) {
    NUMBER_PART.lastIndex = at;
    const match = NUMBER_PART.exec(text);
    if (!match) break;
    const digits = match[1] as string;
    FLOOR_OR_ROOM_AHEAD.lastIndex = at + digits.length;
    if (FLOOR_OR_ROOM_AHEAD.test(text)) break;
    let marker = match[2] ?? '';
    if (marker.endsWith('の')) marker = marker.slice(0, -1);
    values.push(Number(digits));
    markers.push(marker);
    at += match[0].length;
    if (marker === '号') break;
    // After 丁目 or a dash the next number may follow a space; otherwise a space ends the address.
    if (marker === '丁目' || marker === '丁' || marker === '-') while (text.charCodeAt(at) === 32) at++;
    const next = text.charCodeAt(at);
    if (!(next >= 48 && next <= 57)) break;
  }
  return { values, markers, end: at };
}

const NO_BUILDING = { building: null, floor: null, room: null } as const;

/** 5F, ５階, 地下1階, B1 → 5F / B1F; 301号室, #301 → 301. */
function readBuilding(text: string, extraRoom: string | null): { building: string | null; floor: string | null; room: string | null } {
  // A dangling 号 or 番地 after the numbers (1-2-3号, 8-号) belongs to them.
  let rest = text.replace(/^[\s,、，・-]*(?:号|番地|番)?[\s,、，・-]*/, '');
  let floor: string | null = null;
  let room: string | null = extraRoom;
  if (rest === '') return { building: null, floor, room };
  if (!/\d/.test(rest)) {
    const building = foldBuilding(rest);
    return { building: building === '' ? null : building, floor, room };
  }
  rest = rest.replace(/地下\s*(\d+)\s*(?:階|fl?(?![a-z]))?|(?<![a-z\d])b\s?(\d+)\s*(?:階|fl?)?(?![a-z\d])/i, (_all, a: string | undefined, b: string | undefined) => {
    floor = `B${Number(a ?? b)}F`;
    return ' ';
  });
  if (floor === null) {
    rest = rest.replace(/(\d+)\s*(?:階|fl?(?![a-z]))/i, (_all, above: string) => {
      floor = `${Number(above)}F`;
      return ' ';
    });
  }
  rest = rest.replace(/(?:#|no\.?)?\s*(\d+(?:-\d+)*)\s*(?:号室|室)|#\s*(\d+(?:-\d+)*)/i, (_all, a: string | undefined, b: string | undefined) => {
    room ??= (a ?? b ?? '').split('-').map(Number).join('-');
    return ' ';
  });
  // A number at the very end of the building part is a room (渋谷ビル 301).
  rest = rest.replace(/(?:^|\s|-)(\d{2,4})\s*$/, (_all, number: string) => {
    room ??= String(Number(number));
    return ' ';
  });
  const building = foldBuilding(rest);
  return { building: building === '' ? null : building, floor, room };
}

/** A building's name folded like a company name (the text is NFKC already). */
const foldBuilding = (text: string): string => foldNormalised(text.toLowerCase());

/**
 * A Japanese address split into its parts, with `key` down to the building number. Accepts what
 * Google writes (日本、〒150-0043 東京都渋谷区道玄坂１丁目２−３ 渋谷ビル 5F) and what people type
 * (渋谷区道玄坂一丁目2番3号, 道玄坂1ー2ー3, 大阪市 北区梅田1-2-3 ○○ビル301).
 */
export function normaliseAddress(address: string): AddressKey {
  return parseAddress(address, true);
}

/** The key of an address alone (what matching needs): normaliseAddress(address).key, cheaper. */
export function addressKey(address: string): string | null {
  return parseAddress(address, false).key;
}

function parseAddress(address: string, withBuilding: boolean): AddressKey {
  // NFKC turns U+3000 and other spaces into ' '; tabs and new lines are spaces too.
  let text = addressText(address);
  if (/\s\s|[^\S ]|^\s|\s$/.test(text)) text = text.replace(/\s+/g, ' ').trim();
  if (text.startsWith('日本') || /^japan/i.test(text)) text = text.replace(/^(?:日本(?:国)?|japan)\s*[、,]?\s*/i, '');
  let postalCode: string | null = null;
  const postal = text.startsWith('〒') || /^\d/.test(text) ? /^〒?\s*(\d{3})-?(\d{4})(?!\d)\s*[、,]?\s*/.exec(text) : null;
  if (postal) {
    postalCode = `${postal[1]}-${postal[2]}`;
    text = text.slice(postal[0].length);
  } else if (text.startsWith('〒')) {
    text = text.slice(1).trimStart();
  }
  // Spaces separate the address from the building; before the first digit they are noise.
  const firstDigit = text.search(/\d/);
  let head = firstDigit < 0 ? text : text.slice(0, firstDigit);
  if (head.includes(' ')) head = head.replace(/ +/g, '');
  let tail = firstDigit < 0 ? '' : text.slice(firstDigit);

  let rest = head;
  const prefecture = PREFECTURE_RE.exec(rest)?.[0] ?? null;
  if (prefecture) rest = rest.slice(prefecture.length);
  const municipality = readMunicipality(rest);
  if (municipality) rest = rest.slice(municipality.length);
  let town = rest;
  // 北1条西 (Sapporo), 1線, 1地割: numbered parts of a town's name.
  for (let part = NUMBERED_TOWN_PART.exec(tail); part; part = NUMBERED_TOWN_PART.exec(tail)) {
    town += part[0];
    tail = tail.slice(part[0].length).replace(/^\s+/, '');
  }
  const { values, markers, end } = readNumbers(tail);
  // Four numbers are 丁目-番-号 and a room; a third number over 99 with no 号 is a room (宇田川町31-2-301).
  let blockLength = Math.min(values.length, 3);
  if (blockLength === 3 && markers[2] !== '号' && markers[1] !== '番地' && (values[2] as number) >= 100) blockLength = 2;
  const onlyChome = blockLength === 1 && (markers[0] === '丁目' || markers[0] === '丁');
  // 道玄坂2丁目 alone names a district, not a building: the block says so, and there is no key.
  const block = blockLength === 0 ? null : onlyChome ? `${values[0]}丁目` : blockLength === 1 ? `${values[0]}` : blockLength === 2 ? `${values[0]}-${values[1]}` : `${values[0]}-${values[1]}-${values[2]}`;
  const extra = values.length > blockLength ? values.slice(blockLength).join('-') : null;
  const { building, floor, room } = withBuilding ? readBuilding(tail.slice(end), extra) : NO_BUILDING;

  const townName = foldTown(town);
  const key = municipality && townName && block && !onlyChome ? `${municipality.keyName}|${townName}|${block}` : null;
  return {
    prefecture,
    municipality: municipality?.name ?? null,
    town: townName === '' ? null : townName,
    block,
    building,
    key,
    postalCode,
    floor,
    room,
  };
}

/** An address as one canonical line (東京都渋谷区道玄坂1-2-3 渋谷ビル 5F 301): normalising it again gives the same parts. */
export function formatAddress(address: AddressKey): string {
  // A third number is written as 号, so that a large one still reads as part of the block.
  const block = address.block && /^\d+-\d+-\d+$/.test(address.block) ? `${address.block}号` : (address.block ?? '');
  const line = `${address.prefecture ?? ''}${address.municipality ?? ''}${address.town ?? ''}${block}`;
  // A building that starts like a block's continuation (丁, 番, 号, a dash, a digit) would be read
  // back as part of the block after a space; a 、 ends the block for the parser.
  const building = address.building && /^[丁番号の\-‐－ー−\d０-９]/.test(address.building) ? `、${address.building}` : address.building;
  return [line, building, address.floor, address.room ? `${address.room}号室` : null].filter((part) => part).join(' ');
}

// ---------------------------------------------------------------------------------------------
// Phone numbers.

export interface PhoneKey {
  /** +81312345678 */
  e164: string;
  /** Toll-free (0120, 0800), navi-dial (0570), premium, pager, or not a valid number: not evidence of who answers. */
  weak: boolean;
}

const WEAK_TYPES = new Set(['TOLL_FREE', 'SHARED_COST', 'PREMIUM_RATE', 'UAN', 'PAGER', 'PERSONAL_NUMBER', 'VOICEMAIL']);
/** Runs of digits with the separators people put in phone numbers. */
const PHONE_CANDIDATE = /\+?\(?\d[\d\s\-().]{5,}\d/g;

/** A phone number as E.164 (JP by default), or null when there is none. The first number of a cell counts, FAX numbers never. */
export function normalisePhone(phone: string): PhoneKey | null {
  let text = nfkc(phone);
  if (SIMPLE_PHONE.test(text)) {
    const simple = parseDigits(text.replace(NOT_PHONE_DIGIT, ''), text);
    // Two numbers side by side read as one too long: the slow path below takes them apart.
    if (simple || !text.trim().includes(' ')) return simple;
  }
  text = text.replace(DASHES, '-').replace(/(\d)\s*ー\s*(?=\d)/g, '$1-');
  const fax = /fax|ファ[ック]*ス/i.test(text);
  let fallback: PhoneKey | null = null;
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    if (fax) {
      const before = text.slice(Math.max(0, (match.index ?? 0) - 8), match.index).toLowerCase();
      if (/fax|ファ[ック]*ス/.test(before) && !/tel|電話/.test(before)) continue;
    }
    const whole = match[0].trim();
    // Two numbers side by side ("03-1234-5678 090-1234-5678") are tried one by one.
    for (const candidate of whole.includes(' ') ? [whole, ...whole.split(/\s+/)] : [whole]) {
      const parsed = parseCandidate(candidate);
      if (parsed && !parsed.weak) return parsed;
      if (parsed) fallback ??= parsed;
    }
  }
  return fallback;
}

/** One number and nothing else (03-1234-5678, +81 3-1234-5678, (03)1234-5678). */
const SIMPLE_PHONE = /^\s*\+?[\d\-() ]{9,20}$/;

/**
 * Validity and weakness of Japanese numbers by national-number length and first four digits.
 * libphonenumber's JP metadata tells types apart by at most the first four digits (03…, 090…,
 * 0120…, 0800…), so one parse per (length, prefix) classifies every number like it; parsing each
 * number costs microseconds that a batch of 100,000 records cannot spend. phone.test.ts checks
 * this against libphonenumber number by number.
 */
const JP_CLASSES = new Map<number, boolean | null>();

function classify(e164: string): boolean | null {
  const number = parsePhoneNumberFromString(e164);
  if (!number || !number.isPossible()) return null;
  if (!number.isValid()) return true;
  const type = number.getType();
  return type !== undefined && WEAK_TYPES.has(type);
}

const NOT_PHONE_DIGIT = /[^\d+]+/g;

function parseCandidate(candidate: string): PhoneKey | null {
  return parseDigits(candidate.replace(NOT_PHONE_DIGIT, ''), candidate);
}

/** `digits`: the candidate's digits and plus signs only. */
function parseDigits(digits: string, candidate: string): PhoneKey | null {
  const plain = digits.includes('+') ? digits.replace(/\+/g, '') : digits;
  if (plain.length < 9 || plain.length > 16) return null;
  // Japanese numbers, national (03…) or international (+81 3…, +81 (0)3…).
  let national: string | null = null;
  if (digits.startsWith('+81')) national = plain.slice(2).replace(/^0/, '');
  // (00… and 010… dial abroad from Japan.)
  else if (plain.charCodeAt(0) === 48 && plain.charCodeAt(1) !== 48 && !plain.startsWith('010') && !digits.startsWith('+')) national = plain.slice(1);
  if (national !== null && national.length >= 9 && national.length <= 10) {
    const key = national.length * 10_000 + Number(national.slice(0, 4));
    let weak = JP_CLASSES.get(key);
    if (weak === undefined) {
      weak = classify(`+81${national}`);
      JP_CLASSES.set(key, weak);
    }
    return weak === null ? null : { e164: `+81${national}`, weak };
  }
  const number = parsePhoneNumberFromString(candidate, 'JP');
  // Fewer than 9 digits is no one's full number (and would not read back).
  if (!number || !number.isPossible() || number.number.length < 10) return null;
  if (number.countryCallingCode === '81' && number.nationalNumber.startsWith('0')) return null;
  // What we return must read back as itself (010 61 0… dials abroad into a number that does not).
  const again = parsePhoneNumberFromString(number.number);
  if (!again || !again.isPossible() || again.number !== number.number || again.number.length < 10) return null;
  if (!number.isValid()) return { e164: number.number, weak: true };
  const type = number.getType();
  return { e164: number.number, weak: type !== undefined && WEAK_TYPES.has(type) };
}

// ---------------------------------------------------------------------------------------------
// Websites.

/** Hosts whose links say nothing about a business's own site (a Maps link pasted as "website"). */
const NOT_A_SITE = /(^|\.)(goo\.gl|g\.page|g\.co|maps\.app\.goo\.gl|bit\.ly|t\.co|tinyurl\.com)$|^maps\.google\.[a-z.]+$/;

/**
 * The site of a web address: the registrable domain, and the site identity, which is the domain
 * itself, a user's subdomain on a site builder (shop.jimdofree.com), or the user's path on a
 * shared platform (ameblo.jp/salon-hana). Null when there is no site of the business's own: not a
 * web address, a platform's own pages (https://ameblo.jp/), or a Maps or shortener link.
 */
export interface SiteKey {
  /** The registrable domain (sora-hair.jp, a.jimdofree.com, ameblo.jp). */
  domain: string;
  /** The site: the domain, or the platform and the user's path (ameblo.jp/salon-hana). */
  siteId: string;
  /** True when the site is one user's part of a shared host (a path on ameblo.jp, a.jimdofree.com, a.wixsite.com). */
  userSite: boolean;
}

export function normaliseWebsite(url: string): SiteKey | null {
  const text = nfkc(url).trim();
  const first = text.split(/\s/, 1)[0] ?? '';
  if (first === '') return null;
  // The common case without URL parsing: http(s)://host/… or host/… with an ASCII host.
  const simple = SIMPLE_URL.exec(first);
  if (simple) {
    const host = (simple[1] as string).toLowerCase();
    if (!host.includes('..') && !platformHost(host)) return ownSite(host);
  }
  if (/^(mailto|tel|javascript|data):/i.test(first)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first : `http://${first.replace(/^\/\//, '')}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const host = parsed.hostname.toLowerCase().replace(/\.+$/, '');
  if (!platformHost(host)) return ownSite(host);
  const path = platformUserPath(parsed);
  return path ? { domain: registrableDomain(host), siteId: `${platformHost(host)}${path.toLowerCase()}`, userSite: true } : null;
}

const SIMPLE_URL = /^(?:https?:\/\/)?([a-z0-9][a-z0-9.-]*\.[a-z0-9-]*[a-z0-9])\.?(?::\d{1,5})?(?:[/?#][!-~]*)?$/i;

/** The site of a host that is not a path platform; null for Maps and shortener links. */
function ownSite(host: string): SiteKey | null {
  if (!host.includes('.') || NOT_A_SITE.test(host) || /(^|\.)google\.[a-z.]+$/.test(host)) return null;
  const { domain, userSite } = hostSite(host);
  return { domain, siteId: domain, userSite };
}
