// The three tabs as the add-on finds, reads and (when missing) sets them up. A tab is found by the
// sheet id remembered from last time (so the owner may rename it), else by its name in either
// language; it is read with one getValues. Setting up (header, frozen row, dropdowns, colours, the
// hidden id column) happens only when a tab or one of Tsugi's required columns is missing.
import type { CellValue, Properties, Sheet, Spreadsheet, SpreadsheetAppService } from './apps-script.ts';
import {
  COLUMNS,
  headerFor,
  REASON_LABELS,
  REQUIRED_COLUMNS,
  STATUS_COLOURS,
  STATUS_LABELS,
  TAB_NAMES,
  type ColumnKey,
  type StatusCode,
  type TabKey,
} from './columns.ts';
import { rememberLayout, resolveLayout, type Layout, type RememberedLayout } from './layout.ts';
import type { Locale } from './sidebar-contract.ts';

/** What every sheet operation needs: the document, its properties, the user's language, the day. */
export interface SheetContext {
  app: SpreadsheetAppService;
  ss: Spreadsheet;
  props: Properties;
  /** The sheet's language (tab names, headers, dropdown values), not necessarily the user's. */
  locale: Locale;
  timeZone: string;
}

export interface Tab {
  key: TabKey;
  /** null when the tab does not exist (yet). */
  sheet: Sheet | null;
  /** The data range's values (row 1 first); empty when the tab is missing. */
  values: CellValue[][];
  layout: Layout;
}

export const tabIdProperty = (key: TabKey) => `tab.${key}`;
const layoutProperty = (sheetId: number) => `layout.${sheetId}`;

export function findSheet(ctx: SheetContext, key: TabKey): Sheet | null {
  const storedId = Number(ctx.props.getProperty(tabIdProperty(key)));
  const byId = storedId ? ctx.ss.getSheetById(storedId) : null;
  if (byId) return byId;
  const byName = ctx.ss.getSheetByName(TAB_NAMES[key].ja) ?? ctx.ss.getSheetByName(TAB_NAMES[key].en);
  if (byName) ctx.props.setProperty(tabIdProperty(key), String(byName.getSheetId()));
  return byName;
}

/** One read of the tab (getDataRange().getValues()) and its layout. */
export function readTab(ctx: SheetContext, key: TabKey, sheet = findSheet(ctx, key)): Tab {
  if (!sheet) return { key, sheet: null, values: [], layout: { headerIndex: 0, headers: [], columns: {} } };
  const values = sheet.getDataRange().getValues();
  const remembered = readRemembered(ctx, sheet);
  const layout = resolveLayout(values, remembered);
  const next = rememberLayout(layout);
  if (JSON.stringify(next) !== JSON.stringify(remembered)) {
    ctx.props.setProperty(layoutProperty(sheet.getSheetId()), JSON.stringify(next));
  }
  return { key, sheet, values, layout };
}

