// The local stack behind `npm start`, the end-to-end tests and the preview: the Places emulator
// in this process, local D1 migrated, and `wrangler dev` running the API against both, with the
// local issuer's public key as its trusted JWKS. Offline: every wrangler call home is switched off.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadOrCreateLocalIssuer, REPO_ROOT, tsugiHome } from '../../cli/credentials.ts';
import { startGbizinfoEmulator } from '../emulators/gbizinfo/server.ts';
import { startPlacesEmulator } from '../emulators/places/server.ts';
import { writeDevVars } from './dev-vars.ts';
import { freePort, portIsFree } from './ports.ts';

export type PlacesEmulator = Awaited<ReturnType<typeof startPlacesEmulator>>;

export const DEFAULT_API_PORT = 8787;
export const DEFAULT_EMULATOR_PORT = 8788;
export const DEFAULT_GBIZINFO_PORT = 8790;
const HOST = '127.0.0.1';
const WRANGLER = join(REPO_ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

/** The environment every wrangler child gets: never prompt, never phone home. */
export const WRANGLER_ENV: Readonly<Record<string, string>> = {
  CI: '1', // non-interactive: confirmations take their default instead of waiting on stdin
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // no fetch of workers.cloudflare.com/cf.json; a placeholder `cf` is used
  WRANGLER_HIDE_BANNER: 'true', // the banner runs an npm update check
  FORCE_COLOR: '0',
};

export interface StackOptions {
  /** Port for the API; 0 picks a free one. Default 8787. */
  apiPort?: number;
  /** Port for the Places emulator; 0 picks a free one. Default 8788. */
  emulatorPort?: number;
  /** Port for the gBizINFO emulator; 0 picks a free one. Default 8790 (0 when emulatorPort is 0). */
  gbizinfoPort?: number;
  /**
   * A state directory of its own (wrangler --persist-to): local D1 lives there and so does the
   * Worker's variables file, so the repository's .dev.vars and .wrangler/state are left alone.
   */
  persistTo?: string;
  /** Where the local issuer's keys live (TSUGI_HOME); default `<repo>/.tsugi`. */
  home?: string;
  emulatorSeed?: number;
  /** wrangler's output as it comes; without it the output is only kept for error messages. */
  onOutput?: (text: string) => void;
  /** How long to wait for GET /health; default 60 s. */
  readyTimeoutMs?: number;
}

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines wrangler printed. */
  output: string;
}

export interface Stack {
  apiUrl: string;
  emulatorUrl: string;
  emulator: PlacesEmulator;
  gbizinfoUrl: string;
  home: string;
  /** Resolves if `wrangler dev` exits by itself (not through stop()). */
  exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

export class StackError extends Error {
  constructor(
    message: string,
    readonly output = '',
  ) {
    super(output ? `${message}\n--- wrangler output ---\n${output}` : message);
    this.name = 'StackError';
  }
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const home = resolve(options.home ?? tsugiHome({}));
  const keys = await loadOrCreateLocalIssuer(home);
  const persistTo = options.persistTo ? resolve(options.persistTo) : undefined;
  if (persistTo) await mkdir(persistTo, { recursive: true });

  const apiPort = await choosePort(options.apiPort ?? DEFAULT_API_PORT, 'API');
  const emulatorPort = options.emulatorPort ?? DEFAULT_EMULATOR_PORT;
  if (emulatorPort !== 0 && !(await portIsFree(emulatorPort, HOST))) {
    throw new StackError(`Port ${emulatorPort} (Places emulator) is already in use; is another \`npm start\` running?`);
  }
  // A stack whose Places emulator takes a free port (the tests) takes one for gBizINFO too.
  const gbizinfoPort = options.gbizinfoPort ?? (emulatorPort === 0 ? 0 : DEFAULT_GBIZINFO_PORT);
  if (gbizinfoPort !== 0 && !(await portIsFree(gbizinfoPort, HOST))) {
    throw new StackError(`Port ${gbizinfoPort} (gBizINFO emulator) is already in use; is another \`npm start\` running?`);
  }
  const seed = options.emulatorSeed == null ? {} : { seed: options.emulatorSeed };
  const emulator = await startPlacesEmulator({ port: emulatorPort, ...seed });
  let gbizinfo: Awaited<ReturnType<typeof startGbizinfoEmulator>> | undefined;

