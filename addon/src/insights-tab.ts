// The 分析 (Insights) tab: what the owner's verdicts say, as GET /v1/insights computes it. It is the
// one tab Tsugi owns entirely: rewritten whole (a note in its first row says so), never read back.
//
// Layout, one block from A1: the note; the header (frozen with the note); a 全体 row, then one row
// per segment row of the insights; a blank row; the suggestions (one per line) under a heading; a
// blank row; how the numbers are tested. Beside the table, a native bar chart of 成約率 per row,
// created once and pointed at the table again only when the table's row count changes.
//
// Sheets calls per update: none when what the tab would show is unchanged (a fingerprint of the
// block is kept in DocumentProperties); otherwise one setValues for the block, one clearContent
// when the previous block was taller, and getCharts + updateChart when the table's row count
// changed. Creating the tab adds insertSheet, setFrozenRows, setNumberFormat (成約率 column) and
// insertChart.
import type { OutcomeReason } from '../../shared/contract.ts';
import type { Counts, Insights, SegmentRow } from '../../shared/insights.ts';
import type { CellValue, ChartsApi, Sheet } from './apps-script.ts';
import { asText } from './cells.ts';
import { headerFor, REASON_LABELS, STATUS_LABELS, TAB_NAMES } from './columns.ts';
import { fingerprint } from './ledger.ts';
import type { Locale } from './sidebar-contract.ts';
import { findSheet, tabIdProperty, type SheetContext } from './tabs.ts';

/** Bump when the block's layout changes, so every sheet is rewritten once. */
const LAYOUT_VERSION = 1;
const STATE_PROPERTY = 'insights.tab';
const NOTE_ROW = 1;
const HEADER_ROW = 2;
const FIRST_ROW = 3;
const WIDTH = 9;
const RATE_COLUMN = 7;
const CHART_LABEL_COLUMN = 9;
const SPARE_ROWS = 50;
const OUTSIDE = /outside the dimensions/i;

const NOTE: Record<Locale, string> = {
  ja: 'このタブは Tsugi のものです。更新のたびに丸ごと書き直されるので、ここには書き込まないでください（メモは別のタブへ）。',
  en: 'This tab belongs to Tsugi: it is rewritten whole at every refresh, so keep your own notes in another tab.',
};
const HEADERS: Record<Locale, string[]> = {
  ja: ['区分', '値', '件数', STATUS_LABELS.won.ja, STATUS_LABELS.rejected.ja, STATUS_LABELS.held.ja, '成約率', '主な失注理由', 'グラフの項目'],
  en: ['Attribute', 'Value', 'Leads', STATUS_LABELS.won.en, STATUS_LABELS.rejected.en, STATUS_LABELS.held.en, 'Win rate', 'Main reason lost', 'Chart label'],
};
const WORDS = {
  ja: {
    all: '全体',
    suggestions: '提案',
    noSuggestion: (decided: number) =>
      decided === 0
        ? 'まだ提案はありません。成約・失注のタグが集まると、検索条件の変え方をここに出します。'
        : `いまの判定 ${decided} 件からは、検索条件を変える根拠になる差は見つかっていません。`,
    chartTitle: '成約率（区分ごと）',
  },
  en: {
    all: 'All',
    suggestions: 'Suggestions',
    noSuggestion: (decided: number) =>
      decided === 0
        ? 'No suggestions yet. Once leads are tagged won or lost, changes to the search settings show up here.'
        : `The ${decided} decided leads so far show no difference strong enough to change the search settings.`,
    chartTitle: 'Win rate by segment',
  },
} as const;

const TEST_NAMES: Record<string, Record<Locale, string>> = {
  'permutation-max-z-one-sided': { ja: '並べ替え検定（片側）', en: 'a one-sided permutation test' },
  'fisher-exact-one-sided': { ja: 'フィッシャーの正確確率検定（片側）', en: 'a one-sided Fisher exact test' },
};
const CORRECTION_NAMES: Record<string, Record<Locale, string>> = { holm: { ja: 'Holm 法', en: 'Holm’s method' } };

function methodNote(method: Insights['method'], locale: Locale): string {
  const test = TEST_NAMES[method.test]?.[locale] ?? method.test;
  const correction = CORRECTION_NAMES[method.correction]?.[locale] ?? method.correction;
  const alpha = `${Math.round(method.alpha * 1000) / 10}%`;
  const effect = Math.round(method.minEffect * 100);
  return locale === 'ja'
    ? `方法: 成約・失注の件数だけを比べます（保留は数えるだけ）。区分とそれ以外の両方に判定が ${method.minSegment} 件以上あるとき、区分の成約率がそれ以外より低いかを${test}で調べ、${correction}で補正して有意水準 ${alpha} を満たし、差が ${effect} ポイント以上のものだけを提案します。`
    : `Method: only won and lost leads are compared (on hold is counted, not tested). When a segment and the rest each have at least ${method.minSegment} decided leads, ${test} asks whether the segment wins less often; adjusted by ${correction}, a change is suggested only at a ${alpha} significance level and a gap of at least ${effect} points.`;
}

