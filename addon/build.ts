// The add-on's build: clasp 3 does not compile TypeScript, so esbuild bundles addon/src/index.ts
// into one IIFE (global `Tsugi`) and every export gets a top-level function declaration that
// delegates to it, since Apps Script only sees top-level functions (menu items, triggers and
// google.script.run all call those). The HTML files and the manifest go next to it in addon/dist,
// which .clasp.json pushes.
//
//   npm run build          → tsx addon/build.ts           (TSUGI_API_URL, default the local API)
//   npm run deploy:addon   → tsx addon/build.ts --deploy  (https TSUGI_API_URL, then clasp push --force)
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { LOCAL_API_URL } from './src/config.ts';

const ADDON_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.dirname(ADDON_DIR);
const SRC_DIR = path.join(ADDON_DIR, 'src');
const ENTRY = path.join(SRC_DIR, 'index.ts');
export const DEFAULT_OUT_DIR = path.join(ADDON_DIR, 'dist');
const CLASP_JSON = path.join(REPO_ROOT, '.clasp.json');

/** The IIFE's global; each Apps Script global delegates to `Tsugi.<name>`. */
export const GLOBAL_NAME = 'Tsugi';

export const OAUTH_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/script.container.ui',
  'https://www.googleapis.com/auth/script.external_request',
  'https://www.googleapis.com/auth/script.scriptapp',
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
];

export interface BuildOptions {
  /** The Worker's base URL: compiled in as __TSUGI_API_URL__ and (https only) whitelisted. */
  apiUrl: string;
  /** Where Code.js, the HTML files and appsscript.json are written (created if missing). */
  outDir: string;
}

export interface BuildResult {
  /** The file names written into outDir. */
  files: string[];
  /** The Apps Script globals: index.ts's exports, each a top-level function in Code.js. */
  globals: string[];
}

export class BuildError extends Error {
  override name = 'BuildError';
}

/**
 * Checks and normalises the API URL: http(s) only, no query or fragment, no trailing slash (the
 * add-on appends `/v1/...`). `source` names where the value came from, for the error message.
 */
export function normaliseApiUrl(raw: string, source = 'apiUrl'): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BuildError(`${source} is not a valid URL: ${JSON.stringify(raw)} (expected e.g. https://tsugi-api.example.workers.dev)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BuildError(`${source} must be an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new BuildError(`${source} must be a plain base URL without credentials, query or fragment, got ${JSON.stringify(raw)}`);
  }
  return url;
}

const withoutTrailingSlash = (url: URL) => url.href.replace(/\/+$/, '');

/** appsscript.json. Apps Script accepts only https prefixes in urlFetchWhitelist. */
export function manifestFor(apiUrl: URL): Record<string, unknown> {
  return {
    timeZone: 'Asia/Tokyo',
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    oauthScopes: OAUTH_SCOPES,
    ...(apiUrl.protocol === 'https:' ? { urlFetchWhitelist: [`${withoutTrailingSlash(apiUrl)}/`] } : {}),
  };
}

