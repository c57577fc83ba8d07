// The preview page's script (bundled by test/preview/server.ts as /preview.js): the Apps Script
// fakes as the page's globals, the add-on's own bundle (/addon.js) loaded on top of them so its
// globals run exactly as in Apps Script, a spreadsheet-like view of the fake document, and the
// real sidebar in an iframe whose google.script.run calls are answered here.
//
// DOM contract (test/browser relies on it):
//   #menu-add-leads, #menu-open-sidebar, #menu-daily      the add-on's menu items (by function name)
//   button[data-tab="<sheet name>"], aria-selected="true"  the sheet tabs
//   table#grid, tr[data-row=n], th.row-header[data-row=n], td[data-row][data-col][data-header]
//                                                          (1-based sheet rows/columns; dropdown cells hold a <select>;
//                                                           selected rows: aria-selected="true" on the tr)
//   #toast                                                 the latest toast's text
//   #today, #clock-plus-day, #clock-plus-6-months          the clock (Asia/Tokyo)
//   iframe#sidebar (added when the add-on shows the sidebar), #status (「実行中…」 / 「完了」)
//   window.__tsugiPreview = { ready, fake }
import type { CellValue } from '../../addon/src/apps-script.ts';
import { createFakeAppsScript, type FakeAppsScript, type FakeChart, type FakeFetchRequest, type FakeFetchResponse } from '../apps-script/fakes.ts';

const TIME_ZONE = 'Asia/Tokyo';
const DAY_MS = 86_400_000;
const TOKEN_LIFETIME_MS = 50 * 60_000;
/** Rows drawn at most; the rest are counted in the caption. */
const MAX_RENDERED_ROWS = 2000;

const MENU_IDS: Record<string, string> = {
  addNewLeads: 'menu-add-leads',
  openSidebar: 'menu-open-sidebar',
  openDailySetup: 'menu-daily',
};

type Globals = Record<string, unknown>;
const globals = window as unknown as Globals;

declare global {
  interface Window {
    __tsugiPreview?: { ready: boolean; fake: FakeAppsScript };
  }
}

// ---------------------------------------------------------------------------------------------
// The clock: the add-on takes "today" from `new Date()`, so the page's Date runs `offsetDays`
// ahead, as the local Worker does (its day follows the Places emulator's clock).

const RealDate = Date;
let offsetDays = 0;
const shiftedNow = () => RealDate.now() + offsetDays * DAY_MS;

/** Date with the offset on `Date.now()` and `new Date()`; dates built from arguments, `Date.UTC`
 * and `Date.parse` are untouched. Instances are plain Dates (same prototype), so `instanceof Date`
 * holds whichever constructor made them. */
function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
  if (!new.target) return new RealDate(shiftedNow()).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [shiftedNow()] : args, new.target);
}
ShiftedDate.prototype = RealDate.prototype;
Object.setPrototypeOf(ShiftedDate, RealDate);
Object.defineProperty(ShiftedDate, 'now', { value: shiftedNow, writable: true, configurable: true });
Object.defineProperty(ShiftedDate, 'name', { value: 'Date' });
globals.Date = ShiftedDate;

const dayFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
/** YYYY-MM-DD of an instant in Asia/Tokyo. */
function dayOf(date: Date): string {
  const part: Record<string, string> = {};
  for (const p of dayFormat.formatToParts(date)) part[p.type] = p.value;
  return `${part.year}-${part.month}-${part.day}`;
}

// ---------------------------------------------------------------------------------------------
// The wire: synchronous, as UrlFetchApp and ScriptApp.getIdentityToken are in Apps Script.

function xhrSync(method: string, url: string, headers: Record<string, string> = {}, body?: string): XMLHttpRequest {
  const xhr = new XMLHttpRequest();
  xhr.open(method.toUpperCase(), url, false);
  for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
  xhr.send(body ?? null);
  return xhr;
}

/** The add-on's API URL is this server's /api, compiled in as 127.0.0.1; opened as localhost the
 * page would make it cross-origin, so a loopback URL on this port is sent to this origin. */
function sameOrigin(url: string): string {
  const target = new URL(url, location.href);
  const loopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  if (target.origin !== location.origin && target.port === location.port && loopback(target.hostname) && loopback(location.hostname)) {
    return `${location.origin}${target.pathname}${target.search}`;
  }
  return target.href;
}

