// What each Apps Script global does (index.ts delegates here): the menu, the refresh under the
// document lock, the sidebar's server functions, the daily trigger. Every function takes the Apps
// Script services as its first parameter, so Node tests and the preview run it against fakes.
import { SearchProfile, type SearchProfileInput } from '../../shared/contract.ts';
import type { Suggestion } from '../../shared/insights.ts';
import { ApiFailure, createApiClient, type ApiClient } from './api-client.ts';
import type { AppsScript, Properties, Spreadsheet } from './apps-script.ts';
import { dayIn } from './cells.ts';
import { STATUS_LABELS, TAB_NAMES } from './columns.ts';
import { API_URL } from './config.ts';
import { dailyRefreshState, setDailyRefresh as replaceDailyTrigger } from './daily.ts';
import { AddonError } from './errors.ts';
import { updateInsightsTab } from './insights-tab.ts';
import { errorText, localeOf, messagesFor, type AddonMessages } from './messages.ts';
import { refresh, type RefreshOptions } from './refresh.ts';
import type { AppliedChange, DailyRefresh, Locale, Result, RunRecord, SidebarState, TagRequest } from './sidebar-contract.ts';
import { tagSelection as tagRows } from './tagging.ts';
import type { SheetContext } from './tabs.ts';
import { utf8Length } from '../../shared/utf8.ts';

/**
 * The services, plus what the preview and tests may set: a clock they can move and the API's URL
 * (in Apps Script, the real clock and the URL the build compiled in).
 */
export type AddonServices = AppsScript & { now?: () => Date; apiUrl?: string };

const LAST_RUN = 'lastRun';
const REVISIT_MONTHS = 'revisitMonths';
export const DEFAULT_REVISIT_MONTHS = 6;
const LOCK_WAIT_MS = 1000;
const USER_LOCALE = 'locale';
const SHEET_LOCALE = 'sheetLocale';
/** Suggestions applied from the sidebar, oldest first (see applySuggestion). */
const APPLIED_CHANGES = 'insights.applied';
const APPLIED_KEEP = 20;
/** Under the 9 KB a property value may hold. */
const APPLIED_MAX_BYTES = 8000;

interface Session {
  ctx: SheetContext;
  messages: AddonMessages;
  api: ApiClient;
  options: RefreshOptions;
}

function open(gas: AddonServices): Session {
  const ss = gas.SpreadsheetApp.getActive();
  const locale = userLocale(gas);
  const props = gas.PropertiesService.getDocumentProperties();
  const timeZone = ss.getSpreadsheetTimeZone();
  const now = gas.now?.() ?? new Date();
  return {
    ctx: { app: gas.SpreadsheetApp, ss, props, locale: sheetLanguage(ss, props, locale), timeZone },
    messages: messagesFor(locale),
    api: createApiClient({ UrlFetchApp: gas.UrlFetchApp, ScriptApp: gas.ScriptApp, documentProperties: props, baseUrl: gas.apiUrl ?? API_URL }),
    options: { now, today: dayIn(now, timeZone), timeZone, revisitMonths: revisitMonths(props) },
  };
}

/**
 * The user's language. A time-driven trigger has no active user locale (empty), so the locale seen
 * when the owner set the trigger up is kept in their UserProperties for it.
 */
function userLocale(gas: AppsScript): Locale {
  try {
    const active = gas.Session.getActiveUserLocale();
    if (active) return localeOf(active);
    return localeOf(gas.PropertiesService.getUserProperties().getProperty(USER_LOCALE));
  } catch {
    return 'ja';
  }
}

/**
 * The language of the sheet's own words (tab names, headers, dropdown values): fixed the first
 * time, from tabs already there or the user's language, so editors with other languages write the
 * same dropdown values.
 */
function sheetLanguage(ss: Spreadsheet, props: Properties, userLanguage: Locale): Locale {
  const stored = props.getProperty(SHEET_LOCALE);
  if (stored === 'ja' || stored === 'en') return stored;
  const found = (['ja', 'en'] as const).find((language) => ss.getSheetByName(TAB_NAMES.leads[language]) ?? ss.getSheetByName(TAB_NAMES.held[language]));
  const language = found ?? userLanguage;
  props.setProperty(SHEET_LOCALE, language);
  return language;
}