/** Statements Apps Script cannot run: module syntax at top level, or a CommonJS require anywhere. */
export function findModuleSyntax(code: string): string[] {
  const problems: string[] = [];
  code.split('\n').forEach((line, index) => {
    if (/^(import|export)\b/.test(line)) problems.push(`line ${index + 1}: ${line.slice(0, 120)}`);
    else if (/(^|[^\w$.])require\(/.test(line)) problems.push(`line ${index + 1}: ${line.trim().slice(0, 120)}`);
  });
  return problems;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function esbuildOptions(apiUrl: string): esbuild.BuildOptions {
  return {
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'neutral',
    target: 'es2020',
    // platform 'neutral' resolves no main fields by default; zod 4 and the other deps are ESM.
    mainFields: ['module', 'main'],
    conditions: ['module'],
    minify: false,
    charset: 'utf8',
    legalComments: 'none',
    define: { __TSUGI_API_URL__: JSON.stringify(apiUrl) },
    metafile: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  };
}

async function runEsbuild(options: esbuild.BuildOptions): Promise<esbuild.BuildResult & { outputFiles: esbuild.OutputFile[]; metafile: esbuild.Metafile }> {
  try {
    return (await esbuild.build(options)) as esbuild.BuildResult & { outputFiles: esbuild.OutputFile[]; metafile: esbuild.Metafile };
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    if (Array.isArray(failure.errors)) {
      const text = await esbuild.formatMessages(failure.errors, { kind: 'error', color: false });
      throw new BuildError(`esbuild could not bundle ${path.relative(REPO_ROOT, ENTRY)}:\n${text.join('')}`);
    }
    throw err;
  }
}

/** The entry's export names, from an ESM pass's metafile (the IIFE's metafile lists none). */
async function entryExports(apiUrl: string): Promise<string[]> {
  const result = await runEsbuild({ ...esbuildOptions(apiUrl), format: 'esm' });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new BuildError('esbuild reported no output for the entry point');
  return [...output.exports];
}

export async function buildAddon(options: BuildOptions): Promise<BuildResult> {
  const url = normaliseApiUrl(options.apiUrl);
  const apiUrl = withoutTrailingSlash(url);
  const outDir = path.resolve(options.outDir);

  const globals = await entryExports(apiUrl);
  if (globals.length === 0) throw new BuildError(`${path.relative(REPO_ROOT, ENTRY)} exports nothing: Apps Script would see no functions`);
  for (const name of globals) {
    if (!IDENTIFIER.test(name) || name === GLOBAL_NAME || name === 'default') {
      throw new BuildError(`export ${JSON.stringify(name)} cannot become an Apps Script global function`);
    }
  }

  const bundled = await runEsbuild({ ...esbuildOptions(apiUrl), format: 'iife', globalName: GLOBAL_NAME });
  const bundle = bundled.outputFiles.find((f) => f.path.endsWith('.js'));
  if (!bundle) throw new BuildError('esbuild produced no JavaScript');
  const stubs = globals.map((name) => `function ${name}(...args) {\n  return ${GLOBAL_NAME}.${name}(...args);\n}`);
  const code = [
    `// Built by addon/build.ts from addon/src (do not edit: run npm run build). API: ${apiUrl}`,
    bundle.text.trimEnd(),
    '',
    '// The Apps Script globals (menu items, triggers, google.script.run): top-level functions only.',
    ...stubs,
    '',
  ].join('\n');
  const problems = findModuleSyntax(code);
  if (problems.length > 0) {
    throw new BuildError(`the bundle still has module syntax Apps Script cannot run:\n  ${problems.slice(0, 10).join('\n  ')}`);
  }

  await mkdir(outDir, { recursive: true });
  // Drop what an earlier build left (a removed HTML file must not be pushed again).
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    if (entry.isFile() && /\.(js|html)$|^appsscript\.json$/.test(entry.name)) await rm(path.join(outDir, entry.name));
  }

  const files: string[] = [];
  await writeFile(path.join(outDir, 'Code.js'), code);
  files.push('Code.js');
  const htmlFiles = (await readdir(SRC_DIR)).filter((name) => name.endsWith('.html')).sort();
  for (const name of htmlFiles) {
    await copyFile(path.join(SRC_DIR, name), path.join(outDir, name));
    files.push(name);
  }
  await writeFile(path.join(outDir, 'appsscript.json'), `${JSON.stringify(manifestFor(url), null, 2)}\n`);
  files.push('appsscript.json');
  if (url.protocol !== 'https:') {
    console.log(`note: ${apiUrl} is not https, so appsscript.json has no urlFetchWhitelist (Apps Script accepts https entries only; fine for local tests and the preview)`);
  }
  return { files, globals };
}

const PLACEHOLDER_SCRIPT_ID = /REPLACE|YOUR|PLACEHOLDER|^x+$/i;

/** The script id from .clasp.json, or a clear error saying how to set it. */
export async function checkClaspConfig(file = CLASP_JSON): Promise<{ scriptId: string; rootDir: string }> {
  const howTo =
    'Run `npx clasp login`, create or open the Apps Script project bound to your sheet, and put its script id ' +
    '(Project Settings → IDs → Script ID) into .clasp.json as "scriptId".';
  let config: { scriptId?: unknown; rootDir?: unknown };
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as typeof config;
  } catch (err) {
    throw new BuildError(`cannot read ${file} (${(err as Error).message}). ${howTo}`);
  }
  const scriptId = typeof config.scriptId === 'string' ? config.scriptId.trim() : '';
  if (!scriptId || PLACEHOLDER_SCRIPT_ID.test(scriptId) || !/^[A-Za-z0-9_-]{20,}$/.test(scriptId)) {
    throw new BuildError(`.clasp.json has no real scriptId (found ${JSON.stringify(config.scriptId ?? null)}). ${howTo}`);
  }
  const rootDir = typeof config.rootDir === 'string' ? config.rootDir : '';
  if (path.resolve(REPO_ROOT, rootDir) !== DEFAULT_OUT_DIR) {
    throw new BuildError(`.clasp.json must have "rootDir": "addon/dist" (found ${JSON.stringify(config.rootDir ?? null)}), where the build writes`);
  }
  return { scriptId, rootDir };
}

async function main(argv: string[]): Promise<number> {
  const deploy = argv.includes('--deploy');
  const unknown = argv.filter((arg) => arg !== '--deploy');
  if (unknown.length > 0) throw new BuildError(`unknown argument(s): ${unknown.join(' ')} (usage: tsx addon/build.ts [--deploy])`);

  const fromEnv = process.env.TSUGI_API_URL?.trim();
  const raw = fromEnv || LOCAL_API_URL;
  const url = normaliseApiUrl(raw, fromEnv ? 'TSUGI_API_URL' : 'the default API URL');
  if (deploy) {
    if (url.protocol !== 'https:') {
      throw new BuildError(
        `--deploy needs the deployed API's https URL in TSUGI_API_URL (got ${fromEnv ? JSON.stringify(raw) : 'nothing, so the local default ' + raw}); ` +
          'e.g. TSUGI_API_URL=https://tsugi-api.<account>.workers.dev npm run deploy:addon',
      );
    }
    await checkClaspConfig();
  }

  const { files, globals } = await buildAddon({ apiUrl: url.href, outDir: DEFAULT_OUT_DIR });
  console.log(`built ${path.relative(process.cwd(), DEFAULT_OUT_DIR) || '.'}: ${files.join(', ')} (API ${withoutTrailingSlash(url)}; ${globals.length} globals: ${globals.join(', ')})`);
  if (!deploy) return 0;

  console.log('pushing with `npx clasp push --force`…');
  return await new Promise<number>((resolve, reject) => {
    const child = spawn('npx', ['clasp', 'push', '--force'], { cwd: REPO_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const invokedDirectly = (() => {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return path.resolve(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof BuildError ? `build failed: ${err.message}` : err);
      process.exit(1);
    },
  );
}
