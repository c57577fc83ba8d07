import { describe, expect, it } from 'vitest';
import { SearchProfile, type AckResult, type PullBatch, type SearchProfileInput } from '../../shared/contract.ts';
import { ApiClientError } from '../api-client.ts';
import { UsageError } from '../command.ts';
import { messagesFor } from '../messages.ts';
import { buildBatch, buildLead, memoryIo } from '../testing.ts';
import { leadsProfile, parseLeadsArgs, runLeads, type LeadsClient, type LeadsOptions } from './leads.ts';

const ja = messagesFor('ja');
const en = messagesFor('en');

const options = (overrides: Partial<LeadsOptions> = {}): LeadsOptions => ({
  areas: ['東京都渋谷区'],
  industries: ['美容室'],
  limit: 20,
  newOnly: false,
  requireWebsite: false,
  format: 'json',
  ...overrides,
});

/** A client that answers with `batch` and records what it was asked. */
function fakeClient(batch: PullBatch, ack: () => Promise<AckResult> = async () => ({ batchId: batch.batchId, acknowledged: batch.leads.length, alreadyAcknowledged: false })) {
  const calls: string[] = [];
  const profiles: SearchProfileInput[] = [];
  const client: LeadsClient = {
    putProfile: async (profile) => {
      calls.push('putProfile');
      profiles.push(profile);
      return SearchProfile.parse(profile);
    },
    pull: async (limit) => {
      calls.push(`pull ${limit}`);
      return batch;
    },
    ack: async (batchId) => {
      calls.push(`ack ${batchId}`);
      return ack();
    },
  };
  return { client, calls, profiles };
}

describe('parseLeadsArgs', () => {
  it('collects repeated areas and industries and applies the defaults', () => {
    expect(parseLeadsArgs(['--area', '東京都渋谷区', '--area=東京都新宿区', '--industry', '美容室', '--industry', '歯科'], ja)).toEqual({
      areas: ['東京都渋谷区', '東京都新宿区'],
      industries: ['美容室', '歯科'],
      limit: 20,
      newOnly: false,
      requireWebsite: true,
      format: 'table',
    });
  });

  it('reads the limit, the filters and the format', () => {
    const parsed = parseLeadsArgs(['--area', 'a', '--industry', 'b', '--limit', '５', '--new-only', '--include-no-website', '--csv'], ja);
    expect(parsed).toMatchObject({ limit: 5, newOnly: true, requireWebsite: false, format: 'csv' });
  });

  it('answers help for --help even without the required options', () => {
    expect(parseLeadsArgs(['--help'], ja)).toBe('help');
    expect(parseLeadsArgs(['-h'], ja)).toBe('help');
  });

  it.each([
    [[], ja.leadsAreaRequired],
    [['--area', 'a'], ja.leadsIndustryRequired],
    [['--area', 'a', '--industry', 'b', '--json', '--csv'], ja.leadsFormatConflict],
    [['--area', 'a', '--industry', 'b', '--limit', '0'], ja.leadsBadLimit('0')],
    [['--area', 'a', '--industry', 'b', '--limit', '501'], ja.leadsBadLimit('501')],
    [['--area', 'a', '--industry', 'b', '--limit', '2.5'], ja.leadsBadLimit('2.5')],
    [['--area', 'a', '--industry', 'b', '--limit', 'ten'], ja.leadsBadLimit('ten')],
    [['--area', 'a', '--industry', 'b', '--colour'], ja.unknownOption('--colour')],
    [['--area', 'a', '--industry'], ja.optionNeedsValue('--industry')],
    [['--area', '--industry', 'b'], ja.optionNeedsValue('--area')],
    [['--area', 'a', '--industry', 'b', '--json=yes'], ja.optionTakesNoValue('--json')],
    [['--area', 'a', '--industry', 'b', 'extra'], ja.unexpectedArgument('extra')],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseLeadsArgs(argv, ja)).toThrow(new UsageError(message));
  });

  it('refuses what the API would refuse, before any request', () => {
    const tooMany = Array.from({ length: 21 }, (_, i) => ['--area', `地域${i}`]).flat();
    expect(() => parseLeadsArgs([...tooMany, '--industry', '美容室'], ja)).toThrow(UsageError);
    expect(() => parseLeadsArgs(['--area', '  ', '--industry', '美容室'], ja)).toThrow(/検索条件が正しくありません/);
  });

  it('words usage errors in English for an English locale', () => {
    expect(() => parseLeadsArgs(['--area', 'a'], en)).toThrow(en.leadsIndustryRequired);
  });
});