/** onOpen / onInstall: only the menu, which needs no authorisation (AuthMode.NONE). */
export function onOpen(gas: AddonServices, _event?: unknown): void {
  const messages = messagesFor(userLocale(gas));
  gas.SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(messages.menuAddLeads, 'addNewLeads')
    .addSeparator()
    .addItem(messages.menuSidebar, 'openSidebar')
    .addItem(messages.menuDaily, 'openDailySetup')
    .addToUi();
}

export function openSidebar(gas: AddonServices): void {
  const messages = messagesFor(userLocale(gas));
  gas.SpreadsheetApp.getUi().showSidebar(gas.HtmlService.createHtmlOutputFromFile('sidebar').setTitle(messages.sidebarTitle));
}

/**
 * 「新着リードを追加」, the sidebar's button and the daily trigger. Never throws: the result is
 * toasted and kept as the last run, which the sidebar shows (add-on triggers cannot email errors).
 */
export function addNewLeads(gas: AddonServices, origin: RunRecord['origin']): RunRecord {
  const session = open(gas);
  const { ctx, messages } = session;
  const lock = gas.LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    ctx.ss.toast(messages.busy, messages.toastTitle);
    return { at: session.options.now.toISOString(), origin, ok: false, added: 0, revisits: 0, reconciled: 0, code: 'BUSY', message: messages.busy };
  }
  let run: RunRecord;
  try {
    const summary = refresh(ctx, session.api, session.options);
    const insightsError = refreshInsights(gas, session);
    const parts = [summary.added + summary.revisits > 0 ? messages.added(summary.added, summary.revisits) : messages.nothingNew];
    if (summary.reconciled > 0) parts.push(messages.reconciled(summary.reconciled));
    if (summary.skippedDuplicates > 0) parts.push(messages.skippedDuplicates(summary.skippedDuplicates));
    for (const notice of summary.notices) parts.push(messages.notices[notice.code] ?? notice.message);
    if (summary.outcomesError) parts.push(messages.outcomesDeferred);
    if (summary.ackError) parts.push(messages.ackDeferred);
    if (insightsError) parts.push(messages.insightsDeferred);
    run = {
      at: (gas.now?.() ?? new Date()).toISOString(),
      origin,
      ok: true,
      added: summary.added,
      revisits: summary.revisits,
      reconciled: summary.reconciled,
      code: null,
      message: parts.join(ctx.locale === 'ja' ? '。' : '. '),
    };
  } catch (error) {
    const { code, message } = describe(error, messages);
    run = { at: (gas.now?.() ?? new Date()).toISOString(), origin, ok: false, added: 0, revisits: 0, reconciled: 0, code, message: messages.failed(message) };
  } finally {
    lock.releaseLock();
  }
  ctx.props.setProperty(LAST_RUN, JSON.stringify(run));
  ctx.ss.toast(run.message, messages.toastTitle);
  return run;
}

/**
 * The 分析 tab after a refresh: rewritten only when the insights changed. A failure (the API, or
 * the sheet refusing the write) never fails the refresh: it is reported and tried again next time.
 */
function refreshInsights(gas: AddonServices, { ctx, api }: Session): string | null {
  try {
    updateInsightsTab(ctx, gas.Charts, api.insights());
    return null;
  } catch (error) {
    return error instanceof ApiFailure || error instanceof AddonError ? error.code : 'SHEET_WRITE_FAILED';
  }
}

export function refreshNow(gas: AddonServices): Result<{ run: RunRecord }> {
  const run = addNewLeads(gas, 'sidebar');
  return run.ok ? { ok: true, run } : { ok: false, code: run.code ?? 'INTERNAL', message: run.message };
}

export function sidebarState(gas: AddonServices): Result<{ state: SidebarState }> {
  return guard(gas, ({ ctx, api, messages }) => {
    const stored = ctx.props.getProperty(LAST_RUN);
    let profile: SearchProfile | null = null;
    let apiError: SidebarState['apiError'] = null;
    try {
      profile = api.getProfile();
    } catch (error) {
      // The sidebar still shows the last run (perhaps the daily run's failure) and the settings.
      apiError = describe(error, messages);
    }
    const state: SidebarState = {
      locale: ctx.locale,
      profile,
      apiError,
      daily: dailyState(gas, ctx),
      lastRun: stored ? (JSON.parse(stored) as RunRecord) : null,
      revisitMonths: revisitMonths(ctx.props),
      selectedRows: (ctx.ss.getActiveRangeList()?.getRanges() ?? []).reduce((sum, range) => sum + range.getNumRows(), 0),
    };
    return { state };
  });
}

