// The Worker's "now". In production, the system clock. Locally, `DEV_CLOCK_URL` may point at the
// Places emulator's clock, whose simulated day moves the Worker's day with it, so the demo can
// show tomorrow's new listings and revisits today.
import type { Env } from './env.ts';

const DAY_MS = 86_400_000;

export async function workerNow(env: Env, real: Date = new Date()): Promise<Date> {
  if (!env.DEV_CLOCK_URL) return real;
  try {
    const response = await fetch(env.DEV_CLOCK_URL, { signal: AbortSignal.timeout(1_000) });
    const body = (await response.json()) as { day?: unknown };
    const day = typeof body.day === 'number' && Number.isInteger(body.day) ? body.day : 0;
    return new Date(real.getTime() + day * DAY_MS);
  } catch {
    return real; // the emulator is gone: keep the real clock rather than fail the request
  }
}
