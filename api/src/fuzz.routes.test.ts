// Property-based fuzzing of the HTTP API (fast-check, seeded globally in test/support): arbitrary
// JSON, wrong types, missing and extra fields, huge strings, unicode oddities, non-JSON bodies,
// wrong content types, bodies over the caps, arbitrary paths, methods and query strings, and
// malformed credentials and batch ids, on every route. Every request here is one the API must
// refuse: the answer is always a 4xx in the one JSON error shape with a code, never a 5xx nor a
// 2xx, and the database (every table) is exactly as it was before the run.
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { getPath, getQueryParams, tryDecodeURIComponent } from 'hono/utils/url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KnownRequest, OutcomesRequest, PullBatch, PullRequest, SearchProfile, TENANT_SECRET_HEADER } from '../../shared/contract.ts';
import { json, newTenant, profile, testApp, token } from '../test/helpers.ts';
import { MAX_BODY_BYTES } from './app.ts';

type Creds = Record<string, string>;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** The routes, as hono matches them (on the decoded path), and the methods each answers. */
const ROUTES = [
  { name: 'health', pattern: /^\/health$/, methods: ['GET', 'HEAD'] },
  { name: 'tenants', pattern: /^\/v1\/tenants$/, methods: ['POST'] },
  { name: 'profile', pattern: /^\/v1\/profile$/, methods: ['GET', 'HEAD', 'PUT'] },
  { name: 'pulls', pattern: /^\/v1\/pulls$/, methods: ['POST'] },
  { name: 'ack', pattern: /^\/v1\/pulls\/[^/]+\/ack$/, methods: ['POST'] },
  { name: 'known', pattern: /^\/v1\/known$/, methods: ['POST'] },
  { name: 'outcomes', pattern: /^\/v1\/outcomes$/, methods: ['POST'] },
  { name: 'insights', pattern: /^\/v1\/insights$/, methods: ['GET', 'HEAD'] },
] as const;

/** The route a request reaches, if any (whatever its query string). */
const routeOf = (request: Request) => ROUTES.find((route) => route.pattern.test(getPath(request)) && (route.methods as readonly string[]).includes(request.method));
const hasQueryParameters = (request: Request) => Object.keys(getQueryParams(request.url) ?? {}).length > 0;

const BODY_CAPS = { profile: MAX_BODY_BYTES, pulls: MAX_BODY_BYTES, known: 1024 * 1024, outcomes: 512 * 1024 } as const;
type JsonRoute = keyof typeof BODY_CAPS;
const JSON_ROUTES: Record<JsonRoute, { method: string; path: string; schema: z.ZodType }> = {
  profile: { method: 'PUT', path: '/v1/profile', schema: SearchProfile },
  pulls: { method: 'POST', path: '/v1/pulls', schema: PullRequest },
  known: { method: 'POST', path: '/v1/known', schema: KnownRequest },
  outcomes: { method: 'POST', path: '/v1/outcomes', schema: OutcomesRequest },
};

/** The one error shape, strictly: `{error: {code, message}}` and nothing else. */
const StrictErrorBody = z.object({ error: z.object({ code: z.string().min(1), message: z.string() }).strict() }).strict();

// ---------------------------------------------------------------------------------------------
// The world the fuzz runs against: one tenant with a profile, an open batch, known rows and an
// outcome, so that every table holds something a wrong request could change.

interface World {
  send(request: Request): Promise<Response>;
  creds: Creds;
  batchId: string;
  leadIds: string[];
  expiredToken: string;
  foreignAudienceToken: string;
}
let world: World;

