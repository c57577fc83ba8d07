// The emulator's ground truth for industries: Places types, their Japanese display names, the
// words a textQuery may use for them, and how many businesses each area holds at day 0 and how
// fast they change. Data, not logic. (The API has its own mapping in shared/industries.ts; this
// table is deliberately independent of it.)
import type { AreaKey } from './areas.ts';

export type IndustryKey = 'hair_salon' | 'dentist' | 'general_contractor' | 'accounting' | 'restaurant' | 'real_estate_agency';

export interface Subtype {
  /** Primary type of places of this kind. */
  primaryType: string;
  /** primaryTypeDisplayName.text in Japanese. */
  displayName: string;
  /** Extra types besides primaryType and the industry's own types. */
  types: string[];
  weight: number;
}

export interface Industry {
  key: IndustryKey;
  /** The Places type every place of the industry carries. */
  type: string;
  /** Japanese label (美容室, 歯科医院…). */
  label: string;
  /** Types every place of the industry carries besides its primary type. */
  types: string[];
  subtypes: Subtype[];
  /** Share of businesses with no website at all. */
  noWebsite: number;
  /** Share run by a corporation (the rest are sole proprietors). */
  corporate: number;
}

const sub = (primaryType: string, displayName: string, types: string[], weight: number): Subtype => ({ primaryType, displayName, types, weight });

export const INDUSTRIES: readonly Industry[] = [
  {
    key: 'hair_salon',
    type: 'hair_salon',
    label: '美容室',
    types: ['hair_salon', 'beauty_salon', 'health', 'point_of_interest', 'establishment'],
    subtypes: [sub('hair_salon', '美容院', [], 1)],
    noWebsite: 0.26,
    corporate: 0.5,
  },
  {
    key: 'dentist',
    type: 'dentist',
    label: '歯科医院',
    types: ['dentist', 'health', 'point_of_interest', 'establishment'],
    subtypes: [sub('dentist', '歯科医院', [], 0.85), sub('dental_clinic', '歯科医院', ['dental_clinic', 'doctor'], 0.15)],
    noWebsite: 0.2,
    corporate: 0.55,
  },
  {
    key: 'general_contractor',
    type: 'general_contractor',
    label: '工務店',
    types: ['general_contractor', 'point_of_interest', 'establishment'],
    subtypes: [sub('general_contractor', '工務店', [], 1)],
    noWebsite: 0.42,
    corporate: 0.82,
  },
  {
    key: 'accounting',
    type: 'accounting',
    label: '税理士事務所',
    types: ['accounting', 'finance', 'point_of_interest', 'establishment'],
    subtypes: [sub('accounting', '会計事務所', [], 1)],
    noWebsite: 0.33,
    corporate: 0.42,
  },
  {
    key: 'restaurant',
    type: 'restaurant',
    label: '飲食店',
    types: ['restaurant', 'food', 'point_of_interest', 'establishment'],
    subtypes: [
      sub('restaurant', 'レストラン', [], 0.14),
      sub('ramen_restaurant', 'ラーメン屋', ['ramen_restaurant', 'japanese_restaurant'], 0.16),
      sub('japanese_restaurant', '和食店', ['japanese_restaurant'], 0.12),
      sub('sushi_restaurant', '寿司店', ['sushi_restaurant', 'japanese_restaurant'], 0.08),
      sub('cafe', 'カフェ', ['cafe', 'coffee_shop'], 0.16),
      sub('italian_restaurant', 'イタリア料理店', ['italian_restaurant'], 0.08),
      sub('chinese_restaurant', '中華料理店', ['chinese_restaurant'], 0.08),
      sub('barbecue_restaurant', '焼肉店', ['barbecue_restaurant', 'japanese_restaurant'], 0.07),
      sub('japanese_izakaya_restaurant', '居酒屋', ['japanese_izakaya_restaurant', 'japanese_restaurant', 'bar'], 0.11),
    ],
    noWebsite: 0.38,
    corporate: 0.55,
  },
  {
    key: 'real_estate_agency',
    type: 'real_estate_agency',
    label: '不動産会社',
    types: ['real_estate_agency', 'point_of_interest', 'establishment'],
    subtypes: [sub('real_estate_agency', '不動産業者', [], 1)],
    noWebsite: 0.2,
    corporate: 0.86,
  },
];

export const INDUSTRY_BY_KEY: ReadonlyMap<IndustryKey, Industry> = new Map(INDUSTRIES.map((industry) => [industry.key, industry]));

/**
 * Words of a textQuery and the types they stand for. A place matches a word when it carries one
 * of its types (or its name contains the word). Longer words are tried first.
 */
