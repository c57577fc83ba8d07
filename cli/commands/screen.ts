// `tsugi screen [--json] <file-or-url>...`: does a website refuse sales contact (営業お断り), and
// which email addresses and contact form does it publish? A path is read as one saved page; a URL
// as a site, through the same reader the Worker uses (top page + contact/company pages, robots.txt,
// redirect and size limits). Loopback URLs are allowed here (a local server); private network
// addresses are not. TSUGI_SITE_BASE_URL (like the Worker's SITE_FETCH_BASE_URL) reads real
// URLs from a local copy of the web instead: https://www.x.jp/contact/ → {base}/www.x.jp/contact/
// (the Places emulator serves its synthetic sites under {emulator}/sites).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseIPv4 } from '../../api/src/screening/fetch-guard.ts';
import { DEFAULT_MAX_BYTES_PER_PAGE, decodeHtml, screenHtml, screenSite, type ReaderOptions, type SiteReport } from '../../api/src/screening/reader.ts';
import { parseCommandLine } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type Io } from '../command.ts';
import { displayWidth, padToWidth, truncateToWidth } from '../format.ts';
import type { Messages } from '../messages.ts';

/** Sites read at once. */
const CONCURRENCY = 4;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ScreenOptions {
  inputs: string[];
  json: boolean;
}

/** The command line as options, `'help'` for --help; UsageError for anything wrong. */
export function parseScreenArgs(argv: string[], messages: Messages): ScreenOptions | 'help' {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, messages, true);
  if (values.help) return 'help';
  const inputs = positionals.filter((input) => input.trim() !== '');
  if (inputs.length === 0) throw new UsageError(messages.screenInputRequired);
  return { inputs, json: values.json ?? false };
}

/** One input's result, as `--json` prints it (keys in this order). */
export interface ScreenLine {
  input: string;
  verdict: SiteReport['verdict'];
  evidence: SiteReport['evidence'];
  emails: string[];
  contactForm: string | null;
  error?: { code: string; message: string };
}

/** A URL input (any `scheme://`); everything else is a path. */
export const isUrlInput = (input: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());

/** localhost, *.localhost, 127.0.0.0/8 and ::1: what the CLI may read on this machine. */
export function isLoopbackUrl(input: string): boolean {
  let host: string;
  try {
    host = new URL(input.trim()).hostname.toLowerCase().replace(/\.+$/, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  const v4 = parseIPv4(host);
  return v4 !== null && v4 >>> 24 === 127;
}

export interface ScreenDeps {
  /** The site reader (tests pass a scripted fetch through it). */
  readSite?: (url: string, options: ReaderOptions) => Promise<SiteReport>;
  readFile?: (path: string) => Promise<Uint8Array>;
  /** Where sites are served locally (TSUGI_SITE_BASE_URL), e.g. http://127.0.0.1:8788/sites. */
  siteBaseUrl?: string;
}

/** The reader's options for one URL input. */
export function readerOptionsFor(input: string, siteBaseUrl?: string): ReaderOptions {
  const base = siteBaseUrl?.trim().replace(/\/+$/, '');
  if (base) {
    // The base is configuration, not a target: the URLs checked are the real ones.
    return { allowPrivateHosts: false, mapUrl: (url) => `${base}/${url.host}${url.pathname}${url.search}` };
  }
  return { allowPrivateHosts: isLoopbackUrl(input) };
}

/** Reads one input; never throws (a failure is a line with verdict "error"). */
export async function screenInput(input: string, deps: ScreenDeps = {}): Promise<ScreenLine> {
  let report: SiteReport;
  if (isUrlInput(input)) {
    const readSite = deps.readSite ?? screenSite;
    report = await readSite(input.trim(), readerOptionsFor(input, deps.siteBaseUrl));
  } else {
    report = await screenFile(input, deps.readFile ?? readFile);
  }
  return toLine(input, report);
}

async function screenFile(path: string, read: (path: string) => Promise<Uint8Array>): Promise<SiteReport> {
  const url = pathToFileURL(resolve(path)).href;
  let bytes: Uint8Array;
  try {
    bytes = await read(path);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE';
    return { input: path, verdict: 'error', evidence: [], emails: [], contactForm: null, pages: [], operator: null, error: { code, message: err instanceof Error ? err.message : String(err) } };
  }
  // The same cap as a fetched page; the charset comes from the page's own <meta>.
  const html = decodeHtml(bytes.subarray(0, DEFAULT_MAX_BYTES_PER_PAGE), '');
  return screenHtml(html, url);
}

function toLine(input: string, report: SiteReport): ScreenLine {
  const line: ScreenLine = { input, verdict: report.verdict, evidence: report.evidence, emails: report.emails, contactForm: report.contactForm };
  if (report.verdict === 'error') line.error = report.error ?? { code: 'SITE_UNREACHABLE', message: 'the site could not be read' };
  return line;
}

/** Reads every input, CONCURRENCY at a time; `onLine` sees the lines in input order, each as soon as it can. */
export async function screenAll(inputs: string[], deps: ScreenDeps, onLine: (line: ScreenLine) => Promise<void>): Promise<ScreenLine[]> {
  const lines: (ScreenLine | undefined)[] = new Array(inputs.length);
  let next = 0;
  let emitted = 0;
  let emitting = Promise.resolve();
  const emitReady = () => {
    emitting = emitting.then(async () => {
      while (emitted < inputs.length && lines[emitted]) await onLine(lines[emitted++] as ScreenLine);
    });
    return emitting;
  };
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, inputs.length) }, async () => {
      while (next < inputs.length) {
        const index = next++;
        lines[index] = await screenInput(inputs[index] as string, deps);
        await emitReady();
      }
    }),
  );
  await emitReady();
  return lines as ScreenLine[];
}

