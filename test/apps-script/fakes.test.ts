// The Apps Script fakes (fakes.ts) against the Apps Script behaviours the add-on depends on: the data
// range, bounds errors, typed-input parsing in setValues, row insertion inheriting validation, merges,
// quotas and limits, the lock, HTTP errors, and call counting.
import { describe, expect, it } from 'vitest';
import type { AppsScript } from '../../addon/src/apps-script.ts';
import { createFakeAppsScript } from './fakes.ts';

const setup = (options?: Parameters<typeof createFakeAppsScript>[0]) => {
  const fake = createFakeAppsScript(options);
  const services: AppsScript = fake.services; // the fakes satisfy the add-on's interface
  const ss = services.SpreadsheetApp.getActive();
  return { fake, services, ss, sheet: ss.getActiveSheet() };
};

describe('spreadsheet and sheets', () => {
  it('starts with one 1000 × 26 sheet, active, with a positive id', () => {
    const { fake, ss, sheet } = setup();
    expect(fake.spreadsheet.sheetNames()).toEqual(['シート1']);
    expect(sheet.getName()).toBe('シート1');
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(sheet.getSheetId()).toBeGreaterThan(0);
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(ss.getActiveRangeList()).toBeNull();
  });

  it('inserts sheets with distinct ids, refuses a taken name, finds by name and id', () => {
    const { ss } = setup({ sheets: ['A'] });
    const b = ss.insertSheet('B');
    expect(ss.getActiveSheet().getName()).toBe('B');
    expect(() => ss.insertSheet('B')).toThrow('A sheet with the name "B" already exists. Please enter another name.');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['A', 'B']);
    expect(b.getSheetId()).not.toBe(ss.getSheetByName('A')!.getSheetId());
    expect(ss.getSheetById(b.getSheetId())!.getName()).toBe('B');
    expect(ss.getSheetById(12345)).toBeNull();
    expect(ss.getSheetByName('C')).toBeNull();
  });

  it('follows renames and deletions made in the test view', () => {
    const { fake, ss } = setup({ sheets: ['A', 'B'] });
    const id = ss.getSheetByName('B')!.getSheetId();
    fake.spreadsheet.renameSheet('B', 'Leads');
    expect(ss.getSheetById(id)!.getName()).toBe('Leads');
    fake.spreadsheet.deleteSheet('Leads');
    expect(ss.getSheetById(id)).toBeNull();
    expect(() => fake.spreadsheet.deleteSheet('A')).toThrow();
  });

  it('select sets the active sheet and whole-row ranges across the data columns', () => {
    const { fake, ss } = setup({ sheets: ['A', 'B'] });
    fake.spreadsheet.sheet('B').put(1, 1, [['h1', 'h2', 'h3']]);
    fake.spreadsheet.select('B', [{ row: 2, numRows: 3 }, { row: 7, numRows: 1 }]);
    expect(ss.getActiveSheet().getName()).toBe('B');
    const ranges = ss.getActiveRangeList()!.getRanges();
    expect(ranges.map((r) => [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()])).toEqual([[2, 1, 3, 3], [7, 1, 1, 3]]);
  });
});

describe('data range and bounds', () => {
  it('spans to the last non-empty row and column, blank rows included', () => {
    const { fake, sheet } = setup();
    const view = fake.spreadsheet.sheet('シート1');
    expect(sheet.getLastRow()).toBe(0);
    const empty = sheet.getDataRange();
    expect([empty.getNumRows(), empty.getNumColumns(), empty.getValues()]).toEqual([1, 1, [['']]]);

    view.put(1, 1, [['name', 'phone']]);
    view.put(5, 1, [['x', '', '']]); // empty strings are empty
    view.put(3, 4, [['far']]);
    const range = sheet.getDataRange();
    expect([range.getNumRows(), range.getNumColumns()]).toEqual([5, 4]);
    expect(sheet.getLastRow()).toBe(5);
    expect(range.getValues()[1]).toEqual(['', '', '', '']);
    expect(view.rows()).toEqual(range.getValues());
  });

  it('getRange throws outside the sheet and for empty sizes', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 26, 1, 2)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(0, 1, 1, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow('The number of columns in the range must be at least 1.');
    expect(sheet.getRange(1000, 26, 1, 1).getValues()).toEqual([['']]);
  });

  it('getValues returns a fresh copy, Dates included', () => {
    const { fake, sheet } = setup();
    const when = new Date('2024-01-02T00:00:00Z');
    fake.spreadsheet.sheet('シート1').put(1, 1, [['a', when]]);
    const values = sheet.getRange(1, 1, 1, 2).getValues();
    values[0]![0] = 'changed';
    (values[0]![1] as Date).setTime(0);
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['a', when]]);
  });

  it('holds and reads back a 50,000 × 20 sheet', () => {
    const { fake, sheet } = setup();
    const rows = Array.from({ length: 50_000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `r${r}c${c}`));
    fake.spreadsheet.sheet('シート1').put(1, 1, rows);
    const values = sheet.getDataRange().getValues();
    expect(values.length).toBe(50_000);
    expect(values[49_999]![19]).toBe('r49999c19');
    expect(sheet.getMaxRows()).toBe(50_000);
  });
});

