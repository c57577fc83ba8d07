// What the sidebar and the add-on say to each other through `google.script.run`: plain JSON only
// (no Date, functions or DOM objects cross that bridge; dates travel as ISO strings).
import type { OutcomeReason, SearchProfile, SearchProfileInput } from '../../shared/contract.ts';
import type { Suggestion } from '../../shared/insights.ts';

export type Locale = 'ja' | 'en';

/** Every server function answers with this: the sidebar shows `message` either way. */
export type Result<T> = ({ ok: true } & T) | { ok: false; code: string; message: string };

/** The tags the sidebar puts on selected rows. */
export type TagStatus = 'rejected' | 'held' | 'won';
export interface TagRequest {
  status: TagStatus;
  /** Required with 'rejected', absent otherwise. */
  reason?: OutcomeReason | null;
  memo?: string | null;
}

/** What a refresh did, as the sidebar shows it and the add-on keeps it (DocumentProperties). */
export interface RunRecord {
  /** ISO timestamp of the end of the run. */
  at: string;
  origin: 'menu' | 'sidebar' | 'daily';
  ok: boolean;
  added: number;
  revisits: number;
  /** Rows moved to 保留 because their status was changed by hand. */
  reconciled: number;
  /** Set when ok is false (API or sheet error code). */
  code: string | null;
  /** Human sentence in the user's language (the toast text). */
  message: string;
}

export interface DailyRefresh {
  enabled: boolean;
  /** Hour of day (0–23) in the spreadsheet's time zone, when enabled. */
  hour: number | null;
}

export interface SidebarState {
  locale: Locale;
  /** null until the owner saves a profile the first time (or while the API cannot be reached). */
  profile: SearchProfile | null;
  /** Set when the API could not be asked for the profile; the rest comes from the sheet itself. */
  apiError: { code: string; message: string } | null;
  daily: DailyRefresh;
  lastRun: RunRecord | null;
  /** Months after which a 失注 / 保留 row comes back (default 6). */
  revisitMonths: number;
  /** The rows currently selected in リスト or 保留 (count only; the sidebar enables tagging). */
  selectedRows: number;
}

/** A suggestion applied from the sidebar (kept in DocumentProperties, the last 20). */
export interface AppliedChange {
  /** The suggestion's id, e.g. `employeesMin=11`. */
  id: string;
  /** ISO timestamp of the 適用. */
  at: string;
  /** The fields it changed, as they were, and as they became. */
  before: Partial<SearchProfile>;
  after: Partial<SearchProfile>;
  /** The change in the user's words: 「従業員数の下限: 未設定 → 11」. */
  summary: string;
}

/**
 * The functions the sidebar calls (each a top-level Apps Script global, see index.ts):
 *   sidebarState(): Result<{ state: SidebarState }>
 *   saveProfile(input: SearchProfileInput): Result<{ profile: SearchProfile; message: string }>
 *   refreshNow(): Result<{ run: RunRecord }>
 *   tagSelection(request: TagRequest): Result<{ tagged: number; moved: number; message: string }>
 *   setDailyRefresh(hour: number | null): Result<{ daily: DailyRefresh; message: string }>
 *   setRevisitMonths(months: number): Result<{ revisitMonths: number; message: string }>
 *   insightsState(): Result<{ suggestions: Suggestion[]; history: AppliedChange[] }>   (history oldest first)
 *   applySuggestion(id: string): Result<{ profile: SearchProfile; message: string }>
 *   undoLastSuggestion(): Result<{ profile: SearchProfile; message: string }>          (the last of history)
 */
export interface SidebarApi {
  sidebarState(): Result<{ state: SidebarState }>;
  saveProfile(input: SearchProfileInput): Result<{ profile: SearchProfile; message: string }>;
  refreshNow(): Result<{ run: RunRecord }>;
  tagSelection(request: TagRequest): Result<{ tagged: number; moved: number; message: string }>;
  setDailyRefresh(hour: number | null): Result<{ daily: DailyRefresh; message: string }>;
  setRevisitMonths(months: number): Result<{ revisitMonths: number; message: string }>;
  insightsState(): Result<{ suggestions: Suggestion[]; history: AppliedChange[] }>;
  applySuggestion(id: string): Result<{ profile: SearchProfile; message: string }>;
  undoLastSuggestion(): Result<{ profile: SearchProfile; message: string }>;
}
