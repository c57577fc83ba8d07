// The add-on's surface in Sheets, through the functions index.ts exposes as Apps Script globals:
// the menu (safe without authorisation), the sidebar, the daily trigger and what it leaves for the
// sidebar, the search profile and the refresh from the sidebar.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TENANT_SECRET_HEADER } from '../../shared/contract.ts';
import { installAddon } from '../test/harness.ts';
import { addNewLeads, onOpen, openSidebar, refreshNow, saveProfile, setDailyRefresh, sidebarState, tagSelection } from './addon.ts';
import type { SidebarApi } from './sidebar-contract.ts';

type Harness = ReturnType<typeof installAddon>;

/** The names index.ts exports, i.e. the top-level functions Apps Script can call. */
const GLOBALS = [...readFileSync(new URL('./index.ts', import.meta.url), 'utf8').matchAll(/^export const (\w+)/gm)].map((m) => m[1]!);

function state(h: Harness) {
  const result = sidebarState(h.gas);
  if (!result.ok) throw new Error(`sidebarState failed: ${result.code} ${result.message}`);
  return result.state;
}

/** Services that need authorisation: an add-on's onOpen in AuthMode.NONE may not touch them. */
const AUTHORISED = /^(PropertiesService|Properties|UrlFetchApp|HttpResponse|LockService|Lock|ScriptApp|Trigger|TriggerBuilder|ClockTriggerBuilder)\./;

describe('onOpen: the add-on menu', () => {
  it('has the three items in Japanese and calls nothing that needs authorisation', () => {
    const h = installAddon({ profile: null, locale: 'ja' });
    h.fake.calls.reset();

    onOpen(h.gas, { authMode: 'NONE' });

    expect(h.fake.menus).toEqual([
      {
        items: [
          { caption: '新着リードを追加', functionName: 'addNewLeads' },
          { caption: 'サイドバーを開く', functionName: 'openSidebar' },
          { caption: '毎日の自動更新を設定…', functionName: 'openDailySetup' },
        ],
      },
    ]);
    expect(h.fake.calls.log).toContain('Ui.createAddonMenu');
    expect(h.fake.calls.log.filter((call) => AUTHORISED.test(call))).toEqual([]);
    expect(h.fake.calls.sheetsDataCalls()).toBe(0);
    expect(h.fake.fetches).toHaveLength(0);
    expect(h.fake.documentProperties.size).toBe(0);
    expect(h.fake.userProperties.size).toBe(0);
  });

  it('is in English when the user does not use Japanese', () => {
    for (const locale of ['en_US', 'en', 'fr_FR']) {
      const h = installAddon({ profile: null, locale });
      h.fake.calls.reset();
      onOpen(h.gas);
      expect(h.fake.menus[0]!.items, locale).toEqual([
        { caption: 'Add new leads', functionName: 'addNewLeads' },
        { caption: 'Open sidebar', functionName: 'openSidebar' },
        { caption: 'Set up daily refresh…', functionName: 'openDailySetup' },
      ]);
      expect(h.fake.calls.log.filter((call) => AUTHORISED.test(call))).toEqual([]);
    }
  });

  it('is Japanese for ja_JP', () => {
    const h = installAddon({ profile: null, locale: 'ja_JP' });
    onOpen(h.gas);
    expect(h.fake.menus[0]!.items[0]!.caption).toBe('新着リードを追加');
  });

  it('names only functions that index.ts exports, as do the trigger and the sidebar', () => {
    const h = installAddon({ profile: null });
    onOpen(h.gas);
    const used = h.fake.menus[0]!.items.map((item) => item.functionName);
    expect(used).toHaveLength(3);
    for (const name of used) expect(GLOBALS, name).toContain(name);
    expect(GLOBALS).toEqual(expect.arrayContaining(['onOpen', 'onInstall']));

    // The daily trigger's handler.
    expect(setDailyRefresh(h.gas, 7).ok).toBe(true);
    expect(GLOBALS).toContain(h.fake.triggers[0]!.handler);

    // Every function the sidebar calls through google.script.run.
    const sidebarApi: (keyof SidebarApi)[] = [
      'sidebarState', 'saveProfile', 'refreshNow', 'tagSelection', 'setDailyRefresh', 'setRevisitMonths',
      'insightsState', 'applySuggestion', 'undoLastSuggestion',
    ];
    for (const name of sidebarApi) expect(GLOBALS, name).toContain(name);
  });
});

