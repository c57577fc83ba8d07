// Every word the add-on shows in the sheet (menu, toasts, results), Japanese first, English when
// the user's locale is not Japanese. Codes stay in code; wording lives here.
import type { SearchProfile } from '../../shared/contract.ts';
import { NOTICE_MESSAGES } from '../../shared/notices.ts';
import type { Locale } from './sidebar-contract.ts';

export interface AddonMessages {
  menuAddLeads: string;
  menuSidebar: string;
  menuDaily: string;
  sidebarTitle: string;
  toastTitle: string;
  added: (added: number, revisits: number) => string;
  nothingNew: string;
  reconciled: (count: number) => string;
  skippedDuplicates: (count: number) => string;
  outcomesDeferred: string;
  ackDeferred: string;
  busy: string;
  failed: (message: string) => string;
  tagged: (count: number, status: string, moved: number, tab: string) => string;
  dailyOn: (hour: number) => string;
  dailyOff: string;
  profileSaved: string;
  revisitSaved: (months: number) => string;
  /** A refresh could not bring the 分析 tab up to date (it is tried again at the next one). */
  insightsDeferred: string;
  suggestionApplied: (summary: string) => string;
  suggestionAlreadyApplied: string;
  suggestionUndone: (summary: string) => string;
  /** Names of the search profile's fields, and how an applied change shows their values. */
  profileFields: Record<keyof SearchProfile, string>;
  notSet: string;
  none: string;
  listSeparator: string;
  yes: string;
  no: string;
  notices: Record<string, string>;
  errors: Record<string, string>;
}

