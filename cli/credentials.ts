// What the CLI proves itself with. Locally: an identity token signed with the local issuer's
// private key, kept in `.tsugi/local-issuer.json` (the dev stack configures the Worker with the
// matching public key). Against a deployed API: a Google identity token from TSUGI_ID_TOKEN.
// Tenant secrets are kept per API URL in `.tsugi/cli-tenants.json`.
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createLocalIssuerKeys, LOCAL_AUDIENCE, signLocalToken, type LocalIssuerKeys } from '../shared/local-issuer.ts';
import { ApiClient, ApiClientError, normaliseApiUrl, type TenantSecretStore } from './api-client.ts';

export const DEFAULT_API_URL = 'http://127.0.0.1:8787';
export const LOCAL_ISSUER_FILE = 'local-issuer.json';
export const TENANTS_FILE = 'cli-tenants.json';

/** The repository root (this file lives in <root>/cli). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Env = Record<string, string | undefined>;

/** Where keys and tenant secrets live: TSUGI_HOME, else `<repo>/.tsugi`. */
export const tsugiHome = (env: Env): string => resolve(env.TSUGI_HOME || join(REPO_ROOT, '.tsugi'));

export const apiUrlFrom = (env: Env): string => normaliseApiUrl(env.TSUGI_API_URL || DEFAULT_API_URL);

const Jwk = z.record(z.string(), z.unknown());
const IssuerFile = z.object({
  kid: z.string().min(1),
  privateJwk: Jwk,
  publicJwks: z.object({ keys: z.array(Jwk).min(1) }),
});

/**
 * The local issuer's keys from `<dir>/local-issuer.json`, created (mode 0600) on first use. Safe
 * when two processes start at once: the file appears whole or not at all, and the loser reads
 * the winner's keys.
 */
export async function loadOrCreateLocalIssuer(dir: string): Promise<LocalIssuerKeys> {
  const file = join(dir, LOCAL_ISSUER_FILE);
  const existing = await readIssuer(file);
  if (existing) return existing;

  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys = await createLocalIssuerKeys();
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(temp).catch(() => {});
  }
  const stored = await readIssuer(file);
  if (!stored) throw new Error(`${file} could not be read back`);
  return stored;
}

async function readIssuer(file: string): Promise<LocalIssuerKeys | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = IssuerFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a local issuer key file: ${parsed.error.message}`);
  // The shape is checked above; jose checks the key material itself when it imports it.
  return parsed.data as LocalIssuerKeys;
}

/** True for URLs of an API on this machine, where the local issuer is trusted. */
export function isLocalApi(apiUrl: string): boolean {
  try {
    const host = new URL(apiUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/**
 * The bearer token source: TSUGI_ID_TOKEN when set; otherwise, for a local API, a token signed
 * with the local issuer (made once per process); otherwise an ID_TOKEN_REQUIRED error.
 */
export function identityTokenSource(env: Env, apiUrl: string, home: string): () => Promise<string> {
  const given = env.TSUGI_ID_TOKEN?.trim();
  if (given) return async () => given;
  let token: Promise<string> | undefined;
  return () => {
    if (!isLocalApi(apiUrl)) {
      return Promise.reject(new ApiClientError('ID_TOKEN_REQUIRED', `${apiUrl} is not local; set TSUGI_ID_TOKEN.`, 0));
    }
    token ??= loadOrCreateLocalIssuer(home).then((keys) => signLocalToken(keys, { audience: LOCAL_AUDIENCE }));
    return token;
  };
}

const TenantsFile = z.record(z.string(), z.object({ tenantSecret: z.string().min(1), createdAt: z.string() }));

/** Tenant secrets by API URL in `<home>/cli-tenants.json` (mode 0600, replaced atomically). */
export function fileTenantStore(home: string): TenantSecretStore {
  const file = join(home, TENANTS_FILE);
  const read = async (): Promise<z.infer<typeof TenantsFile>> => {
    try {
      const parsed = TenantsFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
      // A damaged file only costs a new registration.
      return parsed.success ? parsed.data : {};
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || err instanceof SyntaxError) return {};
      throw err;
    }
  };
  return {
    async get(apiUrl) {
      return (await read())[normaliseApiUrl(apiUrl)]?.tenantSecret ?? null;
    },
    async set(apiUrl, secret) {
      const all = await read();
      all[normaliseApiUrl(apiUrl)] = { tenantSecret: secret, createdAt: new Date().toISOString() };
      await mkdir(home, { recursive: true, mode: 0o700 });
      const temp = `${file}.${randomUUID()}.tmp`;
      await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
      await chmod(temp, 0o600);
      await rename(temp, file);
    },
  };
}

/** An API client for the environment: TSUGI_API_URL, TSUGI_HOME, TSUGI_ID_TOKEN. */
export function createCliApiClient(env: Env, hooks: { onTenantRenewed?: () => void } = {}): ApiClient {
  const apiUrl = apiUrlFrom(env);
  const home = tsugiHome(env);
  return new ApiClient({
    baseUrl: apiUrl,
    identityToken: identityTokenSource(env, apiUrl, home),
    tenants: fileTenantStore(home),
    onTenantRenewed: hooks.onTenantRenewed,
  });
}
