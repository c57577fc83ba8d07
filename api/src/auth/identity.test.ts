// The identity check against hostile input: tokens signed by a fake "Google" (a JWKS server the
// workers project's global setup starts, see api/test/google-jwks.ts) and by the local issuer,
// and everything an attacker or a broken network can put in front of it. Every refusal is an
// ApiError with an exact status and code; nothing here may surface as a 500 or hang.
import { env } from 'cloudflare:workers';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
  UnsecuredJWT,
  type JWK,
  type JWTPayload,
  type JWSHeaderParameters,
} from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { ErrorBody } from '../../../shared/contract.ts';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../../shared/local-issuer.ts';
import type { GoogleJwksKey } from '../../test/google-jwks.ts';
import { testApp, testIssuer, token as localToken } from '../../test/helpers.ts';
import { ApiError } from '../http/errors.ts';
import { GOOGLE_ISSUERS, verifyIdentity, type IdentityOptions } from './identity.ts';

const google = inject('googleJwks');
// Two keys are published at first; the third only after a rotation (see google-jwks.ts).
const [key1, key2, key3] = google.keys as [GoogleJwksKey, GoogleJwksKey, GoogleJwksKey];

const CLIENT_A = 'client-a.apps.googleusercontent.com';
const CLIENT_B = 'client-b.apps.googleusercontent.com';

/** A JWKS path of its own: identity.ts caches key sets per URL, and the server counts per path. */
const scenario = (name: string) => {
  const id = `${name}-${crypto.randomUUID().slice(0, 8)}`;
  return {
    url: `${google.url}/s/${id}/certs`,
    rotate: () => fetch(`${google.url}/s/${id}/rotate`, { method: 'POST' }).then((r) => r.text()),
    count: async () => ((await (await fetch(`${google.url}/s/${id}/count`)).json()) as { count: number }).count,
  };
};
const faulty = (kind: 'slow' | 'error' | 'garbage' | 'notjwks') => `${google.url}/${kind}/${crypto.randomUUID().slice(0, 8)}/certs`;