  let dev: ManagedChild | undefined;
  try {
    gbizinfo = await startGbizinfoEmulator({ port: gbizinfoPort, ...seed });
    const varsFile = persistTo ? join(persistTo, '.dev.vars') : join(REPO_ROOT, '.dev.vars');
    await writeDevVars(varsFile, {
      LOCAL_ISSUER_JWKS: JSON.stringify(keys.publicJwks),
      GOOGLE_MAPS_API_KEY: 'local-emulator-key',
      PLACES_BASE_URL: emulator.url,
      DEV_CLOCK_URL: `${emulator.url}/__emulator/clock`,
      SITE_FETCH_BASE_URL: `${emulator.url}/sites`,
      GBIZINFO_TOKEN: gbizinfo.token,
      GBIZINFO_BASE_URL: gbizinfo.url,
    });
    const stateArgs = persistTo ? ['--persist-to', persistTo] : [];

    const migrate = await runToEnd([WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', ...stateArgs], options.onOutput);
    if (migrate.code !== 0) throw new StackError(`Applying the D1 migrations failed (exit ${migrate.code}).`, migrate.output);

    const devArgs = [WRANGLER, 'dev', '--ip', HOST, '--port', String(apiPort), '--test-scheduled', '--show-interactive-dev-session=false', ...stateArgs];
    // A stack with its own state also gets its own variables file and inspector port, so it can
    // run beside `npm start` (wrangler ignores .dev.vars when --env-file is given).
    if (persistTo) devArgs.push('--env-file', varsFile, '--inspector-port', String(await freePort(HOST)));
    dev = startChild(devArgs, options.onOutput);

    const apiUrl = `http://${HOST}:${apiPort}`;
    await waitForHealth(apiUrl, dev, options.readyTimeoutMs ?? 60_000);

    const running = dev;
    const gbiz = gbizinfo;
    let stopping: Promise<void> | undefined;
    return {
      apiUrl,
      emulatorUrl: emulator.url,
      emulator,
      gbizinfoUrl: gbiz.url,
      home,
      exited: running.exit.then((exit) => (running.stopRequested ? new Promise<ChildExit>(() => {}) : exit)),
      stop: () =>
        (stopping ??= (async () => {
          await running.stop();
          await emulator.close();
          await gbiz.close();
        })()),
    };
  } catch (err) {
    await dev?.stop();
    await emulator.close();
    await gbizinfo?.close();
    throw err;
  }
}

async function choosePort(port: number, what: string): Promise<number> {
  if (port === 0) return freePort(HOST);
  if (!(await portIsFree(port, HOST))) {
    throw new StackError(`Port ${port} (${what}) is already in use; is another \`npm start\` running?`);
  }
  return port;
}

interface ManagedChild {
  process: ChildProcess;
  exit: Promise<ChildExit>;
  stopRequested: boolean;
  output(): string;
  stop(): Promise<void>;
}

const OUTPUT_LINES_KEPT = 60;

function startChild(args: string[], onOutput?: (text: string) => void): ManagedChild {
  // Its own process group, so stop() reaches workerd (wrangler's child) too.
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...WRANGLER_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    onOutput?.(text);
    lines.push(...text.split('\n').filter((line) => line.trim() !== ''));
    if (lines.length > OUTPUT_LINES_KEPT) lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);

  // The whole group, even after wrangler itself has gone (workerd may outlive it).
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid == null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // Nothing left in the group.
    }
  };
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) signalGroup(signal);
  };
  // If this process ends without stop() (a crashed test run), do not leave wrangler behind.
  const onParentExit = () => killGroup('SIGTERM');
  process.once('exit', onParentExit);

  const exit = new Promise<ChildExit>((resolveExit) => {
    child.once('error', (err) => {
      lines.push(String(err));
      resolveExit({ code: null, signal: null, output: lines.join('\n') });
    });
    child.once('exit', (code, signal) => {
      process.off('exit', onParentExit);
      // Whatever workerd is still running in the group goes with wrangler.
      signalGroup('SIGKILL');
      resolveExit({ code, signal, output: lines.join('\n') });
    });
  });

  const managed: ManagedChild = {
    process: child,
    exit,
    stopRequested: false,
    output: () => lines.join('\n'),
    async stop() {
      managed.stopRequested = true;
      killGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
      await exit;
      clearTimeout(timer);
    },
  };
  return managed;
}

/** Runs a wrangler command to the end; its output is passed on and kept. */
async function runToEnd(args: string[], onOutput?: (text: string) => void): Promise<ChildExit> {
  return startChild(args, onOutput).exit;
}

async function waitForHealth(apiUrl: string, dev: ManagedChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: ChildExit | undefined;
  void dev.exit.then((exit) => (exited = exit));
  while (Date.now() < deadline) {
    if (exited) {
      throw new StackError(`wrangler dev exited before the API was ready (exit ${exited.code ?? exited.signal}).`, exited.output);
    }
    try {
      const response = await fetch(`${apiUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new StackError(`The API at ${apiUrl} did not answer GET /health within ${timeoutMs} ms.`, dev.output());
}
