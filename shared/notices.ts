// What each pull notice code (PullBatch.status.notices) means to the owner, in Japanese and English.
// Shared by the CLI and the Sheets add-on; a code without an entry is shown with the API's message.

export const NOTICE_MESSAGES: Record<'ja' | 'en', Record<string, string>> = {
  ja: {
    PLACES_PARTIAL: '一部の店舗は Google マップから読み取れなかったため、今回は除外しました（次回また候補になります）。',
    NO_MORE_LEADS: '条件に合う店舗はすべてお届けしました。地域や業種を広げてください。',
    NO_NEW_LISTINGS: '前回の検索以降、新しく掲載された店舗はまだありません（最初の検索は基準になるため、新着は翌日以降に届きます）。',
    NO_MORE_NEW_LISTINGS: 'これまでに見つかった新着はすべてお届けしました。',
    NEW_UNCONFIRMED: '新着かもしれない店舗は、明日の検索で確かめてからお届けします。',
    SWEEP_IN_PROGRESS: '地域の一部をまだ検索中です。残りはまもなく準備できます。',
    BUDGET_REACHED: '本日の Google マップ利用予算に達しました。続きは明日お届けします。',
    RATE_LIMITED: '短時間に多くの検索が行われたため、一時的に制限しています。しばらくしてから続きをお届けします。',
    EMPLOYEES_UNAVAILABLE: '従業員数を取得できないため（gBizINFO 未設定）、従業員数の条件は使っていません。',
    EMPLOYEES_PARTIAL: '一部の会社の従業員数を取得できませんでした（次回また調べます）。',
  },
  en: {
    PLACES_PARTIAL: 'Some places could not be read from Google Maps and were skipped for now (they remain candidates).',
    NO_MORE_LEADS: 'Every place matching the conditions has been delivered; widen the areas or industries.',
    NO_NEW_LISTINGS: 'No newly listed places since the last search yet (the first search is the baseline; new listings arrive from the next day).',
    NO_MORE_NEW_LISTINGS: 'That is every newly listed place found so far.',
    NEW_UNCONFIRMED: 'Possibly new places will be delivered once tomorrow\'s search confirms them.',
    SWEEP_IN_PROGRESS: 'Part of the area is still being searched; the rest will be ready shortly.',
    BUDGET_REACHED: 'Today\'s Google Maps budget is spent; more leads come tomorrow.',
    RATE_LIMITED: 'Many searches were made in a short time, so they are paused for a moment; the rest comes a little later.',
    EMPLOYEES_UNAVAILABLE: 'Employee counts are unavailable (gBizINFO is not configured), so the employee conditions were not applied.',
    EMPLOYEES_PARTIAL: 'Some companies\' employee counts could not be fetched (they are looked up again next time).',
  },
};
