// In-memory fakes of the Apps Script services the Sheets add-on uses (the interfaces in
// addon/src/apps-script.ts), so Node tests and the browser preview page can run the add-on's logic
// against one Google Sheets document. They follow Apps Script's documented behaviour where the add-on
// could come to depend on it (typed-input parsing in setValues, the data range, rows inheriting
// validation, property quotas, the one-trigger limit, HTTP errors) and log every service call, so
// tests can hold the add-on to a call budget. Browser-safe: plain ES2022, no Node APIs.
import type {
  AppsScript,
  CellValue,
  ChartsApi,
  ChartType,
  ConditionalFormatRule,
  ConditionalFormatRuleBuilder,
  DataValidation,
  DataValidationBuilder,
  EmbeddedChart,
  EmbeddedChartBuilder,
  HtmlOutput,
  HttpResponse,
  Lock,
  Menu,
  Properties,
  Range,
  RangeList,
  Sheet,
  Spreadsheet,
  Trigger,
  UrlFetchParams,
} from '../../addon/src/apps-script.ts';
import { utf8Length } from '../../shared/utf8.ts';

// ---------------------------------------------------------------------------------------------
// Public API

export interface FakeFetchRequest { url: string; method: string; headers: Record<string, string>; payload: string | undefined }
export interface FakeFetchResponse { status: number; body: string }
export type FakeFetchHandler = (request: FakeFetchRequest) => FakeFetchResponse;

export interface FakeOptions {
  /** Session.getActiveUserLocale(), default 'ja' */
  locale?: string;
  /** spreadsheet time zone, default 'Asia/Tokyo' */
  timeZone?: string;
  /** UrlFetchApp answers through it; default: throws 'Address unavailable' */
  fetch?: FakeFetchHandler;
  /** ScriptApp.getIdentityToken(), default returns 'fake-id-token' */
  identityToken?: () => string;
  /** if given, createHtmlOutputFromFile throws for other names */
  htmlFiles?: string[];
  /** initial sheet names, default ['シート1'] */
  sheets?: string[];
}

export interface FakeTrigger { id: string; handler: string; hour: number | null; everyDays: number | null; timeZone: string | null }

export interface FakeAppsScript {
  /** pass to the add-on's logic */
  services: AppsScript;
  /** test view of the document */
  spreadsheet: FakeSpreadsheet;
  calls: CallLog;
  setFetch(handler: FakeFetchHandler): void;
  /** every UrlFetchApp request, in order */
  fetches: FakeFetchRequest[];
  toasts: { message: string; title: string | undefined }[];
  /** one entry per addToUi() */
  menus: { items: { caption: string; functionName: string }[] }[];
  /** one per Ui.showSidebar */
  sidebars: { file: string; title: string | null }[];
  /** live triggers of the current user in this document */
  triggers: FakeTrigger[];
  /** the backing stores, for inspection/seeding */
  documentProperties: Map<string, string>;
  userProperties: Map<string, string>;
  /** Simulate another execution holding the document lock (tryLock then fails after its timeout, without sleeping). */
  holdLockElsewhere(held: boolean): void;
  setLocale(locale: string): void;
}

export interface CallLog {
  /** every call as 'Type.method' in order, e.g. 'Range.getValues', 'Sheet.insertRowsAfter' */
  readonly log: string[];
  /** calls that read or write cell contents, formats, validation, sheet structure or charts */
  sheetsDataCalls(): number;
  /** all calls on Spreadsheet/Sheet/Range/RangeList/SpreadsheetApp objects */
  sheetsCalls(): number;
  reset(): void;
}

export interface FakeSpreadsheet {
  sheetNames(): string[];
  /** test view of one tab; throws if absent */
  sheet(name: string): FakeSheetView;
  /** sets the active sheet and the active range list (each range: whole-row span of the given rows, all columns of the data range) */
  select(sheetName: string, rows: { row: number; numRows: number }[]): void;
  deleteSheet(name: string): void;
  renameSheet(from: string, to: string): void;
}

export interface FakeSheetView {
  id: number;
  name: string;
  /** values of the data range (like getValues on getDataRange), without counting calls */
  rows(): CellValue[][];
  /** write a block of raw values from (row, col), growing max rows/cols as needed, without counting calls and WITHOUT the string parsing setValues does */
  put(row: number, col: number, values: CellValue[][]): void;
  cell(row: number, col: number): { value: CellValue; formula: string | null; validation: string[] | null; numberFormat: string | null };
  merge(row: number, col: number, numRows: number, numCols: number): void;
  maxRows(): number;
  maxColumns(): number;
  frozenRows(): number;
  hiddenColumns(): number[];
  conditionalRules(): { text: string; background: string | null; fontColor: string | null; ranges: Box[] }[];
  /** the charts on this sheet, in insertion order */
  charts(): FakeChart[];
}

/** A chart as the fake records it: its type (a Charts.ChartType name), data ranges, options and anchor. */
export interface FakeChart {
  id: number;
  type: string | null;
  ranges: (Box & { sheet: string })[];
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number } | null;
  numHeaders: number | null;
}

/** A rectangle of cells, 1-based, as Apps Script ranges describe themselves. */
export interface Box { row: number; column: number; numRows: number; numColumns: number }

// ---------------------------------------------------------------------------------------------
// Call counting