const ja: AddonMessages = {
  menuAddLeads: '新着リードを追加',
  menuSidebar: 'サイドバーを開く',
  menuDaily: '毎日の自動更新を設定…',
  sidebarTitle: 'Tsugi（次）',
  toastTitle: 'Tsugi',
  added: (added, revisits) => `新着 ${added} 件を追加しました${revisits > 0 ? `（再訪 ${revisits} 件）` : ''}`,
  nothingNew: '新着はありませんでした',
  reconciled: (count) => `ステータスを変更した ${count} 行を保留に移しました`,
  skippedDuplicates: (count) => `すでにシートにある ${count} 件は追加しませんでした`,
  outcomesDeferred: '結果の送信は次回の更新で行います',
  ackDeferred: '受け取りの通知は次回の更新で行います（同じリードが重ねて追加されることはありません）',
  busy: '別の更新が実行中です。終わってからもう一度お試しください。',
  failed: (message) => `更新できませんでした: ${message}`,
  tagged: (count, status, moved, tab) =>
    moved > 0 ? `${count} 行を${status}にし、${moved} 行を「${tab}」に移しました` : `${count} 行を${status}にしました`,
  dailyOn: (hour) => `毎日 ${hour}:00 ごろに自動で更新します`,
  dailyOff: '毎日の自動更新はオフです',
  profileSaved: '検索条件を保存しました。次の更新から反映されます。',
  revisitSaved: (months) => `失注・保留の行は ${months} か月後に一度だけ戻ります`,
  insightsDeferred: '分析タブは次回の更新で書き直します',
  suggestionApplied: (summary) => `検索条件を変更しました（${summary}）。次の更新から反映されます。`,
  suggestionAlreadyApplied: '検索条件はすでにこの提案のとおりです。',
  suggestionUndone: (summary) => `検索条件を元に戻しました（${summary}）。次の更新から反映されます。`,
  profileFields: {
    areas: '地域',
    industries: '業種',
    employeesMin: '従業員数の下限',
    employeesMax: '従業員数の上限',
    includeUnknownEmployees: '従業員数が不明な会社も含める',
    minRating: '評価の下限',
    minReviews: '口コミ数の下限',
    maxReviews: '口コミ数の上限',
    requirePhone: '電話番号がある会社のみ',
    requireWebsite: 'ウェブサイトがある会社のみ',
    excludeIndustries: '除外する業種',
    excludeAreas: '除外する地域',
    excludeRefusing: '営業お断りの会社を除く',
    newOnly: '新規掲載のみ',
    dailyLimit: '1 回に追加する最大件数',
  },
  notSet: '未設定',
  none: 'なし',
  listSeparator: '、',
  yes: 'はい',
  no: 'いいえ',
  notices: NOTICE_MESSAGES.ja,
  errors: {
    NO_PROFILE: '検索条件がまだありません。サイドバーの「検索条件」を保存してください。',
    NETWORK: 'Tsugi のサーバーに接続できませんでした。しばらくしてからもう一度お試しください。',
    API_UNAVAILABLE: 'Tsugi のサーバーが応答しません。しばらくしてからもう一度お試しください。',
    BAD_RESPONSE: 'Tsugi のサーバーから予期しない応答がありました。',
    PLACES_UNAVAILABLE: 'Google マップに接続できませんでした。しばらくしてからもう一度お試しください。',
    BUDGET_REACHED: '本日の Google マップ利用予算に達しました。続きは明日お届けします。',
    TENANT_UNKNOWN: 'このシートの登録がサーバーに見つかりません。管理者にお問い合わせください。',
    TOKEN_INVALID: 'Google アカウントの確認に失敗しました。もう一度お試しください。',
    TOKEN_EXPIRED: 'Google アカウントの確認の有効期限が切れました。もう一度お試しください。',
    RATE_LIMITED: '短時間に更新が多すぎます。少し待ってからお試しください。',
    INVALID_REQUEST: '入力内容が正しくありません。',
    NO_ROWS_SELECTED: 'タグを付ける行を「リスト」か「保留」タブで選んでください。',
    NOT_A_TSUGI_TAB: '「リスト」か「保留」タブの行を選んでください。',
    REASON_REQUIRED: '失注の理由を選んでください。',
    BAD_HOUR: '時刻は 0〜23 時で指定してください。',
    BAD_MONTHS: '月数は 1〜24 で指定してください。',
    SHEET_WRITE_FAILED: 'シートに書き込めませんでした（保護された範囲や編集権限を確認してください）。',
    TRIGGER_FAILED: '自動更新を設定できませんでした。',
    SUGGESTION_GONE: 'この提案はいまの分析にはありません。提案を読み込み直してください。',
    NOTHING_TO_UNDO: '元に戻せる変更はありません。',
    UNDO_UNSAFE: '適用のあとで検索条件が変わったため、安全に元に戻せません。「検索条件」で直接直してください。',
    INTERNAL: '予期しないエラーが起きました。',
  },
};

