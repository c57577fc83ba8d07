// `npm start`: the whole local stack in one terminal (Places emulator, local D1, wrangler dev),
// until Ctrl-C. Ports from TSUGI_API_PORT and TSUGI_EMULATOR_PORT (defaults 8787 and 8788).
import { DEFAULT_API_PORT, DEFAULT_EMULATOR_PORT, startStack, StackError, type Stack } from './stack.ts';

function portFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value == null || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`${name}=${value} is not a port number (1-65535).`);
    process.exit(2);
  }
  return port;
}

const apiPort = portFromEnv('TSUGI_API_PORT', DEFAULT_API_PORT);
const emulatorPort = portFromEnv('TSUGI_EMULATOR_PORT', DEFAULT_EMULATOR_PORT);

console.error('Starting the Places emulator, applying D1 migrations and starting wrangler dev…');
let stack: Stack;
try {
  stack = await startStack({
    apiPort,
    emulatorPort,
    onOutput: (text) => process.stderr.write(text),
  });
} catch (err) {
  console.error(`\nThe stack did not start: ${err instanceof StackError ? err.message : String(err)}`);
  process.exit(1);
}

const portArg = apiPort === DEFAULT_API_PORT ? '' : `TSUGI_API_URL=${stack.apiUrl} `;
console.log(`
  Tsugi API         ${stack.apiUrl}
  Places emulator   ${stack.emulatorUrl}
  Local keys        ${stack.home}

  try: ${portArg}npx tsugi leads --area 東京都渋谷区 --industry 美容室 --limit 20

  Ctrl-C stops everything.
`);

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(`\n${signal}: stopping wrangler dev and the emulator…`);
  await stack.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const exit = await stack.exited;
if (!shuttingDown) {
  console.error(
    `\nwrangler dev stopped on its own (${exit.code != null ? `exit code ${exit.code}` : `signal ${exit.signal}`}); stopping the emulator too.` +
      '\nIts last lines are above. A port in use, a broken wrangler.toml or a syntax error in api/ are the usual causes.',
  );
  await stack.stop();
  // Its own code when it failed; 1 when it ended "successfully", which here is still a failure.
  process.exit(exit.code || 1);
}
