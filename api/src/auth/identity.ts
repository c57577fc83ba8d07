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
}

// Google's key set is cached per isolate; jose refetches on an unknown `kid` (after a cooldown)
// and bounds each fetch with a timeout.
const remoteKeySets = new Map<string, JWTVerifyGetKey>();
function googleKeys(url: string): JWTVerifyGetKey {
  let keys = remoteKeySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 3_000, cooldownDuration: 30_000, cacheMaxAge: 6 * 3_600_000 });
    remoteKeySets.set(url, keys);
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
      isLocal ? localKeys(options.localIssuerJwks as string) : googleKeys(options.googleJwksUrl),
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
    return { issuer: payload.iss as string, subject: payload.sub as string };
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
