// The Worker's entry: HTTP through the hono app; the Cron Trigger pre-fetches every tenant's next
// batch overnight; the queue consumer does background work (sweeps, pre-fetch per tenant).
import { createApp } from './app.ts';
import { workerNow } from './clock.ts';
import type { Env, WorkMessage } from './env.ts';
import { logError } from './http/log.ts';
import { nightly, runWork } from './pipeline/prefetch.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(workerNow(env).then((now) => nightly(env, now)));
  },
  async queue(batch, env, _ctx) {
    const now = await workerNow(env);
    for (const message of batch.messages) {
      try {
        await runWork(env, message.body, now);
        message.ack();
      } catch (err) {
        logError(env, 'background work failed', err, message.body.kind);
        message.retry({ delaySeconds: 60 });
      }
    }
  },
} satisfies ExportedHandler<Env, WorkMessage>;
