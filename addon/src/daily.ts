// The daily refresh: one time-driven trigger per user per document (all an add-on may have), at
// the hour the owner picks in the spreadsheet's time zone. The hour is kept beside the trigger's id.
import type { Properties, ScriptAppApi, Spreadsheet } from './apps-script.ts';
import { AddonError } from './errors.ts';
import type { DailyRefresh } from './sidebar-contract.ts';

/** The global the trigger calls (index.ts). */
export const DAILY_HANDLER = 'dailyRefresh';
const hourProperty = (triggerId: string) => `daily.hour.${triggerId}`;

export function dailyRefreshState(script: ScriptAppApi, ss: Spreadsheet, props: Properties): DailyRefresh {
  const trigger = script.getUserTriggers(ss).find((t) => t.getHandlerFunction() === DAILY_HANDLER);
  if (!trigger) return { enabled: false, hour: null };
  const hour = props.getProperty(hourProperty(trigger.getUniqueId()));
  return { enabled: true, hour: hour === null ? null : Number(hour) };
}

/** Replaces the user's daily trigger in this document; `hour` null turns it off. */
export function setDailyRefresh(script: ScriptAppApi, ss: Spreadsheet, props: Properties, hour: number | null): DailyRefresh {
  if (hour !== null && !(Number.isInteger(hour) && hour >= 0 && hour <= 23)) throw new AddonError('BAD_HOUR');
  for (const trigger of script.getUserTriggers(ss)) {
    if (trigger.getHandlerFunction() !== DAILY_HANDLER) continue;
    props.deleteProperty(hourProperty(trigger.getUniqueId()));
    script.deleteTrigger(trigger);
  }
  if (hour === null) return { enabled: false, hour: null };
  let created;
  try {
    created = script.newTrigger(DAILY_HANDLER).timeBased().atHour(hour).everyDays(1).inTimezone(ss.getSpreadsheetTimeZone()).create();
  } catch (error) {
    throw new AddonError('TRIGGER_FAILED', (error as Error).message);
  }
  props.setProperty(hourProperty(created.getUniqueId()), String(hour));
  return { enabled: true, hour };
}