export const KEYWORD_TYPES: ReadonlyArray<readonly [word: string, types: readonly string[]]> = [
  ...words(['美容室', '美容院', 'ヘアサロン', 'ヘアーサロン', 'hair salon', 'hairsalon', '理容室', '理髪店', '床屋', 'バーバー', 'barber', 'ヘアカット', '美容'], ['hair_salon']),
  ...words(['エステ', 'エステサロン', 'ビューティーサロン', 'ネイルサロン', 'beauty salon'], ['beauty_salon']),
  ...words(['歯科', '歯医者', '歯科医院', '歯科クリニック', 'デンタルクリニック', 'デンタル', '矯正歯科', 'dentist', 'dental'], ['dentist', 'dental_clinic']),
  ...words(['工務店', '建設', '建設会社', '建築', '建築会社', 'リフォーム', '注文住宅', 'general contractor', 'contractor'], ['general_contractor']),
  ...words(['税理士', '税理士事務所', '会計事務所', '会計', '会計士', '税務', 'accounting', 'accountant', 'tax accountant'], ['accounting']),
  ...words(['飲食店', 'レストラン', '食堂', 'ランチ', 'ディナー', 'グルメ', 'restaurant', 'restaurants'], ['restaurant']),
  ...words(['ラーメン', 'らーめん', 'ラーメン店', 'ラーメン屋', 'つけ麺', '中華そば', 'ramen'], ['ramen_restaurant']),
  ...words(['カフェ', '喫茶店', '喫茶', 'コーヒー', 'cafe', 'café', 'coffee'], ['cafe', 'coffee_shop']),
  ...words(['和食', '日本料理', '割烹', '定食'], ['japanese_restaurant']),
  ...words(['寿司', '鮨', 'すし', 'sushi'], ['sushi_restaurant']),
  ...words(['イタリアン', 'イタリア料理', 'パスタ', 'ピザ', 'italian'], ['italian_restaurant']),
  ...words(['中華', '中華料理', '餃子', 'chinese'], ['chinese_restaurant']),
  ...words(['焼肉', 'ホルモン', 'yakiniku'], ['barbecue_restaurant']),
  ...words(['居酒屋', '酒場', 'izakaya'], ['japanese_izakaya_restaurant']),
  ...words(['バー', 'bar'], ['bar']),
  ...words(['不動産', '不動産会社', '不動産屋', '賃貸', '売買', '仲介', 'real estate', 'realtor'], ['real_estate_agency']),
]
  .map(([word, types]) => [word.normalize('NFKC').toLowerCase(), types] as const)
  .sort((a, b) => b[0].length - a[0].length);

function words(list: string[], types: string[]): [string, string[]][] {
  return list.map((word) => [word, types]);
}

/**
 * Place types the emulator accepts as `includedType` (Places API (New) Table A, the part a lead
 * search plausibly uses); anything else answers 400 like the real API does for unsupported types.
 */
export const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  ...INDUSTRIES.flatMap((industry) => [...industry.types, ...industry.subtypes.flatMap((s) => [s.primaryType, ...s.types])]),
  'accounting', 'bakery', 'bank', 'bar', 'beauty_salon', 'book_store', 'cafe', 'car_dealer', 'car_repair',
  'car_wash', 'chiropractor', 'clothing_store', 'coffee_shop', 'consultant', 'convenience_store', 'dental_clinic',
  'dentist', 'doctor', 'drugstore', 'electrician', 'electronics_store', 'fast_food_restaurant', 'florist',
  'furniture_store', 'general_contractor', 'gym', 'hair_care', 'hair_salon', 'hardware_store', 'home_goods_store',
  'hospital', 'hotel', 'insurance_agency', 'japanese_restaurant', 'jewelry_store', 'laundry', 'lawyer', 'lodging',
  'massage', 'meal_takeaway', 'medical_lab', 'moving_company', 'nail_salon', 'painter', 'pet_store', 'pharmacy',
  'physiotherapist', 'plumber', 'real_estate_agency', 'restaurant', 'roofing_contractor', 'school', 'shoe_store',
  'spa', 'store', 'supermarket', 'tax_preparation_service', 'travel_agency', 'veterinary_care', 'yoga_studio',
  'barber_shop', 'skin_care_clinic', 'wedding_venue', 'sauna', 'tutoring', 'pizza_restaurant', 'steak_house',
]);

export interface Volume {
  /** Live businesses at day 0. */
  baseline: number;
  /** Mean new listings per simulated day. */
  newPerDay: number;
}

const V = (baseline: number, newPerDay = baseline * 0.003): Volume => ({ baseline, newPerDay });

/** Businesses per area × industry at day 0, and new listings per day. */
export const VOLUMES: Readonly<Record<AreaKey, Record<IndustryKey, Volume>>> = {
  // Shibuya's hair salons are the dense scenario: thousands in a few km², dozens new each day.
  shibuya: { hair_salon: V(3400, 33), dentist: V(240), general_contractor: V(70), accounting: V(300), restaurant: V(1450), real_estate_agency: V(480) },
  shinjuku: { hair_salon: V(1150), dentist: V(400), general_contractor: V(90), accounting: V(450), restaurant: V(1500), real_estate_agency: V(520) },
  setagaya: { hair_salon: V(950), dentist: V(560), general_contractor: V(320), accounting: V(190), restaurant: V(980), real_estate_agency: V(400) },
  osaka_kita: { hair_salon: V(720), dentist: V(330), general_contractor: V(85), accounting: V(380), restaurant: V(1480), real_estate_agency: V(430) },
  fukuoka_chuo: { hair_salon: V(610), dentist: V(260), general_contractor: V(95), accounting: V(210), restaurant: V(1150), real_estate_agency: V(330) },
};

/** Minimum new listings per day in 東京都渋谷区 × hair_salon (the brief of the dense scenario). */
export const SHIBUYA_HAIR_MIN_NEW_PER_DAY = 30;

/** Daily probability that a live business closes, and that it moves. */
export const CLOSE_RATE_PER_DAY = 0.0011;
export const MOVE_RATE_PER_DAY = 0.0003;
/** Closed places stay in Text Search results (as CLOSED_PERMANENTLY) this many days. */
export const CLOSED_VISIBLE_DAYS = 30;
