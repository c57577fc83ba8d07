// `npm start`: the whole local stack in one terminal (Places emulator, local D1, wrangler dev)
// and the add-on's preview page, until Ctrl-C. Ports from TSUGI_API_PORT, TSUGI_EMULATOR_PORT,
// TSUGI_PREVIEW_PORT and TSUGI_GBIZINFO_PORT (defaults 8787, 8788, 8789 and 8790).
import { DEFAULT_PREVIEW_PORT, startPreview, type Preview } from '../preview/server.ts';
import { portIsFree } from './ports.ts';
import { DEFAULT_API_PORT, DEFAULT_EMULATOR_PORT, DEFAULT_GBIZINFO_PORT, startStack, StackError, type Stack } from './stack.ts';

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
const previewPort = portFromEnv('TSUGI_PREVIEW_PORT', DEFAULT_PREVIEW_PORT);
const gbizinfoPort = portFromEnv('TSUGI_GBIZINFO_PORT', DEFAULT_GBIZINFO_PORT);

// Before the slow part: the preview starts last, and its port being taken would stop it all.
if (!(await portIsFree(previewPort, '127.0.0.1'))) {
  console.error(`Port ${previewPort} (preview) is already in use; is another \`npm start\` running? (TSUGI_PREVIEW_PORT picks another)`);
  process.exit(1);
}

console.error('Starting the Places emulator, applying D1 migrations and starting wrangler dev…');
let stack: Stack;
try {
  stack = await startStack({
    apiPort,
    emulatorPort,
    gbizinfoPort,
    onOutput: (text) => process.stderr.write(text),
  });
} catch (err) {
  console.error(`\nThe stack did not start: ${err instanceof StackError ? err.message : String(err)}`);
  process.exit(1);
}

let preview: Preview;
try {
  preview = await startPreview({ apiUrl: stack.apiUrl, emulatorUrl: stack.emulatorUrl, home: stack.home, port: previewPort });
} catch (err) {
  console.error(`\nThe preview did not start: ${err instanceof Error ? err.message : String(err)}`);
  await stack.stop();
  process.exit(1);
}

const portArg = apiPort === DEFAULT_API_PORT ? '' : `TSUGI_API_URL=${stack.apiUrl} `;
console.log(`
  Preview           ${preview.url}   (the sheet and the add-on's sidebar, in a browser)
  Tsugi API         ${stack.apiUrl}
  Places emulator   ${stack.emulatorUrl}
  gBizINFO emulator ${stack.gbizinfoUrl}
  Local keys        ${stack.home}

  try: ${portArg}npx tsugi leads --area 東京都渋谷区 --industry 美容室 --limit 20

  Ctrl-C stops everything.
`);

let shuttingDown = false;
async function shutdown(signal: NodeJS.Signals) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(`\n${signal}: stopping the preview, wrangler dev and the emulator…`);
  await preview.close();
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
  await preview.close();
  await stack.stop();
  // Its own code when it failed; 1 when it ended "successfully", which here is still a failure.
  process.exit(exit.code || 1);
}