function readRemembered(ctx: SheetContext, sheet: Sheet): RememberedLayout | null {
  const stored = ctx.props.getProperty(layoutProperty(sheet.getSheetId()));
  if (!stored) return null;
  try {
    const parsed = JSON.parse(stored) as RememberedLayout;
    return Array.isArray(parsed.headers) && Array.isArray(parsed.keys) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The tab ready to take rows: created if missing, with Tsugi's required columns and any `extra`
 * owner headers (columns carried over from the other tab) added at the right end of the header.
 */
export function prepareTab(ctx: SheetContext, tab: Tab, extraHeaders: string[] = []): Tab & { sheet: Sheet } {
  const allColumns = () => [...COLUMNS.map((column) => headerFor(column.key, ctx.locale)), ...extraHeaders];
  if (!tab.sheet) {
    const active = ctx.ss.getActiveSheet();
    const sheet = ctx.ss.insertSheet(TAB_NAMES[tab.key][ctx.locale]);
    ctx.props.setProperty(tabIdProperty(tab.key), String(sheet.getSheetId()));
    const created = addColumns(ctx, { ...tab, sheet, values: [] }, allColumns());
    sheet.setFrozenRows(1);
    // A new tab becomes the active one; the owner stays where they were (リスト is shown once, new).
    if (tab.key !== 'leads') active.activate();
    return created;
  }
  if (tab.layout.headers.length === 0 && tab.values.every((row) => row.every((cell) => cell === ''))) {
    // The tab exists but is empty (a new sheet named リスト, or everything deleted): set it up.
    const ready = addColumns(ctx, { ...tab, sheet: tab.sheet, values: [] }, allColumns());
    tab.sheet.setFrozenRows(1);
    return ready;
  }
  const missing = REQUIRED_COLUMNS.filter((key) => tab.layout.columns[key] === undefined);
  const headers = [...missing.map((key) => headerFor(key, ctx.locale)), ...extraHeaders];
  if (headers.length === 0) return tab as Tab & { sheet: Sheet };
  return addColumns(ctx, tab as Tab & { sheet: Sheet }, headers);
}

/** Appends header cells after the last header and dresses Tsugi's new columns. */
function addColumns(ctx: SheetContext, tab: Tab & { sheet: Sheet }, newHeaders: string[]): Tab & { sheet: Sheet } {
  const { sheet } = tab;
  const headerRow = tab.layout.headerIndex + 1;
  const first = tab.layout.headers.length; // 0-based index of the first new column
  const needed = first + newHeaders.length - sheet.getMaxColumns();
  if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
  sheet.getRange(headerRow, first + 1, 1, newHeaders.length).setValues([newHeaders]);

  const values = tab.values.length > 0 ? tab.values.map((row) => [...row]) : [[]];
  const header = values[tab.layout.headerIndex]!;
  newHeaders.forEach((text, i) => (header[first + i] = text));
  const layout = resolveLayout(values, readRemembered(ctx, sheet));
  ctx.props.setProperty(layoutProperty(sheet.getSheetId()), JSON.stringify(rememberLayout(layout)));

  const added = (key: ColumnKey) => {
    const index = layout.columns[key];
    return index !== undefined && index >= first ? index + 1 : null;
  };
  const maxRows = sheet.getMaxRows();
  ctx.props.setProperty(rowsProperty(sheet.getSheetId()), String(maxRows));
  const bodyRows = maxRows - headerRow;
  const status = added('status');
  const reason = added('reason');
  if (status && bodyRows > 0) {
    const labels = Object.values(STATUS_LABELS).map((label) => label[ctx.locale]);
    const range = sheet.getRange(headerRow + 1, status, bodyRows, 1);
    range.setDataValidation(ctx.app.newDataValidation().requireValueInList(labels, true).setAllowInvalid(true).build());
    const rules = (Object.keys(STATUS_COLOURS) as StatusCode[])
      .filter((code) => code !== 'new')
      .map((code) =>
        ctx.app
          .newConditionalFormatRule()
          .whenTextEqualTo(STATUS_LABELS[code][ctx.locale])
          .setBackground(STATUS_COLOURS[code].background)
          .setFontColor(STATUS_COLOURS[code].font)
          .setRanges([range])
          .build(),
      );
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...rules]);
  }
  if (reason && bodyRows > 0) {
    const labels = Object.values(REASON_LABELS).map((label) => label[ctx.locale]);
    sheet
      .getRange(headerRow + 1, reason, bodyRows, 1)
      .setDataValidation(ctx.app.newDataValidation().requireValueInList(labels, true).setAllowInvalid(true).build());
  }
  const id = added('id');
  if (id) sheet.hideColumns(id);
  return { ...tab, sheet, values, layout };
}

/**
 * Rows the sheet is known to have (a lower bound), kept per tab so an append needs no extra call:
 * Tsugi inserts room with spare rows and remembers; if the owner deleted rows since, the write
 * fails on the sheet's bounds and the append inserts room and writes again.
 */
const rowsProperty = (sheetId: number) => `rows.${sheetId}`;
const SPARE_ROWS = 200;

/** Appends rows after the tab's last row with one write (and an insert when room is short). */
export function appendRows(ctx: SheetContext, tab: Tab & { sheet: Sheet }, rows: CellValue[][]): void {
  if (rows.length === 0) return;
  const { sheet } = tab;
  const lastRow = Math.max(tab.values.length, tab.layout.headerIndex + 1);
  const width = Math.max(...rows.map((row) => row.length));
  const block = rows.map((row) => padded(row, width));
  const key = rowsProperty(sheet.getSheetId());
  const makeRoom = () => {
    sheet.insertRowsAfter(lastRow, rows.length + SPARE_ROWS);
    ctx.props.setProperty(key, String(lastRow + rows.length + SPARE_ROWS));
  };
  if (Number(ctx.props.getProperty(key)) < lastRow + rows.length) makeRoom();
  try {
    sheet.getRange(lastRow + 1, 1, rows.length, width).setValues(block);
  } catch (error) {
    if (!/outside the dimensions/i.test(String((error as Error).message))) throw error;
    makeRoom();
    sheet.getRange(lastRow + 1, 1, rows.length, width).setValues(block);
  }
  tab.values.push(...rows);
}

/** Deletes rows (1-based sheet rows), bottom-up in contiguous runs so indices stay valid. */
export function deleteRows(ctx: SheetContext, sheet: Sheet, sheetRows: number[]): void {
  const sorted = [...new Set(sheetRows)].sort((a, b) => b - a);
  let index = 0;
  while (index < sorted.length) {
    let start = sorted[index]!;
    let count = 1;
    while (sorted[index + count] === start - 1) {
      start--;
      count++;
    }
    try {
      sheet.deleteRows(start, count);
    } catch (error) {
      // Sheets refuses to delete every row below the frozen header: leave one blank row behind.
      if (!/non-frozen rows/.test(String((error as Error).message))) throw error;
      sheet.insertRowsAfter(start + count - 1, 1);
      sheet.deleteRows(start, count);
    }
    index += count;
  }
  const key = rowsProperty(sheet.getSheetId());
  const known = Number(ctx.props.getProperty(key));
  if (known) ctx.props.setProperty(key, String(Math.max(0, known - sorted.length)));
}

const padded = (row: CellValue[], width: number) => (row.length >= width ? row : [...row, ...new Array<CellValue>(width - row.length).fill('')]);