beforeAll(async () => {
  const { app } = testApp();
  // No queue: nothing runs in the background to move the state under the snapshots.
  const bound = { ...env, WORK_QUEUE: undefined };
  const send = async (request: Request) => app.request(request, undefined, bound);
  const call = (path: string, init: RequestInit = {}) => send(new Request(`http://tsugi.test${path}`, init));
  // The tenant's credentials alone: each property chooses its Content-Type.
  const { 'Content-Type': _json, ...creds } = await newTenant(call);
  const setUp = async (path: string, method: string, body: unknown) => {
    const response = await call(path, { method, headers: { ...creds, 'Content-Type': 'application/json' }, body: json(body) });
    if (response.status !== 200) throw new Error(`set-up ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  await setUp('/v1/profile', 'PUT', profile({ dailyLimit: 3 }));
  const batch = PullBatch.parse(await setUp('/v1/pulls', 'POST', {}));
  await setUp('/v1/known', 'POST', { rows: [{ name: '株式会社つぎ', phone: '03-1234-5678' }] });
  await setUp('/v1/outcomes', 'POST', { outcomes: [validOutcome(batch.leads[0]!.id)] });
  world = {
    send,
    creds,
    batchId: batch.batchId,
    leadIds: batch.leads.map((lead) => lead.id),
    expiredToken: await token({ now: new Date(Date.now() - 3 * 3_600_000) }),
    foreignAudienceToken: await token({ audience: 'someone-else' }),
  };
}, 60_000);

/** Every row of every table (migrations bookkeeping aside), each table's rows sorted. */
async function snapshot(): Promise<Record<string, string[]>> {
  const { results: tables } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
     AND substr(name, 1, 4) <> '_cf_' AND name <> 'd1_migrations' ORDER BY name`,
  ).all<{ name: string }>();
  const state: Record<string, string[]> = {};
  for (const { name } of tables) {
    state[name] = (await env.DB.prepare(`SELECT * FROM "${name}"`).all()).results.map((row) => JSON.stringify(row)).sort();
  }
  return state;
}

/** Runs a property over requests and checks that the database did not move. */
async function fuzz<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, check: (input: T) => Promise<void>) {
  const before = await snapshot();
  expect(before.tenants?.length).toBe(1);
  expect(before.batch_leads?.length).toBeGreaterThan(0);
  await fc.assert(fc.asyncProperty(arbitrary, check), { numRuns });
  expect(await snapshot()).toEqual(before);
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Spec {
  method: string;
  /** Path (and query string) as sent, before the URL parser normalises it. */
  target: string;
  headers: Creds;
  body?: string | Uint8Array;
}

/** The request, or null when no HTTP client could send it (a GET with a body, a forbidden method…). */
function toRequest(spec: Spec): Request | null {
  try {
    return new Request(`http://tsugi.test${spec.target.startsWith('/') ? '' : '/'}${spec.target}`, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body as BodyInit | undefined,
    });
  } catch {
    return null;
  }
}

/** Sends the request and asserts the answer is a client error in the one shape; returns it. */
async function refused(spec: Spec): Promise<{ status: number; code: string | null }> {
  const request = toRequest(spec);
  fc.pre(request !== null);
  const response = await world.send(request!);
  const text = await response.text();
  const where = `${spec.method} ${spec.target.slice(0, 200)} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeGreaterThanOrEqual(400);
  expect(response.status, where).toBeLessThan(500);
  if (request!.method === 'HEAD') {
    expect(text, where).toBe('');
    return { status: response.status, code: null };
  }
  expect(response.headers.get('Content-Type'), where).toMatch(/^application\/json/);
  let parsed: unknown;
  expect(() => (parsed = JSON.parse(text)), where).not.toThrow();
  const body = StrictErrorBody.safeParse(parsed);
  expect(body.success, where).toBe(true);
  return { status: response.status, code: body.data!.error.code };
}

// ---------------------------------------------------------------------------------------------
// Generators

const charOf = (from: number, to: number) => fc.integer({ min: from, max: to }).map((c) => String.fromCharCode(c));
/** What a header value can carry (printable ASCII: workerd warns on the rest). */
const headerText = (maxLength = 200) => fc.string({ unit: charOf(0x20, 0x7e), maxLength });
const BASE64URL = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'];

const oddities = fc.constantFrom(
  '\u0000', '\ud800', '\udfff', '\udc00\ud800', '\ufeff', '\u202e', '\u200b', '\u2028', '\uffff', '\ufffd',
  'e\u0301', 'ｶﾞ', 'Ａ', '👩‍👩‍👧', '🇯🇵', '\\', '"', '\n', '\t', '%00', '%', '../', "'; DROP TABLE tenants; --", '<script>', '${x}', '𠮷',
);
const unicodeString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: oddities, maxLength: 20 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
);
/** Up to ~100 KB (400 KB in UTF-8 for the widest characters). */
const hugeString = fc
  .tuple(fc.constantFrom('a', 'あ', '😀', '\ud800', '\u0000', ' ', '"'), fc.integer({ min: 200, max: 100_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 0.5, 1.5, 501, 2001, 1e6 + 1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5.000001),
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: unicodeString },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: oddNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, '', ' ', '1', 'true', 'null', [null], [[]], { '': null }) },
  { weight: 1, arbitrary: fc.array(unicodeString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
);
const extraKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'tenantId', 'id', 'x', '', ' '), unicodeString);

type Path = (string | number)[];
/** Every path into a JSON value (not the root itself). */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}
/** The container paths (the root included) where an extra field can go. */
const containersOf = (value: unknown): Path[] => [[], ...pathsOf(value).filter((path) => isContainer(at(value, path)))];
const isContainer = (value: unknown): value is Record<string | number, unknown> => value !== null && typeof value === 'object';
const at = (value: unknown, path: Path): unknown => path.reduce<unknown>((node, key) => (isContainer(node) ? node[key] : undefined), value);

type Mutation = { kind: 'set'; path: Path; value: unknown } | { kind: 'delete'; path: Path } | { kind: 'extra'; path: Path; key: string; value: unknown };
function mutate(base: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(base);
  for (const mutation of mutations) {
    const parentPath = mutation.kind === 'extra' ? mutation.path : mutation.path.slice(0, -1);
    const parent = parentPath.length ? at(copy, parentPath) : copy;
    if (!isContainer(parent)) continue;
    if (mutation.kind === 'delete') {
      const key = mutation.path.at(-1)!;
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete parent[key];
    } else {
      // defineProperty: an own "__proto__" key, as JSON.parse would make it.
      const key = mutation.kind === 'extra' ? (Array.isArray(parent) ? parent.length : mutation.key) : mutation.path.at(-1)!;
      Object.defineProperty(parent, key, { value: mutation.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}

/** The valid `base`, with one to three fields set to odd values, removed, or added. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: oddValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), path: fc.constantFrom(...containersOf(base)), key: extraKey, value: oddValue }) },
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((mutations) => mutate(base, mutations));
}

/**
 * Whether the route's schema takes this body (then it is no hostile input), read as the Worker
 * reads it: sent as UTF-8 (a lone surrogate becomes U+FFFD), decoded with a leading BOM dropped
 * (as fetch's body.json() does), then parsed.
 */
function accepted(schema: z.ZodType, body: string | Uint8Array): boolean {
  const text = new TextDecoder().decode(typeof body === 'string' ? new TextEncoder().encode(body) : body);
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

const notJson = fc.oneof(
  fc.constantFrom('', ' ', '{', '}', '{"a":', "{'a':1}", 'undefined', 'NaN', '\ufeff{}', '{"limit":1,}', '[1,2', 'true false', '{}{}', '{"a":1}x', '\u0000', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: oddities, maxLength: 30 }),
);

/** Bodies a JSON route must refuse: schema-shaped but wrong, any JSON the schema rejects, not JSON. */
function refusedBody(route: JsonRoute, base: unknown): fc.Arbitrary<string | Uint8Array> {
  const { schema } = JSON_ROUTES[route];
  const asJson = fc
    .oneof(
      { weight: 6, arbitrary: mutated(base) },
      { weight: 2, arbitrary: fc.jsonValue() },
      { weight: 1, arbitrary: fc.object() },
      { weight: 1, arbitrary: oddValue },
    )
    .map((value) => JSON.stringify(value) as string | undefined)
    .filter((text): text is string => text !== undefined);
  return fc.oneof(
    { weight: 8, arbitrary: asJson },
    { weight: 2, arbitrary: notJson },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    // Over the route's cap (and over every other route's).
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000 }).map((extra) => json({ padding: 'x'.repeat(BODY_CAPS[route] + extra) })) },
  ).filter((body) => !accepted(schema, body));
}

const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/vnd.api+json');
const otherType = fc.oneof(
  fc.constantFrom(
    'text/plain', 'text/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp',
    'application/json5', 'json', 'application/json, text/plain', '*/*', 'application/xml', 'application/octet-stream', ' ',
  ),
  headerText(60),
);
const contentType = fc.oneof({ weight: 8, arbitrary: jsonType }, { weight: 2, arbitrary: otherType }, { weight: 1, arbitrary: fc.constant(undefined) });

/** A path segment: route words, dot segments, encodings, arbitrary text (percent-encoded when it can be). */
const safeEncode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
};
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('v1', 'profile', 'pulls', 'ack', 'known', 'outcomes', 'insights', 'tenants', 'health', 'V1', 'Profile', 'pulls ', 'v2') },
  { weight: 2, arbitrary: fc.constantFrom('', '.', '..', '%2e%2e', '%2F', '%00', '%', '%zz', '%E0%A4%A', ';', '*', '~', '%20', 'bt_AAAAAAAAAAAAAAA') },
  { weight: 2, arbitrary: fc.webSegment() },
  { weight: 2, arbitrary: unicodeString.map(safeEncode) },
  { weight: 1, arbitrary: unicodeString },
);
const path = fc.oneof(
  fc.webPath(),
  fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
  fc.array(segment, { maxLength: 4 }).map((segments) => `/v1/${segments.join('/')}`),
);
const queryString = fc.oneof(
  fc.webQueryParameters(),
  fc.constantFrom('x=1', 'limit=5', 'limit=', 'a&b', '%zz=1', 'a=%E0%A4%A', 'id=bt_AAAAAAAAAAAAAAA', 'a=1&a=2', '__proto__=1', 'tenant=x'),
  fc.tuple(unicodeString, unicodeString).map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`),
);