export const formatScreenJson = (line: ScreenLine): string => `${JSON.stringify(line)}\n`;

/** A readable table: one row per input, then the evidence of refusing sites and the errors. */
export function formatScreenTable(lines: readonly ScreenLine[], messages: Messages): string {
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const h = messages.screenHeaders;
  const columns: { title: string; max: number; cell: (line: ScreenLine) => string }[] = [
    { title: h.input, max: 48, cell: (l) => l.input },
    { title: h.verdict, max: 14, cell: (l) => messages.screenVerdicts[l.verdict] },
    { title: h.emails, max: 40, cell: (l) => l.emails.join(' ') },
    { title: h.contactForm, max: 56, cell: (l) => l.contactForm ?? '' },
    { title: h.evidence, max: 60, cell: (l) => (l.error ? errorText(l.error, messages) : (l.evidence[0]?.context ?? '')) },
  ];
  const rows = lines.map((line) => columns.map((column) => truncateToWidth(clean(column.cell(line)), column.max)));
  const header = columns.map((column) => column.title);
  const widths = header.map((title, i) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ''))));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, i) => padToWidth(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render)].join('\n') + '\n';
}

function errorText(error: { code: string; message: string }, messages: Messages): string {
  const worded = messages.screenErrors[error.code] ?? (/^HTTP_\d+$/.test(error.code) ? `HTTP ${error.code.slice(5)}` : undefined);
  return worded ? `${worded} (${error.code})` : `${error.code}: ${error.message}`;
}

export async function runScreen(options: ScreenOptions, io: Io, messages: Messages, deps: ScreenDeps = {}): Promise<number> {
  const lines = await screenAll(options.inputs, deps, async (line) => {
    if (options.json) await io.out(formatScreenJson(line));
  });
  if (!options.json) await io.out(formatScreenTable(lines, messages));
  const failed = lines.filter((line) => line.verdict === 'error').length;
  io.err(messages.screenSummary(lines.length, lines.filter((line) => line.verdict === 'refuses').length, failed));
  return failed > 0 ? EXIT_FAILURE : EXIT_OK;
}

export const screenCommand: Command = {
  name: 'screen',
  async run({ argv, io, messages }) {
    const options = parseScreenArgs(argv, messages);
    if (options === 'help') {
      await io.out(`${messages.screenUsage}\n`);
      return EXIT_OK;
    }
    return runScreen(options, io, messages, { siteBaseUrl: io.env.TSUGI_SITE_BASE_URL });
  },
};
