// The Worker's bindings and configuration. Everything outside the code (base URLs, audiences,
// keys) arrives here; nothing else reads `env` directly.
export interface Env {
  DB: D1Database;
  /** Places API (New) base URL: https://places.googleapis.com in production, the emulator locally. */
  PLACES_BASE_URL: string;
  /** Worker secret. Never logged, never returned. */
  GOOGLE_MAPS_API_KEY?: string;
  /** Comma-separated OAuth client ids accepted as the `aud` of identity tokens. */
  AUTH_AUDIENCES: string;
  /** JWKS of the local issuer (development and tests only; absent from the production config). */
  LOCAL_ISSUER_JWKS?: string;
  /** Where Google's signing keys are published. */
  GOOGLE_JWKS_URL?: string;
  /** Hours an unacknowledged batch is served again before its leads are released. */
  BATCH_TTL_HOURS?: string;
  /** A tenant's Places spend per day (USD, list prices) before paid calls stop. */
  DAILY_BUDGET_USD?: string;
  /** Seconds a pull may spend sweeping before it answers with what it has. */
  PULL_SWEEP_SECONDS?: string;
  /** Pulls (POST /v1/pulls) a tenant may make per clock hour (default 30). */
  PULL_RATE_PER_HOUR?: string;
  /** Pulls a tenant may make per clock minute: the burst cap within the hour (default 6). */
  PULL_BURST_PER_MINUTE?: string;
  /** Paid Places requests a tenant's work may send per clock minute (default 300). */
  PLACES_CALLS_PER_MINUTE?: string;
  /** gBizINFO requests a minute for the whole deployment (default 500: gBizINFO blocks a token past ~6,000 in 10 minutes). */
  GBIZINFO_CALLS_PER_MINUTE?: string;
  /** Local development only: where company websites are served (`{base}/{host}{path}`), e.g. the emulator's /sites. */
  SITE_FETCH_BASE_URL?: string;
  /** Seconds a pull waits for websites it reads itself before queueing the rest. */
  SCREEN_INLINE_SECONDS?: string;
  /** Local development only: the emulator's clock, whose simulated day offsets the Worker's. */
  DEV_CLOCK_URL?: string;
  /** Worker secret: the gBizINFO API token. Absent: no employee counts (no enrichment). */
  GBIZINFO_TOKEN?: string;
  /** gBizINFO REST API base (default https://api.info.gbiz.go.jp/hojin; the emulator locally). */
  GBIZINFO_BASE_URL?: string;
  /** Background work: continuing sweeps, nightly pre-fetch per tenant. Optional. */
  WORK_QUEUE?: Queue<WorkMessage>;
}

export type WorkMessage =
  | { kind: 'sweep'; tenantId: string; queryKey: string }
  | { kind: 'prefetch'; tenantId: string }
  | { kind: 'screen'; url: string };

export interface Config {
  placesBaseUrl: string;
  placesApiKey: string;
  audiences: string[];
  localIssuerJwks: string | null;
  googleJwksUrl: string;
  batchTtlMs: number;
  dailyBudgetUsd: number;
  sweepBudgetMs: number;
  siteFetchBaseUrl: string | null;
  screenInlineMs: number;
  pullsPerHour: number;
  pullsPerMinute: number;
  placesCallsPerMinute: number;
  gbizinfoCallsPerMinute: number;
  /** null: no token, no enrichment. */
  gbizinfoToken: string | null;
  gbizinfoBaseUrl: string;
}

const positive = (value: string | undefined, fallback: number): number => {
  const number = Number(value);
  return value !== undefined && Number.isFinite(number) && number > 0 ? number : fallback;
};

/** A count of something allowed: a positive whole number. */
const allowance = (value: string | undefined, fallback: number): number => Math.max(1, Math.floor(positive(value, fallback)));

export function readConfig(env: Env): Config {
  return {
    placesBaseUrl: env.PLACES_BASE_URL.replace(/\/+$/, ''),
    placesApiKey: env.GOOGLE_MAPS_API_KEY ?? '',
    audiences: env.AUTH_AUDIENCES.split(',').map((s) => s.trim()).filter(Boolean),
    localIssuerJwks: env.LOCAL_ISSUER_JWKS?.trim() || null,
    googleJwksUrl: env.GOOGLE_JWKS_URL ?? 'https://www.googleapis.com/oauth2/v3/certs',
    batchTtlMs: positive(env.BATCH_TTL_HOURS, 24) * 3_600_000,
    dailyBudgetUsd: positive(env.DAILY_BUDGET_USD, 5),
    sweepBudgetMs: positive(env.PULL_SWEEP_SECONDS, 8) * 1000,
    siteFetchBaseUrl: env.SITE_FETCH_BASE_URL?.trim().replace(/\/+$/, '') || null,
    // 0 is meaningful here: read no site during a pull, queue them all.
    screenInlineMs: env.SCREEN_INLINE_SECONDS?.trim() === '0' ? 0 : positive(env.SCREEN_INLINE_SECONDS, 4) * 1000,
    pullsPerHour: allowance(env.PULL_RATE_PER_HOUR, 30),
    pullsPerMinute: allowance(env.PULL_BURST_PER_MINUTE, 6),
    placesCallsPerMinute: allowance(env.PLACES_CALLS_PER_MINUTE, 300),
    gbizinfoCallsPerMinute: allowance(env.GBIZINFO_CALLS_PER_MINUTE, 500),
    gbizinfoToken: env.GBIZINFO_TOKEN?.trim() || null,
    gbizinfoBaseUrl: (env.GBIZINFO_BASE_URL?.trim() || 'https://api.info.gbiz.go.jp/hojin').replace(/\/+$/, ''),
  };
}
