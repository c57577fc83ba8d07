// Standalone Places emulator: `npx tsx test/emulators/places/main.ts --port 8788 [--seed n]
// [--day n] [--host 127.0.0.1]`. Faults from the environment: PLACES_EMULATOR_RATE_429,
// PLACES_EMULATOR_RATE_500, PLACES_EMULATOR_RATE_503, PLACES_EMULATOR_RETRY_AFTER_SECONDS,
// PLACES_EMULATOR_LATENCY_MS, PLACES_EMULATOR_JITTER, PLACES_EMULATOR_SITE_LATENCY_MS;
// PLACES_EMULATOR_API_KEY makes it accept only that key.
import { parseArgs } from 'node:util';
import { startPlacesEmulator, type Faults, type PlacesEmulatorOptions } from './server.ts';

const ENV_FAULTS: Record<string, keyof Faults> = {
  PLACES_EMULATOR_RATE_429: 'rate429',
  PLACES_EMULATOR_RATE_500: 'rate500',
  PLACES_EMULATOR_RATE_503: 'rate503',
  PLACES_EMULATOR_RETRY_AFTER_SECONDS: 'retryAfterSeconds',
  PLACES_EMULATOR_LATENCY_MS: 'latencyMs',
  PLACES_EMULATOR_JITTER: 'jitter',
  PLACES_EMULATOR_SITE_LATENCY_MS: 'siteLatencyMs',
};

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8788' }, host: { type: 'string', default: '127.0.0.1' }, seed: { type: 'string' }, day: { type: 'string' } },
  });
  const faults: Partial<Faults> = {};
  for (const [env, key] of Object.entries(ENV_FAULTS)) {
    const raw = process.env[env];
    if (raw !== undefined && raw !== '') faults[key] = Number(raw);
  }
  const host = values.host;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '0.0.0.0') throw new Error('--host must be 127.0.0.1, localhost or 0.0.0.0');
  const options: PlacesEmulatorOptions = { host, faults };
  const port = integer(values.port, 'port');
  const seed = integer(values.seed, 'seed');
  const day = integer(values.day, 'day');
  if (port !== undefined) options.port = port;
  if (seed !== undefined) options.seed = seed;
  if (day !== undefined) options.day = day;
  if (process.env.PLACES_EMULATOR_API_KEY) options.apiKey = process.env.PLACES_EMULATOR_API_KEY;

  const emulator = await startPlacesEmulator(options);
  console.log(emulator.url);
  console.error(`Places emulator: ${emulator.world.businesses.length} places (seed ${emulator.world.seed}), day ${emulator.day()}; control under ${emulator.url}/__emulator/`);
  const stop = () => {
    emulator.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
