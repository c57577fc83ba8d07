// `tsugi leads`: set the search profile, pull a batch, print it, and only then acknowledge it, so
// a run that dies before the rows are out gets the same batch again next time.
import type { AckResult, PullBatch, SearchProfileInput } from '../../shared/contract.ts';
import { SearchProfile } from '../../shared/contract.ts';
import type { ApiClient } from '../api-client.ts';
import { parseCommandLine } from '../args.ts';
import { EXIT_OK, UsageError, type Command, type Io } from '../command.ts';
import { createCliApiClient } from '../credentials.ts';
import { formatCsv, formatJsonLines, formatTable, type OutputFormat } from '../format.ts';
import type { Messages } from '../messages.ts';

export const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;

export interface LeadsOptions {
  areas: string[];
  industries: string[];
  limit: number;
  newOnly: boolean;
  requireWebsite: boolean;
  format: OutputFormat;
}

const OPTIONS = {
  area: { type: 'string', multiple: true },
  industry: { type: 'string', multiple: true },
  limit: { type: 'string' },
  'new-only': { type: 'boolean' },
  'include-no-website': { type: 'boolean' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The command line as options, `'help'` for --help; UsageError for anything wrong. */
export function parseLeadsArgs(argv: string[], messages: Messages): LeadsOptions | 'help' {
  const { values } = parseCommandLine(argv, OPTIONS, messages);
  if (values.help) return 'help';
  if (values.json && values.csv) throw new UsageError(messages.leadsFormatConflict);
  const areas = values.area ?? [];
  const industries = values.industry ?? [];
  if (areas.length === 0) throw new UsageError(messages.leadsAreaRequired);
  if (industries.length === 0) throw new UsageError(messages.leadsIndustryRequired);

  let limit = DEFAULT_LIMIT;
  if (values.limit !== undefined) {
    const text = values.limit.normalize('NFKC').trim();
    limit = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new UsageError(messages.leadsBadLimit(values.limit));
  }

  const options: LeadsOptions = {
    areas,
    industries,
    limit,
    newOnly: values['new-only'] ?? false,
    // A CLI list is for calling and mailing, and the site is what 営業お断り screening reads:
    // by default only places with a website.
    requireWebsite: !(values['include-no-website'] ?? false),
    format: values.json ? 'json' : values.csv ? 'csv' : 'table',
  };
  // Catch what the API would refuse (too many areas, blank words) before any request.
  const checked = SearchProfile.safeParse(leadsProfile(options));
  if (!checked.success) {
    const detail = checked.error.issues.map((issue) => `${issue.path.join('.') || '-'}: ${issue.message}`).join('; ');
    throw new UsageError(messages.leadsBadProfile(detail));
  }
  return options;
}

/** The profile the command sets: its own fields; every other field takes the contract's default. */
export function leadsProfile(options: LeadsOptions): SearchProfileInput {
  return {
    areas: options.areas,
    industries: options.industries,
    dailyLimit: options.limit,
    newOnly: options.newOnly,
    requireWebsite: options.requireWebsite,
  };
}

export function renderLeads(batch: PullBatch, format: OutputFormat, messages: Messages): string {
  switch (format) {
    case 'json':
      return formatJsonLines(batch.leads);
    case 'csv':
      return formatCsv(batch.leads);
    case 'table':
      return batch.leads.length === 0 ? '' : formatTable(batch.leads, { headers: messages.tableHeaders, newMark: messages.newMark });
  }
}

export type LeadsClient = Pick<ApiClient, 'putProfile' | 'pull' | 'ack'>;

export interface LeadsRun {
  batch: PullBatch;
  ack: AckResult;
}

/**
 * Profile → pull → print → ack. The ack waits until stdout has taken the rows; if printing or
 * the ack fails, the batch stays open and the API serves it again on the next pull.
 */
export async function runLeads(options: LeadsOptions, client: LeadsClient, io: Io, messages: Messages): Promise<LeadsRun> {
  io.err(messages.settingProfile);
  await client.putProfile(leadsProfile(options));

  io.err(messages.pulling);
  const batch = await client.pull(options.limit);
  io.err(messages.received(batch.leads.length, batch.replayed));
  if (batch.replayed) io.err(messages.replayedExplained);
  for (const notice of batch.status.notices) {
    io.err(messages.notices[notice.code] ?? `${notice.code}: ${notice.message}`);
  }
  if (batch.leads.length === 0) io.err(messages.noLeads);

  const text = renderLeads(batch, options.format, messages);
  let ack: AckResult;
  try {
    if (text) await io.out(text);
    ack = await client.ack(batch.batchId);
  } catch (err) {
    io.err(messages.notAcknowledged(batch.batchId));
    throw err;
  }
  io.err(messages.acknowledged(batch.batchId));
  return { batch, ack };
}

export const leadsCommand: Command = {
  name: 'leads',
  async run({ argv, io, messages }) {
    const options = parseLeadsArgs(argv, messages);
    if (options === 'help') {
      await io.out(`${messages.leadsUsage}\n`);
      return EXIT_OK;
    }
    const client = createCliApiClient(io.env, { onTenantRenewed: () => io.err(messages.tenantRenewed) });
    await runLeads(options, client, io, messages);
    return EXIT_OK;
  },
};
