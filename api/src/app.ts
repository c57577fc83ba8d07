// The HTTP API: routes, the one validation wrapper, the one tenant middleware, the one onError.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { KnownRequest, OutcomesRequest, PullRequest, SearchProfile } from '../../shared/contract.ts';
import { requireIdentity, requireTenant, type AppEnv } from './auth/tenant.ts';
import { ApiError, onError, onNotFound } from './http/errors.ts';
import { limitPulls } from './http/rate-limit.ts';
import { noQueryParameters, validate } from './http/validate.ts';
import { rememberKnownRows } from './pipeline/dedupe.ts';
import { pull } from './pipeline/pull.ts';
import { tenantWork } from './services.ts';
import { workerNow } from './clock.ts';
import { ackBatch, discardPreparedBatch } from './store/batches.ts';
import { forgetProfileDecisions } from './store/discovery.ts';
import { tenantInsights } from './store/insights.ts';
import { recordOutcomes } from './store/outcomes.ts';
import { getProfile, putProfile } from './store/profiles.ts';
import { createTenant } from './store/tenants.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/** Routes that take more: an owner's existing rows arrive in chunks of up to 2,000, verdicts of up to 500. */
const LARGE_BODY_ROUTES: Record<string, number> = { '/v1/known': 1024 * 1024, '/v1/outcomes': 512 * 1024 };
const BatchParam = z.object({ id: z.string().regex(/^bt_[A-Za-z0-9_-]{10,40}$/, 'not a batch id') });

/** `clock` fixes "now" (tests); by default it is the Worker's clock (see clock.ts). */
export function createApp(clock?: () => Date) {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use(noQueryParameters);

  app.get('/health', (c) => c.json({ status: 'ok' }));

  const v1 = new Hono<AppEnv>();
  const limits = new Map(
    [MAX_BODY_BYTES, ...Object.values(LARGE_BODY_ROUTES)].map((maxSize) => [
      maxSize,
      bodyLimit({
        maxSize,
        onError: () => {
          throw new ApiError(413, 'BODY_TOO_LARGE', `Request bodies are limited to ${maxSize} bytes here.`);
        },
      }),
    ]),
  );
  v1.use((c, next) => limits.get(LARGE_BODY_ROUTES[c.req.path] ?? MAX_BODY_BYTES)!(c, next));

  v1.use(async (c, next) => {
    c.set('now', clock ? clock() : await workerNow(c.env));
    await next();
  });

  v1.post('/tenants', requireIdentity, async (c) => {
    const { secret } = await createTenant(c.env.DB, c.var.now);
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
    const previous = await getProfile(c.env.DB, c.var.tenantId);
    await putProfile(c.env.DB, c.var.tenantId, profile, c.var.now);
    if (previous && JSON.stringify(previous) !== JSON.stringify(profile)) {
      // A new profile may want what the old one skipped, and not what was prepared for it.
      await forgetProfileDecisions(c.env.DB, c.var.tenantId);
      await discardPreparedBatch(c.env.DB, c.var.tenantId);
    }
    return c.json(profile);
  });

  v1.post('/pulls', validate('json', PullRequest), limitPulls, async (c) => {
    const work = await tenantWork(c.env, c.var.tenantId, c.var.now);
    try {
      return c.json(await pull(work.deps, c.var.tenantId, { limit: c.req.valid('json').limit }));
    } finally {
      await work.flush();
    }
  });

  v1.post('/pulls/:id/ack', validate('param', BatchParam), async (c) => {
    const { id } = c.req.valid('param');
    const outcome = await ackBatch(c.env.DB, c.var.tenantId, id, c.var.now);
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

  v1.post('/known', validate('json', KnownRequest), async (c) => {
    const ids = await rememberKnownRows(c.env.DB, c.var.tenantId, c.req.valid('json').rows);
    return c.json({ ids });
  });

  v1.post('/outcomes', validate('json', OutcomesRequest), async (c) => {
    return c.json(await recordOutcomes(c.env.DB, c.var.tenantId, c.req.valid('json').outcomes, c.var.now));
  });

  // What the tenant's verdicts say about its filters, against its current profile (see shared/insights.ts).
  v1.get('/insights', async (c) => {
    return c.json(await tenantInsights(c.env.DB, c.var.tenantId, c.var.now));
  });

  app.route('/v1', v1);
  return app;
}