const DIMENSION_COLUMNS = {
  employees: 'employees',
  industry: 'industry',
  area: 'area',
  newListing: 'newListing',
  newlyEstablished: 'newlyEstablished',
  rating: 'rating',
  reviews: 'reviews',
} as const satisfies Record<SegmentRow['dimension'], string>;

const REASONS = Object.keys(REASON_LABELS) as OutcomeReason[];

/** 「予算 (21)」: the most frequent refusal reason and its count ('' when nobody refused). */
function mainReason(reasons: Record<OutcomeReason, number> | null, locale: Locale): string {
  if (!reasons) return '';
  let best: OutcomeReason | null = null;
  for (const reason of REASONS) if ((reasons[reason] ?? 0) > (best ? reasons[best] : 0)) best = reason;
  return best ? `${REASON_LABELS[best][locale]} (${reasons[best]})` : '';
}

const countCells = (counts: Counts): CellValue[] => [counts.decided + counts.held, counts.won, counts.rejected, counts.held, counts.winRate ?? ''];

/** The reasons of all verdicts: those of one attribute's rows, when they cover every verdict. */
function totalReasons(insights: Insights): Record<OutcomeReason, number> | null {
  const rows = insights.segments.filter((row) => row.dimension === 'employees');
  const covered = rows.reduce((sum, row) => sum + row.decided + row.held, 0);
  if (covered !== insights.totals.decided + insights.totals.held) return null;
  const sum = Object.fromEntries(REASONS.map((reason) => [reason, 0])) as Record<OutcomeReason, number>;
  for (const row of rows) for (const reason of REASONS) sum[reason] += row.reasons[reason] ?? 0;
  return sum;
}

/** Rows of the table (全体 first, then one per segment row), without the header. */
function tableRows(insights: Insights, locale: Locale): CellValue[][] {
  const words = WORDS[locale];
  const all: CellValue[] = [words.all, '', ...countCells(insights.totals), mainReason(totalReasons(insights), locale), words.all];
  return [
    all,
    ...insights.segments.map((row) => {
      const dimension = headerFor(DIMENSION_COLUMNS[row.dimension], locale);
      const label = locale === 'ja' ? row.label : row.labelEn;
      return [dimension, asText(label), ...countCells(row), mainReason(row.reasons, locale), asText(`${dimension}: ${label}`)];
    }),
  ];
}

/** The whole block the tab shows, from A1, every row WIDTH cells wide. */
export function insightsBlock(insights: Insights, locale: Locale): CellValue[][] {
  const line = (text: string): CellValue[] => [text, ...new Array<CellValue>(WIDTH - 1).fill('')];
  const words = WORDS[locale];
  const suggestions = insights.suggestions.map((s) => asText(locale === 'ja' ? s.message : s.messageEn));
  return [
    line(NOTE[locale]),
    [...HEADERS[locale]],
    ...tableRows(insights, locale),
    line(''),
    line(words.suggestions),
    ...(suggestions.length > 0 ? suggestions : [words.noSuggestion(insights.totals.decided)]).map(line),
    line(''),
    line(methodNote(insights.method, locale)),
  ];
}

interface TabState {
  sheetId: number;
  print: string;
  /** Rows the block took. */
  height: number;
  /** Rows of the table under the header (the chart's rows). */
  tableRows: number;
  /** Rows the sheet is known to have (a lower bound unless the owner deleted some). */
  maxRows: number;
}

function readState(ctx: SheetContext): TabState | null {
  const stored = ctx.props.getProperty(STATE_PROPERTY);
  if (!stored) return null;
  try {
    const state = JSON.parse(stored) as TabState;
    return typeof state.sheetId === 'number' && typeof state.print === 'string' ? state : null;
  } catch {
    return null;
  }
}

export interface InsightsTabUpdate {
  /** Whether anything was written (false: the tab already shows these insights, or there is nothing to show yet). */
  written: boolean;
  created: boolean;
}

/**
 * Brings the 分析 tab up to date with `insights`: nothing when it already shows them. The tab is
 * created the first time there is a verdict to show. Throws on a sheet error (the caller reports it;
 * the fingerprint is only kept once everything is written, so the next refresh tries again).
 */