const SHEETS_TYPES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'RangeList']);
export const SHEETS_DATA_CALLS: ReadonlySet<string> = new Set([
  'Range.getValues', 'Range.setValues', 'Range.setDataValidation', 'Range.setNumberFormat',
  'Sheet.insertRowsAfter', 'Sheet.insertColumnsAfter', 'Sheet.deleteRows', 'Sheet.setFrozenRows',
  'Sheet.hideColumns', 'Sheet.setConditionalFormatRules', 'Sheet.getConditionalFormatRules',
  'Sheet.getLastRow', 'Sheet.getMaxRows', 'Sheet.getMaxColumns', 'Spreadsheet.insertSheet',
  'Range.clearContent', 'Sheet.getCharts', 'Sheet.insertChart', 'Sheet.updateChart', 'Sheet.removeChart',
]);

function createCallLog(): CallLog {
  const log: string[] = [];
  return {
    log,
    sheetsDataCalls: () => log.filter((call) => SHEETS_DATA_CALLS.has(call)).length,
    sheetsCalls: () => log.filter((call) => SHEETS_TYPES.has(call.slice(0, call.indexOf('.')))).length,
    reset: () => {
      log.length = 0;
    },
  };
}

type AnyFn = (...args: never[]) => unknown;

/** Wraps each method so a call is logged as 'Type.method' before it runs. The fakes call their own
 * internals directly, never these wrappers, so only the add-on's calls are counted. */
function counter(log: string[]) {
  return <T extends object>(type: string, methods: T): T => {
    const out: Record<string, AnyFn> = {};
    for (const [name, fn] of Object.entries(methods) as [string, AnyFn][]) {
      const label = `${type}.${name}`;
      out[name] = (...args: never[]) => {
        log.push(label);
        return fn(...args);
      };
    }
    return out as T;
  };
}

// ---------------------------------------------------------------------------------------------
// Cells and typed input

interface ListRule { values: string[]; showDropdown: boolean; allowInvalid: boolean }

/** A cell carrying more than a value. Plain values sit in the grid as themselves, so the large
 * sheets tests build (50,000 × 20) stay cheap to write and read. */
class RichCell {
  value: CellValue = '';
  formula: string | null = null;
  validation: ListRule | null = null;
  format: string | null = null;
}
type Slot = CellValue | RichCell | undefined;

const valueOf = (slot: Slot): CellValue => (slot === undefined ? '' : slot instanceof RichCell ? slot.value : slot);
const copyValue = (value: CellValue): CellValue => (value instanceof Date ? new Date(value.getTime()) : value);

const NUMBER = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;
const DATE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;

/** What Sheets stores for a string typed into a cell (setValues parses like typing). The formula text
 * is kept only so tests can see that one was written; its value is '#ERROR!'. */
function parseTyped(text: string, timeZone: string): { value: CellValue; formula: string | null } {
  if (text.startsWith("'")) return { value: text.slice(1), formula: null };
  if (text.startsWith('=')) return { value: '#ERROR!', formula: text };
  if (NUMBER.test(text)) return { value: Number(text.replace(/,/g, '')), formula: null };
  // '+81 3…', '-cmd', '@x' are taken as formulas too: the formula-injection case the add-on must escape.
  if (/^[+\-@]/.test(text)) return { value: '#ERROR!', formula: text };
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', formula: null };
  const date = DATE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[3]), Number(date[4])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) return { value: midnightIn(year, month, day, timeZone), formula: null };
  }
  return { value: text, formula: null };
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at the instant `utc` (ms). */
function zoneOffset(utc: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(utc))) part[p.type] = Number(p.value);
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wall - (utc - (((utc % 1000) + 1000) % 1000));
}

/** 00:00 of a calendar day in a time zone; the second pass settles days where the offset changes. */
function midnightIn(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  const first = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(first, timeZone));
}


// ---------------------------------------------------------------------------------------------
// Sheets: the grid and its structure

interface CfRule { text: string; background: string | null; fontColor: string | null; boxes: Box[] }

interface SheetState {
  id: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  /** grid[r - 1][c - 1]; rows and columns past an array's end are empty */
  grid: (Slot[] | undefined)[];
  merges: Box[];
  hiddenColumns: Set<number>;
  rules: CfRule[];
  /** the active range list while this sheet is active (set by the test view's select) */
  selection: Box[] | null;
  /** Embedded charts. Their ranges do not follow row or column inserts and deletes (Sheets' do). */
  charts: ChartState[];
  api?: Sheet;
}

interface ChartDraft {
  type: string | null;
  ranges: { sheet: SheetState; box: Box }[];
  options: Record<string, unknown>;
  position: FakeChart['position'];
  numHeaders: number | null;
}
interface ChartState extends ChartDraft {
  id: number;
}

/** The Charts.ChartType names the fake knows (the service's enum, as strings). */
const CHART_TYPES = ['AREA', 'BAR', 'COLUMN', 'COMBO', 'HISTOGRAM', 'LINE', 'PIE', 'SCATTER', 'TABLE'] as const;

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

/** 1-based column of the last non-empty cell in a row, 0 if none. */
function lastFilled(row: Slot[] | undefined): number {
  if (!row) return 0;
  for (let c = row.length - 1; c >= 0; c--) if (valueOf(row[c]) !== '') return c + 1;
  return 0;
}

function lastRowOf(sheet: SheetState): number {
  for (let r = sheet.grid.length - 1; r >= 0; r--) if (lastFilled(sheet.grid[r]) > 0) return r + 1;
  return 0;
}

function lastColumnOf(sheet: SheetState): number {
  let last = 0;
  for (const row of sheet.grid) last = Math.max(last, lastFilled(row));
  return last;
}

