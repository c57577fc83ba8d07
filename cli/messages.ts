// Every word the CLI shows a person, one table per language: Japanese first, English when the
// locale (LC_ALL, LC_MESSAGES, LANG) names another language. Codes stay in code; wording lives here.

import type { OutcomeReason } from '../shared/contract.ts';
import type { Counts, Insights, Support } from '../shared/insights.ts';
import { NOTICE_MESSAGES } from '../shared/notices.ts';
import type { OutcomeColumn } from './commands/insights.ts';

export type Locale = 'ja' | 'en';

export interface Messages {
  // General usage
  usage: string;
  commandSummaries: Record<string, string>;
  unknownCommand: (name: string) => string;
  usageErrorHint: (command: string) => string;
  errorPrefix: string;
  unknownOption: (option: string) => string;
  optionNeedsValue: (option: string) => string;
  optionTakesNoValue: (option: string) => string;
  unexpectedArgument: (arg: string) => string;
  // `tsugi leads`
  leadsUsage: string;
  leadsAreaRequired: string;
  leadsIndustryRequired: string;
  leadsFormatConflict: string;
  leadsBadLimit: (value: string) => string;
  leadsBadProfile: (detail: string) => string;
  settingProfile: string;
  pulling: string;
  received: (count: number, replayed: boolean) => string;
  replayedExplained: string;
  acknowledged: (batchId: string) => string;
  notAcknowledged: (batchId: string) => string;
  noLeads: string;
  notices: Record<string, string>;
  tenantRenewed: string;
  tableHeaders: { name: string; industry: string; phone: string; rating: string; reviews: string; employees: string; newlyListed: string; address: string; website: string };
  newMark: string;
  // `tsugi screen`
  screenUsage: string;
  screenInputRequired: string;
  screenHeaders: { input: string; verdict: string; emails: string; contactForm: string; evidence: string };
  screenVerdicts: { refuses: string; clear: string; error: string };
  screenErrors: Record<string, string>;
  screenSummary: (total: number, refusing: number, failed: number) => string;
  // `tsugi dedupe`
  dedupeUsage: string;
  dedupeFileRequired: string;
  dedupeFileNotFound: (path: string) => string;
  dedupeFileUnreadable: (path: string, reason: string) => string;
  dedupeNoHeader: (found: string[]) => string;
  dedupeSummary: (rows: number, companies: number) => string;
  // `tsugi insights`
  insightsUsage: string;
  insightsFileRequired: string;
  insightsFileNotFound: (path: string) => string;
  insightsFileUnreadable: (path: string, reason: string) => string;
  insightsNoStatusColumn: (found: string[]) => string;
  insightsNoRows: (found: string[]) => string;
  insightsBadValue: (line: number, column: OutcomeColumn, value: string) => string;
  insightsMoreProblems: (count: number) => string;
  insightsSkipped: (count: number) => string;
  insightsTotals: (totals: Counts) => string;
  insightsNone: string;
  insightsChangeLabel: string;
  insightsSupportLabel: string;
  insightsSupport: (support: Support) => string;
  insightsReasons: Record<OutcomeReason, string>;
  insightsMethod: (method: Insights['method']) => string;
  // Errors
  apiUnreachable: (url: string) => string;
  apiTimeout: (url: string) => string;
  idTokenRequired: (url: string) => string;
  apiError: (code: string, message: string) => string;
  localKeyMismatch: string;
  unexpectedError: (message: string) => string;
}

// Numbers in the insights output.
const REASONS_JA: Record<OutcomeReason, string> = { budget: '予算', industry: '業種', timing: 'タイミング', competitor: '他社', other: 'その他' };
/** 0.05 → "5", 0.1 → "10". */
const percentNumber = (fraction: number): string => String(Math.round(fraction * 1000) / 10);
/** A win rate: "7%", "—" when nothing was decided. */
const percent = (rate: number | null): string => (rate == null ? '—' : `${Math.round(rate * 100)}%`);
/** "= 0.012", "< 0.001". */
const pValue = (p: number): string => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);

