import { describe, expect, it } from 'vitest';
import { COMMANDS } from './main.ts';
import { detectLocale, messagesFor } from './messages.ts';

describe('detectLocale', () => {
  it('is Japanese when no locale variable is set', () => {
    expect(detectLocale({})).toBe('ja');
  });

  it.each([
    [{ LANG: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'ja' }, 'ja'],
    [{ LANG: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8' }, 'ja'],
    [{ LANG: 'C' }, 'ja'],
    [{ LANG: 'POSIX' }, 'ja'],
    [{ LANG: 'de_DE.UTF-8' }, 'en'],
    [{ LANG: 'C.UTF-8', LC_ALL: 'en_GB.UTF-8' }, 'en'],
    [{ LANG: 'ja_JP.UTF-8', LC_ALL: 'en_US.UTF-8' }, 'en'],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.eucJP' }, 'ja'],
    [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' }, 'ja'],
    [{ LANG: 'jam_JM' }, 'en'],
    [{ LANG: '', LC_ALL: '' }, 'ja'],
  ])('reads %o as %s', (env, locale) => {
    expect(detectLocale(env)).toBe(locale);
  });
});

describe('message tables', () => {
  const ja = messagesFor('ja');
  const en = messagesFor('en');

  it('have the same entries in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    expect(Object.keys(en.notices).sort()).toEqual(Object.keys(ja.notices).sort());
    expect(Object.keys(en.tableHeaders).sort()).toEqual(Object.keys(ja.tableHeaders).sort());
  });

  it('summarise every registered command in both languages', () => {
    for (const name of Object.keys(COMMANDS)) {
      expect(ja.commandSummaries[name]).toBeTruthy();
      expect(en.commandSummaries[name]).toBeTruthy();
    }
  });

  it('words the progress lines in Japanese', () => {
    expect(ja.settingProfile).toBe('プロフィールを設定しています…');
    expect(ja.pulling).toBe('リードを取得しています…');
    expect(ja.received(20, true)).toBe('20 件を受け取りました（再送分）');
    expect(ja.received(20, false)).toBe('20 件を受け取りました');
    expect(ja.acknowledged('bt_x')).toContain('受領を通知しました');
  });

  it('words the progress lines in English', () => {
    expect(en.received(1, false)).toBe('Received 1 lead');
    expect(en.received(20, true)).toBe('Received 20 leads (resent)');
    expect(en.settingProfile).toBe('Setting the profile…');
  });

  it('words the insights totals and the no-suggestion sentence', () => {
    const totals = { won: 12, rejected: 40, held: 5, decided: 52, winRate: 12 / 52 };
    expect(ja.insightsTotals(totals)).toBe('成約 12 件・失注 40 件・保留 5 件（判定済み 52 件）');
    expect(en.insightsTotals(totals)).toBe('12 won, 40 lost, 5 held (52 decided)');
    expect(ja.insightsNone).toBe('統計的に確かな提案はありません（判定済みの結果が少ないか、差が偶然の範囲です）。');
    expect(ja.insightsBadValue(3, 'employees', '十人')).toContain('3 行目');
    expect(en.insightsBadValue(3, 'employees', '十人')).toContain('Line 3');
  });

  it('tells how to start the API when it is not running', () => {
    expect(ja.apiUnreachable('http://127.0.0.1:8787')).toBe(
      'API に接続できません (http://127.0.0.1:8787)。別のターミナルで `npm start` を実行してください。',
    );
    expect(en.apiUnreachable('http://127.0.0.1:8787')).toContain('npm start');
  });

  it('keep Japanese text out of the English table and the usage in both', () => {
    const japanese = /[\u3040-\u30ff]/;
    // Example values (東京都渋谷区, 美容室) are allowed; sentences are not.
    for (const [key, value] of Object.entries(en)) {
      if (typeof value === 'string') expect(value.replace(/東京都渋谷区|美容室/g, ''), key).not.toMatch(japanese);
    }
    expect(ja.leadsUsage).toContain('--area');
    expect(en.leadsUsage).toContain('--area');
  });
});