/** Production-like options: Google only, two client ids. */
const options = (overrides: Partial<IdentityOptions> = {}): IdentityOptions => ({
  audiences: [CLIENT_A, CLIENT_B],
  googleJwksUrl: `${google.url}/oauth2/v3/certs`,
  localIssuerJwks: null,
  ...overrides,
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Google's claims, valid for an hour from now; `undefined` in `claims` removes a claim. */
function googleClaims(claims: Record<string, unknown> = {}): JWTPayload {
  const iat = nowSeconds();
  const payload: Record<string, unknown> = {
    iss: 'https://accounts.google.com',
    aud: CLIENT_A,
    azp: CLIENT_A,
    sub: '110248495921238986420',
    email: 'owner@example.jp',
    email_verified: true,
    iat,
    exp: iat + 3600,
    ...claims,
  };
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
  return payload as JWTPayload;
}

interface Signer {
  kid: string;
  privateJwk: JWK;
}

async function signRs256(signer: Signer, claims: Record<string, unknown> = {}, header: Partial<JWSHeaderParameters> = {}) {
  return new SignJWT(googleClaims(claims))
    .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT', ...header })
    .sign(await importJWK(signer.privateJwk, 'RS256'));
}

/** A key pair Google never published. */
async function attackerKey(kid = `attacker-${crypto.randomUUID().slice(0, 8)}`): Promise<Signer & { publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateJwk: await exportJWK(privateKey), publicJwk: { ...(await exportJWK(publicKey)), kid } };
}

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** A compact JWS put together by hand, for what jose refuses to produce. */
const forge = (header: unknown, payload: unknown, signature = '') =>
  `${b64url(typeof header === 'string' ? header : JSON.stringify(header))}.${b64url(typeof payload === 'string' ? payload : JSON.stringify(payload))}.${signature}`;

const bearer = (token: string) => `Bearer ${token}`;

/** Runs the check and returns what it threw (failing the test if it resolved). */
async function refusal(authorization: string | undefined, opts: IdentityOptions): Promise<ApiError> {
  let identity: unknown;
  try {
    identity = await verifyIdentity(authorization, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(identity)}`);
}

async function expectUnauthorized(authorization: string | undefined, opts: IdentityOptions, code: string) {
  const err = await refusal(authorization, opts);
  expect({ status: err.status, code: err.code }).toEqual({ status: 401, code });
  expect(err.headers['WWW-Authenticate']).toBe('Bearer');
}

async function expectJwksUnavailable(authorization: string, opts: IdentityOptions) {
  const err = await refusal(authorization, opts);
  expect({ status: err.status, code: err.code }).toEqual({ status: 503, code: 'JWKS_UNAVAILABLE' });
}

describe('valid Google identity tokens', () => {
  it.each(GOOGLE_ISSUERS.flatMap((iss) => [CLIENT_A, CLIENT_B].map((aud) => [iss, aud] as const)))(
    'accepts an RS256 token from issuer %s for audience %s',
    async (iss, aud) => {
      const token = await signRs256(key1, { iss, aud });
      expect(await verifyIdentity(bearer(token), options())).toEqual({ issuer: iss, subject: '110248495921238986420' });
    },
  );

  it('accepts a token signed by either of the published keys', async () => {
    await expect(verifyIdentity(bearer(await signRs256(key2)), options())).resolves.toMatchObject({ subject: '110248495921238986420' });
  });

  it('accepts a token that expired 30 s ago (within the 60 s clock skew)', async () => {
    const now = nowSeconds();
    const token = await signRs256(key1, { iat: now - 3630, exp: now - 30 });
    await expect(verifyIdentity(bearer(token), options())).resolves.toMatchObject({ subject: '110248495921238986420' });
  });

  it('accepts a token issued 30 s in the future (within the clock skew)', async () => {
    const now = nowSeconds();
    const token = await signRs256(key1, { iat: now + 30, exp: now + 3630 });
    await expect(verifyIdentity(bearer(token), options())).resolves.toMatchObject({ subject: '110248495921238986420' });
  });

  it('fetches the key set once and serves later tokens from the cache', async () => {
    const jwks = scenario('cache');
    for (const signer of [key1, key2, key1]) {
      await verifyIdentity(bearer(await signRs256(signer)), options({ googleJwksUrl: jwks.url }));
    }
    expect(await jwks.count()).toBe(1);
  });
});

describe('algorithm tricks', () => {
  it('refuses an unsecured token (alg: none) claiming Google as issuer', async () => {
    const token = new UnsecuredJWT(googleClaims()).encode();
    expect(token.endsWith('.')).toBe(true);
    await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('refuses a hand-made token with alg %s and a known kid', async (alg) => {
    await expectUnauthorized(bearer(forge({ alg, kid: key1.kid, typ: 'JWT' }, googleClaims())), options(), 'TOKEN_INVALID');
  });

  it('refuses an unsecured token from the local issuer even where the local issuer is trusted', async () => {
    const token = new UnsecuredJWT(googleClaims({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE })).encode();
    await expectUnauthorized(bearer(token), options({ audiences: [LOCAL_AUDIENCE], localIssuerJwks: env.LOCAL_ISSUER_JWKS ?? null }), 'TOKEN_INVALID');
  });

  it('refuses HS256 signed with the public key (PEM) as the HMAC secret (algorithm confusion)', async () => {
    const publicKey = await importJWK({ kty: 'RSA', n: key1.privateJwk.n, e: key1.privateJwk.e }, 'RS256', { extractable: true });
    const pem = await exportSPKI(publicKey as CryptoKey);
    for (const secret of [pem, `${pem}\n`, pem.trim()]) {
      const token = await new SignJWT(googleClaims())
        .setProtectedHeader({ alg: 'HS256', kid: key1.kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
    }
  });

  it('refuses HS256 signed with the public JWK (JSON) and with the raw modulus as the HMAC secret', async () => {
    const publicJwk = { kty: 'RSA', n: key1.privateJwk.n, e: key1.privateJwk.e, kid: key1.kid, alg: 'RS256', use: 'sig' };
    const secrets = [new TextEncoder().encode(JSON.stringify(publicJwk)), Buffer.from(key1.privateJwk.n as string, 'base64url')];
    for (const secret of secrets) {
      const token = await new SignJWT(googleClaims()).setProtectedHeader({ alg: 'HS256', kid: key1.kid }).sign(secret);
      await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
    }
  });

  it('refuses RS512 signed by the real Google key with its real kid', async () => {
    const token = await new SignJWT(googleClaims())
      .setProtectedHeader({ alg: 'RS512', kid: key1.kid, typ: 'JWT' })
      .sign(await importJWK({ ...key1.privateJwk, alg: 'RS512' }, 'RS512'));
    await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
  });

  it('refuses PS256 signed by the real Google key with its real kid', async () => {
    const token = await new SignJWT(googleClaims())
      .setProtectedHeader({ alg: 'PS256', kid: key1.kid, typ: 'JWT' })
      .sign(await importJWK({ ...key1.privateJwk, alg: 'PS256' }, 'PS256'));
    await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
  });

  it('refuses ES256 with a valid-looking kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT(googleClaims()).setProtectedHeader({ alg: 'ES256', kid: key1.kid, typ: 'JWT' }).sign(privateKey);
    await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
  });

  it('ignores an embedded jwk / jku header naming the attacker\'s own key', async () => {
    const attacker = await attackerKey();
    const token = await signRs256(attacker, {}, { kid: key1.kid, jwk: attacker.publicJwk, jku: 'https://evil.example/certs' });
    await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
  });

  it('refuses a token without a kid signed by a key Google never had', async () => {
    const attacker = await attackerKey();
    const token = await new SignJWT(googleClaims())
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .sign(await importJWK(attacker.privateJwk, 'RS256'));
    await expectUnauthorized(bearer(token), options(), 'TOKEN_INVALID');
  });

  it('refuses a token carrying a published kid but signed by another key', async () => {
    const attacker = await attackerKey(key1.kid);
    await expectUnauthorized(bearer(await signRs256(attacker)), options(), 'TOKEN_INVALID');
  });
});

describe('key rotation and the key set cache', () => {
  it('refuses a token signed by a key the JWKS never had with KEY_UNKNOWN', async () => {
    const attacker = await attackerKey();
    await expectUnauthorized(bearer(await signRs256(attacker)), options(), 'KEY_UNKNOWN');
  });

  it('does not refetch the key set for unknown kids within the cooldown', async () => {
    const jwks = scenario('cooldown');
    const attacker = await attackerKey();
    for (let i = 0; i < 3; i++) {
      await expectUnauthorized(bearer(await signRs256(attacker)), options({ googleJwksUrl: jwks.url }), 'KEY_UNKNOWN');
    }
    expect(await jwks.count()).toBe(1);
  });

  it('accepts a kid that appears after a rotation, refetching the key set exactly once', async () => {
    const jwks = scenario('rotation');
    const opts = options({ googleJwksUrl: jwks.url, jwksCooldownMs: 100 });
    await verifyIdentity(bearer(await signRs256(key1)), opts);
    expect(await jwks.count()).toBe(1);

    await jwks.rotate();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const rotated = await signRs256(key3);
    expect(await verifyIdentity(bearer(rotated), opts)).toMatchObject({ subject: '110248495921238986420' });
    expect(await jwks.count()).toBe(2);

    // The refreshed set now serves the new key and the old ones without further fetches.
    await verifyIdentity(bearer(rotated), opts);
    await verifyIdentity(bearer(await signRs256(key2)), opts);
    expect(await jwks.count()).toBe(2);
  });

  it('refuses the rotated-in kid with KEY_UNKNOWN while still cooling down from the last fetch', async () => {
    const jwks = scenario('rotation-cooling');
    const opts = options({ googleJwksUrl: jwks.url }); // the default 30 s cooldown
    await verifyIdentity(bearer(await signRs256(key1)), opts);
    await jwks.rotate();
    await expectUnauthorized(bearer(await signRs256(key3)), opts, 'KEY_UNKNOWN');
    expect(await jwks.count()).toBe(1);
  });
});

describe('time and subject claims', () => {
  it('refuses a token that expired 2 min ago (beyond the 60 s skew) with TOKEN_EXPIRED', async () => {
    const now = nowSeconds();
    await expectUnauthorized(bearer(await signRs256(key1, { iat: now - 3720, exp: now - 120 })), options(), 'TOKEN_EXPIRED');
  });

  it('refuses a token issued 5 min in the future', async () => {
    const now = nowSeconds();
    await expectUnauthorized(bearer(await signRs256(key1, { iat: now + 300, exp: now + 3900 })), options(), 'TOKEN_INVALID');
  });

  it('refuses a token not valid before 5 min from now', async () => {
    await expectUnauthorized(bearer(await signRs256(key1, { nbf: nowSeconds() + 300 })), options(), 'TOKEN_INVALID');
  });

  it.each(['sub', 'exp', 'iat'])('refuses a token without %s', async (claim) => {
    await expectUnauthorized(bearer(await signRs256(key1, { [claim]: undefined })), options(), 'TOKEN_INVALID');
  });

  it.each([
    ['exp as a string', { exp: String(nowSeconds() + 3600) }],
    ['iat as a string', { iat: String(nowSeconds()) }],
    ['sub as a number', { sub: 12345 }],
    ['sub empty', { sub: '' }],
  ])('refuses a token with %s', async (_, claims) => {
    await expectUnauthorized(bearer(await signRs256(key1, claims)), options(), 'TOKEN_INVALID');
  });
});

describe('audience and issuer', () => {
  it('refuses a token for another client with AUDIENCE_MISMATCH', async () => {
    await expectUnauthorized(bearer(await signRs256(key1, { aud: 'someone-else.apps.googleusercontent.com' })), options(), 'AUDIENCE_MISMATCH');
  });

  it('refuses a token without an audience with AUDIENCE_MISMATCH', async () => {
    await expectUnauthorized(bearer(await signRs256(key1, { aud: undefined })), options(), 'AUDIENCE_MISMATCH');
  });

  it('refuses every token when no audience is configured', async () => {
    await expectUnauthorized(bearer(await signRs256(key1)), options({ audiences: [] }), 'AUDIENCE_MISMATCH');
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }],
    ['a look-alike of Google', { iss: 'https://accounts.google.com/' }],
    ['Google over http', { iss: 'http://accounts.google.com' }],
    ['no issuer', { iss: undefined }],
    ['an issuer that is not a string', { iss: ['https://accounts.google.com'] }],
  ])('refuses %s with ISSUER_UNTRUSTED', async (_, claims) => {
    await expectUnauthorized(bearer(await signRs256(key1, claims)), options(), 'ISSUER_UNTRUSTED');
  });

  it('refuses the local issuer\'s token with ISSUER_UNTRUSTED where no local JWKS is configured (production)', async () => {
    await expectUnauthorized(bearer(await localToken()), options({ audiences: [LOCAL_AUDIENCE], localIssuerJwks: null }), 'ISSUER_UNTRUSTED');
  });

  it('accepts the local issuer\'s token where its JWKS is configured', async () => {
    const opts = options({ audiences: [LOCAL_AUDIENCE], localIssuerJwks: env.LOCAL_ISSUER_JWKS ?? null });
    expect(opts.localIssuerJwks).toBeTruthy();
    expect(await verifyIdentity(bearer(await localToken()), opts)).toEqual({ issuer: LOCAL_ISSUER, subject: 'local-owner' });
  });

  it('refuses a Google-signed token claiming the local issuer (keys do not cross issuers)', async () => {
    const opts = options({ audiences: [LOCAL_AUDIENCE], localIssuerJwks: env.LOCAL_ISSUER_JWKS ?? null });
    await expectUnauthorized(bearer(await signRs256(key1, { iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE })), opts, 'KEY_UNKNOWN');
  });

  it('refuses a local-issuer-signed token claiming Google as issuer (keys do not cross issuers)', async () => {
    const opts = options({ audiences: [LOCAL_AUDIENCE], localIssuerJwks: env.LOCAL_ISSUER_JWKS ?? null });
    await expectUnauthorized(bearer(await signRs256(testIssuer(), { aud: LOCAL_AUDIENCE })), opts, 'KEY_UNKNOWN');
  });
});

describe('garbage in the Authorization header', () => {
  const long = 'A'.repeat(10 * 1024);
  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['one segment', 'Bearer x'],
    ['two segments', 'Bearer a.b'],
    ['four segments', 'Bearer a.b.c.d'],
    ['Basic credentials', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['a token without a scheme', forge({ alg: 'RS256' }, googleClaims())],
    ['two bearer tokens', `Bearer a.b.c, Bearer d.e.f`],
    ['a 10 KB single segment', `Bearer ${long}`],
    ['Cyrillic segments', 'Bearer ключ.ключ.ключ'],
    ['an emoji', 'Bearer 🔑.🔑.🔑'],
    ['standard base64 with padding', `Bearer ${Buffer.from('{"alg":"RS256"}').toString('base64')}.e30=.AAAA`],
    ['a trailing newline', `Bearer ${forge({ alg: 'RS256' }, googleClaims(), 'AAAA')}\n`],
    ['a NUL byte', `Bearer a.b\u0000.c`],
  ])('answers %s with TOKEN_MISSING', async (_, authorization) => {
    await expectUnauthorized(authorization, options(), 'TOKEN_MISSING');
  });

  it.each([
    ['three short segments', 'Bearer a.b.c'],
    ['three 10 KB segments', `Bearer ${long}.${long}.${long}`],
    ['a payload that is not JSON', bearer(forge({ alg: 'RS256', kid: 'x' }, 'not json', 'AAAA'))],
    ['a payload that is a JSON array', bearer(forge({ alg: 'RS256', kid: 'x' }, '[1,2,3]', 'AAAA'))],
    ['a payload that is a JSON string', bearer(forge({ alg: 'RS256', kid: 'x' }, '"hello"', 'AAAA'))],
    ['a payload that is not base64url', 'Bearer eyJhbGciOiJSUzI1NiJ9.A.AAAA'],
  ])('answers %s with TOKEN_INVALID', async (_, authorization) => {
    await expectUnauthorized(authorization, options(), 'TOKEN_INVALID');
  });

  it('answers a header that is not JSON (with a valid Google payload) with TOKEN_INVALID', async () => {
    await expectUnauthorized(bearer(forge('not json', googleClaims(), 'AAAA')), options(), 'TOKEN_INVALID');
  });

  it('answers a header without alg with TOKEN_INVALID', async () => {
    await expectUnauthorized(bearer(forge({ kid: key1.kid, typ: 'JWT' }, googleClaims(), 'AAAA')), options(), 'TOKEN_INVALID');
  });

  it('answers a header with an unknown crit extension with TOKEN_INVALID', async () => {
    // jose will not sign this, so sign it by hand with the real key.
    const input = `${b64url(JSON.stringify({ alg: 'RS256', kid: key1.kid, crit: ['x-must-understand'], 'x-must-understand': true }))}.${b64url(JSON.stringify(googleClaims()))}`;
    const privateKey = await crypto.subtle.importKey('jwk', key1.privateJwk as JsonWebKey, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const signature = Buffer.from(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, new TextEncoder().encode(input))).toString('base64url');
    await expectUnauthorized(bearer(`${input}.${signature}`), options(), 'TOKEN_INVALID');
  });

  it.each([
    ['cut in half', (sig: string) => sig.slice(0, sig.length / 2)],
    ['one byte short', (sig: string) => Buffer.from(sig, 'base64url').subarray(1).toString('base64url')],
    ['one byte long', (sig: string) => Buffer.concat([Buffer.from(sig, 'base64url'), Buffer.from([0])]).toString('base64url')],
    ['empty', () => ''],
    ['of an impossible base64url length', (sig: string) => `${sig}A`],
    ['flipped in one bit', (sig: string) => {
      const bytes = Buffer.from(sig, 'base64url');
      bytes[10] = (bytes[10] ?? 0) ^ 1;
      return bytes.toString('base64url');
    }],
  ])('answers a valid token whose signature is %s with TOKEN_INVALID', async (_, mangle) => {
    const [header, payload, signature] = (await signRs256(key1)).split('.') as [string, string, string];
    await expectUnauthorized(bearer(`${header}.${payload}.${mangle(signature)}`), options(), 'TOKEN_INVALID');
  });

  it('answers a valid signature over a tampered payload with TOKEN_INVALID', async () => {
    const [header, , signature] = (await signRs256(key1)).split('.') as [string, string, string];
    const tampered = b64url(JSON.stringify(googleClaims({ sub: 'someone-else' })));
    await expectUnauthorized(bearer(`${header}.${tampered}.${signature}`), options(), 'TOKEN_INVALID');
  });
});

describe('an unreliable key set endpoint', () => {
  it('answers 503 JWKS_UNAVAILABLE within about the timeout when the JWKS hangs', async () => {
    const started = Date.now();
    await expectJwksUnavailable(bearer(await signRs256(key1)), options({ googleJwksUrl: faulty('slow'), jwksTimeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it.each([
    ['answers 500', () => faulty('error')],
    ['answers something that is not JSON', () => faulty('garbage')],
    ['answers JSON that is not a key set', () => faulty('notjwks')],
    ['is not there (404)', () => `${google.url}/nothing/here/certs`],
    // workerd logs "uncaught exception … Network connection lost" for a refused connection even
    // when the fetch's rejection is handled (as it is here); the log is expected.
    ['refuses connections', () => 'http://127.0.0.1:1/oauth2/v3/certs'],
  ])('answers 503 JWKS_UNAVAILABLE when the JWKS %s', async (_, url) => {
    await expectJwksUnavailable(bearer(await signRs256(key1)), options({ googleJwksUrl: url() }));
  });

  it('does not fetch the key set for tokens refused before any signature check', async () => {
    const jwks = scenario('no-fetch');
    const opts = options({ googleJwksUrl: jwks.url });
    await expectUnauthorized(bearer(new UnsecuredJWT(googleClaims()).encode()), opts, 'TOKEN_INVALID');
    await expectUnauthorized(bearer(await signRs256(key1, { iss: 'https://evil.example' })), opts, 'ISSUER_UNTRUSTED');
    await expectUnauthorized('Bearer a.b', opts, 'TOKEN_MISSING');
    expect(await jwks.count()).toBe(0);
  });
});

describe('through the app: POST /v1/tenants', () => {
  const googleEnv = (jwksUrl: string) => ({ ...env, GOOGLE_JWKS_URL: jwksUrl, LOCAL_ISSUER_JWKS: undefined });

  it.each([
    ['a token signed by an unknown key', async () => signRs256(await attackerKey(), { aud: LOCAL_AUDIENCE }), 'KEY_UNKNOWN'],
    ['an unsecured token', async () => new UnsecuredJWT(googleClaims({ aud: LOCAL_AUDIENCE })).encode(), 'TOKEN_INVALID'],
    ['an expired token', async () => signRs256(key1, { aud: LOCAL_AUDIENCE, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }), 'TOKEN_EXPIRED'],
    ['garbage', async () => 'a.b', 'TOKEN_MISSING'],
  ])('answers %s with 401, the code in the one error shape and WWW-Authenticate: Bearer', async (_, make, code) => {
    const { app } = testApp();
    const response = await app.request(
      '/v1/tenants',
      { method: 'POST', headers: { Authorization: bearer(await make()) } },
      googleEnv(scenario('route').url),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
    const body = await response.json();
    expect(ErrorBody.strict().parse(body).error.code).toBe(code);
    expect(Object.keys((body as ErrorBody).error).sort()).toEqual(['code', 'message']);
  });

  it('answers 503 JWKS_UNAVAILABLE in the error shape when Google\'s keys cannot be fetched', async () => {
    const { app } = testApp();
    const response = await app.request(
      '/v1/tenants',
      { method: 'POST', headers: { Authorization: bearer(await signRs256(key1, { aud: LOCAL_AUDIENCE })) } },
      googleEnv(faulty('error')),
    );
    expect(response.status).toBe(503);
    expect(ErrorBody.parse(await response.json()).error.code).toBe('JWKS_UNAVAILABLE');
  });

  it('creates a tenant for a valid Google token', async () => {
    const { app } = testApp();
    const response = await app.request(
      '/v1/tenants',
      { method: 'POST', headers: { Authorization: bearer(await signRs256(key1, { aud: LOCAL_AUDIENCE })) } },
      googleEnv(scenario('route-ok').url),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ tenantSecret: expect.any(String) });
  });
});
