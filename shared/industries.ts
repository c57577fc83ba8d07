// The owner's words for an industry, mapped to a Google Places (New) type where one is known,
// and the Japanese label shown for a place's primary type. Words with no known type are used as
// a free-text keyword instead.

interface IndustryType {
  type: string;
  label: string;
  /** Words an owner may type for it (compared after NFKC and trimming). */
  words: string[];
}

const INDUSTRY_TYPES: IndustryType[] = [
  { type: 'hair_salon', label: '美容室', words: ['美容室', '美容院', 'ヘアサロン', 'hair salon', '理容室', '理髪店', '床屋'] },
  { type: 'beauty_salon', label: 'エステ・ビューティーサロン', words: ['エステ', 'エステサロン', 'ビューティーサロン', 'ネイルサロン', 'beauty salon'] },
  { type: 'dentist', label: '歯科医院', words: ['歯科', '歯科医院', '歯医者', 'デンタルクリニック', 'dentist'] },
  { type: 'doctor', label: '医院・クリニック', words: ['クリニック', '医院', '診療所', 'doctor'] },
  { type: 'general_contractor', label: '工務店', words: ['工務店', '建設会社', '建築会社', 'リフォーム', 'general contractor'] },
  { type: 'accounting', label: '会計・税理士事務所', words: ['税理士', '税理士事務所', '会計事務所', '会計士', 'accounting'] },
  { type: 'lawyer', label: '法律事務所', words: ['弁護士', '法律事務所', '司法書士', '行政書士', 'lawyer'] },
  { type: 'restaurant', label: '飲食店', words: ['飲食店', 'レストラン', '食堂', 'restaurant'] },
  { type: 'cafe', label: 'カフェ', words: ['カフェ', '喫茶店', 'cafe'] },
  { type: 'ramen_restaurant', label: 'ラーメン店', words: ['ラーメン', 'ラーメン店', 'らーめん'] },
  { type: 'bar', label: 'バー・居酒屋', words: ['バー', '居酒屋', 'bar'] },
  { type: 'real_estate_agency', label: '不動産会社', words: ['不動産', '不動産会社', '不動産屋', 'real estate'] },
  { type: 'insurance_agency', label: '保険代理店', words: ['保険', '保険代理店'] },
  { type: 'car_repair', label: '自動車整備', words: ['自動車整備', '車検', '整備工場'] },
  { type: 'gym', label: 'ジム', words: ['ジム', 'フィットネス', 'gym'] },
  { type: 'physiotherapist', label: '整骨院・整体', words: ['整骨院', '接骨院', '整体', '鍼灸'] },
  { type: 'veterinary_care', label: '動物病院', words: ['動物病院', '獣医'] },
  { type: 'bakery', label: 'パン屋', words: ['パン屋', 'ベーカリー'] },
  { type: 'florist', label: '花屋', words: ['花屋', 'フラワーショップ'] },
  { type: 'lodging', label: '宿泊施設', words: ['ホテル', '旅館', '宿泊'] },
];

const fold = (word: string) => word.normalize('NFKC').trim().toLowerCase();

const TYPE_BY_WORD = new Map<string, IndustryType>(
  INDUSTRY_TYPES.flatMap((entry) => entry.words.map((word) => [fold(word), entry] as const)),
);
const LABEL_BY_TYPE = new Map(INDUSTRY_TYPES.map((entry) => [entry.type, entry.label]));

/** How discovery searches for one of the owner's industry words. */
export interface IndustryQuery {
  /** The owner's word, as typed. */
  word: string;
  /** The Places type when the word maps to one (search with includedType + strictTypeFiltering). */
  type: string | null;
  /** Text for `textQuery`: the word itself (Places still needs a query with includedType). */
  keyword: string;
}

export function industryQuery(word: string): IndustryQuery {
  const entry = TYPE_BY_WORD.get(fold(word));
  return { word, type: entry?.type ?? null, keyword: word.normalize('NFKC').trim() };
}

/** Japanese label of a Places type, or null when Tsugi has none. */
export function typeLabel(type: string | null | undefined): string | null {
  return type ? (LABEL_BY_TYPE.get(type) ?? null) : null;
}

/** True when a place with these types belongs to one of the given industry words. */
export function matchesIndustry(types: readonly string[], words: readonly string[]): boolean {
  return words.some((word) => {
    const type = industryQuery(word).type;
    return type != null && types.includes(type);
  });
}
