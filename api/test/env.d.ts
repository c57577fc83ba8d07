// The Worker's bindings as the tests see them: its own plus what the test configuration adds.
import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      PLACES_BASE_URL: string;
      GOOGLE_MAPS_API_KEY?: string;
      AUTH_AUDIENCES: string;
      LOCAL_ISSUER_JWKS?: string;
      GOOGLE_JWKS_URL?: string;
      BATCH_TTL_HOURS?: string;
      TEST_MIGRATIONS: D1Migration[];
      TEST_ISSUER_KEYS: string;
      TEST_CLOCK_EMULATOR_URL: string;
      DAILY_BUDGET_USD?: string;
      SITE_FETCH_BASE_URL?: string;
      SCREEN_INLINE_SECONDS?: string;
      DEV_CLOCK_URL?: string;
      PULL_SWEEP_SECONDS?: string;
      PULL_RATE_PER_HOUR?: string;
      PULL_BURST_PER_MINUTE?: string;
      PLACES_CALLS_PER_MINUTE?: string;
      GBIZINFO_CALLS_PER_MINUTE?: string;
      GBIZINFO_TOKEN?: string;
      GBIZINFO_BASE_URL?: string;
      WORK_QUEUE?: Queue<import('../src/env.ts').WorkMessage>;
    }
  }
}