function dataBox(sheet: SheetState): Box {
  return { row: 1, column: 1, numRows: Math.max(1, lastRowOf(sheet)), numColumns: Math.max(1, lastColumnOf(sheet)) };
}

function checkBox(sheet: SheetState, box: Box): void {
  if (box.numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (box.numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (box.row < 1 || box.column < 1 || box.row + box.numRows - 1 > sheet.maxRows || box.column + box.numColumns - 1 > sheet.maxColumns) {
    throw new Error(OUTSIDE);
  }
}

function rowAt(sheet: SheetState, row: number): Slot[] {
  let cells = sheet.grid[row - 1];
  if (!cells) {
    cells = [];
    while (sheet.grid.length < row - 1) sheet.grid.push(undefined);
    sheet.grid[row - 1] = cells;
  }
  return cells;
}

/** The slot as a RichCell, converting a plain value in place. */
function richAt(sheet: SheetState, row: number, column: number): RichCell {
  const cells = rowAt(sheet, row);
  const slot = cells[column - 1];
  if (slot instanceof RichCell) return slot;
  const rich = new RichCell();
  rich.value = valueOf(slot);
  cells[column - 1] = rich;
  return rich;
}

function store(cells: Slot[], index: number, value: CellValue, formula: string | null): void {
  const slot = cells[index];
  if (slot instanceof RichCell) {
    slot.value = value;
    slot.formula = formula;
  } else if (formula !== null) {
    const rich = new RichCell();
    rich.value = value;
    rich.formula = formula;
    cells[index] = rich;
  } else {
    cells[index] = value;
  }
}

function readValues(sheet: SheetState, box: Box): CellValue[][] {
  const out: CellValue[][] = [];
  for (let i = 0; i < box.numRows; i++) {
    const cells = sheet.grid[box.row - 1 + i];
    const line: CellValue[] = [];
    for (let j = 0; j < box.numColumns; j++) line.push(cells ? copyValue(valueOf(cells[box.column - 1 + j])) : '');
    out.push(line);
  }
  // Only a merge's top-left cell shows a value.
  for (const m of sheet.merges) {
    for (let r = Math.max(m.row, box.row); r < Math.min(m.row + m.numRows, box.row + box.numRows); r++) {
      for (let c = Math.max(m.column, box.column); c < Math.min(m.column + m.numColumns, box.column + box.numColumns); c++) {
        if (r !== m.row || c !== m.column) out[r - box.row]![c - box.column] = '';
      }
    }
  }
  return out;
}

function writeValues(sheet: SheetState, box: Box, values: CellValue[][], timeZone: string): void {
  if (values.length !== box.numRows) {
    throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${box.numRows}.`);
  }
  for (const line of values) {
    if (line.length !== box.numColumns) {
      throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${box.numColumns}.`);
    }
  }
  checkBox(sheet, box); // the sheet may have shrunk since the Range was made
  values.forEach((line, i) => {
    const cells = rowAt(sheet, box.row + i);
    line.forEach((raw, j) => {
      const index = box.column - 1 + j;
      const slot = cells[index];
      let value: CellValue = raw ?? ''; // scripts may pass null/undefined for an empty cell
      let formula: string | null = null;
      // A cell formatted as plain text ('@') keeps what is written as it is, as in Sheets.
      if (typeof value === 'string' && !(slot instanceof RichCell && slot.format === '@')) ({ value, formula } = parseTyped(value, timeZone));
      store(cells, index, copyValue(value), formula);
    });
  });
}

function eachCell(sheet: SheetState, box: Box, visit: (cell: RichCell) => void): void {
  for (let r = box.row; r < box.row + box.numRows; r++) for (let c = box.column; c < box.column + box.numColumns; c++) visit(richAt(sheet, r, c));
}

/** Range.clearContent: values and formulas go; formats and validation stay. */
function clearValues(sheet: SheetState, box: Box): void {
  for (let r = box.row; r < box.row + box.numRows; r++) {
    const cells = sheet.grid[r - 1];
    if (!cells) continue;
    for (let c = box.column; c < box.column + box.numColumns && c <= cells.length; c++) {
      const slot = cells[c - 1];
      if (slot instanceof RichCell) {
        slot.value = '';
        slot.formula = null;
      } else {
        cells[c - 1] = undefined;
      }
    }
  }
}

/** A new row or column inherits the validation and number format of its neighbour, not its value. */
function inherit(slot: Slot): RichCell | undefined {
  if (!(slot instanceof RichCell) || (slot.validation === null && slot.format === null)) return undefined;
  const cell = new RichCell();
  cell.validation = slot.validation;
  cell.format = slot.format;
  return cell;
}

/** A span of lines [start, start + length) after n lines are inserted after line `after`.
 * `growAtEnd`: a span whose last line is `after` grows as well (conditional-format ranges). */
function spanAfterInsert(start: number, length: number, after: number, n: number, growAtEnd: boolean): [number, number] {
  const end = start + length - 1;
  if (start > after) return [start + n, length];
  if (after < end || (growAtEnd && after === end)) return [start, length + n];
  return [start, length];
}

/** A span after lines [pos, pos + n) are deleted; null when nothing of it is left. */
function spanAfterDelete(start: number, length: number, pos: number, n: number): [number, number] | null {
  const end = start + length - 1;
  const overlap = Math.max(0, Math.min(end, pos + n - 1) - Math.max(start, pos) + 1);
  if (overlap === length) return null;
  const newStart = start < pos ? start : start > pos + n - 1 ? start - n : pos;
  return [newStart, length - overlap];
}

