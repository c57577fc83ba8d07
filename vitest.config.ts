// Two test projects: `node` (shared code, CLI, add-on, emulators, end-to-end) and `workers` (the
// API inside workerd through vitest-pool-workers, with local D1 and the real Places emulator,
// which a Node global setup starts and hands over by URL).
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { createLocalIssuerKeys } from './shared/local-issuer.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'addon/**/*.test.ts', 'test/**/*.test.ts'],
          setupFiles: ['./test/support/fast-check-seed.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => {
            const issuer = await createLocalIssuerKeys();
            return {
              main: './api/src/index.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: await readD1Migrations('./api/migrations'),
                  LOCAL_ISSUER_JWKS: JSON.stringify(issuer.publicJwks),
                  TEST_ISSUER_KEYS: JSON.stringify({ kid: issuer.kid, privateJwk: issuer.privateJwk }),
                  PLACES_BASE_URL: inject('placesEmulatorUrl'),
                  TEST_CLOCK_EMULATOR_URL: inject('clockEmulatorUrl'),
                  SITE_FETCH_BASE_URL: `${inject('placesEmulatorUrl')}/sites`,
                  // Tests fix "now" themselves; the emulator's clock does not move the Worker's.
                  DEV_CLOCK_URL: '',
                  GOOGLE_MAPS_API_KEY: 'test-key',
                  // No gBizINFO unless a test configures it (a token left in .dev.vars by
                  // `npm start` must not point every pull at a port nothing listens on).
                  GBIZINFO_TOKEN: '',
                  GBIZINFO_BASE_URL: inject('gbizinfoEmulatorUrl'),
                },
              },
            };
          }),
        ],
        test: {
          name: 'workers',
          include: ['api/**/*.test.ts'],
          globalSetup: ['./api/test/places-emulator.setup.ts'],
          setupFiles: ['./api/test/apply-migrations.ts', './test/support/fast-check-seed.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
