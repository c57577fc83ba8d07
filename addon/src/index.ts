// The add-on's entry file: every Apps Script global as a one-line delegate. The build (addon/build.ts)
// bundles this module and declares each export as a top-level function, the only kind Apps Script
// sees. All logic lives in modules that take the services as a parameter (see apps-script.ts).
/// <reference types="google-apps-script" />
import type { AppsScript } from './apps-script.ts';
import * as addon from './addon.ts';
import type { SearchProfileInput } from '../../shared/contract.ts';
import type { TagRequest } from './sidebar-contract.ts';

const services = (): AppsScript => ({ SpreadsheetApp, PropertiesService, LockService, UrlFetchApp, ScriptApp, Session, HtmlService, Charts });

export const onInstall = (event: { authMode?: unknown }) => addon.onOpen(services(), event);
export const onOpen = (event: { authMode?: unknown }) => addon.onOpen(services(), event);
export const addNewLeads = () => addon.addNewLeads(services(), 'menu');
export const openSidebar = () => addon.openSidebar(services());
export const openDailySetup = () => addon.openSidebar(services());
export const dailyRefresh = () => addon.addNewLeads(services(), 'daily');
export const sidebarState = () => addon.sidebarState(services());
export const saveProfile = (input: SearchProfileInput) => addon.saveProfile(services(), input);
export const refreshNow = () => addon.refreshNow(services());
export const tagSelection = (request: TagRequest) => addon.tagSelection(services(), request);
export const setDailyRefresh = (hour: number | null) => addon.setDailyRefresh(services(), hour);
export const setRevisitMonths = (months: number) => addon.setRevisitMonths(services(), months);
export const insightsState = () => addon.insightsState(services());
export const applySuggestion = (id: string) => addon.applySuggestion(services(), id);
export const undoLastSuggestion = () => addon.undoLastSuggestion(services());