/**
 * UrlFetchApp.fetch. The server's proxy answers 200 with the API's status in a header (see
 * ENVELOPE_HEADER in server.ts): the add-on reads 4xx answers as a matter of course, and Chromium
 * would log each as a console error, which Apps Script never shows. A failed connection throws,
 * as in Apps Script.
 */
function urlFetch(request: FakeFetchRequest): FakeFetchResponse {
  const url = sameOrigin(request.url);
  const envelope = new URL(url).origin === location.origin && new URL(url).pathname.startsWith('/api/');
  const xhr = xhrSync(request.method, url, envelope ? { ...request.headers, 'X-Tsugi-Preview-Envelope': '1' } : request.headers, request.payload);
  const failure = xhr.getResponseHeader('X-Tsugi-Upstream-Error');
  if (xhr.status === 0 || failure !== null) {
    throw new Error(`Address unavailable: ${request.url}${failure ? ` (${decodeURIComponent(failure)})` : ''}`);
  }
  const status = envelope ? Number(xhr.getResponseHeader('X-Tsugi-Upstream-Status') ?? xhr.status) : xhr.status;
  return { status, body: xhr.responseText };
}

let token: { value: string; at: number } | null = null;
function identityToken(): string {
  if (token && RealDate.now() - token.at < TOKEN_LIFETIME_MS) return token.value;
  const answer = xhrSync('GET', '/token');
  const value = answer.status === 200 ? (JSON.parse(answer.responseText) as { token?: unknown }).token : undefined;
  if (typeof value !== 'string') throw new Error(`The preview could not issue an identity token (GET /token answered ${answer.status})`);
  token = { value, at: RealDate.now() };
  return value;
}

// ---------------------------------------------------------------------------------------------
// The document

const fake = createFakeAppsScript({ locale: 'ja', timeZone: TIME_ZONE, fetch: urlFetch, identityToken, htmlFiles: ['sidebar'] });
for (const [name, service] of Object.entries(fake.services)) globals[name] = service;
window.__tsugiPreview = { ready: false, fake };

/** Runs `fn` without leaving its service calls in fake.calls (the page reads, the add-on is counted). */
function uncounted<T>(fn: () => T): T {
  const log = fake.calls.log as string[];
  const length = log.length;
  try {
    return fn();
  } finally {
    log.length = length;
  }
}

const activeSheetName = () => uncounted(() => fake.services.SpreadsheetApp.getActive().getActiveSheet().getName());

// ---------------------------------------------------------------------------------------------
// Page state and elements

