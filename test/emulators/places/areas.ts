// The emulator's geography: five wards with their bounding rectangles, postal codes, towns (町名),
// 丁目 counts, nearest stations and relative business density. Data, not logic. Places of an area
// are generated only where no other area's rectangle reaches, so "inside the rectangle" and
// "in the ward" mean the same thing for every place of the synthetic world.

// The same rectangle the Places API (and the Worker's tiling) speaks.
import type { LatLng, Rect } from '../../../api/src/discovery/geometry.ts';

export type { LatLng, Rect };

export interface Town {
  name: string;
  /** Romanised, for URL paths of chain branches. */
  slug: string;
  postalCode: string;
  /** 0 when the town has no 丁目 (e.g. 宇田川町３１−２). */
  chome: number;
  lat: number;
  lng: number;
  /** Relative density of businesses (stations, shopping streets). */
  weight: number;
  /** Nearest station, used in branch names (渋谷店, 恵比寿店). */
  station: string;
}

export type AreaKey = 'shibuya' | 'shinjuku' | 'setagaya' | 'osaka_kita' | 'fukuoka_chuo';

export interface Area {
  key: AreaKey;
  /** Full name as an owner types it: 東京都渋谷区. */
  name: string;
  prefecture: string;
  /** Designated city for wards of 大阪市 / 福岡市; empty for Tokyo's special wards. */
  city: string;
  ward: string;
  /** Strings in a textQuery that mean this area, longest first. */
  aliases: string[];
  /** Types of the area's own place in Places. */
  types: string[];
  rect: Rect;
  /** Area code of fixed-line numbers and how many digits its local part has (03-1234-5678, 092-123-4567). */
  areaCode: string;
  localDigits: number;
  /** First four digits of 会社法人等番号 for companies registered there (synthetic). */
  registryCode: string;
  /** Prefecture slug for tabelog-style URLs. */
  prefSlug: string;
  towns: Town[];
}

type TownRow = [name: string, slug: string, postalCode: string, chome: number, lat: number, lng: number, weight: number, station: string];

const towns = (rows: TownRow[]): Town[] =>
  rows.map(([name, slug, postalCode, chome, lat, lng, weight, station]) => ({ name, slug, postalCode, chome, lat, lng, weight, station }));