describe('openSidebar', () => {
  it('shows the sidebar file with a title', () => {
    const h = installAddon({ profile: null, htmlFiles: ['sidebar'] });
    openSidebar(h.gas);
    expect(h.fake.sidebars).toEqual([{ file: 'sidebar', title: 'Tsugi（次）' }]);
  });

  it('titles it in English for English users', () => {
    const h = installAddon({ profile: null, htmlFiles: ['sidebar'], locale: 'en_GB' });
    openSidebar(h.gas);
    expect(h.fake.sidebars).toEqual([{ file: 'sidebar', title: 'Tsugi' }]);
  });

  it('ships the file it opens', () => {
    expect(() => readFileSync(new URL('./sidebar.html', import.meta.url), 'utf8')).not.toThrow();
  });
});

describe('daily refresh', () => {
  it('keeps one trigger at the chosen hour in the spreadsheet’s time zone, replaced and removed on request', () => {
    const h = installAddon({ timeZone: 'Asia/Tokyo' });
    expect(state(h).daily).toEqual({ enabled: false, hour: null });

    expect(setDailyRefresh(h.gas, 8)).toEqual({ ok: true, daily: { enabled: true, hour: 8 }, message: '毎日 8:00 ごろに自動で更新します' });
    expect(h.fake.triggers).toEqual([{ id: expect.any(String), handler: 'dailyRefresh', hour: 8, everyDays: 1, timeZone: 'Asia/Tokyo' }]);
    expect(state(h).daily).toEqual({ enabled: true, hour: 8 });

    const first = h.fake.triggers[0]!.id;
    expect(setDailyRefresh(h.gas, 6)).toMatchObject({ ok: true, daily: { enabled: true, hour: 6 } });
    expect(h.fake.triggers).toHaveLength(1);
    expect(h.fake.triggers[0]).toMatchObject({ handler: 'dailyRefresh', hour: 6, everyDays: 1 });
    expect(h.fake.triggers[0]!.id).not.toBe(first);
    expect(state(h).daily).toEqual({ enabled: true, hour: 6 });

    expect(setDailyRefresh(h.gas, null)).toEqual({ ok: true, daily: { enabled: false, hour: null }, message: '毎日の自動更新はオフです' });
    expect(h.fake.triggers).toEqual([]);
    expect(state(h).daily).toEqual({ enabled: false, hour: null });
    // Nothing about the removed triggers is left behind (only the user's language, for the trigger).
    expect([...h.fake.userProperties.keys()]).toEqual(['locale']);
  });

  it('uses the spreadsheet’s own time zone', () => {
    const h = installAddon({ timeZone: 'America/New_York' });
    expect(setDailyRefresh(h.gas, 0).ok).toBe(true);
    expect(h.fake.triggers[0]).toMatchObject({ hour: 0, timeZone: 'America/New_York' });
  });

  it('refuses hours that are not 0–23 and keeps the trigger it had', () => {
    const h = installAddon();
    expect(setDailyRefresh(h.gas, 23).ok).toBe(true);
    for (const hour of [24, 1.5, -1, Number.NaN]) {
      expect(setDailyRefresh(h.gas, hour), String(hour)).toEqual({ ok: false, code: 'BAD_HOUR', message: '時刻は 0〜23 時で指定してください。' });
    }
    expect(h.fake.triggers).toHaveLength(1);
    expect(h.fake.triggers[0]).toMatchObject({ hour: 23 });
    expect(state(h).daily).toEqual({ enabled: true, hour: 23 });
  });

  it('reports a trigger that could not be created', () => {
    const h = installAddon();
    // A trigger this code does not know of takes the one slot the add-on has.
    h.fake.triggers.push({ id: '1', handler: 'somethingElse', hour: 3, everyDays: 1, timeZone: 'Asia/Tokyo' });
    expect(setDailyRefresh(h.gas, 9)).toMatchObject({ ok: false, code: 'TRIGGER_FAILED', message: '自動更新を設定できませんでした。' });
  });

  it('the trigger adds leads as the menu does and leaves its result for the sidebar', () => {
    const h = installAddon();
    const run = addNewLeads(h.gas, 'daily');
    expect(run).toMatchObject({ ok: true, origin: 'daily', added: 10, code: null, message: '新着 10 件を追加しました' });
    expect(h.records('リスト')).toHaveLength(10);
    expect(h.fake.toasts.at(-1)).toEqual({ message: '新着 10 件を追加しました', title: 'Tsugi' });
    expect(state(h).lastRun).toEqual(run);

    const menu = addNewLeads(h.gas, 'menu');
    expect(menu).toMatchObject({ ok: true, origin: 'menu', added: 10 });
    expect(h.records('リスト')).toHaveLength(20);
    expect(state(h).lastRun).toEqual(menu);
  });

  it('keeps a failed daily run visible in the sidebar until the next run', () => {
    const h = installAddon();
    expect(addNewLeads(h.gas, 'daily').ok).toBe(true);
    h.api.fail('pulls', { status: 503, code: 'API_UNAVAILABLE' });

    const failed = addNewLeads(h.gas, 'daily');

    expect(failed).toMatchObject({ ok: false, origin: 'daily', added: 0, code: 'API_UNAVAILABLE' });
    expect(failed.message).toBe('更新できませんでした: Tsugi のサーバーが応答しません。しばらくしてからもう一度お試しください。');
    expect(h.records('リスト')).toHaveLength(10);
    // Next time the owner opens the sidebar.
    const lastRun = state(h).lastRun!;
    expect(lastRun).toEqual(failed);
    expect(lastRun).toMatchObject({ ok: false, code: 'API_UNAVAILABLE', origin: 'daily' });
    expect(Number.isNaN(Date.parse(lastRun.at))).toBe(false);

    // A network failure and a missing profile read as such.
    h.api.fail('pulls', 'network');
    expect(addNewLeads(h.gas, 'daily')).toMatchObject({
      ok: false,
      code: 'NETWORK',
      message: '更新できませんでした: Tsugi のサーバーに接続できませんでした。しばらくしてからもう一度お試しください。',
    });
    expect(state(h).lastRun).toMatchObject({ ok: false, code: 'NETWORK' });

    // The next good run replaces the note.
    const ok = addNewLeads(h.gas, 'daily');
    expect(ok.ok).toBe(true);
    expect(state(h).lastRun).toEqual(ok);
  });

  it('says when there is no search profile yet', () => {
    const h = installAddon({ profile: null });
    const run = addNewLeads(h.gas, 'daily');
    expect(run).toMatchObject({ ok: false, code: 'NO_PROFILE', origin: 'daily' });
    expect(run.message).toMatch(/検索条件がまだありません/);
    expect(state(h).lastRun).toMatchObject({ ok: false, code: 'NO_PROFILE' });
  });

  it('in English for English users', () => {
    const h = installAddon({ locale: 'en_US' });
    h.api.fail('pulls', { status: 503, code: 'API_UNAVAILABLE' });
    expect(addNewLeads(h.gas, 'daily').message).toBe('Could not refresh: The Tsugi server is not answering. Try again in a while.');
    expect(setDailyRefresh(h.gas, 5)).toMatchObject({ ok: true, message: 'Refreshes automatically every day around 5:00' });
  });
});