export function updateInsightsTab(ctx: SheetContext, charts: ChartsApi, insights: Insights): InsightsTabUpdate {
  const block = insightsBlock(insights, ctx.locale);
  const print = fingerprint(JSON.stringify([LAYOUT_VERSION, ctx.locale, block]));
  const state = readState(ctx);
  if (state?.print === print) return { written: false, created: false };

  const found = findSheet(ctx, 'insights');
  let sheet: Sheet;
  let sheetId = found?.getSheetId() ?? null;
  let previous: Pick<TabState, 'height' | 'tableRows' | 'maxRows'>;
  let created = false;
  if (found && state && sheetId === state.sheetId) {
    sheet = found;
    previous = state;
  } else {
    // Nothing verdict-worthy yet and no tab: keep the spreadsheet as it is.
    if (!found && insights.totals.decided + insights.totals.held === 0) return { written: false, created: false };
    const adopted = found ? adopt(found) : null;
    sheet = adopted ?? createTab(ctx);
    created = adopted === null;
    if (created) sheetId = sheet.getSheetId();
    sheet.setFrozenRows(HEADER_ROW);
    const maxRows = sheet.getMaxRows();
    if (maxRows > HEADER_ROW) sheet.getRange(FIRST_ROW, RATE_COLUMN, maxRows - HEADER_ROW, 1).setNumberFormat('0%');
    previous = { height: 0, tableRows: -1, maxRows };
  }

  let maxRows = previous.maxRows;
  const ensureRoom = (rows: number) => {
    if (rows <= maxRows) return;
    sheet.insertRowsAfter(maxRows, rows - maxRows + SPARE_ROWS);
    maxRows = rows + SPARE_ROWS;
  };
  /** Runs a write; if the owner deleted rows since, learns the real size and writes again. */
  const withinSheet = (rows: number, write: () => void) => {
    ensureRoom(rows);
    try {
      write();
    } catch (error) {
      if (!OUTSIDE.test(String((error as Error).message))) throw error;
      maxRows = sheet.getMaxRows();
      ensureRoom(rows);
      write();
    }
  };

  withinSheet(block.length, () => sheet.getRange(NOTE_ROW, 1, block.length, WIDTH).setValues(block));
  if (previous.height > block.length) {
    // What is left of a taller block (a longer table or more suggestions last time).
    const clear = () => {
      const last = Math.min(previous.height, maxRows);
      if (last > block.length) sheet.getRange(block.length + 1, 1, last - block.length, WIDTH).clearContent();
    };
    try {
      clear();
    } catch (error) {
      if (!OUTSIDE.test(String((error as Error).message))) throw error;
      maxRows = sheet.getMaxRows();
      clear();
    }
  }

  const rows = 1 + insights.segments.length; // the table under the header: 全体, then the segments
  if (rows !== previous.tableRows) pointChart(ctx, charts, sheet, rows, created);

  const next: TabState = { sheetId: sheetId!, print, height: block.length, tableRows: rows, maxRows };
  ctx.props.setProperty(STATE_PROPERTY, JSON.stringify(next));
  return { written: true, created };

  /** A tab found by name that Tsugi has no record of: used if empty or Tsugi's own, else left alone. */
  function adopt(candidate: Sheet): Sheet | null {
    const values = candidate.getDataRange().getValues();
    const empty = values.every((row) => row.every((cell) => cell === ''));
    const ours =
      (Object.values(NOTE) as string[]).includes(String(values[0]?.[0] ?? '')) ||
      (Object.values(HEADERS) as string[][]).some((header) => header.every((text, i) => values[1]?.[i] === text));
    if (!empty && !ours) return null;
    if (!empty) candidate.getRange(1, 1, values.length, values[0]!.length).clearContent();
    ctx.props.setProperty(tabIdProperty('insights'), String(sheetId));
    return candidate;
  }
}

/** A new tab, named 分析 (or 分析 (Tsugi) when the owner already has a 分析 of their own). */
function createTab(ctx: SheetContext): Sheet {
  const active = ctx.ss.getActiveSheet();
  const base = TAB_NAMES.insights[ctx.locale];
  let name = base;
  for (let n = 1; ctx.ss.getSheetByName(name); n++) name = n === 1 ? `${base} (Tsugi)` : `${base} (Tsugi ${n})`;
  const sheet = ctx.ss.insertSheet(name);
  ctx.props.setProperty(tabIdProperty('insights'), String(sheet.getSheetId()));
  // A new tab becomes the active one; the owner stays where they were.
  active.activate();
  return sheet;
}

/**
 * The chart of 成約率 per table row (the 全体 row first): a horizontal bar chart, whose long
 * Japanese labels stay readable on its vertical axis. Its data are the table's chart-label and
 * 成約率 columns with the header; the first chart of the tab is Tsugi's and is modified in place.
 */
function pointChart(ctx: SheetContext, charts: ChartsApi, sheet: Sheet, rows: number, newTab: boolean): void {
  const labels = sheet.getRange(HEADER_ROW, CHART_LABEL_COLUMN, rows + 1, 1);
  const rates = sheet.getRange(HEADER_ROW, RATE_COLUMN, rows + 1, 1);
  const [existing] = newTab ? [] : sheet.getCharts();
  const builder = existing
    ? existing.modify().clearRanges()
    : sheet.newChart().setChartType(charts.ChartType.BAR).setPosition(HEADER_ROW, WIDTH + 2, 0, 0);
  const chart = builder
    .addRange(labels)
    .addRange(rates)
    .setNumHeaders(1)
    .setOption('title', WORDS[ctx.locale].chartTitle)
    .setOption('legend', { position: 'none' })
    .setOption('hAxis', { format: 'percent', viewWindow: { min: 0, max: 1 } })
    .setOption('colors', ['#1a73e8'])
    .setOption('width', 640)
    .setOption('height', Math.min(2000, Math.max(320, 80 + 24 * rows)))
    .build();
  if (existing) sheet.updateChart(chart);
  else sheet.insertChart(chart);
}