const ja: Messages = {
  usage: `使い方: tsugi <コマンド> [オプション]

コマンド:
{commands}

オプション:
  -h, --help     このヘルプを表示します
  -v, --version  バージョンを表示します

各コマンドの詳しい使い方: tsugi <コマンド> --help`,
  commandSummaries: {
    leads: 'Google マップから新しい営業先リストを取得します',
    screen: 'Web サイトの「営業お断り」の記載と連絡先（メール・問い合わせフォーム）を調べます',
    dedupe: 'CSV の中で同じ会社の行をまとめます（表記ゆれ・支店・同じビルを見分けます）',
    insights: '成約・失注の結果から、数字が裏付ける検索条件の変更を提案します',
  },
  unknownCommand: (name) => `不明なコマンドです: ${name}`,
  usageErrorHint: (command) => `使い方は \`${command} --help\` で確認できます。`,
  errorPrefix: 'エラー',
  unknownOption: (option) => `不明なオプションです: ${option}`,
  optionNeedsValue: (option) => `${option} には値を指定してください（例: ${option} 値、または ${option}=値）。`,
  optionTakesNoValue: (option) => `${option} は値を取りません。`,
  unexpectedArgument: (arg) => `余分な引数です: ${arg}`,
  leadsUsage: `使い方: tsugi leads --area <地域> --industry <業種> [オプション]

Google マップから条件に合う営業先を取得して表示し、受け取ったことを API に通知します。
一度受け取ったリードは次回以降は届きません。

必須:
  --area <地域>        地域（例: 東京都渋谷区）。複数指定できます
  --industry <業種>    業種（例: 美容室）。複数指定できます

オプション:
  --limit <件数>       取得する件数（1〜500、既定 20）
  --new-only           新しく Google マップに載った店舗だけ
  --include-no-website  Web サイトのない店舗も含める（既定: サイトのある店舗だけ）
  --json               1 行に 1 件の JSON で出力
  --csv                CSV（見出しは日本語）で出力
  -h, --help           このヘルプを表示します

環境変数:
  TSUGI_API_URL        API の URL（既定 http://127.0.0.1:8787）
  TSUGI_ID_TOKEN       公開 API 用の Google ID トークン
  TSUGI_HOME           鍵とテナント情報の置き場所（既定 <リポジトリ>/.tsugi）

例:
  tsugi leads --area 東京都渋谷区 --industry 美容室 --limit 20`,
  leadsAreaRequired: '--area を 1 つ以上指定してください（例: --area 東京都渋谷区）。',
  leadsIndustryRequired: '--industry を 1 つ以上指定してください（例: --industry 美容室）。',
  leadsFormatConflict: '--json と --csv は同時に指定できません。',
  leadsBadLimit: (value) => `--limit には 1〜500 の整数を指定してください（指定値: ${value}）。`,
  leadsBadProfile: (detail) => `検索条件が正しくありません: ${detail}`,
  settingProfile: 'プロフィールを設定しています…',
  pulling: 'リードを取得しています…',
  received: (count, replayed) => `${count} 件を受け取りました${replayed ? '（再送分）' : ''}`,
  replayedExplained: '前回受領を通知できなかった分を、もう一度お届けしています（内容は前回と同じです）。',
  acknowledged: (batchId) => `受領を通知しました（${batchId}）`,
  notAcknowledged: (batchId) =>
    `受領を通知できませんでした（${batchId}）。次回の実行で同じリードがもう一度届きます。`,
  noLeads: '条件に合う新しいリードはありませんでした。',
  notices: NOTICE_MESSAGES.ja,
  tenantRenewed: 'API のデータが初期化されていたため、新しく登録し直しました。',
  tableHeaders: {
    name: '会社名',
    industry: '業種',
    phone: '電話番号',
    rating: '評価',
    reviews: '口コミ',
    employees: '従業員',
    newlyListed: '新着',
    address: '住所',
    website: 'Webサイト',
  },
  newMark: '新着',
  screenUsage: `使い方: tsugi screen [--json] <ファイルまたはURL>...

Web サイトが営業のご連絡をお断りしているか（「営業電話はお断りしております」など）を調べ、
掲載されているメールアドレスと問い合わせフォームを表示します。
ファイルは 1 ページとして、URL はサイトとして（トップページとお問い合わせ・会社概要などの
ページ数件を、robots.txt に従って）読みます。

オプション:
  --json       入力ごとに 1 行の JSON で出力
  -h, --help   このヘルプを表示します

環境変数:
  TSUGI_SITE_BASE_URL  サイトをこの URL の下から読みます（開発用。例: Places エミュレーターの
                       http://127.0.0.1:8788/sites なら https://www.x.jp/ を …/sites/www.x.jp/ から）

終了コード: 0 すべて読めた（お断りのサイトがあっても 0）、1 読めない入力があった、2 使い方の誤り

例:
  tsugi screen https://www.example.co.jp/
  tsugi screen --json saved-page.html https://www.example.co.jp/`,
  screenInputRequired: '調べるファイルまたは URL を 1 つ以上指定してください。',
  screenHeaders: { input: '入力', verdict: '判定', emails: 'メール', contactForm: '問い合わせフォーム', evidence: '根拠' },
  screenVerdicts: { refuses: '営業お断り', clear: '記載なし', error: 'エラー' },
  screenErrors: {
    SITE_UNREACHABLE: 'サイトに接続できません',
    SITE_TIMEOUT: 'サイトが時間内に応答しませんでした',
    TOO_MANY_REDIRECTS: 'リダイレクトが多すぎます',
    URL_PRIVATE: '公開されていないアドレスのため読みません',
    URL_SCHEME: 'http/https 以外の URL は読みません',
    URL_INVALID: 'URL の形式が正しくありません',
    NOT_HTML: 'Web ページではありません',
    ROBOTS_DISALLOWED: 'robots.txt で読み取りが禁止されています',
    FILE_NOT_FOUND: 'ファイルが見つかりません',
    FILE_UNREADABLE: 'ファイルを読めません',
  },
  screenSummary: (total, refusing, failed) => `${total} 件を調べました（営業お断り ${refusing} 件、エラー ${failed} 件）`,
  dedupeUsage: `使い方: tsugi dedupe [--json] <ファイル.csv>

CSV の行のうち同じ会社のものを見つけ、同じ「cluster」（クラスター）番号を付けます。
「(株)山田工務店」と「株式会社山田工務店」、「道玄坂一丁目２－３」と「道玄坂1-2-3」、
「+81 3-1234-5678」と「03-1234-5678」は同じ会社として扱い、チェーンの別の店舗や
同じビルの別の会社、フリーダイヤルが同じだけの会社はまとめません。

CSV の 1 行目は見出しで、次の列を使います（ほかの列はそのまま残ります）:
  会社名（name）、住所（address）、電話番号（phone）、Webサイト（website）
文字コードは UTF-8（BOM 付きも可）または Shift_JIS です。

オプション:
  --json       データ行ごとに 1 行の JSON で出力 {"row": 行番号, "cluster": "c1"}
  -h, --help   このヘルプを表示します

--json なしでは、元の CSV の末尾に cluster 列を付けて出力します。cluster は
その会社の最初の行の番号です（c1 なら 1 行目と同じ会社）。

終了コード: 0 成功、2 使い方の誤り（ファイルがない、見出しが読めない など）

例:
  tsugi dedupe リスト.csv > リスト_重複チェック.csv
  tsugi dedupe --json リスト.csv`,
  dedupeFileRequired: '調べる CSV ファイルを 1 つ指定してください。',
  dedupeFileNotFound: (path) => `ファイルが見つかりません: ${path}`,
  dedupeFileUnreadable: (path, reason) => `ファイルを読めません: ${path}（${reason}）`,
  dedupeNoHeader: (found) =>
    `1 行目に会社名・住所・電話番号・Webサイト（name, address, phone, website）のどの見出しもありません。` +
    (found.length > 0 ? `見つかった見出し: ${found.join(', ')}` : 'ファイルが空か、1 行目が空です。'),
  dedupeSummary: (rows, companies) => `${rows} 行を調べました（${companies} 社）`,
  insightsUsage: `使い方: tsugi insights [--json] <ファイル.csv>

成約・失注・保留の結果を集計し、数字が裏付ける検索条件の変更（例: 従業員 10 人以下を外す）を
提案します。項目（従業員数の範囲、業種、エリア、新着、評価、口コミ数）ごとに、いちばん差のある区分の
成約率をそれ以外と比べ、結果を並べ替えた 1,000 通りの偶然と比べる検定（区分が 1 つなら Fisher の正確
検定）の p 値を Holm 法で補正して、有意水準 5 % を満たすものだけを提案します。判定済み（成約・失注）の結果が少ないうちや、差が偶然の範囲のときは何も提案しません。

CSV の 1 行目は見出しで、次の列を使います（順不同、ほかの列は無視します）:
  ステータス / 結果（status、必須）  成約・失注・保留（won, rejected, held）。受注・見送りも可
  理由（reason）                   予算・業種・タイミング・他社・その他
                                   （budget, industry, timing, competitor, other）。空欄可
  従業員数（employees）            10、10人、１０、1,200 など。空欄は不明
  業種（industry）、エリア / 地域（area）  自由記述
  新着（new_listing）              はい・いいえ（true / false、1 / 0、新着）。空欄は不明
  新設（new_company）              新設法人か（true / false、1 / 0、新設）。空欄は不明。任意
  評価（rating）、口コミ数（reviews）  任意
ステータスが空の行はまだ判定していないものとして数えません。
文字コードは UTF-8（BOM 付きも可）または Shift_JIS です。

オプション:
  --json       JSON 1 つで出力 {"suggestions": [{"change", "support", "message"}], "totals", "segments"}
  -h, --help   このヘルプを表示します

終了コード: 0 成功（提案がなくても 0）、2 使い方の誤り（ファイルがない、見出しや値が読めない など）

例:
  tsugi insights 結果.csv
  tsugi insights --json 結果.csv`,
  insightsFileRequired: '結果の CSV ファイルを 1 つ指定してください。',
  insightsFileNotFound: (path) => `ファイルが見つかりません: ${path}`,
  insightsFileUnreadable: (path, reason) => `ファイルを読めません: ${path}（${reason}）`,
  insightsNoStatusColumn: (found) =>
    '1 行目にステータス（status、成約・失注・保留の列）の見出しがありません。' +
    (found.length > 0 ? `見つかった見出し: ${found.join(', ')}` : 'ファイルが空か、1 行目が空です。'),
  insightsNoRows: (found) => `見出し（${found.join(', ')}）のほかにデータ行がありません。`,
  insightsBadValue: (line, column, value) => {
    const [name, expected] = {
      status: ['ステータス', '成約・失注・保留（won, rejected, held）'],
      reason: ['理由', '予算・業種・タイミング・他社・その他（budget, industry, timing, competitor, other）、または空欄'],
      employees: ['従業員数', '0 以上の整数（10、10人、1,200）、または空欄'],
      industry: ['業種', '文字'],
      area: ['エリア', '文字'],
      newListing: ['新着', 'はい・いいえ（true, false, 1, 0）、または空欄'],
      newlyEstablished: ['新設', 'はい・いいえ（true, false, 1, 0、新設）、または空欄'],
      rating: ['評価', '0〜5 の数、または空欄'],
      reviews: ['口コミ数', '0 以上の整数、または空欄'],
    }[column];
    return `${line} 行目: ${name}「${value}」を読めません。${expected} のどれかにしてください。`;
  },
  insightsMoreProblems: (count) => `ほかに ${count} か所、読めない値があります。`,
  insightsSkipped: (count) => `ステータスが空の ${count} 行は数えていません。`,
  insightsTotals: (t) => `成約 ${t.won} 件・失注 ${t.rejected} 件・保留 ${t.held} 件（判定済み ${t.decided} 件）`,
  insightsNone: '統計的に確かな提案はありません（判定済みの結果が少ないか、差が偶然の範囲です）。',
  insightsChangeLabel: '変更',
  insightsSupportLabel: '根拠',
  insightsSupport: (s) =>
    [
      `${s.segment} ${s.inSegment.decided} 件中 成約 ${s.inSegment.won} 件（${percent(s.inSegment.winRate)}）`,
      `それ以外 ${s.outside.decided} 件中 成約 ${s.outside.won} 件（${percent(s.outside.winRate)}）`,
      ...(s.dominantReason ? [`主な失注理由 ${REASONS_JA[s.dominantReason.reason]}（${s.dominantReason.count} 件）`] : []),
      `p ${pValue(s.pValue)}、Holm 補正後 p ${pValue(s.adjustedPValue)}（検定 ${s.tests} 回）`,
    ].join(' / '),
  insightsReasons: REASONS_JA,
  insightsMethod: (m) =>
    `方法: 項目ごとに最も差のある区分の成約率をそれ以外と並べ替え検定（片側、区分が 1 つなら Fisher の正確検定）で比べ、Holm 法で補正した有意水準 ${percentNumber(m.alpha)} %（` +
    `区分とそれ以外の両方に判定済み ${m.minSegment} 件以上、成約率の差 ${percentNumber(m.minEffect)} ポイント以上のときだけ検定）。`,
  apiUnreachable: (url) => `API に接続できません (${url})。別のターミナルで \`npm start\` を実行してください。`,
  apiTimeout: (url) => `API が時間内に応答しませんでした (${url})。しばらくしてからもう一度お試しください。`,
  idTokenRequired: (url) =>
    `${url} に接続するには Google の ID トークンが必要です。環境変数 TSUGI_ID_TOKEN に設定してください。`,
  apiError: (code, message) => `API がエラーを返しました: ${code} — ${message}`,
  localKeyMismatch: 'ローカル API が別の鍵で起動しています（.tsugi/local-issuer.json が作り直された可能性があります）。`npm start` を再起動してください。',
  unexpectedError: (message) => `予期しないエラーが発生しました: ${message}`,
};