describe('setValues parses strings as typed input', () => {
  const write = (value: string, setupOptions?: Parameters<typeof createFakeAppsScript>[0]) => {
    const { fake, sheet } = setup(setupOptions);
    sheet.getRange(1, 1, 1, 1).setValues([[value]]);
    return { read: sheet.getRange(1, 1, 1, 1).getValues()[0]![0], cell: fake.spreadsheet.sheet(fake.spreadsheet.sheetNames()[0]!).cell(1, 1) };
  };

  it('numbers lose leading zeros and thousands commas; an apostrophe keeps text', () => {
    expect(write('0312345678').read).toBe(312345678);
    expect(write('1,234.5').read).toBe(1234.5);
    expect(write('-42').read).toBe(-42);
    expect(write("'0312345678").read).toBe('0312345678');
    expect(write("'=SUM(A1)").cell).toMatchObject({ value: '=SUM(A1)', formula: null });
    expect(write('03-1234-5678').read).toBe('03-1234-5678');
  });

  it('formulas, including +, - and @ prefixes, are recorded and read as #ERROR!', () => {
    expect(write('=HYPERLINK("x")').cell).toEqual({ value: '#ERROR!', formula: '=HYPERLINK("x")', validation: null, numberFormat: null });
    expect(write('+81 3-1234-5678').cell).toMatchObject({ value: '#ERROR!', formula: '+81 3-1234-5678' });
    expect(write('-cmd').cell.formula).toBe('-cmd');
    expect(write('@user').cell.formula).toBe('@user');
  });

  it('booleans and dates (midnight in the spreadsheet time zone)', () => {
    expect(write('TRUE').read).toBe(true);
    expect(write('false').read).toBe(false);
    expect(write('2024-03-05').read).toEqual(new Date('2024-03-04T15:00:00Z'));
    expect(write('2024/03/05').read).toEqual(new Date('2024-03-04T15:00:00Z'));
    expect(write('2024-03-05', { timeZone: 'America/New_York' }).read).toEqual(new Date('2024-03-05T05:00:00Z'));
    expect(write('2024-07-05', { timeZone: 'America/New_York' }).read).toEqual(new Date('2024-07-05T04:00:00Z'));
    expect(write('2024-02-30').read).toBe('2024-02-30');
    expect(write('plain text').read).toBe('plain text');
  });

  it('stores non-strings as given, and plain-text cells (@) keep strings as written', () => {
    const { fake, sheet } = setup();
    const when = new Date('2024-01-01T00:00:00Z');
    sheet.getRange(1, 1, 1, 3).setValues([[7, false, when]]);
    expect(sheet.getRange(1, 1, 1, 3).getValues()).toEqual([[7, false, when]]);
    sheet.getRange(2, 1, 1, 1).setNumberFormat('@').setValues([['0312345678']]);
    expect(fake.spreadsheet.sheet('シート1').cell(2, 1)).toMatchObject({ value: '0312345678', numberFormat: '@' });
  });

  it('throws when the data does not match the range', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['a']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  it('put stores raw values without parsing', () => {
    const { fake } = setup();
    const view = fake.spreadsheet.sheet('シート1');
    view.put(1, 1, [['0312', '=X', 'TRUE']]);
    expect(view.rows()).toEqual([['0312', '=X', 'TRUE']]);
    view.put(1200, 30, [['far']]);
    expect([view.maxRows(), view.maxColumns()]).toEqual([1200, 30]);
  });
});

describe('validation, formats and structure', () => {
  const listRule = (services: AppsScript, values = ['new', 'called']) =>
    services.SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false).build();

  it('a list rule reports its criteria and is not enforced on setValues', () => {
    const { fake, services, sheet } = setup();
    const rule = listRule(services);
    expect(rule.getCriteriaValues()).toEqual([['new', 'called'], true]);
    sheet.getRange(2, 3, 2, 1).setDataValidation(rule).setValues([['anything'], ['new']]);
    const view = fake.spreadsheet.sheet('シート1');
    expect(view.cell(2, 3)).toMatchObject({ value: 'anything', validation: ['new', 'called'] });
    sheet.getRange(2, 3, 1, 1).setDataValidation(null);
    expect(view.cell(2, 3).validation).toBeNull();
    expect(view.cell(3, 3).validation).toEqual(['new', 'called']);
  });

  it('insertRowsAfter shifts rows down and the new rows inherit validation and format, not values', () => {
    const { fake, services, sheet } = setup();
    const view = fake.spreadsheet.sheet('シート1');
    view.put(1, 1, [['h', 'status'], ['a', 'new'], ['b', 'called']]);
    sheet.getRange(2, 2, 2, 1).setDataValidation(listRule(services));
    sheet.getRange(2, 1, 2, 1).setNumberFormat('@');
    sheet.insertRowsAfter(3, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(view.cell(4, 2)).toEqual({ value: '', formula: null, validation: ['new', 'called'], numberFormat: null });
    expect(view.cell(5, 1).numberFormat).toBe('@');

    sheet.insertRowsAfter(1, 1); // in the middle: rows below move down
    expect(view.rows()).toEqual([['h', 'status'], ['', ''], ['a', 'new'], ['b', 'called']]);
    expect(view.cell(2, 2).validation).toBeNull(); // inherited from the header row
    expect(view.cell(3, 2).validation).toEqual(['new', 'called']);
    expect(view.cell(6, 2).validation).toEqual(['new', 'called']);
    expect(view.cell(7, 2).validation).toBeNull();
  });

  it('conditional-format ranges grow with rows inserted inside or right below them', () => {
    const { fake, services, sheet } = setup();
    const rule = services.SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo('called')
      .setBackground('#eeeeee')
      .setFontColor('#999999')
      .setRanges([sheet.getRange(2, 2, 3, 1), sheet.getRange(10, 1, 1, 3)])
      .build();
    sheet.setConditionalFormatRules([rule]);
    sheet.insertRowsAfter(4, 2);
    const rules = fake.spreadsheet.sheet('シート1').conditionalRules();
    expect(rules).toEqual([{
      text: 'called', background: '#eeeeee', fontColor: '#999999',
      ranges: [{ row: 2, column: 2, numRows: 5, numColumns: 1 }, { row: 12, column: 1, numRows: 1, numColumns: 3 }],
    }]);
    const ranges = sheet.getConditionalFormatRules()[0]!.getRanges();
    expect(ranges.map((r) => [r.getRow(), r.getNumRows()])).toEqual([[2, 5], [12, 1]]);
    sheet.setConditionalFormatRules([]);
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it('insertColumnsAfter shifts columns right and inherits from the column before', () => {
    const { fake, services, sheet } = setup();
    const view = fake.spreadsheet.sheet('シート1');
    view.put(1, 1, [['a', 'b', 'c']]);
    sheet.getRange(1, 2, 1, 1).setDataValidation(listRule(services));
    sheet.hideColumns(3);
    sheet.insertColumnsAfter(2, 1);
    expect(view.rows()).toEqual([['a', 'b', '', 'c']]);
    expect(view.cell(1, 3).validation).toEqual(['new', 'called']);
    expect(view.maxColumns()).toBe(27);
    expect(view.hiddenColumns()).toEqual([4]);
  });

  it('deleteRows removes rows, shifts the rest up, and refuses impossible deletions', () => {
    const { fake, sheet } = setup();
    const view = fake.spreadsheet.sheet('シート1');
    view.put(1, 1, [['h'], ['a'], ['b'], ['c']]);
    sheet.deleteRows(2, 2);
    expect(view.rows()).toEqual([['h'], ['c']]);
    expect(sheet.getMaxRows()).toBe(998);
    expect(() => sheet.deleteRows(998, 2)).toThrow('Those rows are out of bounds.');
    sheet.setFrozenRows(1);
    expect(view.frozenRows()).toBe(1);
    expect(() => sheet.deleteRows(2, 997)).toThrow('Sorry, it is not possible to delete all non-frozen rows.');
    sheet.deleteRows(2, 996);
    expect(sheet.getMaxRows()).toBe(2);
  });

  it('a merged area shows its value only in the top-left cell', () => {
    const { fake, sheet } = setup();
    const view = fake.spreadsheet.sheet('シート1');
    view.put(1, 1, [['title', 'x'], ['y', 'z']]);
    view.merge(1, 1, 1, 2);
    expect(sheet.getRange(1, 1, 2, 2).getValues()).toEqual([['title', ''], ['y', 'z']]);
    sheet.getRange(1, 1, 1, 2).setValues([['new title', 'hidden']]);
    expect(sheet.getRange(1, 1, 1, 2).getValues()).toEqual([['new title', '']]);
    expect(() => view.merge(1, 2, 2, 1)).toThrow();
  });
});

describe('clearContent and charts', () => {
  it('clearContent empties values and formulas in its range only, keeping formats and validation', () => {
    const { fake, sheet } = setup();
    sheet.getRange(1, 1, 3, 2).setValues([['a', 'b'], ['=SUM(1)', '2'], ['c', 'd']]);
    sheet.getRange(2, 1, 1, 1).setNumberFormat('0%');
    sheet.getRange(2, 1, 2, 2).clearContent();
    const view = fake.spreadsheet.sheet('シート1');
    expect(view.rows()).toEqual([['a', 'b']]);
    expect(view.cell(2, 1)).toMatchObject({ value: '', formula: null, numberFormat: '0%' });
    expect(() => sheet.getRange(1000, 1, 1, 1).clearContent()).not.toThrow();
    expect(fake.calls.log.filter((call) => call === 'Range.clearContent')).toHaveLength(2);
  });

  it('builds, inserts, lists and updates charts, recording type, ranges, options and anchor', () => {
    const { fake, services, sheet } = setup();
    const chart = sheet
      .newChart()
      .setChartType(services.Charts.ChartType.BAR)
      .addRange(sheet.getRange(1, 1, 5, 1))
      .addRange(sheet.getRange(1, 3, 5, 1))
      .setNumHeaders(1)
      .setOption('title', '成約率')
      .setOption('hAxis', { viewWindow: { min: 0, max: 1 } })
      .setPosition(2, 5, 0, 0)
      .build();
    const view = fake.spreadsheet.sheet('シート1');
    expect(view.charts()).toEqual([]);
    sheet.insertChart(chart);
    expect(view.charts()).toEqual([
      {
        id: expect.any(Number),
        type: 'BAR',
        ranges: [
          { sheet: 'シート1', row: 1, column: 1, numRows: 5, numColumns: 1 },
          { sheet: 'シート1', row: 1, column: 3, numRows: 5, numColumns: 1 },
        ],
        options: { title: '成約率', hAxis: { viewWindow: { min: 0, max: 1 } } },
        position: { row: 2, column: 5, offsetX: 0, offsetY: 0 },
        numHeaders: 1,
      },
    ]);
    const id = view.charts()[0]!.id;

    const [listed] = sheet.getCharts();
    sheet.updateChart(listed!.modify().clearRanges().addRange(sheet.getRange(1, 1, 9, 1)).setOption('height', 400).build());
    expect(view.charts()).toHaveLength(1);
    expect(view.charts()[0]).toMatchObject({ id, type: 'BAR', ranges: [{ row: 1, column: 1, numRows: 9, numColumns: 1 }], options: { title: '成約率', height: 400 } });

    // A chart that was never inserted cannot be updated; a chart needs a type.
    const fresh = sheet.newChart().setChartType(services.Charts.ChartType.COLUMN).build();
    expect(() => sheet.updateChart(fresh)).toThrow('does not exist');
    expect(() => sheet.newChart().build()).toThrow('chart type');
    expect(() => sheet.newChart().setChartType('DONUT')).toThrow('Invalid argument');

    expect(fake.calls.log.filter((call) => ['Sheet.insertChart', 'Sheet.getCharts', 'Sheet.updateChart'].includes(call))).toEqual([
      'Sheet.insertChart', 'Sheet.getCharts', 'Sheet.updateChart', 'Sheet.updateChart',
    ]);
    fake.calls.reset();
    sheet.getCharts();
    sheet.newChart().setChartType(services.Charts.ChartType.BAR).build();
    expect(fake.calls.sheetsDataCalls()).toBe(1);
  });
});

describe('ui', () => {
  it('records toasts, add-on menus and sidebars', () => {
    const { fake, services, ss } = setup({ htmlFiles: ['sidebar'] });
    ss.toast('Added 3 leads', 'Tsugi', 5);
    ss.toast('Done');
    expect(fake.toasts).toEqual([{ message: 'Added 3 leads', title: 'Tsugi' }, { message: 'Done', title: undefined }]);
    const ui = services.SpreadsheetApp.getUi();
    ui.createAddonMenu().addItem('Add leads', 'addNewLeads').addSeparator().addItem('Open', 'openSidebar').addToUi();
    expect(fake.menus).toEqual([{ items: [{ caption: 'Add leads', functionName: 'addNewLeads' }, { caption: 'Open', functionName: 'openSidebar' }] }]);
    ui.showSidebar(services.HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Tsugi'));
    expect(fake.sidebars).toEqual([{ file: 'sidebar', title: 'Tsugi' }]);
    expect(() => services.HtmlService.createHtmlOutputFromFile('missing')).toThrow('No HTML file named missing was found.');
  });

  it('reports the user locale, which tests can change', () => {
    const { fake, services } = setup();
    expect(services.Session.getActiveUserLocale()).toBe('ja');
    fake.setLocale('en');
    expect(services.Session.getActiveUserLocale()).toBe('en');
  });
});

describe('properties, lock, triggers', () => {
  it('stores properties, null when absent, in separate document and user stores', () => {
    const { fake, services } = setup();
    const doc = services.PropertiesService.getDocumentProperties();
    expect(doc.getProperty('k')).toBeNull();
    doc.setProperty('k', 'v');
    expect(services.PropertiesService.getDocumentProperties().getProperty('k')).toBe('v');
    expect(services.PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    expect(fake.documentProperties.get('k')).toBe('v');
    doc.deleteProperty('k');
    expect(doc.getProperty('k')).toBeNull();
    fake.userProperties.set('seeded', '1');
    expect(services.PropertiesService.getUserProperties().getProperty('seeded')).toBe('1');
  });

  it('enforces the 9 KB value and 500 KB store quotas, counting UTF-8 bytes', () => {
    const { fake, services } = setup();
    const doc = services.PropertiesService.getDocumentProperties();
    doc.setProperty('ok', 'x'.repeat(9216));
    expect(() => doc.setProperty('big', 'あ'.repeat(3073))).toThrow('Argument too large: value');
    for (let i = 0; i < 55; i++) doc.setProperty(`k${i}`, 'x'.repeat(9000));
    expect(() => doc.setProperty('one-more', 'x'.repeat(9000))).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(fake.documentProperties.has('one-more')).toBe(false);
    doc.setProperty('k0', 'small'); // replacing a value frees its space
  });

  it('the document lock fails at once while held elsewhere, and is re-entrant otherwise', () => {
    const { fake, services } = setup();
    const lock = services.LockService.getDocumentLock();
    expect(lock.tryLock(10_000)).toBe(true);
    expect(services.LockService.getDocumentLock().tryLock(10_000)).toBe(true);
    lock.releaseLock();
    fake.holdLockElsewhere(true);
    const started = Date.now();
    expect(lock.tryLock(30_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
    fake.holdLockElsewhere(false);
    expect(lock.tryLock(30_000)).toBe(true);
  });

  it('allows one time-based trigger per user and document', () => {
    const { fake, services, ss } = setup();
    const { ScriptApp } = services;
    const trigger = ScriptApp.newTrigger('dailyRefresh').timeBased().atHour(6).everyDays(1).inTimezone('Asia/Tokyo').create();
    expect(trigger.getHandlerFunction()).toBe('dailyRefresh');
    expect(fake.triggers).toEqual([{ id: trigger.getUniqueId(), handler: 'dailyRefresh', hour: 6, everyDays: 1, timeZone: 'Asia/Tokyo' }]);
    expect(() => ScriptApp.newTrigger('dailyRefresh').timeBased().atHour(7).everyDays(1).create()).toThrow(
      'This add-on has created too many time-based triggers in this document for this Google user account.',
    );
    expect(() => ScriptApp.newTrigger('x').timeBased().atHour(24)).toThrow();
    const listed = ScriptApp.getUserTriggers(ss);
    expect(listed.map((t) => t.getUniqueId())).toEqual([trigger.getUniqueId()]);
    ScriptApp.deleteTrigger(listed[0]!);
    expect(fake.triggers).toEqual([]);
    ScriptApp.newTrigger('dailyRefresh').timeBased().atHour(7).everyDays(1).create();
    expect(ScriptApp.getIdentityToken()).toBe('fake-id-token');
  });
});

describe('UrlFetchApp', () => {
  it('records requests and answers through the handler', () => {
    const { fake, services } = setup({ fetch: () => ({ status: 200, body: '{"ok":true}' }) });
    const response = services.UrlFetchApp.fetch('https://api.example/leads', {
      method: 'post', contentType: 'application/json', headers: { Authorization: 'Bearer t' }, payload: '{}',
    });
    expect([response.getResponseCode(), response.getContentText()]).toEqual([200, '{"ok":true}']);
    expect(fake.fetches).toEqual([{
      url: 'https://api.example/leads', method: 'post', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, payload: '{}',
    }]);
    services.UrlFetchApp.fetch('https://api.example/x', {});
    expect(fake.fetches[1]).toEqual({ url: 'https://api.example/x', method: 'get', headers: {}, payload: undefined });
  });

  it('throws on HTTP errors unless muted, and on network failures', () => {
    const { fake, services } = setup();
    expect(() => services.UrlFetchApp.fetch('https://api.example/', {})).toThrow('Address unavailable');
    fake.setFetch(() => ({ status: 503, body: 'x'.repeat(300) }));
    expect(() => services.UrlFetchApp.fetch('https://api.example/', {})).toThrow(
      `Request failed for https://api.example/ returned code 503. Truncated server response: ${'x'.repeat(100)}`,
    );
    expect(services.UrlFetchApp.fetch('https://api.example/', { muteHttpExceptions: true }).getResponseCode()).toBe(503);
    expect(fake.fetches).toHaveLength(3);
  });
});

describe('call counting', () => {
  it('logs every call as Type.method and counts Sheets and data calls, not test-view helpers', () => {
    const { fake, services } = setup();
    fake.calls.reset();
    const view = fake.spreadsheet.sheet('シート1');
    view.put(1, 1, [['a']]);
    view.rows();
    const sheet = services.SpreadsheetApp.getActive().getSheetByName('シート1')!;
    sheet.getRange(1, 1, 1, 1).getValues();
    sheet.getLastRow();
    sheet.insertRowsAfter(1, 1);
    services.PropertiesService.getDocumentProperties().getProperty('x');
    services.SpreadsheetApp.getUi().createAddonMenu().addToUi();
    expect(fake.calls.log).toEqual([
      'SpreadsheetApp.getActive', 'Spreadsheet.getSheetByName', 'Sheet.getRange', 'Range.getValues', 'Sheet.getLastRow',
      'Sheet.insertRowsAfter', 'PropertiesService.getDocumentProperties', 'Properties.getProperty',
      'SpreadsheetApp.getUi', 'Ui.createAddonMenu', 'Menu.addToUi',
    ]);
    expect(fake.calls.sheetsCalls()).toBe(7);
    expect(fake.calls.sheetsDataCalls()).toBe(3);
    fake.calls.reset();
    expect(fake.calls.log).toEqual([]);
    expect(fake.calls.sheetsCalls()).toBe(0);
  });

  it('does not count calls the fakes make internally', () => {
    const { fake, services, sheet } = setup();
    fake.calls.reset();
    const rule = services.SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('x').setRanges([sheet.getRange(1, 1, 1, 1)]).build();
    sheet.setConditionalFormatRules([rule]);
    expect(fake.calls.log).toEqual([
      'SpreadsheetApp.newConditionalFormatRule', 'ConditionalFormatRuleBuilder.whenTextEqualTo', 'Sheet.getRange',
      'ConditionalFormatRuleBuilder.setRanges', 'ConditionalFormatRuleBuilder.build', 'Sheet.setConditionalFormatRules',
    ]);
  });
});
