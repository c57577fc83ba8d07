// Every word the add-on shows in the sheet (menu, toasts, results), Japanese first, English when
// the user's locale is not Japanese. Codes stay in code; wording lives here.
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
    INTERNAL: 'Something unexpected went wrong.',
  },
};

export const localeOf = (userLocale: string | null | undefined): Locale => (userLocale ?? 'ja').toLowerCase().startsWith('ja') || !userLocale ? 'ja' : 'en';

export const messagesFor = (locale: Locale): AddonMessages => (locale === 'ja' ? ja : en);

/** The sentence for an error code, falling back to the server's own message. */
export const errorText = (messages: AddonMessages, code: string, fallback: string) => messages.errors[code] ?? fallback;
