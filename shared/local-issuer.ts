// The local token issuer used by `npm start`, the CLI, the preview and the tests in place of
// Google: an RS256 key pair whose public JWKS the local Worker is configured with. The production
// configuration has no local JWKS, so these tokens are refused there.
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export const LOCAL_ISSUER = 'tsugi-local-issuer';
export const LOCAL_AUDIENCE = 'tsugi-local';

export interface LocalIssuerKeys {
  kid: string;
  privateJwk: JWK;
  publicJwks: { keys: JWK[] };
}

export async function createLocalIssuerKeys(): Promise<LocalIssuerKeys> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${crypto.randomUUID()}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' }, publicJwks: { keys: [publicJwk] } };
}

export interface LocalTokenOptions {
  subject?: string;
  audience?: string;
  /** Seconds the token lives; Google's identity tokens live an hour. */
  lifetime?: number;
  now?: Date;
}

export async function signLocalToken(keys: Pick<LocalIssuerKeys, 'kid' | 'privateJwk'>, options: LocalTokenOptions = {}): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'RS256');
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ email: 'owner@example.jp' })
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(options.audience ?? LOCAL_AUDIENCE)
    .setSubject(options.subject ?? 'local-owner')
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetime ?? 3600))
    .sign(key);
}
