// The HTTP API: routes, the one validation wrapper, the one tenant middleware, the one onError.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { PullRequest, SearchProfile } from '../../shared/contract.ts';
import { requireIdentity, requireTenant, type AppEnv } from './auth/tenant.ts';
import { readConfig } from './env.ts';
import { ApiError, onError, onNotFound } from './http/errors.ts';
import { validate } from './http/validate.ts';
import { UsageMeter } from './places/meter.ts';
import { createPlacesClient } from './places/client.ts';
import { japanDay, pull } from './pipeline/pull.ts';
import { ackBatch } from './store/batches.ts';
import { getProfile, putProfile } from './store/profiles.ts';
import { createTenant } from './store/tenants.ts';

export const MAX_BODY_BYTES = 64 * 1024;
const BatchParam = z.object({ id: z.string().regex(/^bt_[A-Za-z0-9_-]{10,40}$/, 'not a batch id') });

export function createApp(clock: () => Date = () => new Date()) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);

  app.get('/health', (c) => c.json({ status: 'ok' }));

  const v1 = new Hono<AppEnv>();
  v1.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, 'BODY_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
      },
    }),
  );

  v1.post('/tenants', requireIdentity, async (c) => {
    const { secret } = await createTenant(c.env.DB, clock());
    return c.json({ tenantSecret: secret }, 201);
  });

  // Registered after /tenants, so it guards every route below (and unknown /v1 paths) but not that one.
  v1.use('*', requireTenant);

  v1.get('/profile', async (c) => {
    const profile = await getProfile(c.env.DB, c.var.tenantId);
    if (!profile) throw new ApiError(404, 'NO_PROFILE', 'No search profile has been set yet.');
    return c.json(profile);
  });

  v1.put('/profile', validate('json', SearchProfile), async (c) => {
    const profile = c.req.valid('json');
    await putProfile(c.env.DB, c.var.tenantId, profile, clock());
    return c.json(profile);
  });

  v1.post('/pulls', validate('json', PullRequest), async (c) => {
    const config = readConfig(c.env);
    const now = clock();
    const meter = new UsageMeter();
    const places = createPlacesClient({ baseUrl: config.placesBaseUrl, apiKey: config.placesApiKey, onRequest: meter.count });
    try {
      const batch = await pull({ db: c.env.DB, places, now, batchTtlMs: config.batchTtlMs }, c.var.tenantId, c.req.valid('json').limit);
      return c.json(batch);
    } finally {
      await meter.flush(c.env.DB, c.var.tenantId, japanDay(now));
    }
  });

  v1.post('/pulls/:id/ack', validate('param', BatchParam), async (c) => {
    const { id } = c.req.valid('param');
    const outcome = await ackBatch(c.env.DB, c.var.tenantId, id, clock());
    switch (outcome.kind) {
      case 'not-found':
        throw new ApiError(404, 'BATCH_NOT_FOUND', `No batch ${id} for this tenant.`);
      case 'expired':
        throw new ApiError(409, 'BATCH_EXPIRED', `Batch ${id} expired before it was acknowledged; its leads were released.`);
      case 'already-acked':
        return c.json({ batchId: id, acknowledged: 0, alreadyAcknowledged: true });
      case 'acked':
        return c.json({ batchId: id, acknowledged: outcome.count, alreadyAcknowledged: false });
    }
  });

  app.route('/v1', v1);
  return app;
}
