// The Worker's entry: HTTP through the hono app; the Cron Trigger releases expired batches.
import { createApp } from './app.ts';
import type { Env } from './env.ts';
import { expireBatches } from './store/batches.ts';

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(expireBatches(env.DB, new Date()));
  },
} satisfies ExportedHandler<Env>;
