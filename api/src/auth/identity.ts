// Verifies the bearer identity token: Google's OIDC token from ScriptApp.getIdentityToken() in
// production, or a token from the local issuer when (and only when) its JWKS is configured.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { LOCAL_ISSUER } from '../../../shared/local-issuer.ts';
import { ApiError } from '../http/errors.ts';

export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
const CLOCK_SKEW_SECONDS = 60;

export interface Identity {
  issuer: string;
  subject: string;
}

export interface IdentityOptions {
  audiences: string[];
  googleJwksUrl: string;
  localIssuerJwks: string | null;
  /** How long after a fetch an unknown `kid` does not trigger another one (default 30 s). */
  jwksCooldownMs?: number;
  /** How long a fetch of Google's key set may take (default 3 s). */
  jwksTimeoutMs?: number;
}

const JWKS_COOLDOWN_MS = 30_000;
const JWKS_TIMEOUT_MS = 3_000;

// Google's key set is cached per isolate; jose refetches on an unknown `kid` (after a cooldown)
// and bounds each fetch with a timeout. Any failure to get the set (timeout, refused connection,
// non-200, not JSON, not a key set) is an upstream fault, not the caller's: 503, not 401.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();
function googleKeys(url: string, cooldownMs = JWKS_COOLDOWN_MS, timeoutMs = JWKS_TIMEOUT_MS): JWTVerifyGetKey {
  const cacheKey = `${url} ${cooldownMs} ${timeoutMs}`;
  let keys = remoteKeySets.get(cacheKey);
  if (!keys) {
    const remote = createRemoteJWKSet(new URL(url), { timeoutDuration: timeoutMs, cooldownDuration: cooldownMs, cacheMaxAge: 6 * 3_600_000 });
    keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (err) {
        // "No such key" (and several candidates, which jwtVerify then tries in turn) are about the token.
        if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) throw err;
        throw new ApiError(503, 'JWKS_UNAVAILABLE', err instanceof joseErrors.JWKSTimeout
          ? 'Signing keys could not be fetched in time.'
          : 'Signing keys could not be fetched.');
      }
    };
    remoteKeySets.set(cacheKey, keys);
  }
  return keys;
}

const localKeySets = new Map<string, JWTVerifyGetKey>();
function localKeys(jwks: string): JWTVerifyGetKey {
  let keys = localKeySets.get(jwks);
  if (!keys) {
    keys = createLocalJWKSet(JSON.parse(jwks));
    localKeySets.set(jwks, keys);
  }
  return keys;
}

const unauthorized = (code: string, message: string) =>
  new ApiError(401, code, message, { 'WWW-Authenticate': 'Bearer' });

export async function verifyIdentity(authorization: string | undefined, options: IdentityOptions): Promise<Identity> {
  const match = /^Bearer ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*)$/.exec(authorization ?? '');
  if (!match?.[1]) throw unauthorized('TOKEN_MISSING', 'An identity token is required: Authorization: Bearer <token>.');
  const token = match[1];

  let claimedIssuer: string | undefined;
  try {
    claimedIssuer = decodeJwt(token).iss;
  } catch {
    throw unauthorized('TOKEN_INVALID', 'The identity token is not a well-formed JWT.');
  }
  const isLocal = claimedIssuer === LOCAL_ISSUER;
  if (isLocal && !options.localIssuerJwks) {
    throw unauthorized('ISSUER_UNTRUSTED', 'Tokens of the local issuer are not accepted by this deployment.');
  }
  if (!isLocal && !GOOGLE_ISSUERS.includes(claimedIssuer ?? '')) {
    throw unauthorized('ISSUER_UNTRUSTED', 'The identity token has an unknown issuer.');
  }
  if (options.audiences.length === 0) throw unauthorized('AUDIENCE_MISMATCH', 'No audience is configured.');

  try {
    const { payload } = await jwtVerify(
      token,
      isLocal ? localKeys(options.localIssuerJwks as string) : googleKeys(options.googleJwksUrl, options.jwksCooldownMs, options.jwksTimeoutMs),
      {
        algorithms: ['RS256'],
        issuer: isLocal ? LOCAL_ISSUER : GOOGLE_ISSUERS,
        audience: options.audiences,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      },
    );
    if ((payload.iat ?? 0) > Date.now() / 1000 + CLOCK_SKEW_SECONDS) {
      throw unauthorized('TOKEN_INVALID', 'The identity token was issued in the future.');
    }
    // jose checks that `sub` is present, not that it names someone.
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw unauthorized('TOKEN_INVALID', 'The identity token has no subject.');
    }
    return { issuer: payload.iss as string, subject: payload.sub };
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof joseErrors.JWTExpired) throw unauthorized('TOKEN_EXPIRED', 'The identity token has expired.');
    if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud') {
      throw unauthorized('AUDIENCE_MISMATCH', 'The identity token was issued for another client.');
    }
    if (err instanceof joseErrors.JWKSNoMatchingKey) throw unauthorized('KEY_UNKNOWN', 'The identity token was signed by an unknown key.');
    if (err instanceof joseErrors.JWKSTimeout) throw new ApiError(503, 'JWKS_UNAVAILABLE', 'Signing keys could not be fetched in time.');
    throw unauthorized('TOKEN_INVALID', 'The identity token could not be verified.');
  }
}
