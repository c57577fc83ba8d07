// The sheet's vocabulary: Tsugi's columns, the statuses and reasons of the dropdowns, the tab
// names, each in Japanese and English. Cells are matched in either language, so a sheet set up by
// a Japanese owner keeps working for an English-speaking editor and the other way round.
import type { OutcomeReason, OutcomeStatus } from '../../shared/contract.ts';
import type { Locale } from './sidebar-contract.ts';

export type ColumnKey =
  | 'company'
  | 'industry'
  | 'area'
  | 'address'
  | 'phone'
  | 'website'
  | 'mapsUrl'
  | 'rating'
  | 'reviews'
  | 'employees'
  | 'legalName'
  | 'corporateNumber'
  | 'establishedOn'
  | 'newlyEstablished'
  | 'emails'
  | 'contactForm'
  | 'newListing'
  | 'addedOn'
  | 'status'
  | 'reason'
  | 'memo'
  | 'revisitOn'
  | 'id';

export interface ColumnSpec {
  key: ColumnKey;
  ja: string;
  en: string;
  /** Other headers owners commonly use for the same thing. */
  aliases: string[];
}

/** In the order a fresh tab gets them. The id column comes last and is hidden. */
export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'company', ja: '会社名', en: 'Company', aliases: ['社名', '店名', '企業名', '名称', 'name'] },
  { key: 'industry', ja: '業種', en: 'Industry', aliases: [] },
  { key: 'area', ja: 'エリア', en: 'Area', aliases: ['地域'] },
  { key: 'address', ja: '住所', en: 'Address', aliases: ['所在地'] },
  { key: 'phone', ja: '電話番号', en: 'Phone', aliases: ['電話', 'tel', 'telephone'] },
  { key: 'website', ja: 'Webサイト', en: 'Website', aliases: ['ウェブサイト', 'ホームページ', 'hp', 'url', 'サイト'] },
  { key: 'mapsUrl', ja: 'Googleマップ', en: 'Google Maps', aliases: ['マップ', 'map'] },
  { key: 'rating', ja: '評価', en: 'Rating', aliases: [] },
  { key: 'reviews', ja: '口コミ数', en: 'Reviews', aliases: ['レビュー数'] },
  { key: 'employees', ja: '従業員数', en: 'Employees', aliases: ['社員数'] },
  { key: 'legalName', ja: '法人名', en: 'Legal name', aliases: ['運営会社', '商号'] },
  { key: 'corporateNumber', ja: '法人番号', en: 'Corporate number', aliases: [] },
  { key: 'establishedOn', ja: '設立日', en: 'Established', aliases: ['設立年月日'] },
  { key: 'newlyEstablished', ja: '新設', en: 'Newly established', aliases: [] },
  { key: 'emails', ja: 'メール', en: 'Email', aliases: ['メールアドレス', 'e-mail'] },
  { key: 'contactForm', ja: '問い合わせフォーム', en: 'Contact form', aliases: ['お問い合わせフォーム', 'フォーム'] },
  { key: 'newListing', ja: '新着', en: 'New listing', aliases: [] },
  { key: 'addedOn', ja: '取得日', en: 'Added on', aliases: [] },
  { key: 'status', ja: 'ステータス', en: 'Status', aliases: ['状態'] },
  { key: 'reason', ja: '理由', en: 'Reason', aliases: ['失注理由'] },
  { key: 'memo', ja: 'メモ', en: 'Memo', aliases: ['備考', 'notes', 'note'] },
  { key: 'revisitOn', ja: '再訪日', en: 'Revisit on', aliases: [] },
  { key: 'id', ja: 'Tsugi ID', en: 'Tsugi ID', aliases: ['tsugi_id'] },
];

/**
 * Columns Tsugi cannot work without: re-added at the right end when the owner deleted them (or
 * renamed one beyond recognition: a second 会社名 beats leads without names).
 */
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ['company', 'id', 'status', 'reason', 'revisitOn'];

/** Ids the API issues: leads (`ld_`) and rows the owner already had (`kn_`). */
export const TSUGI_ID = /^(ld|kn)_[A-Za-z0-9_-]{6,64}$/;

export const foldHeader = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

const COLUMN_BY_HEADER = new Map<string, ColumnKey>(
  COLUMNS.flatMap((column) => [column.ja, column.en, ...column.aliases].map((h) => [foldHeader(h), column.key] as const)),
);

export function columnForHeader(header: string): ColumnKey | null {
  return COLUMN_BY_HEADER.get(foldHeader(header)) ?? null;
}

export const headerFor = (key: ColumnKey, locale: Locale) => {
  const column = COLUMNS.find((c) => c.key === key)!;
  return column[locale];
};

/** ステータス values. 'new' and 'talking' are the owner's working states; the others are verdicts. */
export type StatusCode = 'new' | 'talking' | 'rejected' | 'held' | 'won' | 'revisit';
export const STATUS_LABELS: Record<StatusCode, Record<Locale, string>> = {
  new: { ja: '未対応', en: 'New' },
  talking: { ja: '商談中', en: 'In talks' },
  rejected: { ja: '失注', en: 'Lost' },
  held: { ja: '保留', en: 'On hold' },
  won: { ja: '成約', en: 'Won' },
  revisit: { ja: '再訪', en: 'Revisit' },
};
export const STATUS_COLOURS: Record<StatusCode, { background: string; font: string }> = {
  new: { background: '#ffffff', font: '#3c4043' },
  talking: { background: '#e8f0fe', font: '#174ea6' },
  rejected: { background: '#fce8e6', font: '#a50e0e' },
  held: { background: '#fef7e0', font: '#8a5300' },
  won: { background: '#e6f4ea', font: '#0d652d' },
  revisit: { background: '#f3e8fd', font: '#681da8' },
};

export const REASON_LABELS: Record<OutcomeReason, Record<Locale, string>> = {
  budget: { ja: '予算', en: 'Budget' },
  industry: { ja: '業種', en: 'Industry' },
  timing: { ja: 'タイミング', en: 'Timing' },
  competitor: { ja: '他社', en: 'Competitor' },
  other: { ja: 'その他', en: 'Other' },
};

function reverseLookup<K extends string>(labels: Record<K, Record<Locale, string>>): (text: string) => K | null {
  const byLabel = new Map<string, K>();
  for (const [code, names] of Object.entries(labels) as [K, Record<Locale, string>][]) {
    byLabel.set(foldHeader(names.ja), code);
    byLabel.set(foldHeader(names.en), code);
    byLabel.set(foldHeader(code), code);
  }
  return (text) => byLabel.get(foldHeader(text)) ?? null;
}

export const statusFromCell = reverseLookup(STATUS_LABELS);
export const reasonFromCell = reverseLookup(REASON_LABELS);

/** The API's outcome for a status, or null for working states. */
export function outcomeStatus(status: StatusCode | null): OutcomeStatus | null {
  return status === 'won' || status === 'rejected' || status === 'held' ? status : null;
}

export type TabKey = 'leads' | 'held' | 'insights';
export const TAB_NAMES: Record<TabKey, Record<Locale, string>> = {
  leads: { ja: 'リスト', en: 'Leads' },
  held: { ja: '保留', en: 'On hold' },
  insights: { ja: '分析', en: 'Insights' },
};