export function saveProfile(gas: AddonServices, input: SearchProfileInput): Result<{ profile: SearchProfile; message: string }> {
  return guard(gas, ({ api, messages }) => {
    const parsed = SearchProfile.safeParse(input);
    if (!parsed.success) throw new AddonError('INVALID_REQUEST', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    return { profile: api.putProfile(parsed.data), message: messages.profileSaved };
  });
}

export function tagSelection(gas: AddonServices, request: TagRequest): Result<{ tagged: number; moved: number; message: string }> {
  return guard(gas, ({ ctx, api, messages, options }) => {
    const lock = gas.LockService.getDocumentLock();
    if (!lock.tryLock(LOCK_WAIT_MS * 10)) throw new AddonError('BUSY', messages.busy);
    try {
      const summary = tagRows(ctx, api, request, options);
      const status = STATUS_LABELS[request.status][ctx.locale];
      const tab = summary.movedTo ? TAB_NAMES[summary.movedTo][ctx.locale] : '';
      const message = [messages.tagged(summary.tagged, status, summary.moved, tab), ...(summary.outcomesError ? [messages.outcomesDeferred] : [])].join(' / ');
      return { tagged: summary.tagged, moved: summary.moved, message };
    } finally {
      lock.releaseLock();
    }
  });
}

export function setDailyRefresh(gas: AddonServices, hour: number | null): Result<{ daily: DailyRefresh; message: string }> {
  return guard(gas, ({ ctx, messages }) => {
    const userProperties = gas.PropertiesService.getUserProperties();
    const daily = replaceDailyTrigger(gas.ScriptApp, ctx.ss, userProperties, hour);
    userProperties.setProperty(USER_LOCALE, ctx.locale);
    return { daily, message: daily.enabled ? messages.dailyOn(daily.hour!) : messages.dailyOff };
  });
}

export function setRevisitMonths(gas: AddonServices, months: number): Result<{ revisitMonths: number; message: string }> {
  return guard(gas, ({ ctx, messages }) => {
    if (!Number.isInteger(months) || months < 1 || months > 24) throw new AddonError('BAD_MONTHS');
    ctx.props.setProperty(REVISIT_MONTHS, String(months));
    return { revisitMonths: months, message: messages.revisitSaved(months) };
  });
}

// ---------------------------------------------------------------------------------------------
// Suggestions from the insights, applied from the sidebar and undone.

type ProfileKey = keyof SearchProfile;
type StoredChange = Omit<AppliedChange, 'summary'>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const changedKeys = (change: Partial<SearchProfile>) => Object.keys(change).filter((key) => change[key as ProfileKey] !== undefined) as ProfileKey[];
const pick = (profile: Partial<SearchProfile>, keys: ProfileKey[]): Partial<SearchProfile> =>
  Object.fromEntries(keys.map((key) => [key, profile[key] ?? null])) as Partial<SearchProfile>;

function readApplied(props: Properties): StoredChange[] {
  try {
    const parsed = JSON.parse(props.getProperty(APPLIED_CHANGES) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as StoredChange[]).filter((entry) => entry && typeof entry.id === 'string' && entry.before && entry.after) : [];
  } catch {
    return [];
  }
}


/** Keeps the last APPLIED_KEEP changes, fewer if they would not fit in one property. */
function writeApplied(props: Properties, history: StoredChange[]): void {
  let kept = history.slice(-APPLIED_KEEP);
  while (kept.length > 1 && utf8Length(JSON.stringify(kept)) > APPLIED_MAX_BYTES) kept = kept.slice(1);
  if (kept.length === 0) props.deleteProperty(APPLIED_CHANGES);
  else props.setProperty(APPLIED_CHANGES, JSON.stringify(kept));
}

/** 「従業員数の下限: 未設定 → 11」, one part per field. */
function describeChange(change: StoredChange, messages: AddonMessages): string {
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return messages.notSet;
    if (typeof value === 'boolean') return value ? messages.yes : messages.no;
    if (Array.isArray(value)) return value.length > 0 ? value.join(messages.listSeparator) : messages.none;
    return String(value);
  };
  return changedKeys(change.after)
    .map((key) => `${messages.profileFields[key] ?? key}: ${show(change.before[key])} → ${show(change.after[key])}`)
    .join(' / ');
}

/** The sidebar's 「分析からの提案」: the current suggestions and what was applied, oldest first. */
export function insightsState(gas: AddonServices): Result<{ suggestions: Suggestion[]; history: AppliedChange[] }> {
  return guard(gas, ({ ctx, api, messages }) => ({
    suggestions: api.insights().suggestions,
    history: readApplied(ctx.props).map((entry) => ({ ...entry, summary: describeChange(entry, messages) })),
  }));
}

