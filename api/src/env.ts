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
}

export interface Config {
  placesBaseUrl: string;
  placesApiKey: string;
  audiences: string[];
  localIssuerJwks: string | null;
  googleJwksUrl: string;
  batchTtlMs: number;
}

export function readConfig(env: Env): Config {
  const hours = Number(env.BATCH_TTL_HOURS ?? '24');
  return {
    placesBaseUrl: env.PLACES_BASE_URL.replace(/\/+$/, ''),
    placesApiKey: env.GOOGLE_MAPS_API_KEY ?? '',
    audiences: env.AUTH_AUDIENCES.split(',').map((s) => s.trim()).filter(Boolean),
    localIssuerJwks: env.LOCAL_ISSUER_JWKS?.trim() || null,
    googleJwksUrl: env.GOOGLE_JWKS_URL ?? 'https://www.googleapis.com/oauth2/v3/certs',
    batchTtlMs: (Number.isFinite(hours) && hours > 0 ? hours : 24) * 3_600_000,
  };
}