// ---------------------------------------------------------------------------------------------

function credentials(): fc.Arbitrary<Creds> {
  const { creds, expiredToken, foreignAudienceToken } = world;
  const bearer = creds.Authorization!;
  const secret = creds[TENANT_SECRET_HEADER]!;
  const shapedSecret = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 32, maxLength: 128 });
  const badSecret = fc.oneof(
    headerText(),
    shapedSecret,
    fc.constantFrom('', ' ', `${secret}x`.repeat(3), secret.slice(1), `${secret}!`, `${secret} ${secret}`, 'A'.repeat(129), 'A'.repeat(31)),
    fc.nat({ max: 8_000 }).map((n) => 'a'.repeat(n)),
  );
  const [head, payload] = bearer.slice('Bearer '.length).split('.');
  const badAuthorization = fc.oneof(
    headerText(),
    headerText().map((text) => `Bearer ${text}`),
    fc.tuple(headerText(40), headerText(40), headerText(40)).map((parts) => `Bearer ${parts.join('.')}`),
    fc.string({ unit: fc.constantFrom(...BASE64URL), maxLength: 60 }).map((sig) => `Bearer ${head}.${payload}.${sig}`),
    fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer x.y.z', 'Basic dXNlcjpwYXNz', `${bearer}x`, `${bearer} ${bearer}`, bearer.toLowerCase(), `Bearer ${expiredToken}`, `Bearer ${foreignAudienceToken}`),
  );
  return fc.oneof(
    fc.constant({}),
    fc.constant({ Authorization: bearer }),
    fc.constant({ [TENANT_SECRET_HEADER]: secret }),
    badAuthorization.map((authorization) => ({ Authorization: authorization, [TENANT_SECRET_HEADER]: secret })),
    badSecret.map((s) => ({ Authorization: bearer, [TENANT_SECRET_HEADER]: s })),
    fc.tuple(badAuthorization, badSecret).map(([authorization, s]) => ({ Authorization: authorization, [TENANT_SECRET_HEADER]: s })),
  );
}