type Axis = 'rows' | 'columns';
const axisKeys = (axis: Axis) => (axis === 'rows' ? (['row', 'numRows'] as const) : (['column', 'numColumns'] as const));

function shiftBoxesForInsert(sheet: SheetState, axis: Axis, after: number, n: number): void {
  const [at, size] = axisKeys(axis);
  for (const m of sheet.merges) [m[at], m[size]] = spanAfterInsert(m[at], m[size], after, n, false);
  for (const rule of sheet.rules) for (const b of rule.boxes) [b[at], b[size]] = spanAfterInsert(b[at], b[size], after, n, true);
}

function shiftBoxesForDelete(sheet: SheetState, axis: Axis, pos: number, n: number): void {
  const [at, size] = axisKeys(axis);
  const shrink = (boxes: Box[]) =>
    boxes.flatMap((b) => {
      const span = spanAfterDelete(b[at], b[size], pos, n);
      return span ? [{ ...b, [at]: span[0], [size]: span[1] }] : [];
    });
  sheet.merges = shrink(sheet.merges);
  sheet.rules = sheet.rules.map((rule) => ({ ...rule, boxes: shrink(rule.boxes) })).filter((rule) => rule.boxes.length > 0);
}

function insertRows(sheet: SheetState, after: number, n: number): void {
  if (n < 1) throw new Error('The number of rows to insert must be at least 1.');
  if (after < 1 || after > sheet.maxRows) throw new Error('Those rows are out of bounds.');
  const template = sheet.grid[after - 1];
  const fresh = Array.from({ length: n }, (): Slot[] | undefined => {
    const cells = template?.map(inherit);
    return cells?.some((c) => c !== undefined) ? cells : undefined;
  });
  if (sheet.grid.length > after || fresh.some((row) => row !== undefined)) {
    while (sheet.grid.length < after) sheet.grid.push(undefined);
    sheet.grid = sheet.grid.slice(0, after).concat(fresh, sheet.grid.slice(after));
  }
  sheet.maxRows += n;
  if (after < sheet.frozenRows) sheet.frozenRows += n;
  shiftBoxesForInsert(sheet, 'rows', after, n);
}

function insertColumns(sheet: SheetState, after: number, n: number): void {
  if (n < 1) throw new Error('The number of columns to insert must be at least 1.');
  if (after < 1 || after > sheet.maxColumns) throw new Error('Those columns are out of bounds.');
  for (const cells of sheet.grid) {
    if (!cells) continue;
    const template = inherit(cells[after - 1]);
    if (cells.length <= after && !template) continue; // nothing to the right to move
    while (cells.length < after) cells.push(undefined);
    cells.splice(after, 0, ...Array.from({ length: n }, () => (template ? inherit(template) : undefined)));
  }
  sheet.maxColumns += n;
  sheet.hiddenColumns = new Set([...sheet.hiddenColumns].map((c) => (c > after ? c + n : c)));
  shiftBoxesForInsert(sheet, 'columns', after, n);
}

function deleteRows(sheet: SheetState, pos: number, n: number): void {
  if (n < 1) throw new Error('The number of rows to delete must be at least 1.');
  if (pos < 1 || pos + n - 1 > sheet.maxRows) throw new Error('Those rows are out of bounds.');
  const frozenDeleted = Math.max(0, Math.min(sheet.frozenRows, pos + n - 1) - pos + 1);
  if (n - frozenDeleted >= sheet.maxRows - sheet.frozenRows) throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
  sheet.grid.splice(pos - 1, n);
  sheet.maxRows -= n;
  sheet.frozenRows -= frozenDeleted;
  shiftBoxesForDelete(sheet, 'rows', pos, n);
}

// ---------------------------------------------------------------------------------------------
// The fake services