const en: AddonMessages = {
  menuAddLeads: 'Add new leads',
  menuSidebar: 'Open sidebar',
  menuDaily: 'Set up daily refresh…',
  sidebarTitle: 'Tsugi',
  toastTitle: 'Tsugi',
  added: (added, revisits) => `Added ${added} new lead${added === 1 ? '' : 's'}${revisits > 0 ? ` (${revisits} to revisit)` : ''}`,
  nothingNew: 'No new leads this time',
  reconciled: (count) => `Moved ${count} row${count === 1 ? '' : 's'} whose status you changed to On hold`,
  skippedDuplicates: (count) => `Skipped ${count} already in the sheet`,
  outcomesDeferred: 'Results will be sent with the next refresh',
  ackDeferred: 'The server will be told these leads arrived at the next refresh (they will not be added twice)',
  busy: 'Another refresh is running. Try again when it has finished.',
  failed: (message) => `Could not refresh: ${message}`,
  tagged: (count, status, moved, tab) =>
    moved > 0 ? `Marked ${count} row${count === 1 ? '' : 's'} ${status}; moved ${moved} to “${tab}”` : `Marked ${count} row${count === 1 ? '' : 's'} ${status}`,
  dailyOn: (hour) => `Refreshes automatically every day around ${hour}:00`,
  dailyOff: 'Daily refresh is off',
  profileSaved: 'Search settings saved. They apply from the next refresh.',
  revisitSaved: (months) => `Lost and on-hold rows come back once after ${months} month${months === 1 ? '' : 's'}`,
  insightsDeferred: 'The Insights tab will be updated at the next refresh',
  suggestionApplied: (summary) => `Search settings changed (${summary}). They apply from the next refresh.`,
  suggestionAlreadyApplied: 'The search settings already say what this suggestion says.',
  suggestionUndone: (summary) => `Search settings restored (${summary}). They apply from the next refresh.`,
  profileFields: {
    areas: 'Areas',
    industries: 'Industries',
    employeesMin: 'Minimum employees',
    employeesMax: 'Maximum employees',
    includeUnknownEmployees: 'Include unknown employee counts',
    minRating: 'Minimum rating',
    minReviews: 'Minimum reviews',
    maxReviews: 'Maximum reviews',
    requirePhone: 'Phone number required',
    requireWebsite: 'Website required',
    excludeIndustries: 'Industries to exclude',
    excludeAreas: 'Areas to exclude',
    excludeRefusing: 'Exclude companies that refuse sales calls',
    newOnly: 'New listings only',
    dailyLimit: 'Maximum leads per run',
  },
  notSet: 'not set',
  none: 'none',
  listSeparator: ', ',
  yes: 'yes',
  no: 'no',
  notices: NOTICE_MESSAGES.en,
  errors: {
    NO_PROFILE: 'No search settings yet. Save them under “Search settings” in the sidebar.',
    NETWORK: 'Could not reach the Tsugi server. Try again in a while.',
    API_UNAVAILABLE: 'The Tsugi server is not answering. Try again in a while.',
    BAD_RESPONSE: 'The Tsugi server gave an unexpected answer.',
    PLACES_UNAVAILABLE: 'Google Maps could not be reached. Try again in a while.',
    BUDGET_REACHED: 'Today’s Google Maps budget is spent; more leads come tomorrow.',
    TENANT_UNKNOWN: 'The server does not know this sheet. Contact your administrator.',
    TOKEN_INVALID: 'Your Google account could not be verified. Try again.',
    TOKEN_EXPIRED: 'Your Google sign-in expired. Try again.',
    RATE_LIMITED: 'Too many refreshes in a short time. Wait a little and try again.',
    INVALID_REQUEST: 'Some input is not valid.',
    NO_ROWS_SELECTED: 'Select the rows to tag in the Leads or On hold tab.',
    NOT_A_TSUGI_TAB: 'Select rows in the Leads or On hold tab.',
    REASON_REQUIRED: 'Choose why the prospect said no.',
    BAD_HOUR: 'The hour must be between 0 and 23.',
    BAD_MONTHS: 'Months must be between 1 and 24.',
    SHEET_WRITE_FAILED: 'Could not write to the sheet (check protected ranges and your edit rights).',
    TRIGGER_FAILED: 'Could not set up the daily refresh.',
    SUGGESTION_GONE: 'This suggestion is no longer in the current analysis. Reload the suggestions.',
    NOTHING_TO_UNDO: 'There is no change to undo.',
    UNDO_UNSAFE: 'The search settings changed after the suggestion was applied, so it cannot be undone safely. Edit “Search settings” directly.',
    INTERNAL: 'Something unexpected went wrong.',
  },
};

export const localeOf = (userLocale: string | null | undefined): Locale => (userLocale ?? 'ja').toLowerCase().startsWith('ja') || !userLocale ? 'ja' : 'en';

export const messagesFor = (locale: Locale): AddonMessages => (locale === 'ja' ? ja : en);

/** The sentence for an error code, falling back to the server's own message. */
export const errorText = (messages: AddonMessages, code: string, fallback: string) => messages.errors[code] ?? fallback;