describe('search profile', () => {
  it('refuses an invalid profile without calling the API', () => {
    const h = installAddon({ profile: null });
    const invalid = [
      { areas: [], industries: ['美容室'] },
      { areas: ['渋谷区'], industries: ['美容室'], employeesMin: 50, employeesMax: 10 },
      { areas: ['渋谷区'], industries: [] },
      { areas: ['渋谷区'], industries: ['美容室'], dailyLimit: 0 },
    ];
    for (const input of invalid) {
      const result = saveProfile(h.gas, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
      if (!result.ok) expect(result.message).toBe('入力内容が正しくありません。');
    }
    expect(h.api.requests).toEqual([]);
    expect(h.fake.fetches).toEqual([]);
  });

  it('stores a valid profile with the defaults filled in, and the sidebar shows it', () => {
    const h = installAddon({ profile: null });
    expect(state(h).profile).toBeNull();

    const result = saveProfile(h.gas, { areas: ['東京都渋谷区', '東京都目黒区'], industries: ['美容室'], employeesMin: 2, employeesMax: 20 });

    const expected = {
      areas: ['東京都渋谷区', '東京都目黒区'],
      industries: ['美容室'],
      employeesMin: 2,
      employeesMax: 20,
      includeUnknownEmployees: true,
      minRating: null,
      minReviews: null,
      maxReviews: null,
      requirePhone: true,
      requireWebsite: false,
      excludeIndustries: [],
      excludeAreas: [],
      excludeRefusing: true,
      newOnly: false,
      dailyLimit: 30,
    };
    expect(result).toEqual({ ok: true, profile: expected, message: '検索条件を保存しました。次の更新から反映されます。' });
    const [tenant] = [...h.api.tenants.values()];
    expect(tenant!.profile).toEqual(expected);
    expect(state(h).profile).toEqual(expected);
  });

  it('registers the sheet once and reuses its secret', () => {
    const h = installAddon({ profile: null });
    expect(state(h).profile).toBeNull();
    expect(saveProfile(h.gas, { areas: ['新宿区'], industries: ['歯科'] }).ok).toBe(true);
    expect(refreshNow(h.gas).ok).toBe(true);
    expect(saveProfile(h.gas, { areas: ['新宿区'], industries: ['歯科'], dailyLimit: 5 }).ok).toBe(true);
    state(h);

    expect(h.api.requests.filter((r) => r.route === 'tenants')).toHaveLength(1);
    expect(h.api.tenants.size).toBe(1);
    const secret = h.fake.documentProperties.get('tenantSecret');
    expect(secret).toBeDefined();
    expect(h.api.tenants.has(secret!)).toBe(true);
    const tenantCalls = h.fake.fetches.filter((f) => !f.url.endsWith('/v1/tenants'));
    expect(tenantCalls.length).toBeGreaterThan(4);
    for (const call of tenantCalls) expect(call.headers[TENANT_SECRET_HEADER]).toBe(secret);
    // The secret belongs to the document, not to one user.
    expect(h.fake.userProperties.size).toBe(0);
  });
});

describe('refreshNow', () => {
  it('answers the run on success', () => {
    const h = installAddon();
    const result = refreshNow(h.gas);
    expect(result).toMatchObject({ ok: true, run: { ok: true, origin: 'sidebar', added: 10, revisits: 0, reconciled: 0, code: null } });
    expect(h.records('リスト')).toHaveLength(10);
    if (result.ok) expect(state(h).lastRun).toEqual(result.run);
  });

  it('answers the code and the sentence on failure', () => {
    const h = installAddon();
    h.api.fail('pulls', { status: 429, code: 'RATE_LIMITED' });
    expect(refreshNow(h.gas)).toEqual({ ok: false, code: 'RATE_LIMITED', message: '更新できませんでした: 短時間に更新が多すぎます。少し待ってからお試しください。' });
    expect(state(h).lastRun).toMatchObject({ ok: false, code: 'RATE_LIMITED', origin: 'sidebar' });
  });

  it('is BUSY while another execution holds the document lock, and touches nothing', () => {
    const h = installAddon();
    const requests = h.api.requests.length;
    h.fake.holdLockElsewhere(true);

    const result = refreshNow(h.gas);

    expect(result).toEqual({ ok: false, code: 'BUSY', message: '別の更新が実行中です。終わってからもう一度お試しください。' });
    expect(h.api.requests).toHaveLength(requests);
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1']);
    expect(h.fake.toasts.at(-1)?.message).toBe('別の更新が実行中です。終わってからもう一度お試しください。');

    h.fake.holdLockElsewhere(false);
    expect(refreshNow(h.gas).ok).toBe(true);
  });

  it('the sidebar’s other writes wait for the lock too', () => {
    const h = installAddon();
    expect(refreshNow(h.gas).ok).toBe(true);
    h.select('リスト', [2]);
    h.fake.holdLockElsewhere(true);
    expect(tagSelection(h.gas, { status: 'won' })).toMatchObject({ ok: false, code: 'BUSY' });
    expect(addNewLeads(h.gas, 'daily')).toMatchObject({ ok: false, code: 'BUSY' });
  });
});

describe('sidebarState', () => {
  it('gathers what the sidebar shows', () => {
    const h = installAddon({ profile: { areas: ['港区'], industries: ['カフェ'] } });
    expect(refreshNow(h.gas).ok).toBe(true);
    h.select('リスト', [2, 4]);
    expect(setDailyRefresh(h.gas, 9).ok).toBe(true);
    const s = state(h);
    expect(s).toMatchObject({
      locale: 'ja',
      profile: { areas: ['港区'], industries: ['カフェ'], dailyLimit: 10 },
      daily: { enabled: true, hour: 9 },
      lastRun: { ok: true, origin: 'sidebar', added: 10 },
      revisitMonths: 6,
      selectedRows: 2,
    });
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // plain JSON crosses google.script.run
  });
});
