// A fake of Google's JWKS endpoint for the identity tests (Node side, started by the workers
// project's global setup). It holds three RSA key pairs; the Worker's tests sign tokens with the
// private halves and point `googleJwksUrl` at this server.
//
//   GET  /oauth2/v3/certs        the first two public keys (like Google's usual two)
//   GET  /s/<name>/certs         the same, per scenario, so each test gets its own cached key set
//   POST /s/<name>/rotate        from now on /s/<name>/certs also serves the third key
//   GET  /s/<name>/count         {"count": n}: how often /s/<name>/certs was fetched
//   GET  /slow/<any>/certs       hangs for 10 s before answering (a bounded fetch must give up)
//   GET  /error/<any>/certs      500
//   GET  /garbage/<any>/certs    200 with a body that is not JSON
//   GET  /notjwks/<any>/certs    200 with JSON that is not a key set
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface GoogleJwksKey {
  kid: string;
  privateJwk: JWK;
}

export interface GoogleJwks {
  url: string;
  /** All key pairs; the first two are served at first, the third only after a rotation. */
  keys: GoogleJwksKey[];
}

const INITIAL_KEYS = 2;
const SLOW_MS = 10_000;

export async function startGoogleJwks(): Promise<GoogleJwks & { close(): Promise<void> }> {
  const pairs = await Promise.all(
    [1, 2, 3].map(async (n) => {
      const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
      const kid = `google-test-${n}-${crypto.randomUUID().slice(0, 8)}`;
      return {
        kid,
        publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
        privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
      };
    }),
  );
  const jwks = (count: number) => ({ keys: pairs.slice(0, count).map((pair) => pair.publicJwk) });

  const rotated = new Set<string>();
  const fetches = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, body: string, type = 'application/json') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path.endsWith('/certs')) fetches.set(path, (fetches.get(path) ?? 0) + 1);

    if (req.method === 'GET' && path === '/oauth2/v3/certs') return send(res, 200, JSON.stringify(jwks(INITIAL_KEYS)));

    const scenario = /^\/s\/([\w-]+)\/(certs|rotate|count)$/.exec(path);
    if (scenario) {
      const [, name = '', action] = scenario;
      if (req.method === 'GET' && action === 'certs') {
        return send(res, 200, JSON.stringify(jwks(rotated.has(name) ? pairs.length : INITIAL_KEYS)));
      }
      if (req.method === 'POST' && action === 'rotate') {
        rotated.add(name);
        return send(res, 200, JSON.stringify({ rotated: name }));
      }
      if (req.method === 'GET' && action === 'count') {
        return send(res, 200, JSON.stringify({ count: fetches.get(`/s/${name}/certs`) ?? 0 }));
      }
    }

    const fault = /^\/(slow|error|garbage|notjwks)\/[\w-]+\/certs$/.exec(path);
    if (req.method === 'GET' && fault) {
      switch (fault[1]) {
        case 'slow': {
          const timer = setTimeout(() => {
            timers.delete(timer);
            send(res, 200, JSON.stringify(jwks(INITIAL_KEYS)));
          }, SLOW_MS);
          timers.add(timer);
          return;
        }
        case 'error':
          return send(res, 500, JSON.stringify({ error: 'backend error' }));
        case 'garbage':
          return send(res, 200, '<html>Service Unavailable</html>', 'text/html');
        case 'notjwks':
          return send(res, 200, JSON.stringify({ keys: 'none', hello: 'world' }));
      }
    }
    send(res, 404, JSON.stringify({ error: 'not found' }));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    keys: pairs.map(({ kid, privateJwk }) => ({ kid, privateJwk })),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