describe('leadsProfile', () => {
  it('sets the command’s fields and leaves the rest to the contract defaults', () => {
    expect(leadsProfile(options({ limit: 7, newOnly: true, requireWebsite: true }))).toEqual({
      areas: ['東京都渋谷区'],
      industries: ['美容室'],
      dailyLimit: 7,
      newOnly: true,
      requireWebsite: true,
    });
  });
});

describe('runLeads', () => {
  it('sets the profile, pulls, prints the rows and only then acknowledges', async () => {
    const batch = buildBatch();
    const { client, calls, profiles } = fakeClient(batch);
    const { io, events, stdout } = memoryIo();
    const run = await runLeads(options({ limit: 20 }), client, io, ja);

    expect(calls).toEqual(['putProfile', 'pull 20', `ack ${batch.batchId}`]);
    expect(profiles[0]).toMatchObject({ dailyLimit: 20, areas: ['東京都渋谷区'] });
    expect(stdout().trimEnd().split('\n').map((line) => JSON.parse(line).id)).toEqual(batch.leads.map((l) => l.id));
    expect(events.map((e) => e.split('\n')[0])).toEqual([
      'err:プロフィールを設定しています…',
      'err:リードを取得しています…',
      'err:2 件を受け取りました',
      expect.stringMatching(/^out:\{/),
      `err:受領を通知しました（${batch.batchId}）`,
    ]);
    expect(run.ack.acknowledged).toBe(2);
  });

  it('says on stderr when the batch is a resend', async () => {
    const { client } = fakeClient(buildBatch({ replayed: true }));
    const { io, stderr } = memoryIo();
    await runLeads(options(), client, io, ja);
    expect(stderr()).toContain('2 件を受け取りました（再送分）');
    expect(stderr()).toContain(ja.replayedExplained);
  });

  it('passes the pull’s notices on, in the user’s language when known', async () => {
    const batch = buildBatch({
      leads: [],
      status: { state: 'exhausted', notices: [{ code: 'NO_MORE_LEADS', message: 'x' }, { code: 'SOMETHING_NEW', message: 'Details here.' }] },
    });
    const { client, calls } = fakeClient(batch);
    const { io, stderr, stdout } = memoryIo();
    await runLeads(options({ format: 'table' }), client, io, ja);
    expect(stderr()).toContain(ja.notices.NO_MORE_LEADS);
    expect(stderr()).toContain('SOMETHING_NEW: Details here.');
    expect(stderr()).toContain(ja.noLeads);
    expect(stdout()).toBe('');
    expect(calls.at(-1)).toBe(`ack ${batch.batchId}`);
  });

  it('prints CSV and the table as asked', async () => {
    const batch = buildBatch({ leads: [buildLead({ name: '=cmd' })] });
    const csv = memoryIo();
    await runLeads(options({ format: 'csv' }), fakeClient(batch).client, csv.io, ja);
    expect(csv.stdout()).toMatch(/^会社名,業種,住所/);
    expect(csv.stdout()).toContain(`'=cmd`);

    const table = memoryIo({ LANG: 'en_US.UTF-8' });
    await runLeads(options({ format: 'table' }), fakeClient(batch).client, table.io, en);
    expect(table.stdout()).toMatch(/^Name\s+Industry\s+Phone/);
  });

  it('leaves the batch open and says so when the acknowledgement fails', async () => {
    const batch = buildBatch();
    const failure = new ApiClientError('API_UNREACHABLE', 'gone', 0);
    const { client } = fakeClient(batch, () => Promise.reject(failure));
    const { io, stderr, stdout } = memoryIo();
    await expect(runLeads(options(), client, io, ja)).rejects.toBe(failure);
    expect(stdout()).not.toBe('');
    expect(stderr()).toContain(ja.notAcknowledged(batch.batchId));
  });

  it('does not acknowledge when the rows could not be written', async () => {
    const batch = buildBatch();
    const { client, calls } = fakeClient(batch);
    const { io, stderr } = memoryIo();
    io.out = () => Promise.reject(new Error('EPIPE'));
    await expect(runLeads(options(), client, io, ja)).rejects.toThrow('EPIPE');
    expect(calls.some((call) => call.startsWith('ack'))).toBe(false);
    expect(stderr()).toContain(ja.notAcknowledged(batch.batchId));
  });
});