/** The tenant's credentials most of the time; none or garbage otherwise. */
const anyCredentials = () => fc.oneof({ weight: 3, arbitrary: fc.constant(world.creds) }, { weight: 2, arbitrary: credentials() });

const validOutcome = (leadId: string) => ({
  leadId,
  status: 'rejected',
  reason: 'budget',
  at: '2026-11-24T09:00:00.000Z',
  segment: { employees: 12, industry: '美容室', area: '東京都渋谷区', newListing: true, rating: 4.2, reviews: 31 },
});
const validBodies = (): Record<JsonRoute, unknown> => ({
  profile: { ...profile({ dailyLimit: 5 }), employeesMin: 1, employeesMax: 50, minRating: 3.5, minReviews: 1, maxReviews: 900, excludeAreas: ['東京都港区'] },
  pulls: { limit: 5 },
  known: { rows: [{ name: '株式会社つぎ', address: '東京都渋谷区道玄坂1-2-3', phone: '03-1234-5678', website: 'https://example.jp/' }, { name: '別の会社' }] },
  outcomes: { outcomes: [validOutcome(world.leadIds[0]!), validOutcome('ld_other')] },
});

/** The credentials, with the Content-Type if one is given. */
const withType = (creds: Creds, type: string | undefined) => ({ ...creds, ...(type === undefined ? {} : { 'Content-Type': type }) });