const en: Messages = {
  usage: `Usage: tsugi <command> [options]

Commands:
{commands}

Options:
  -h, --help     Show this help
  -v, --version  Show the version

Details for a command: tsugi <command> --help`,
  commandSummaries: {
    leads: 'Fetch fresh sales leads from Google Maps',
    screen: 'Check websites for refusals of sales contact, and find their email and contact form',
    dedupe: 'Find the rows of a CSV that are one company (however written; branches and neighbours kept apart)',
    insights: 'Suggest the filter changes your won and lost leads support, from a CSV of outcomes',
  },
  unknownCommand: (name) => `Unknown command: ${name}`,
  usageErrorHint: (command) => `See \`${command} --help\` for usage.`,
  errorPrefix: 'Error',
  unknownOption: (option) => `Unknown option: ${option}`,
  optionNeedsValue: (option) => `${option} needs a value (${option} VALUE or ${option}=VALUE).`,
  optionTakesNoValue: (option) => `${option} does not take a value.`,
  unexpectedArgument: (arg) => `Unexpected argument: ${arg}`,
  leadsUsage: `Usage: tsugi leads --area <area> --industry <industry> [options]

Fetches the businesses that match, prints them, then tells the API they were received.
A lead received once is not sent again.

Required:
  --area <area>          Area (e.g. 東京都渋谷区); repeatable
  --industry <industry>  Industry (e.g. 美容室); repeatable

Options:
  --limit <n>            How many leads (1-500, default 20)
  --new-only             Only places newly listed on Google Maps
  --include-no-website   Also places without a website (default: only places with one)
  --json                 One JSON object per line
  --csv                  CSV (Japanese column headers)
  -h, --help             Show this help

Environment:
  TSUGI_API_URL          API URL (default http://127.0.0.1:8787)
  TSUGI_ID_TOKEN         Google identity token for a deployed API
  TSUGI_HOME             Where keys and tenant secrets are kept (default <repo>/.tsugi)

Example:
  tsugi leads --area 東京都渋谷区 --industry 美容室 --limit 20`,
  leadsAreaRequired: 'Give at least one --area (e.g. --area 東京都渋谷区).',
  leadsIndustryRequired: 'Give at least one --industry (e.g. --industry 美容室).',
  leadsFormatConflict: '--json and --csv cannot be used together.',
  leadsBadLimit: (value) => `--limit must be a whole number from 1 to 500 (got ${value}).`,
  leadsBadProfile: (detail) => `Invalid search conditions: ${detail}`,
  settingProfile: 'Setting the profile…',
  pulling: 'Fetching leads…',
  received: (count, replayed) => `Received ${count} lead${count === 1 ? '' : 's'}${replayed ? ' (resent)' : ''}`,
  replayedExplained: 'The last batch was never acknowledged, so it is delivered again, unchanged.',
  acknowledged: (batchId) => `Acknowledged receipt (${batchId})`,
  notAcknowledged: (batchId) => `Could not acknowledge ${batchId}; the next run will deliver the same leads again.`,
  noLeads: 'No new leads match the conditions.',
  notices: NOTICE_MESSAGES.en,
  tenantRenewed: 'The API data had been reset, so the CLI registered again.',
  tableHeaders: {
    name: 'Name',
    industry: 'Industry',
    phone: 'Phone',
    rating: 'Rating',
    reviews: 'Reviews',
    employees: 'Staff',
    newlyListed: 'New',
    address: 'Address',
    website: 'Website',
  },
  newMark: 'new',
  screenUsage: `Usage: tsugi screen [--json] <file-or-url>...

Checks whether a website refuses sales contact (a "no sales calls" notice) and shows
the email addresses and contact form it publishes. A file is read as one page; a URL as a
site (the top page plus a few contact/company pages, honouring robots.txt).

Options:
  --json       One JSON object per input, one per line
  -h, --help   Show this help

Environment:
  TSUGI_SITE_BASE_URL  Read sites from under this URL (development; with the Places emulator's
                       http://127.0.0.1:8788/sites, https://www.x.jp/ is read from …/sites/www.x.jp/)

Exit status: 0 every input was read (refusing sites included), 1 some input could not be read,
2 usage error

Examples:
  tsugi screen https://www.example.co.jp/
  tsugi screen --json saved-page.html https://www.example.co.jp/`,
  screenInputRequired: 'Give at least one file or URL to check.',
  screenHeaders: { input: 'Input', verdict: 'Verdict', emails: 'Email', contactForm: 'Contact form', evidence: 'Evidence' },
  screenVerdicts: { refuses: 'refuses sales', clear: 'clear', error: 'error' },
  screenErrors: {
    SITE_UNREACHABLE: 'Cannot reach the site',
    SITE_TIMEOUT: 'The site did not answer in time',
    TOO_MANY_REDIRECTS: 'Too many redirects',
    URL_PRIVATE: 'Not a public address; not read',
    URL_SCHEME: 'Only http and https URLs are read',
    URL_INVALID: 'Not a valid URL',
    NOT_HTML: 'Not a web page',
    ROBOTS_DISALLOWED: 'robots.txt does not allow reading it',
    FILE_NOT_FOUND: 'File not found',
    FILE_UNREADABLE: 'Cannot read the file',
  },
  screenSummary: (total, refusing, failed) => `Checked ${total} input${total === 1 ? '' : 's'} (${refusing} refusing sales contact, ${failed} error${failed === 1 ? '' : 's'})`,
  dedupeUsage: `Usage: tsugi dedupe [--json] <file.csv>

Finds the rows of a CSV that are one company and gives them one cluster id.
(株)山田工務店 and 株式会社山田工務店, 道玄坂一丁目２－３ and 道玄坂1-2-3,
+81 3-1234-5678 and 03-1234-5678 are one company; two branches of a chain, two firms
in one building and firms that only share a toll-free number are not.

The first line is the header; these columns are used (others are kept as they are):
  name, address, phone, website (or their Japanese names: 会社名, 住所, 電話番号, …)
The file is UTF-8 (with or without BOM) or Shift_JIS.

Options:
  --json       One JSON object per data row: {"row": <row>, "cluster": "c1"}
  -h, --help   Show this help

Without --json the CSV comes back with a cluster column appended. A cluster id is the
number of the company's first row (c1: the same company as data row 1).

Exit status: 0 success, 2 usage error (no such file, no recognisable header, …)

Examples:
  tsugi dedupe list.csv > list-clustered.csv
  tsugi dedupe --json list.csv`,
  dedupeFileRequired: 'Give one CSV file to check.',
  dedupeFileNotFound: (path) => `No such file: ${path}`,
  dedupeFileUnreadable: (path, reason) => `Cannot read ${path} (${reason})`,
  dedupeNoHeader: (found) =>
    'The first line names none of the columns name, address, phone, website (or 会社名, 住所, 電話番号, …). ' +
    (found.length > 0 ? `Headers found: ${found.join(', ')}` : 'The file or its first line is empty.'),
  dedupeSummary: (rows, companies) => `Checked ${rows} row${rows === 1 ? '' : 's'} (${companies} compan${companies === 1 ? 'y' : 'ies'})`,
  insightsUsage: `Usage: tsugi insights [--json] <file.csv>

Counts your won, lost and held leads and suggests the changes to the search conditions the
numbers support (e.g. leave out firms of 10 employees or fewer). For each segment (a range of
employee counts, an industry, an area, new listings, rating, reviews) the most telling segment's
win rate is compared with the rest's by a one-sided permutation test (1,000 shuffles of the
outcomes; Fisher's exact test when a field has one segment), and only what stays significant at
5 % after Holm's correction across the fields is suggested. With few decided (won or lost) leads,
or differences within chance, nothing is suggested.

The first line is the header; these columns are used (any order, others ignored):
  status (required)     won, rejected, held (or 成約, 失注, 保留)
  reason                budget, industry, timing, competitor, other (or 予算, 業種, 他社, …); may be blank
  employees             10, 1,200, full-width digits, with or without 人; blank when unknown
  industry, area        free text
  new_listing           true / false, yes / no, 1 / 0; blank when unknown
  new_company           newly established firm: true / false, yes / no, 1 / 0; blank when unknown; optional
  rating, reviews       optional
Japanese headers are read too (結果, 理由, 従業員数, 業種, 地域, 新着, 新設, 評価, …).
Rows with a blank status are not judged yet and not counted.
The file is UTF-8 (with or without BOM) or Shift_JIS.

Options:
  --json       One JSON object: {"suggestions": [{"change", "support", "message"}], "totals", "segments"}
  -h, --help   Show this help

Exit status: 0 success (with or without suggestions), 2 usage error (no such file, unreadable
header or values, …)

Examples:
  tsugi insights outcomes.csv
  tsugi insights --json outcomes.csv`,
  insightsFileRequired: 'Give one CSV file of outcomes.',
  insightsFileNotFound: (path) => `No such file: ${path}`,
  insightsFileUnreadable: (path, reason) => `Cannot read ${path} (${reason})`,
  insightsNoStatusColumn: (found) =>
    'The first line has no status column (status, or 結果: won / rejected / held). ' +
    (found.length > 0 ? `Headers found: ${found.join(', ')}` : 'The file or its first line is empty.'),
  insightsNoRows: (found) => `There are no data rows under the header (${found.join(', ')}).`,
  insightsBadValue: (line, column, value) => {
    const [name, expected] = {
      status: ['status', 'won, rejected or held'],
      reason: ['reason', 'budget, industry, timing, competitor, other, or blank'],
      employees: ['employees', 'a whole number (10, 1,200), or blank'],
      industry: ['industry', 'text'],
      area: ['area', 'text'],
      newListing: ['new_listing', 'true, false, yes, no, 1, 0, or blank'],
      newlyEstablished: ['new_company', 'true, false, yes, no, 1, 0, or blank'],
      rating: ['rating', 'a number from 0 to 5, or blank'],
      reviews: ['reviews', 'a whole number, or blank'],
    }[column];
    return `Line ${line}: cannot read ${name} "${value}"; expected ${expected}.`;
  },
  insightsMoreProblems: (count) => `…and ${count} more unreadable value${count === 1 ? '' : 's'}.`,
  insightsSkipped: (count) => `${count} row${count === 1 ? '' : 's'} with a blank status ${count === 1 ? 'was' : 'were'} not counted.`,
  insightsTotals: (t) => `${t.won} won, ${t.rejected} lost, ${t.held} held (${t.decided} decided)`,
  insightsNone: 'No statistically sound suggestion (too few decided outcomes, or the differences are within chance).',
  insightsChangeLabel: 'Change',
  insightsSupportLabel: 'Numbers',
  insightsSupport: (s) =>
    [
      `${s.segmentEn}: ${s.inSegment.won} won of ${s.inSegment.decided} (${percent(s.inSegment.winRate)})`,
      `the rest: ${s.outside.won} of ${s.outside.decided} (${percent(s.outside.winRate)})`,
      ...(s.dominantReason ? [`most frequent refusal: ${s.dominantReason.reason} (${s.dominantReason.count})`] : []),
      `p ${pValue(s.pValue)}, Holm-adjusted p ${pValue(s.adjustedPValue)} over ${s.tests} test${s.tests === 1 ? '' : 's'}`,
    ].join(' / '),
  insightsReasons: { budget: 'budget', industry: 'industry', timing: 'timing', competitor: 'competitor', other: 'other' },
  insightsMethod: (m) =>
    `Method: per field, the most telling segment's win rate against the rest's by a one-sided permutation test (Fisher's exact test for a single segment), significant at ${percentNumber(m.alpha)} % after Holm's correction ` +
    `(tested only with at least ${m.minSegment} decided leads on each side and a win-rate gap of at least ${percentNumber(m.minEffect)} points).`,
  apiUnreachable: (url) => `Cannot reach the API (${url}). Run \`npm start\` in another terminal.`,
  apiTimeout: (url) => `The API did not answer in time (${url}). Please try again shortly.`,
  idTokenRequired: (url) => `${url} needs a Google identity token: set TSUGI_ID_TOKEN.`,
  apiError: (code, message) => `The API answered with an error: ${code} — ${message}`,
  localKeyMismatch: 'The local API runs with other keys (.tsugi/local-issuer.json was probably recreated). Restart `npm start`.',
  unexpectedError: (message) => `Unexpected error: ${message}`,
};

const TABLES: Record<Locale, Messages> = { ja, en };

/**
 * The locale from the environment: the first of LC_ALL, LC_MESSAGES, LANG that is set. Japanese
 * unless it names another language; C and POSIX (a container's default) name none, so Japanese.
 */
export function detectLocale(env: Record<string, string | undefined>): Locale {
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v != null && v !== '');
  if (value == null || /^(C|POSIX)([.@]|$)/i.test(value)) return 'ja';
  return /^ja([_.@-]|$)/i.test(value) ? 'ja' : 'en';
}

export const messagesFor = (locale: Locale): Messages => TABLES[locale];