export function createFakeAppsScript(options: FakeOptions = {}): FakeAppsScript {
  const calls = createCallLog();
  const counted = counter(calls.log as string[]);
  const timeZone = options.timeZone ?? 'Asia/Tokyo';
  let locale = options.locale ?? 'ja';
  let fetchHandler: FakeFetchHandler = options.fetch ?? ((request) => {
    throw new Error(`Address unavailable: ${request.url}`);
  });
  const identityToken = options.identityToken ?? (() => 'fake-id-token');

  const fetches: FakeFetchRequest[] = [];
  const toasts: FakeAppsScript['toasts'] = [];
  const menus: FakeAppsScript['menus'] = [];
  const sidebars: FakeAppsScript['sidebars'] = [];
  const triggers: FakeTrigger[] = [];
  const documentProperties = new Map<string, string>();
  const userProperties = new Map<string, string>();
  let lockHeldElsewhere = false;

  // Objects the add-on hands back to us (rules, ranges, HTML outputs, triggers) are looked up here,
  // never through their own methods, so handing them back logs no extra calls.
  const rangeBoxes = new WeakMap<Range, { sheet: SheetState; box: Box }>();
  const validations = new WeakMap<DataValidation, ListRule>();
  const formatRules = new WeakMap<ConditionalFormatRule, { sheet: SheetState | null; rule: CfRule }>();
  const htmlOutputs = new WeakMap<HtmlOutput, { file: string; title: string | null }>();
  const triggerIds = new WeakMap<Trigger, string>();
  /** A built chart: its draft, and the id of the chart it was modified from (null from newChart). */
  const builtCharts = new WeakMap<EmbeddedChart, { draft: ChartDraft; id: number | null }>();
  let chartSeq = 0;

  // --- the document ---
  // Distinct, large and not in sheet order, so code that confuses a sheet id with an index fails.
  let sheetSeq = 0;
  const newSheet = (name: string): SheetState => ({
    id: 1_000_000 + 7_919 * ++sheetSeq, name, maxRows: 1000, maxColumns: 26, frozenRows: 0, grid: [],
    merges: [], hiddenColumns: new Set(), rules: [], selection: null, charts: [],
  });
  const sheets = (options.sheets ?? ['シート1']).map(newSheet);
  if (sheets.length === 0) throw new Error('A spreadsheet has at least one sheet.');
  let active = sheets[0]!;
  // Sheet names are unique regardless of case in Sheets.
  const findSheet = (name: string) => sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;

  // --- Range, RangeList ---
  function rangeApi(sheet: SheetState, box: Box): Range {
    const range: Range = counted<Range>('Range', {
      getValues: () => readValues(sheet, box),
      setValues: (values: CellValue[][]) => {
        writeValues(sheet, box, values, timeZone);
        return range;
      },
      getRow: () => box.row,
      getColumn: () => box.column,
      getNumRows: () => box.numRows,
      getNumColumns: () => box.numColumns,
      setDataValidation: (rule: DataValidation | null) => {
        const listRule = rule === null ? null : validations.get(rule);
        if (listRule === undefined) throw new Error('setDataValidation: not a rule built by this fake');
        checkBox(sheet, box);
        eachCell(sheet, box, (cell) => (cell.validation = listRule));
        return range;
      },
      setNumberFormat: (format: string) => {
        checkBox(sheet, box);
        eachCell(sheet, box, (cell) => (cell.format = format));
        return range;
      },
      clearContent: () => {
        checkBox(sheet, box);
        clearValues(sheet, box);
        return range;
      },
    });
    rangeBoxes.set(range, { sheet, box: { ...box } });
    return range;
  }

  const rangeListApi = (sheet: SheetState, boxes: Box[]): RangeList =>
    counted<RangeList>('RangeList', { getRanges: () => boxes.map((b) => rangeApi(sheet, { ...b })) });

  // --- conditional formats and validation ---
  function formatRuleApi(sheet: SheetState | null, rule: CfRule): ConditionalFormatRule {
    const api = counted<ConditionalFormatRule>('ConditionalFormatRule', {
      getRanges: () => (sheet ? rule.boxes.map((b) => rangeApi(sheet, { ...b })) : []),
    });
    formatRules.set(api, { sheet, rule });
    return api;
  }

  function formatRuleBuilder(): ConditionalFormatRuleBuilder {
    let text: string | null = null;
    let background: string | null = null;
    let fontColor: string | null = null;
    let ranges: { sheet: SheetState; box: Box }[] = [];
    const builder: ConditionalFormatRuleBuilder = counted<ConditionalFormatRuleBuilder>('ConditionalFormatRuleBuilder', {
      whenTextEqualTo: (t: string) => ((text = t), builder),
      setBackground: (color: string) => ((background = color), builder),
      setFontColor: (color: string) => ((fontColor = color), builder),
      setRanges: (list: Range[]) => {
        ranges = list.map((r) => {
          const known = rangeBoxes.get(r);
          if (!known) throw new Error('setRanges: not a Range from this fake');
          return known;
        });
        return builder;
      },
      build: () => {
        if (text === null) throw new Error('The conditional format rule needs a condition.');
        const sheet = ranges[0]?.sheet ?? null;
        if (ranges.some((r) => r.sheet !== sheet)) throw new Error('The ranges of a conditional format rule must be on one sheet.');
        return formatRuleApi(sheet, { text, background, fontColor, boxes: ranges.map((r) => ({ ...r.box })) });
      },
    });
    return builder;
  }

  function validationBuilder(): DataValidationBuilder {
    let rule: ListRule | null = null;
    let allowInvalid = true; // Sheets' default: show a warning, keep the value
    const builder: DataValidationBuilder = counted<DataValidationBuilder>('DataValidationBuilder', {
      requireValueInList: (values: string[], showDropdown: boolean) => {
        rule = { values: [...values], showDropdown: showDropdown ?? true, allowInvalid };
        return builder;
      },
      setAllowInvalid: (allow: boolean) => {
        allowInvalid = allow;
        return builder;
      },
      build: () => {
        if (!rule) throw new Error('The data validation rule needs criteria.');
        const built: ListRule = { ...rule, values: [...rule.values], allowInvalid };
        const api = counted<DataValidation>('DataValidation', { getCriteriaValues: () => [[...built.values], built.showDropdown] });
        validations.set(api, built);
        return api;
      },
    });
    return builder;
  }

  // --- charts ---
  const copyDraft = (draft: ChartDraft): ChartDraft => ({
    type: draft.type,
    ranges: draft.ranges.map((r) => ({ sheet: r.sheet, box: { ...r.box } })),
    options: { ...draft.options },
    position: draft.position ? { ...draft.position } : null,
    numHeaders: draft.numHeaders,
  });

  function chartBuilder(start: ChartDraft, id: number | null): EmbeddedChartBuilder {
    const draft = copyDraft(start);
    const whole = (name: string, value: number) => {
      if (!Number.isInteger(value)) throw new Error(`Invalid argument: ${name} (${value})`);
    };
    const builder: EmbeddedChartBuilder = counted<EmbeddedChartBuilder>('EmbeddedChartBuilder', {
      addRange: (range: Range) => {
        const known = rangeBoxes.get(range);
        if (!known) throw new Error('addRange: not a Range from this fake');
        draft.ranges.push({ sheet: known.sheet, box: { ...known.box } });
        return builder;
      },
      clearRanges: () => ((draft.ranges = []), builder),
      setChartType: (type: ChartType) => {
        if (!CHART_TYPES.includes(type as (typeof CHART_TYPES)[number])) throw new Error(`Invalid argument: type (${String(type)})`);
        draft.type = type as string;
        return builder;
      },
      setNumHeaders: (headers: number) => {
        whole('headers', headers);
        draft.numHeaders = headers;
        return builder;
      },
      setOption: (option: string, value: unknown) => {
        draft.options[option] = structuredClone(value);
        return builder;
      },
      setPosition: (row: number, column: number, offsetX: number, offsetY: number) => {
        [['anchorRowPos', row], ['anchorColPos', column], ['offsetX', offsetX], ['offsetY', offsetY]].forEach(([name, value]) => whole(name as string, value as number));
        if (row < 1 || column < 1) throw new Error('The anchor of a chart must be a cell of the sheet.');
        draft.position = { row, column, offsetX, offsetY };
        return builder;
      },
      build: () => {
        if (draft.type === null) throw new Error('The chart type must be set before the chart is built.');
        return chartApi(copyDraft(draft), id);
      },
    });
    return builder;
  }

  function chartApi(draft: ChartDraft, id: number | null): EmbeddedChart {
    const api = counted<EmbeddedChart>('EmbeddedChart', { modify: () => chartBuilder(draft, id) });
    builtCharts.set(api, { draft, id });
    return api;
  }

  const emptyDraft = (): ChartDraft => ({ type: null, ranges: [], options: {}, position: null, numHeaders: null });

  // --- Sheet ---
  function sheetApi(sheet: SheetState): Sheet {
    if (sheet.api) return sheet.api;
    const api: Sheet = counted<Sheet>('Sheet', {
      getName: () => sheet.name,
      getSheetId: () => sheet.id,
      getDataRange: () => rangeApi(sheet, dataBox(sheet)),
      getRange: (row: number, column: number, numRows = 1, numColumns = 1) => {
        const box = { row, column, numRows, numColumns };
        checkBox(sheet, box);
        return rangeApi(sheet, box);
      },
      getLastRow: () => lastRowOf(sheet),
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      insertRowsAfter: (after: number, n: number) => (insertRows(sheet, after, n), api),
      insertColumnsAfter: (after: number, n: number) => (insertColumns(sheet, after, n), api),
      deleteRows: (pos: number, n: number) => deleteRows(sheet, pos, n),
      setFrozenRows: (rows: number) => {
        if (!Number.isInteger(rows) || rows < 0 || rows > sheet.maxRows) throw new Error(`Invalid argument: rows (${rows})`);
        sheet.frozenRows = rows;
      },
      hideColumns: (column: number) => {
        if (column < 1 || column > sheet.maxColumns) throw new Error(OUTSIDE);
        sheet.hiddenColumns.add(column);
      },
      getConditionalFormatRules: () => sheet.rules.map((rule) => formatRuleApi(sheet, { ...rule, boxes: rule.boxes.map((b) => ({ ...b })) })),
      setConditionalFormatRules: (rules: ConditionalFormatRule[]) => {
        sheet.rules = rules.map((api) => {
          const known = formatRules.get(api);
          if (!known) throw new Error('setConditionalFormatRules: not a rule built by this fake');
          if (known.sheet !== null && known.sheet !== sheet) throw new Error('A conditional format rule cannot reference a different sheet.');
          return { ...known.rule, boxes: known.rule.boxes.map((b) => ({ ...b })) };
        });
      },
      activate: () => ((active = sheet), api),
      newChart: () => chartBuilder(emptyDraft(), null),
      insertChart: (chart: EmbeddedChart) => {
        const built = builtCharts.get(chart);
        if (!built) throw new Error('insertChart: not a chart built by this fake');
        sheet.charts.push({ ...copyDraft(built.draft), id: 9_000_000 + ++chartSeq });
      },
      getCharts: () => sheet.charts.map((chart) => chartApi(copyDraft(chart), chart.id)),
      updateChart: (chart: EmbeddedChart) => {
        const built = builtCharts.get(chart);
        if (!built) throw new Error('updateChart: not a chart built by this fake');
        const index = sheet.charts.findIndex((c) => c.id === built.id);
        if (built.id === null || index < 0) throw new Error('The chart to update does not exist on this sheet.');
        sheet.charts[index] = { ...copyDraft(built.draft), id: built.id };
      },
    });
    sheet.api = api;
    return api;
  }

  // --- Spreadsheet, Ui, SpreadsheetApp ---
  const spreadsheetApi: Spreadsheet = counted<Spreadsheet>('Spreadsheet', {
    getSheetByName: (name: string) => {
      const sheet = findSheet(name);
      return sheet ? sheetApi(sheet) : null;
    },
    getSheetById: (id: number) => {
      const sheet = sheets.find((s) => s.id === id);
      return sheet ? sheetApi(sheet) : null;
    },
    getSheets: () => sheets.map(sheetApi),
    insertSheet: (name: string) => {
      if (findSheet(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
      const sheet = newSheet(name);
      sheets.push(sheet);
      active = sheet; // the new sheet becomes the active sheet, as in Apps Script
      return sheetApi(sheet);
    },
    getActiveSheet: () => sheetApi(active),
    getActiveRangeList: () => (active.selection ? rangeListApi(active, active.selection) : null),
    getSpreadsheetTimeZone: () => timeZone,
    toast: (message: string, title?: string) => {
      toasts.push({ message: String(message), title });
    },
  });

  function menuApi(): Menu {
    const items: { caption: string; functionName: string }[] = [];
    const menu: Menu = counted<Menu>('Menu', {
      addItem: (caption: string, functionName: string) => (items.push({ caption, functionName }), menu),
      addSeparator: () => menu, // separators are not recorded: `menus` lists the callable items
      addToUi: () => {
        menus.push({ items: items.map((i) => ({ ...i })) });
      },
    });
    return menu;
  }

  const ui = counted('Ui', {
    createAddonMenu: () => menuApi(),
    showSidebar: (output: HtmlOutput) => {
      const known = htmlOutputs.get(output);
      if (!known) throw new Error('showSidebar: not an HtmlOutput from this fake');
      sidebars.push({ ...known });
    },
  });

  // --- properties ---
  const PROPERTY_VALUE_LIMIT = 9 * 1024;
  const PROPERTY_STORE_LIMIT = 500 * 1024;
  function propertiesApi(store: Map<string, string>): Properties {
    const api: Properties = counted<Properties>('Properties', {
      getProperty: (key: string) => store.get(key) ?? null,
      setProperty: (key: string, value: string) => {
        const text = String(value);
        if (utf8Length(text) > PROPERTY_VALUE_LIMIT) throw new Error('Argument too large: value');
        let total = utf8Length(key) + utf8Length(text);
        for (const [k, v] of store) if (k !== key) total += utf8Length(k) + utf8Length(v);
        if (total > PROPERTY_STORE_LIMIT) throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
        store.set(key, text);
        return api;
      },
      deleteProperty: (key: string) => (store.delete(key), api),
    });
    return api;
  }

  // --- triggers ---
  function triggerApi(trigger: FakeTrigger): Trigger {
    const api = counted<Trigger>('Trigger', { getHandlerFunction: () => trigger.handler, getUniqueId: () => trigger.id });
    triggerIds.set(api, trigger.id);
    return api;
  }

  let triggerSeq = 0;
  function clockBuilder(handler: string) {
    const draft: Omit<FakeTrigger, 'id'> = { handler, hour: null, everyDays: null, timeZone: null };
    const builder = counted('ClockTriggerBuilder', {
      atHour: (hour: number) => {
        if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`Invalid argument: hour (${hour}). The hour must be from 0 to 23.`);
        draft.hour = hour;
        return builder;
      },
      everyDays: (n: number) => {
        if (!Number.isInteger(n) || n < 1) throw new Error(`Invalid argument: everyDays (${n})`);
        draft.everyDays = n;
        return builder;
      },
      inTimezone: (tz: string) => ((draft.timeZone = tz), builder),
      create: () => {
        // Add-ons may keep one time-based trigger per user per document (all triggers here are time-based).
        if (triggers.length > 0) throw new Error('This add-on has created too many time-based triggers in this document for this Google user account.');
        const trigger = { id: String(4_000_000_000 + ++triggerSeq), ...draft };
        triggers.push(trigger);
        return triggerApi(trigger);
      },
    });
    return builder;
  }

  // --- the services ---
  const charts: ChartsApi = { ChartType: Object.fromEntries(CHART_TYPES.map((type) => [type, type])) as unknown as ChartsApi['ChartType'] };
  const services: AppsScript = {
    Charts: charts,
    SpreadsheetApp: counted('SpreadsheetApp', {
      getActive: () => spreadsheetApi,
      getUi: () => ui,
      newDataValidation: () => validationBuilder(),
      newConditionalFormatRule: () => formatRuleBuilder(),
      flush: () => {},
    }),
    PropertiesService: counted('PropertiesService', {
      getDocumentProperties: () => propertiesApi(documentProperties),
      getUserProperties: () => propertiesApi(userProperties),
    }),
    LockService: counted('LockService', {
      getDocumentLock: (): Lock =>
        counted<Lock>('Lock', {
          // Another execution's lock makes tryLock give up at once (no sleeping); this execution's
          // own lock is re-entrant, so there is no state of ours to track.
          tryLock: () => !lockHeldElsewhere,
          releaseLock: () => {},
        }),
    }),
    UrlFetchApp: counted('UrlFetchApp', {
      fetch: (url: string, params: UrlFetchParams = {}): HttpResponse => {
        const headers: Record<string, string> = { ...params.headers };
        if (params.contentType !== undefined) headers['Content-Type'] = params.contentType;
        const request: FakeFetchRequest = { url, method: params.method ?? 'get', headers, payload: params.payload };
        fetches.push(request);
        const { status, body } = fetchHandler({ ...request, headers: { ...headers } }); // a throw is a network failure
        if (status >= 400 && params.muteHttpExceptions !== true) {
          throw new Error(`Request failed for ${url} returned code ${status}. Truncated server response: ${body.slice(0, 100)}`);
        }
        return counted<HttpResponse>('HttpResponse', { getResponseCode: () => status, getContentText: () => body });
      },
    }),
    ScriptApp: counted('ScriptApp', {
      getIdentityToken: () => identityToken(),
      newTrigger: (functionName: string) => counted('TriggerBuilder', { timeBased: () => clockBuilder(functionName) }),
      getUserTriggers: () => triggers.map(triggerApi),
      deleteTrigger: (trigger: Trigger) => {
        const id = triggerIds.get(trigger);
        if (id === undefined) throw new Error('deleteTrigger: not a Trigger from this fake');
        const index = triggers.findIndex((t) => t.id === id);
        if (index >= 0) triggers.splice(index, 1);
      },
    }),
    Session: counted('Session', { getActiveUserLocale: () => locale }),
    HtmlService: counted('HtmlService', {
      createHtmlOutputFromFile: (file: string): HtmlOutput => {
        if (options.htmlFiles && !options.htmlFiles.includes(file)) throw new Error(`No HTML file named ${file} was found.`);
        const state = { file, title: null as string | null };
        const output: HtmlOutput = counted<HtmlOutput>('HtmlOutput', { setTitle: (title: string) => ((state.title = title), output) });
        htmlOutputs.set(output, state);
        return output;
      },
    }),
  };

  // --- the test view (never counted) ---
  function sheetView(sheet: SheetState): FakeSheetView {
    return {
      id: sheet.id,
      get name() {
        return sheet.name;
      },
      rows: () => readValues(sheet, dataBox(sheet)),
      put: (row, col, values) => {
        const width = values.reduce((most, line) => Math.max(most, line.length), 0);
        sheet.maxRows = Math.max(sheet.maxRows, row + values.length - 1);
        sheet.maxColumns = Math.max(sheet.maxColumns, col + width - 1);
        values.forEach((line, i) => {
          const cells = rowAt(sheet, row + i);
          for (let j = 0; j < line.length; j++) store(cells, col - 1 + j, copyValue(line[j]!), null);
        });
      },
      cell: (row, col) => {
        const slot = sheet.grid[row - 1]?.[col - 1];
        const rich = slot instanceof RichCell ? slot : null;
        return {
          value: readValues(sheet, { row, column: col, numRows: 1, numColumns: 1 })[0]![0]!,
          formula: rich?.formula ?? null,
          validation: rich?.validation ? [...rich.validation.values] : null,
          numberFormat: rich?.format ?? null,
        };
      },
      merge: (row, col, numRows, numCols) => {
        const box = { row, column: col, numRows, numColumns: numCols };
        checkBox(sheet, box);
        const overlaps = (m: Box) => m.row < row + numRows && row < m.row + m.numRows && m.column < col + numCols && col < m.column + m.numColumns;
        if (sheet.merges.some(overlaps)) throw new Error('You must select all cells in a merged range to merge or unmerge them.');
        // Merging keeps only the top-left value, as Sheets does.
        for (let r = row; r < row + numRows; r++) {
          const cells = sheet.grid[r - 1];
          for (let c = col; c < col + numCols; c++) if (cells && (r !== row || c !== col)) store(cells, c - 1, '', null);
        }
        sheet.merges.push(box);
      },
      maxRows: () => sheet.maxRows,
      maxColumns: () => sheet.maxColumns,
      frozenRows: () => sheet.frozenRows,
      hiddenColumns: () => [...sheet.hiddenColumns].sort((a, b) => a - b),
      conditionalRules: () =>
        sheet.rules.map((r) => ({ text: r.text, background: r.background, fontColor: r.fontColor, ranges: r.boxes.map((b) => ({ ...b })) })),
      charts: () =>
        sheet.charts.map((chart) => ({
          id: chart.id,
          type: chart.type,
          ranges: chart.ranges.map((r) => ({ sheet: r.sheet.name, ...r.box })),
          options: structuredClone(chart.options),
          position: chart.position ? { ...chart.position } : null,
          numHeaders: chart.numHeaders,
        })),
    };
  }

  const requireSheet = (name: string) => {
    const sheet = findSheet(name);
    if (!sheet) throw new Error(`No sheet named "${name}"`);
    return sheet;
  };

  const spreadsheet: FakeSpreadsheet = {
    sheetNames: () => sheets.map((s) => s.name),
    sheet: (name) => sheetView(requireSheet(name)),
    select: (sheetName, rows) => {
      const sheet = requireSheet(sheetName);
      const width = Math.max(1, lastColumnOf(sheet));
      const boxes = rows.map(({ row, numRows }) => ({ row, column: 1, numRows, numColumns: width }));
      boxes.forEach((box) => checkBox(sheet, box));
      sheet.selection = boxes;
      active = sheet;
    },
    deleteSheet: (name) => {
      const sheet = requireSheet(name);
      if (sheets.length === 1) throw new Error('You can\'t remove all the sheets in a document.');
      sheets.splice(sheets.indexOf(sheet), 1);
      if (active === sheet) active = sheets[0]!;
    },
    renameSheet: (from, to) => {
      const sheet = requireSheet(from);
      const clash = findSheet(to);
      if (clash && clash !== sheet) throw new Error(`A sheet with the name "${to}" already exists. Please enter another name.`);
      sheet.name = to;
    },
  };

  return {
    services,
    spreadsheet,
    calls,
    setFetch: (handler) => {
      fetchHandler = handler;
    },
    fetches,
    toasts,
    menus,
    sidebars,
    triggers,
    documentProperties,
    userProperties,
    holdLockElsewhere: (held) => {
      lockHeldElsewhere = held;
    },
    setLocale: (next) => {
      locale = next;
    },
  };
}