const $ = <T extends HTMLElement = HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from page.html`);
  return element as T;
};
/** Element.append (the Workers types in this repository's type check shadow the DOM's signature). */
function add(parent: Node, ...children: (Node | string)[]): void {
  for (const child of children) parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
}
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
};

let currentTab = '';
/** Selected sheet rows of the current tab, and where a shift-click extends from. */
let selected = new Set<number>();
let anchor: number | null = null;
/** The current tab's row count when the selection was made. */
let rowCountAtSelection = 0;
let sidebarsShown = 0;

// ---------------------------------------------------------------------------------------------
// Running the add-on: one call at a time, 「実行中…」 while it runs (painted before the page
// blocks on a synchronous request), then the sheet drawn again and 「完了」.

let queue: Promise<unknown> = Promise.resolve();
let running = 0;

function setStatus(text: string) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('running', running > 0);
}

function showError(message: string) {
  $('error').textContent = message ? `エラー: ${message}` : '';
}

/** Lets the browser paint (a frame, then a task) before blocking work. */
const paint = () =>
  new Promise<void>((resolve) => {
    let done = false;
    const go = () => {
      if (!done) {
        done = true;
        setTimeout(resolve, 0);
      }
    };
    requestAnimationFrame(go);
    setTimeout(go, 50); // hidden pages get no frames
  });

function perform<T>(work: () => T): Promise<T> {
  running++;
  setStatus('実行中…');
  const result = queue.then(async () => {
    await paint();
    return work();
  });
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queue = settled;
  return result.finally(() => {
    running--;
    afterAction();
    if (running === 0) setStatus('完了');
  });
}

function globalFunction(name: string): (...args: unknown[]) => unknown {
  // Apps Script hides functions whose names end with an underscore from menus and google.script.run.
  const fn = name.endsWith('_') ? undefined : globals[name];
  if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
  return fn as (...args: unknown[]) => unknown;
}

function runMenuItem(functionName: string) {
  showError('');
  void perform(() => globalFunction(functionName)()).catch((error: unknown) => showError(messageOf(error)));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const asJson = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));

/** After the add-on ran: show the sheet it left active; a selection whose rows moved is dropped. */
function afterAction() {
  try {
    const names = fake.spreadsheet.sheetNames();
    let active = currentTab;
    try {
      active = activeSheetName();
    } catch {
      // keep the tab shown
    }
    if (!names.includes(active)) active = names[0] ?? '';
    // Rows added or moved away (tagging moves them to 保留): the same numbers would be other rows.
    const rowsChanged = names.includes(currentTab) && lastRow(currentTab) !== rowCountAtSelection;
    if (active !== currentTab || rowsChanged) {
      selected = new Set();
      anchor = null;
    }
    currentTab = active;
    applySelection();
    render();
  } catch (error) {
    showError(`プレビューの表示に失敗しました: ${messageOf(error)}`);
  }
}

function lastRow(tab: string): number {
  return fake.spreadsheet.sheet(tab).rows().length;
}

// ---------------------------------------------------------------------------------------------
// The sidebar's google.script.run (see google-script-run.js)

const sidebarFrame = () => document.getElementById('sidebar') as HTMLIFrameElement | null;

interface RunMessage { type: 'tsugi-run'; id: string; name: string; args: unknown[] }

window.addEventListener('message', (event: MessageEvent) => {
  const frame = sidebarFrame();
  if (!frame || event.source !== frame.contentWindow || event.origin !== location.origin) return;
  const data = event.data as Partial<RunMessage> | null;
  if (!data || data.type !== 'tsugi-run' || typeof data.id !== 'string' || typeof data.name !== 'string') return;
  const { id, name } = data;
  const args = Array.isArray(data.args) ? data.args : [];
  const reply = (answer: { ok: true; value: unknown } | { ok: false; error: string }) =>
    frame.contentWindow?.postMessage({ type: 'tsugi-run-result', id, ...answer }, location.origin);
  perform(() => asJson(globalFunction(name)(...(asJson(args) as unknown[]))))
    .then(
      (value) => reply({ ok: true, value }),
      (error: unknown) => reply({ ok: false, error: messageOf(error) }),
    );
});

// ---------------------------------------------------------------------------------------------
// Rendering

function render() {
  renderMenu();
  renderTabs();
  renderGrid();
  renderCharts();
  renderToast();
  renderToday();
  renderTriggers();
  renderSidebar();
}

function renderMenu() {
  const menu = $('menu');
  const items = fake.menus.at(-1)?.items ?? [];
  const key = JSON.stringify(items);
  if (menu.dataset.items === key) return;
  menu.dataset.items = key;
  menu.replaceChildren(
    ...items.map((item) => {
      const button = el('button', { type: 'button', id: MENU_IDS[item.functionName] ?? `menu-${item.functionName}`, 'data-function': item.functionName }, item.caption);
      button.addEventListener('click', () => runMenuItem(item.functionName));
      return button;
    }),
  );
}

function renderTabs() {
  const names = fake.spreadsheet.sheetNames();
  if (!names.includes(currentTab)) currentTab = names[0] ?? '';
  $('tabs').replaceChildren(
    ...names.map((name) => {
      const button = el('button', { type: 'button', role: 'tab', 'data-tab': name, 'aria-selected': String(name === currentTab) }, name);
      button.addEventListener('click', () => switchTab(name));
      return button;
    }),
  );
}

function switchTab(name: string) {
  if (name === currentTab) return;
  currentTab = name;
  selected = new Set();
  anchor = null;
  applySelection();
  render();
}

/** Column letters as Sheets shows them: A … Z, AA … */
function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function display(value: CellValue, numberFormat: string | null = null): string {
  const percent = numberFormat ? /^0(?:\.(0+))?%$/.exec(numberFormat) : null;
  if (percent && typeof value === 'number') return `${(value * 100).toFixed(percent[1]?.length ?? 0)}%`;
  if (value instanceof RealDate) return Number.isNaN(value.getTime()) ? '' : dayOf(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  return String(value ?? '');
}

function renderGrid() {
  const table = $<HTMLTableElement>('grid');
  if (!currentTab) {
    table.replaceChildren();
    return;
  }
  const view = fake.spreadsheet.sheet(currentTab);
  const rows = view.rows();
  const header = rows[0] ?? [];
  const hidden = new Set(view.hiddenColumns());
  const columns: number[] = [];
  for (let c = 1; c <= header.length; c++) if (!hidden.has(c)) columns.push(c);
  const headers = header.map((value) => display(value));
  const rules = view.conditionalRules();
  const styleFor = (row: number, column: number, text: string) => {
    for (const rule of rules) {
      if (rule.text !== text) continue;
      const inside = rule.ranges.some((b) => row >= b.row && row < b.row + b.numRows && column >= b.column && column < b.column + b.numColumns);
      if (inside) return rule;
    }
    return null;
  };

  const thead = el('thead');
  const letters = el('tr', { class: 'letters' });
  add(letters, el('th', { class: 'corner', 'aria-hidden': 'true' }), ...columns.map((c) => el('th', { scope: 'col', 'aria-hidden': 'true' }, columnLetter(c))));
  const headerRow = el('tr', { class: 'header-row' });
  add(
    headerRow,
    el('th', { class: 'row-number' }, '1'),
    ...columns.map((c) => el('th', { scope: 'col', 'data-col': String(c), 'data-header': headers[c - 1] ?? '' }, headers[c - 1] ?? '')),
  );
  add(thead, letters, headerRow);

  const tbody = el('tbody');
  const last = Math.min(rows.length, MAX_RENDERED_ROWS + 1);
  for (let r = 2; r <= last; r++) {
    const values = rows[r - 1] ?? [];
    const isSelected = selected.has(r);
    const tr = el('tr', { 'data-row': String(r), 'aria-selected': String(isSelected) });
    const rowHeader = el('th', { class: 'row-header', scope: 'row', 'data-row': String(r), tabindex: '0', title: 'クリックで行を選択（Ctrl / ⌘ で追加、Shift で範囲）' }, String(r));
    add(tr, rowHeader);
    for (const c of columns) {
      const value = values[c - 1] ?? '';
      const cell = view.cell(r, c);
      const text = display(value, cell.numberFormat);
      const td = el('td', { 'data-row': String(r), 'data-col': String(c), 'data-header': headers[c - 1] ?? '' });
      if (cell.validation) {
        td.classList.add('dropdown');
        add(td, dropdown(r, c, text, cell.validation, headers[c - 1] ?? ''));
      } else {
        td.textContent = text;
        if (text) td.title = text;
        if (typeof value === 'number') td.classList.add('number');
        if (typeof value === 'boolean') td.classList.add('bool');
        if (cell.formula) td.classList.add('formula');
      }
      const rule = text ? styleFor(r, c, text) : null;
      if (rule?.background) td.style.backgroundColor = rule.background;
      if (rule?.fontColor) td.style.color = rule.fontColor;
      add(tr, td);
    }
    add(tbody, tr);
  }
  const parts: HTMLElement[] = [thead, tbody];
  if (rows.length - 1 > MAX_RENDERED_ROWS) parts.unshift(el('caption', {}, `先頭の ${MAX_RENDERED_ROWS} 行を表示しています（全 ${rows.length - 1} 行）`));
  table.replaceChildren(...parts);
}

function dropdown(row: number, column: number, value: string, choices: string[], header: string): HTMLSelectElement {
  const select = el('select', { 'aria-label': `${header}（${row} 行目）` });
  const options = choices.includes(value) ? [...choices] : [value, ...choices];
  if (!options.includes('')) options.unshift('');
  for (const choice of options) {
    const option = el('option', { value: choice }, choice);
    if (choice === value) option.selected = true;
    add(select, option);
  }
  select.addEventListener('change', () => {
    // What an owner's edit does: the value only, the dropdown rule stays.
    fake.spreadsheet.sheet(currentTab).put(row, column, [[select.value]]);
    render();
  });
  return select;
}

$('grid').addEventListener('click', (event) => {
  const header = (event.target as Element).closest('th.row-header');
  if (!header) return;
  selectRow(Number(header.getAttribute('data-row')), event as MouseEvent);
});
$('grid').addEventListener('keydown', (event) => {
  const header = (event.target as Element).closest('th.row-header');
  if (!header || (event.key !== 'Enter' && event.key !== ' ')) return;
  event.preventDefault();
  selectRow(Number(header.getAttribute('data-row')), event);
});

function selectRow(row: number, event: { ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }) {
  if (!Number.isInteger(row) || row < 1) return;
  const adding = event.ctrlKey || event.metaKey;
  if (event.shiftKey && anchor !== null) {
    const next = adding ? new Set(selected) : new Set<number>();
    for (let r = Math.min(anchor, row); r <= Math.max(anchor, row); r++) next.add(r);
    selected = next;
  } else if (adding) {
    selected = new Set(selected);
    if (selected.has(row)) selected.delete(row);
    else selected.add(row);
    anchor = row;
  } else {
    selected = new Set([row]);
    anchor = row;
  }
  applySelection();
  // Only the highlight changes; no need to draw the grid again.
  for (const tr of $('grid').querySelectorAll<HTMLTableRowElement>('tr[data-row]')) {
    tr.setAttribute('aria-selected', String(selected.has(Number(tr.dataset.row))));
  }
}

/** The selection into the fake: the current tab becomes the active sheet, the rows its range list. */
function applySelection() {
  if (!currentTab) return;
  const rows = [...selected].sort((a, b) => a - b);
  const runs: { row: number; numRows: number }[] = [];
  for (const row of rows) {
    const lastRun = runs.at(-1);
    if (lastRun && lastRun.row + lastRun.numRows === row) lastRun.numRows++;
    else runs.push({ row, numRows: 1 });
  }
  try {
    fake.spreadsheet.select(currentTab, runs);
  } catch {
    selected = new Set();
    fake.spreadsheet.select(currentTab, []);
  }
  rowCountAtSelection = lastRow(currentTab);
}

const CHART_NAMES: Record<string, string> = {
  BAR: '横棒グラフ', COLUMN: '縦棒グラフ', LINE: '折れ線グラフ', PIE: '円グラフ', AREA: '面グラフ', SCATTER: '散布図', COMBO: '複合グラフ', HISTOGRAM: 'ヒストグラム', TABLE: '表',
};

function renderCharts() {
  const box = $('charts');
  if (!currentTab) {
    box.replaceChildren();
    return;
  }
  const charts = fake.spreadsheet.sheet(currentTab).charts();
  box.replaceChildren(...charts.map(renderChart));
}

function rangeText(range: FakeChart['ranges'][number]): string {
  const from = `${columnLetter(range.column)}${range.row}`;
  const to = `${columnLetter(range.column + range.numColumns - 1)}${range.row + range.numRows - 1}`;
  return `${range.sheet}!${from}:${to}`;
}

/** A chart as a caption and plain bars: labels from its first range, values from its second. */
function renderChart(chart: FakeChart): HTMLElement {
  const figure = el('figure', { class: 'chart', 'data-chart-type': chart.type ?? '' });
  const title = typeof chart.options.title === 'string' ? chart.options.title : '';
  const kind = CHART_NAMES[chart.type ?? ''] ?? chart.type ?? 'グラフ';
  add(figure, el('figcaption', {}, `グラフ（${kind}）${title ? `: ${title}` : ''} — 範囲 ${chart.ranges.map(rangeText).join(', ')}`));
  const [labels, values] = chart.ranges;
  if (!labels || !values) return figure;
  const read = (range: FakeChart['ranges'][number]) => {
    const rows = fake.spreadsheet.sheet(range.sheet).rows();
    const out: CellValue[] = [];
    for (let r = range.row; r < range.row + range.numRows; r++) out.push(rows[r - 1]?.[range.column - 1] ?? '');
    return out.slice(chart.numHeaders ?? 0);
  };
  const names = read(labels);
  const numbers = read(values).map((v) => (typeof v === 'number' ? v : Number.NaN));
  const hAxis = chart.options.hAxis as { format?: string } | undefined;
  const percent = hAxis?.format === 'percent';
  const max = percent ? 1 : Math.max(0, ...numbers.filter((n) => Number.isFinite(n)));
  names.forEach((name, i) => {
    const value = numbers[i] ?? Number.NaN;
    if (display(name) === '' && !Number.isFinite(value)) return;
    const row = el('div', { class: 'bar-row' });
    const track = el('div', { class: 'bar-track' });
    const width = Number.isFinite(value) && max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
    const bar = el('div', { class: 'bar' });
    bar.style.width = `${width}%`;
    add(track, bar);
    add(
      row,
      el('span', { class: 'bar-label', title: display(name) }, display(name)),
      track,
      el('span', { class: 'bar-value' }, Number.isFinite(value) ? (percent ? `${Math.round(value * 100)}%` : display(value)) : '—'),
    );
    add(figure, row);
  });
  return figure;
}

let toastsShown = 0;
/** #toast changes only when a toast arrives (a repeat of the same text included). */
function renderToast() {
  if (fake.toasts.length === toastsShown) return;
  toastsShown = fake.toasts.length;
  const latest = fake.toasts.at(-1);
  $('toast').textContent = latest?.message ?? '';
  $('toast-title').textContent = latest?.title ?? '';
  $('toast-box').classList.toggle('empty', !latest);
}
$('toast-close').addEventListener('click', () => $('toast-box').classList.add('empty'));

function renderToday() {
  $('today').textContent = dayOf(new Date());
}

function renderTriggers() {
  const line = $('triggers');
  const trigger = fake.triggers[0];
  if (!trigger) {
    line.replaceChildren();
    return;
  }
  const when = trigger.hour === null ? '' : `毎日 ${trigger.hour}:00〜${trigger.hour}:59`;
  const button = el('button', { type: 'button', id: 'run-trigger' }, 'いま実行');
  button.addEventListener('click', () => runMenuItem(trigger.handler));
  line.replaceChildren(`自動更新のトリガー: ${trigger.handler}（${when || '時刻なし'}、${trigger.timeZone ?? TIME_ZONE}）`, button);
}

function renderSidebar() {
  if (fake.sidebars.length === sidebarsShown) return;
  sidebarsShown = fake.sidebars.length;
  const latest = fake.sidebars.at(-1);
  if (!latest) return;
  $('sidebar-title').textContent = latest.title ?? 'Tsugi';
  $('sidebar-panel').hidden = false;
  // Showing a sidebar again loads it afresh, as Ui.showSidebar does.
  sidebarFrame()?.remove();
  add($('sidebar-panel'), el('iframe', { id: 'sidebar', title: latest.title ?? 'Tsugi のサイドバー', src: `/${latest.file}.html` }));
}
$('sidebar-close').addEventListener('click', () => {
  sidebarFrame()?.remove();
  $('sidebar-panel').hidden = true;
});

// ---------------------------------------------------------------------------------------------
// The clock controls

async function advance(days: number, button: HTMLButtonElement) {
  button.disabled = true;
  showError('');
  try {
    const response = await fetch('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceDays: days }) });
    const body = (await response.json().catch(() => null)) as { day?: unknown; error?: { message?: string } } | null;
    if (!response.ok) throw new Error(body?.error?.message ?? `POST /clock answered ${response.status}`);
    // The emulator's day is the Worker's offset; the page follows the same number of days.
    offsetDays = typeof body?.day === 'number' ? body.day : offsetDays + days;
    render();
  } catch (error) {
    showError(`日付を進められませんでした: ${messageOf(error)}`);
  } finally {
    button.disabled = false;
  }
}
$<HTMLButtonElement>('clock-plus-day').addEventListener('click', (event) => void advance(1, event.currentTarget as HTMLButtonElement));
$<HTMLButtonElement>('clock-plus-6-months').addEventListener('click', (event) => void advance(183, event.currentTarget as HTMLButtonElement));

// ---------------------------------------------------------------------------------------------
// Start: the emulator's day (the stack may have been moved on before this page opened), the
// add-on's bundle, onOpen, the first drawing.

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = el('script', { src });
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`${src} did not load`)));
    add(document.body, script);
  });
}

async function start() {
  try {
    const response = await fetch('/clock');
    const body = (await response.json()) as { day?: unknown };
    if (response.ok && typeof body.day === 'number') offsetDays = body.day;
  } catch {
    // No emulator clock: the page keeps the real date.
  }
  try {
    await loadScript('/addon.js');
    globalFunction('onOpen')({ authMode: 'FULL' });
  } catch (error) {
    showError(messageOf(error));
  }
  currentTab = fake.spreadsheet.sheetNames()[0] ?? '';
  applySelection();
  render();
  window.__tsugiPreview = { ready: true, fake };
}

void start();