export const AREAS: readonly Area[] = [
  {
    key: 'shibuya',
    name: '東京都渋谷区',
    prefecture: '東京都',
    city: '',
    ward: '渋谷区',
    aliases: ['東京都渋谷区', '渋谷区'],
    types: ['locality', 'political'],
    rect: { low: { latitude: 35.643, longitude: 139.661 }, high: { latitude: 35.692, longitude: 139.724 } },
    areaCode: '03',
    localDigits: 4,
    registryCode: '0110',
    prefSlug: 'tokyo',
    towns: towns([
      ['道玄坂', 'dogenzaka', '150-0043', 2, 35.6575, 139.6965, 8, '渋谷'],
      ['宇田川町', 'udagawacho', '150-0042', 0, 35.6615, 139.6978, 7, '渋谷'],
      ['神南', 'jinnan', '150-0041', 1, 35.664, 139.6995, 6, '渋谷'],
      ['渋谷', 'shibuya', '150-0002', 4, 35.658, 139.706, 8, '渋谷'],
      ['桜丘町', 'sakuragaokacho', '150-0031', 0, 35.6555, 139.701, 3, '渋谷'],
      ['円山町', 'maruyamacho', '150-0044', 0, 35.657, 139.6945, 2, '神泉'],
      ['松濤', 'shoto', '150-0046', 2, 35.6605, 139.693, 1, '神泉'],
      ['恵比寿', 'ebisu', '150-0013', 4, 35.6455, 139.7135, 5, '恵比寿'],
      ['恵比寿南', 'ebisuminami', '150-0022', 3, 35.6458, 139.708, 4, '恵比寿'],
      ['恵比寿西', 'ebisunishi', '150-0021', 2, 35.649, 139.706, 4, '代官山'],
      ['代官山町', 'daikanyamacho', '150-0034', 0, 35.6495, 139.703, 3, '代官山'],
      ['広尾', 'hiroo', '150-0012', 5, 35.6505, 139.72, 4, '広尾'],
      ['神宮前', 'jingumae', '150-0001', 6, 35.67, 139.707, 10, '表参道'],
      ['千駄ヶ谷', 'sendagaya', '151-0051', 6, 35.6795, 139.711, 4, '北参道'],
      ['代々木', 'yoyogi', '151-0053', 5, 35.683, 139.699, 5, '代々木'],
      ['初台', 'hatsudai', '151-0061', 2, 35.681, 139.6865, 3, '初台'],
      ['本町', 'honmachi', '151-0071', 6, 35.6865, 139.679, 3, '幡ヶ谷'],
      ['幡ヶ谷', 'hatagaya', '151-0072', 3, 35.6775, 139.6765, 3, '幡ヶ谷'],
      ['笹塚', 'sasazuka', '151-0073', 3, 35.674, 139.6675, 3, '笹塚'],
      ['上原', 'uehara', '151-0064', 3, 35.6685, 139.68, 3, '代々木上原'],
      ['富ヶ谷', 'tomigaya', '151-0063', 2, 35.6665, 139.6885, 3, '代々木八幡'],
    ]),
  },
  {
    key: 'shinjuku',
    name: '東京都新宿区',
    prefecture: '東京都',
    city: '',
    ward: '新宿区',
    aliases: ['東京都新宿区', '新宿区'],
    types: ['locality', 'political'],
    rect: { low: { latitude: 35.678, longitude: 139.672 }, high: { latitude: 35.722, longitude: 139.749 } },
    areaCode: '03',
    localDigits: 4,
    registryCode: '0111',
    prefSlug: 'tokyo',
    towns: towns([
      ['西新宿', 'nishishinjuku', '160-0023', 8, 35.6955, 139.6925, 8, '新宿'],
      ['新宿', 'shinjuku', '160-0022', 7, 35.694, 139.7065, 9, '新宿三丁目'],
      ['歌舞伎町', 'kabukicho', '160-0021', 2, 35.6955, 139.7025, 7, '新宿'],
      ['大久保', 'okubo', '169-0072', 3, 35.7015, 139.7005, 5, '新大久保'],
      ['百人町', 'hyakunincho', '169-0073', 4, 35.703, 139.6975, 4, '新大久保'],
      ['北新宿', 'kitashinjuku', '169-0074', 4, 35.699, 139.6885, 3, '大久保'],
      ['高田馬場', 'takadanobaba', '169-0075', 4, 35.712, 139.7035, 7, '高田馬場'],
      ['西早稲田', 'nishiwaseda', '169-0051', 3, 35.7085, 139.7145, 3, '西早稲田'],
      ['早稲田鶴巻町', 'wasedatsurumakicho', '162-0041', 0, 35.7075, 139.7215, 2, '早稲田'],
      ['神楽坂', 'kagurazaka', '162-0825', 6, 35.7015, 139.7405, 5, '神楽坂'],
      ['市谷田町', 'ichigayatamachi', '162-0843', 3, 35.695, 139.7355, 3, '市ケ谷'],
      ['四谷', 'yotsuya', '160-0004', 4, 35.6865, 139.73, 4, '四ツ谷'],
      ['若松町', 'wakamatsucho', '162-0056', 0, 35.6985, 139.7195, 2, '若松河田'],
      ['中落合', 'nakaochiai', '161-0032', 4, 35.7185, 139.6855, 2, '中井'],
    ]),
  },
  {
    key: 'setagaya',
    name: '東京都世田谷区',
    prefecture: '東京都',
    city: '',
    ward: '世田谷区',
    aliases: ['東京都世田谷区', '世田谷区'],
    types: ['locality', 'political'],
    rect: { low: { latitude: 35.585, longitude: 139.582 }, high: { latitude: 35.683, longitude: 139.684 } },
    areaCode: '03',
    localDigits: 4,
    registryCode: '0109',
    prefSlug: 'tokyo',
    towns: towns([
      ['三軒茶屋', 'sangenjaya', '154-0024', 2, 35.6405, 139.669, 8, '三軒茶屋'],
      ['太子堂', 'taishido', '154-0004', 5, 35.6405, 139.66, 4, '三軒茶屋'],
      ['北沢', 'kitazawa', '155-0031', 5, 35.661, 139.6555, 7, '下北沢'],
      ['経堂', 'kyodo', '156-0052', 5, 35.651, 139.636, 4, '経堂'],
      ['豪徳寺', 'gotokuji', '154-0021', 2, 35.653, 139.6475, 2, '豪徳寺'],
      ['玉川', 'tamagawa', '158-0094', 4, 35.6115, 139.6275, 7, '二子玉川'],
      ['用賀', 'yoga', '158-0097', 4, 35.6265, 139.6335, 4, '用賀'],
      ['桜新町', 'sakurashinmachi', '154-0015', 2, 35.6315, 139.645, 3, '桜新町'],
      ['駒沢', 'komazawa', '154-0012', 5, 35.631, 139.6615, 4, '駒沢大学'],
      ['成城', 'seijo', '157-0066', 9, 35.641, 139.599, 5, '成城学園前'],
      ['船橋', 'funabashi', '156-0055', 7, 35.646, 139.624, 3, '千歳船橋'],
      ['下馬', 'shimouma', '154-0002', 6, 35.6345, 139.6745, 3, '三軒茶屋'],
      ['松原', 'matsubara', '156-0043', 6, 35.669, 139.652, 3, '明大前'],
      ['奥沢', 'okusawa', '158-0083', 8, 35.604, 139.672, 3, '奥沢'],
      ['等々力', 'todoroki', '158-0082', 8, 35.6085, 139.648, 2, '等々力'],
      ['南烏山', 'minamikarasuyama', '157-0062', 6, 35.668, 139.601, 4, '千歳烏山'],
    ]),
  },
  {
    key: 'osaka_kita',
    name: '大阪府大阪市北区',
    prefecture: '大阪府',
    city: '大阪市',
    ward: '北区',
    aliases: ['大阪府大阪市北区', '大阪市北区', '大阪府大阪市 北区', '大阪市 北区'],
    types: ['sublocality_level_1', 'sublocality', 'political'],
    rect: { low: { latitude: 34.684, longitude: 135.474 }, high: { latitude: 34.726, longitude: 135.532 } },
    areaCode: '06',
    localDigits: 4,
    registryCode: '1200',
    prefSlug: 'osaka',
    towns: towns([
      ['梅田', 'umeda', '530-0001', 3, 34.702, 135.4975, 9, '大阪'],
      ['角田町', 'kakudacho', '530-0017', 0, 34.704, 135.5005, 4, '梅田'],
      ['茶屋町', 'chayamachi', '530-0013', 0, 34.7075, 135.4995, 4, '梅田'],
      ['芝田', 'shibata', '530-0012', 2, 34.706, 135.497, 4, '梅田'],
      ['曽根崎', 'sonezaki', '530-0057', 2, 34.7005, 135.5015, 5, '東梅田'],
      ['曽根崎新地', 'sonezakishinchi', '530-0002', 2, 34.6975, 135.4985, 6, '北新地'],
      ['堂島', 'dojima', '530-0003', 3, 34.696, 135.4945, 4, '北新地'],
      ['中之島', 'nakanoshima', '530-0005', 6, 34.6925, 135.494, 3, '大江橋'],
      ['西天満', 'nishitenma', '530-0047', 6, 34.696, 135.5035, 4, '南森町'],
      ['南森町', 'minamimorimachi', '530-0054', 2, 34.6985, 135.511, 3, '南森町'],
      ['天神橋', 'tenjinbashi', '530-0041', 8, 34.703, 135.512, 6, '天神橋筋六丁目'],
      ['天満', 'tenma', '530-0043', 4, 34.6965, 135.515, 4, '天満'],
      ['中崎西', 'nakazakinishi', '530-0015', 4, 34.7065, 135.504, 4, '中崎町'],
      ['兎我野町', 'toganocho', '530-0056', 0, 34.701, 135.5035, 3, '東梅田'],
      ['中津', 'nakatsu', '531-0071', 7, 34.711, 135.4955, 4, '中津'],
      ['豊崎', 'toyosaki', '531-0072', 7, 34.715, 135.4995, 3, '中津'],
      ['大淀中', 'oyodonaka', '531-0076', 5, 34.707, 135.487, 2, '福島'],
      ['本庄東', 'honjohigashi', '531-0074', 3, 34.715, 135.507, 2, '天神橋筋六丁目'],
    ]),
  },
  {
    key: 'fukuoka_chuo',
    name: '福岡県福岡市中央区',
    prefecture: '福岡県',
    city: '福岡市',
    ward: '中央区',
    aliases: ['福岡県福岡市中央区', '福岡市中央区', '福岡県福岡市 中央区', '福岡市 中央区'],
    types: ['sublocality_level_1', 'sublocality', 'political'],
    rect: { low: { latitude: 33.56, longitude: 130.368 }, high: { latitude: 33.598, longitude: 130.412 } },
    areaCode: '092',
    localDigits: 3,
    registryCode: '2900',
    prefSlug: 'fukuoka',
    towns: towns([
      ['天神', 'tenjin', '810-0001', 5, 33.591, 130.399, 10, '天神'],
      ['大名', 'daimyo', '810-0041', 2, 33.5885, 130.3935, 7, '赤坂'],
      ['今泉', 'imaizumi', '810-0021', 2, 33.585, 130.398, 6, '天神南'],
      ['警固', 'kego', '810-0023', 3, 33.5835, 130.3915, 4, '薬院大通'],
      ['薬院', 'yakuin', '810-0022', 4, 33.581, 130.4, 5, '薬院'],
      ['渡辺通', 'watanabedori', '810-0004', 5, 33.5845, 130.4045, 5, '渡辺通'],
      ['春吉', 'haruyoshi', '810-0003', 3, 33.588, 130.4065, 4, '天神南'],
      ['西中洲', 'nishinakasu', '810-0002', 0, 33.592, 130.404, 4, '中洲川端'],
      ['赤坂', 'akasaka', '810-0042', 3, 33.589, 130.3835, 4, '赤坂'],
      ['舞鶴', 'maizuru', '810-0073', 3, 33.591, 130.389, 4, '赤坂'],
      ['大濠', 'ohori', '810-0052', 2, 33.5865, 130.3775, 2, '大濠公園'],
      ['荒戸', 'arato', '810-0062', 3, 33.5945, 130.378, 2, '大濠公園'],
      ['六本松', 'ropponmatsu', '810-0044', 4, 33.5775, 130.378, 3, '六本松'],
      ['白金', 'shirogane', '810-0012', 2, 33.578, 130.4005, 3, '薬院'],
      ['高砂', 'takasago', '810-0011', 2, 33.579, 130.405, 2, '渡辺通'],
      ['平尾', 'hirao', '810-0014', 4, 33.5735, 130.4025, 3, '西鉄平尾'],
    ]),
  },
];

export const AREA_BY_KEY: ReadonlyMap<AreaKey, Area> = new Map(AREAS.map((area) => [area.key, area]));

/** An area by key (`shibuya`), full name (`東京都渋谷区`) or alias (`渋谷区`). */
export function findArea(nameOrKey: string): Area | undefined {
  const wanted = nameOrKey.normalize('NFKC').trim();
  return AREAS.find((area) => area.key === wanted || area.name === wanted || area.aliases.includes(wanted));
}

export function inRect(rect: Rect, latitude: number, longitude: number): boolean {
  if (latitude < rect.low.latitude || latitude > rect.high.latitude) return false;
  // A rectangle whose low longitude is east of its high one crosses the antimeridian.
  if (rect.low.longitude <= rect.high.longitude) return longitude >= rect.low.longitude && longitude <= rect.high.longitude;
  return longitude >= rect.low.longitude || longitude <= rect.high.longitude;
}

/** True when the point is in the area's rectangle and in no other area's rectangle. */
export function inExclusiveRegion(area: Area, latitude: number, longitude: number): boolean {
  if (!inRect(area.rect, latitude, longitude)) return false;
  return AREAS.every((other) => other === area || !inRect(other.rect, latitude, longitude));
}