/**
 * 適用: the suggestion's fields set on the profile as the API has it now, saved, and recorded (the
 * fields as they were and as they became) so 元に戻す can restore them.
 */
export function applySuggestion(gas: AddonServices, id: string): Result<{ profile: SearchProfile; message: string }> {
  return guard(gas, ({ ctx, api, messages, options }) => {
    const lock = gas.LockService.getDocumentLock();
    if (!lock.tryLock(LOCK_WAIT_MS * 10)) throw new AddonError('BUSY', messages.busy);
    try {
      const suggestion = api.insights().suggestions.find((s) => s.id === id);
      if (!suggestion) throw new AddonError('SUGGESTION_GONE');
      const current = api.getProfile();
      if (!current) throw new AddonError('NO_PROFILE');
      const keys = changedKeys(suggestion.change).filter((key) => !same(current[key], suggestion.change[key]));
      if (keys.length === 0) return { profile: current, message: messages.suggestionAlreadyApplied };
      const next = SearchProfile.safeParse({ ...current, ...pick(suggestion.change, keys) });
      if (!next.success) throw new AddonError('INVALID_REQUEST', next.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const saved = api.putProfile(next.data);
      const entry: StoredChange = { id, at: options.now.toISOString(), before: pick(current, keys), after: pick(saved, keys) };
      writeApplied(ctx.props, [...readApplied(ctx.props), entry]);
      return { profile: saved, message: messages.suggestionApplied(describeChange(entry, messages)) };
    } finally {
      lock.releaseLock();
    }
  });
}

/**
 * 元に戻す: the last applied change's fields back as they were, only while the profile still has
 * the values it set (anything changed since, by hand or by another editor, is not overwritten).
 */
export function undoLastSuggestion(gas: AddonServices): Result<{ profile: SearchProfile; message: string }> {
  return guard(gas, ({ ctx, api, messages }) => {
    const lock = gas.LockService.getDocumentLock();
    if (!lock.tryLock(LOCK_WAIT_MS * 10)) throw new AddonError('BUSY', messages.busy);
    try {
      const history = readApplied(ctx.props);
      const last = history[history.length - 1];
      if (!last) throw new AddonError('NOTHING_TO_UNDO');
      const current = api.getProfile();
      if (!current) throw new AddonError('NO_PROFILE');
      const keys = changedKeys(last.after);
      if (keys.some((key) => !same(current[key] ?? null, last.after[key]))) throw new AddonError('UNDO_UNSAFE');
      const next = SearchProfile.safeParse({ ...current, ...pick(last.before, keys) });
      if (!next.success) throw new AddonError('UNDO_UNSAFE', next.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
      const saved = api.putProfile(next.data);
      writeApplied(ctx.props, history.slice(0, -1));
      const undone: StoredChange = { ...last, before: last.after, after: pick(saved, keys) };
      return { profile: saved, message: messages.suggestionUndone(describeChange(undone, messages)) };
    } finally {
      lock.releaseLock();
    }
  });
}

function dailyState(gas: AddonServices, ctx: SheetContext): DailyRefresh {
  return dailyRefreshState(gas.ScriptApp, ctx.ss, gas.PropertiesService.getUserProperties());
}

function revisitMonths(props: Properties): number {
  const stored = Number(props.getProperty(REVISIT_MONTHS));
  return Number.isInteger(stored) && stored >= 1 && stored <= 24 ? stored : DEFAULT_REVISIT_MONTHS;
}

function guard<T extends object>(gas: AddonServices, body: (session: Session) => T): Result<T> {
  let messages = messagesFor('ja');
  try {
    const session = open(gas);
    messages = session.messages;
    return { ok: true, ...body(session) };
  } catch (error) {
    return { ok: false, ...describe(error, messages) };
  }
}

/** An error as the owner reads it: a code and a sentence in their language. */
function describe(error: unknown, messages: AddonMessages): { code: string; message: string } {
  if (error instanceof ApiFailure || error instanceof AddonError) {
    return { code: error.code, message: errorText(messages, error.code, error.message) };
  }
  // Anything else is Apps Script refusing a sheet operation (protected range, no edit rights…).
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'SHEET_WRITE_FAILED', message: `${errorText(messages, 'SHEET_WRITE_FAILED', detail)} (${detail})` };
}
