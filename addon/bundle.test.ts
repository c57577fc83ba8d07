// The built add-on as Apps Script runs it: addon/dist's Code.js evaluated in a fresh node:vm
// context whose globals are the Apps Script fakes, then its top-level functions called the way
// Apps Script calls them (onOpen on opening, the menu item, the sidebar's google.script.run).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/apps-script/fake-api.ts';
import { createFakeAppsScript } from '../test/apps-script/fakes.ts';
import { buildAddon } from './build.ts';

const API_URL = 'https://api.example.test';

describe('the built add-on in a fresh V8 context', () => {
  let outDir: string;
  let code: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'tsugi-addon-bundle-'));
    await buildAddon({ apiUrl: API_URL, outDir });
    code = await readFile(path.join(outDir, 'Code.js'), 'utf8');
  });
  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  function load() {
    const api = createFakeApi({ leadsAvailable: 50 });
    const fake = createFakeAppsScript({ fetch: (request) => api.handle(request), htmlFiles: ['sidebar'] });
    // Only what Apps Script's V8 has: the services as globals, no require/process/module.
    const context = vm.createContext({ ...fake.services, console });
    vm.runInContext(code, context, { filename: 'Code.js' });
    const call = (name: string, ...args: unknown[]) => (context[name] as (...a: unknown[]) => unknown)(...args);
    return { api, fake, call };
  }

  it('builds the add-on menu on open', () => {
    const { fake, call } = load();
    call('onOpen', { authMode: 'NONE' });
    expect(fake.menus).toHaveLength(1);
    expect(fake.menus[0]!.items.map((item) => [item.caption, item.functionName])).toEqual([
      ['新着リードを追加', 'addNewLeads'],
      ['サイドバーを開く', 'openSidebar'],
      ['毎日の自動更新を設定…', 'openDailySetup'],
    ]);
  });

  it('appends fresh leads from the menu item, against the compiled-in API URL', () => {
    const { api, fake, call } = load();
    const saved = call('saveProfile', { areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit: 12 }) as { ok: boolean };
    expect(saved.ok).toBe(true);
    call('addNewLeads');

    const rows = fake.spreadsheet.sheet('リスト').rows();
    expect(rows[0]).toContain('会社名');
    expect(rows.length - 1).toBe(12);
    expect(fake.toasts.at(-1)!.message).toBe('新着 12 件を追加しました');
    expect(fake.fetches.every((request) => request.url.startsWith(`${API_URL}/v1/`))).toBe(true);
    const tenant = [...api.tenants.values()][0]!;
    expect(tenant.acked).toHaveLength(1);
  });

  it('answers the sidebar\'s insights and writes the 分析 tab with the Charts global', () => {
    const { api, fake, call } = load();
    expect((call('saveProfile', { areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit: 5 }) as { ok: boolean }).ok).toBe(true);
    expect(call('insightsState')).toEqual({ ok: true, suggestions: [], history: [] });
    const tenant = [...api.tenants.values()][0]!;
    const segment = { employees: 5, industry: '美容室', area: '渋谷区', newListing: false, rating: 4, reviews: 10 };
    tenant.outcomes.set('ld_x', { leadId: 'ld_x', status: 'won', reason: null, at: '2026-11-24T00:00:00.000Z', segment });
    call('addNewLeads');
    expect(fake.spreadsheet.sheet('分析').charts()).toHaveLength(1);
    expect(call('undoLastSuggestion')).toMatchObject({ ok: false, code: 'NOTHING_TO_UNDO' });
  });

  it('opens the sidebar from its HTML file', () => {
    const { fake, call } = load();
    call('openSidebar');
    expect(fake.sidebars).toEqual([{ file: 'sidebar', title: 'Tsugi（次）' }]);
  });
});
