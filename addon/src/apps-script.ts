// The slice of the Apps Script services the add-on uses, as narrow structural interfaces. The real
// globals satisfy them (index.ts passes them in and the type checker proves it against
// @types/google-apps-script); the fakes in test/apps-script implement them for Node and the preview.
// Method names and semantics are Apps Script's own; nothing here is Tsugi-specific.

export type CellValue = string | number | boolean | Date;

export interface Range {
  getValues(): CellValue[][];
  setValues(values: CellValue[][]): Range;
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  setDataValidation(rule: DataValidation | null): Range;
  setNumberFormat(format: string): Range;
  clearContent(): Range;
}

export interface RangeList {
  getRanges(): Range[];
}

export interface Sheet {
  getName(): string;
  getSheetId(): number;
  getDataRange(): Range;
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  getLastRow(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): Sheet;
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet;
  deleteRows(rowPosition: number, howMany: number): void;
  setFrozenRows(rows: number): void;
  hideColumns(columnIndex: number): void;
  getConditionalFormatRules(): ConditionalFormatRule[];
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void;
  activate(): Sheet;
  newChart(): EmbeddedChartBuilder;
  insertChart(chart: EmbeddedChart): void;
  getCharts(): EmbeddedChart[];
  updateChart(chart: EmbeddedChart): void;
}

/** A chart on a sheet; `modify()` gives a builder whose result goes back through Sheet.updateChart. */
export interface EmbeddedChart {
  modify(): EmbeddedChartBuilder;
}
export interface EmbeddedChartBuilder {
  addRange(range: Range): EmbeddedChartBuilder;
  clearRanges(): EmbeddedChartBuilder;
  setChartType(type: ChartType): EmbeddedChartBuilder;
  setNumHeaders(headers: number): EmbeddedChartBuilder;
  setOption(option: string, value: unknown): EmbeddedChartBuilder;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilder;
  build(): EmbeddedChart;
}

/** A value of the Charts.ChartType enum (opaque: only passed back to setChartType). */
export type ChartType = unknown;
export interface ChartsApi {
  ChartType: { BAR: ChartType; COLUMN: ChartType };
}

export interface Spreadsheet {
  getSheetByName(name: string): Sheet | null;
  getSheetById(id: number): Sheet | null;
  getSheets(): Sheet[];
  insertSheet(sheetName: string): Sheet;
  getActiveSheet(): Sheet;
  getActiveRangeList(): RangeList | null;
  getSpreadsheetTimeZone(): string;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
}

export interface DataValidation {
  getCriteriaValues(): unknown[];
}
export interface DataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder;
  build(): DataValidation;
}

export interface ConditionalFormatRule {
  getRanges(): Range[];
}
export interface ConditionalFormatRuleBuilder {
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder;
  setBackground(color: string): ConditionalFormatRuleBuilder;
  setFontColor(color: string): ConditionalFormatRuleBuilder;
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder;
  build(): ConditionalFormatRule;
}

export interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addSeparator(): Menu;
  addToUi(): void;
}

export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
}

export interface Ui {
  createAddonMenu(): Menu;
  showSidebar(userInterface: HtmlOutput): void;
}

export interface SpreadsheetAppService {
  getActive(): Spreadsheet;
  getUi(): Ui;
  newDataValidation(): DataValidationBuilder;
  newConditionalFormatRule(): ConditionalFormatRuleBuilder;
  flush(): void;
}

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): Properties;
  deleteProperty(key: string): Properties;
}
export interface PropertiesServiceApi {
  getDocumentProperties(): Properties;
  getUserProperties(): Properties;
}

export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}
export interface LockServiceApi {
  getDocumentLock(): Lock;
}

export interface HttpResponse {
  getResponseCode(): number;
  getContentText(): string;
}
export interface UrlFetchParams {
  method?: 'get' | 'post' | 'put' | 'delete';
  contentType?: string;
  headers?: Record<string, string>;
  payload?: string;
  muteHttpExceptions?: boolean;
}
export interface UrlFetchAppApi {
  fetch(url: string, params: UrlFetchParams): HttpResponse;
}

export interface Trigger {
  getHandlerFunction(): string;
  getUniqueId(): string;
}
export interface ClockTriggerBuilder {
  atHour(hour: number): ClockTriggerBuilder;
  everyDays(n: number): ClockTriggerBuilder;
  inTimezone(timezone: string): ClockTriggerBuilder;
  create(): Trigger;
}
export interface TriggerBuilder {
  timeBased(): ClockTriggerBuilder;
}
export interface ScriptAppApi {
  getIdentityToken(): string;
  newTrigger(functionName: string): TriggerBuilder;
  /** The current user's triggers in this document (an add-on sees only its own). */
  getUserTriggers(spreadsheet: Spreadsheet): Trigger[];
  deleteTrigger(trigger: Trigger): void;
}

export interface SessionApi {
  getActiveUserLocale(): string;
}

export interface HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): HtmlOutput;
}

/** Everything the add-on's logic needs, handed in by index.ts (real) or by tests (fakes). */
export interface AppsScript {
  SpreadsheetApp: SpreadsheetAppService;
  PropertiesService: PropertiesServiceApi;
  LockService: LockServiceApi;
  UrlFetchApp: UrlFetchAppApi;
  ScriptApp: ScriptAppApi;
  Session: SessionApi;
  HtmlService: HtmlServiceApi;
  Charts: ChartsApi;
}