describe('examples the properties below generalise', () => {
  const post = (target: string, headers: Creds, body?: string) => world.send(new Request(`http://tsugi.test${target}`, { method: 'POST', headers, body }));
  const errorOf = async (response: Response) => StrictErrorBody.parse(await response.json()).error;

  it('a query string is refused on every route, naming the parameter', async () => {
    const response = await world.send(new Request('http://tsugi.test/v1/profile?limit=5', { headers: world.creds }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'INVALID_REQUEST', message: '(query): Unrecognized key: "limit"' });
    expect((await world.send(new Request('http://tsugi.test/health?verbose'))).status).toBe(400);
  });

  it('a pull whose body is not declared JSON is refused, not taken for an empty one', async () => {
    const before = await snapshot();
    for (const headers of [{ ...world.creds, 'Content-Type': 'text/plain' }, { ...world.creds, 'Content-Type': 'application/x-www-form-urlencoded' }, world.creds]) {
      const response = await post('/v1/pulls', headers, '{}');
      expect(response.status).toBe(415);
      expect((await errorOf(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await post('/v1/pulls', world.creds)).status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it('a wrong method on a route is a 404 NOT_FOUND behind authentication, like an unknown path', async () => {
    const response = await world.send(new Request('http://tsugi.test/v1/profile', { method: 'DELETE', headers: world.creds }));
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('NOT_FOUND');
    const anonymous = await world.send(new Request('http://tsugi.test/v1/profile', { method: 'DELETE' }));
    expect(anonymous.status).toBe(401);
  });
});

describe('fuzzing every route with requests it must refuse', () => {
  beforeAll(async () => {
    // The world is set: the tenant is known and its profile served.
    const response = await world.send(new Request('http://tsugi.test/v1/profile', { headers: world.creds }));
    expect(response.status).toBe(200);
  });

  it('arbitrary paths, methods, query strings, bodies and credentials', async () => {
    const arbitrary = fc.record({
      method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...METHODS) }, { weight: 1, arbitrary: fc.constantFrom('get', 'patch', 'PROPFIND', 'TRACE', 'CONNECT', 'X') }),
      path,
      query: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: queryString }),
      creds: anyCredentials(),
      type: contentType,
      body: fc.option(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), notJson, fc.integer({ min: MAX_BODY_BYTES, max: 1024 * 1024 + 100 }).map((n) => 'x'.repeat(n))), { freq: 2 }),
    });
    await fuzz(arbitrary, 700, async ({ method, path: target, query, creds, type, body }) => {
      const spec: Spec = { method, target: query === null ? target : `${target}?${query}`, headers: withType(creds, type), body: body ?? undefined };
      const request = toRequest(spec);
      // A request that reaches a route with no query string may legitimately succeed: not this property's.
      fc.pre(request !== null && !(routeOf(request) && !hasQueryParameters(request)));
      await refused(spec);
    });
  });

  it('a wrong method on every route: 404 NOT_FOUND', async () => {
    const targets = ['/health', '/v1/tenants', '/v1/profile', '/v1/pulls', `/v1/pulls/${world.batchId}/ack`, '/v1/known', '/v1/outcomes', '/v1/insights'];
    const arbitrary = fc
      .record({ target: fc.constantFrom(...targets), method: fc.constantFrom(...METHODS, 'patch', 'X-CUSTOM'), body: fc.option(fc.constant(json(validBodies().outcomes))) })
      .filter(({ target, method }) => {
        const request = toRequest({ method, target, headers: {} });
        return request !== null && !routeOf(request);
      });
    await fuzz(arbitrary, 200, async ({ target, method, body }) => {
      const { status, code } = await refused({ method, target, headers: world.creds, body: body ?? undefined });
      expect(status).toBe(404);
      if (method !== 'HEAD') expect(code).toBe('NOT_FOUND');
    });
  });

  it('any query string on any route, however valid the rest: 400 INVALID_REQUEST', async () => {
    const bodies = validBodies();
    const requests: { method: string; target: string; body?: string }[] = [
      { method: 'GET', target: '/health' },
      { method: 'POST', target: '/v1/tenants' },
      { method: 'GET', target: '/v1/profile' },
      { method: 'HEAD', target: '/v1/profile' },
      { method: 'PUT', target: '/v1/profile', body: json(bodies.profile) },
      { method: 'POST', target: '/v1/pulls', body: json(bodies.pulls) },
      { method: 'POST', target: `/v1/pulls/${world.batchId}/ack` },
      { method: 'POST', target: '/v1/known', body: json(bodies.known) },
      { method: 'POST', target: '/v1/outcomes', body: json(bodies.outcomes) },
      { method: 'GET', target: '/v1/insights' },
    ];
    const arbitrary = fc.record({ request: fc.constantFrom(...requests), query: queryString }).filter(({ request, query }) => {
      const built = toRequest({ ...request, target: `${request.target}?${query}`, headers: {} });
      return built !== null && hasQueryParameters(built);
    });
    await fuzz(arbitrary, 300, async ({ request, query }) => {
      const { status, code } = await refused({ ...request, target: `${request.target}?${query}`, headers: withType(world.creds, 'application/json') });
      expect(status).toBe(400);
      if (request.method !== 'HEAD') expect(code).toBe('INVALID_REQUEST');
    });
  });

  for (const [route, runs] of [['profile', 450], ['pulls', 300], ['known', 300], ['outcomes', 300]] as const) {
    const { method, path: target } = JSON_ROUTES[route];
    it(`${method} ${target}: bodies its schema refuses (wrong types, missing and extra fields, huge, odd unicode, not JSON, over the cap)`, async () => {
      const arbitrary = fc.record({ body: refusedBody(route, validBodies()[route]), type: contentType });
      await fuzz(arbitrary, runs, async ({ body, type }) => {
        const { status, code } = await refused({ method, target, headers: withType(world.creds, type), body });
        const size = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
        if (size > BODY_CAPS[route]) expect(status).toBe(413);
        else if (type === undefined || !/^application\/([\w.-]+\+)?json$/i.test(type.split(';')[0]!.trim())) expect(status).toBe(415);
        else expect(code).toMatch(/^INVALID_(REQUEST|JSON)$/);
      });
    });
  }

  it('JSON routes sent a body that is not declared JSON, even a valid one: 415, never acted on', async () => {
    const bodies = validBodies();
    const arbitrary = fc.record({
      route: fc.constantFrom(...(Object.keys(JSON_ROUTES) as JsonRoute[])),
      type: fc.option(otherType, { freq: 4 }),
      valid: fc.boolean(),
      text: fc.oneof(notJson, fc.jsonValue().map((v) => JSON.stringify(v))),
    });
    await fuzz(arbitrary, 250, async ({ route, type, valid, text }) => {
      fc.pre(type === null || !/^application\/([\w.-]+\+)?json$/i.test(type.split(';')[0]!.trim()));
      const { method, path: target } = JSON_ROUTES[route];
      const body = valid ? json(bodies[route]) : text;
      const { status, code } = await refused({ method, target, headers: withType(world.creds, type ?? undefined), body });
      expect(status).toBe(415);
      expect(code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  it('malformed and unknown batch ids on the ack route: 400 or 404, the open batch untouched', async () => {
    const wellFormed = fc.string({ unit: fc.constantFrom(...BASE64URL), minLength: 10, maxLength: 40 }).map((id) => `bt_${id}`);
    const malformed = fc.oneof(
      fc.constantFrom('.', '..', '%', '%2F', '%00', '%zz', 'bt_', 'bt_short', `bt_${'a'.repeat(41)}`, 'BT_AAAAAAAAAAAA', `${world.batchId}%2Fx`, `${world.batchId}%00`, `${world.batchId}.`, ` ${world.batchId}`, encodeURIComponent(`${world.batchId}\n`), 'bt_AAAAAAAAAA%20'),
      unicodeString.map(safeEncode),
      unicodeString,
      fc.webSegment(),
      hugeString.map((s) => safeEncode(s.slice(0, 20_000))),
    );
    const arbitrary = fc.record({ id: fc.oneof(wellFormed, malformed), creds: anyCredentials(), body: fc.option(fc.oneof(notJson, fc.jsonValue().map((v) => JSON.stringify(v)))) });
    await fuzz(arbitrary, 350, async ({ id, creds, body }) => {
      const spec: Spec = { method: 'POST', target: `/v1/pulls/${id}/ack`, headers: creds, body: body ?? undefined };
      const request = toRequest(spec);
      // Only the ack route, and never the open batch's own id (however it is spelled).
      const param = request && /^\/v1\/pulls\/([^/]+)\/ack$/.exec(getPath(request))?.[1];
      fc.pre(request !== null && routeOf(request)?.name === 'ack' && param != null && tryDecodeURIComponent(param) !== world.batchId);
      const { status, code } = await refused(spec);
      if (creds === world.creds) {
        expect([400, 404]).toContain(status);
        expect(code).toMatch(/^(INVALID_REQUEST|BATCH_NOT_FOUND)$/);
      }
    });
  });

  it('missing, malformed, foreign and unknown credentials on every route, with otherwise valid requests: 401', async () => {
    const bodies = validBodies();
    const requests: Spec[] = [
      { method: 'POST', target: '/v1/tenants', headers: {} },
      { method: 'GET', target: '/v1/profile', headers: {} },
      { method: 'PUT', target: '/v1/profile', headers: {}, body: json(bodies.profile) },
      { method: 'POST', target: '/v1/pulls', headers: {}, body: json(bodies.pulls) },
      { method: 'POST', target: `/v1/pulls/${world.batchId}/ack`, headers: {} },
      { method: 'POST', target: '/v1/known', headers: {}, body: json(bodies.known) },
      { method: 'POST', target: '/v1/outcomes', headers: {}, body: json(bodies.outcomes) },
      { method: 'DELETE', target: '/v1/profile', headers: {} },
      { method: 'GET', target: '/v1/elsewhere', headers: {} },
    ];
    const arbitrary = fc.record({ request: fc.constantFrom(...requests), creds: credentials() });
    await fuzz(arbitrary, 400, async ({ request, creds }) => {
      // Creating a tenant needs an identity only: the tenant's own token creates one, legitimately.
      fc.pre(!(request.target === '/v1/tenants' && creds.Authorization === world.creds.Authorization));
      const { status, code } = await refused({ ...request, headers: { ...creds, 'Content-Type': 'application/json' } });
      expect(status).toBe(401);
      expect(code).toMatch(/^(TOKEN_MISSING|TOKEN_INVALID|TOKEN_EXPIRED|ISSUER_UNTRUSTED|AUDIENCE_MISMATCH|KEY_UNKNOWN|TENANT_SECRET_MISSING|TENANT_UNKNOWN)$/);
    });
  });
});
