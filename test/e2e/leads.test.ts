// End to end: the real stack (Places emulator + wrangler dev + local D1) on free ports with its
// own state, and `tsugi leads` as a real child process, as an owner would run it.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliApiClient, LOCAL_ISSUER_FILE, REPO_ROOT, TENANTS_FILE } from '../../cli/credentials.ts';
import { runLeads, type LeadsClient } from '../../cli/commands/leads.ts';
import { messagesFor } from '../../cli/messages.ts';
import { memoryIo } from '../../cli/testing.ts';
import { Lead, type PullBatch } from '../../shared/contract.ts';
import { freePort } from '../dev/ports.ts';
import { getWorld } from '../emulators/places/dataset.ts';
import { startStack, type Stack } from '../dev/stack.ts';

let stack: Stack;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tsugi-e2e-'));
  stack = await startStack({ apiPort: 0, emulatorPort: 0, persistTo: join(scratch, 'state'), home: join(scratch, 'issuer') });
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A TSUGI_HOME of its own (so a tenant of its own) that trusts the stack's local issuer. */
async function freshHome(): Promise<string> {
  const home = await mkdtemp(join(scratch, 'home-'));
  await mkdir(home, { recursive: true });
  await copyFile(join(stack.home, LOCAL_ISSUER_FILE), join(home, LOCAL_ISSUER_FILE));
  return home;
}

const cliEnv = (home: string, apiUrl = stack.apiUrl) => ({ ...process.env, LC_ALL: 'ja_JP.UTF-8', TSUGI_API_URL: apiUrl, TSUGI_HOME: home });

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], home: string, apiUrl?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'cli', 'tsugi.mjs'), ...args], { cwd: REPO_ROOT, env: cliEnv(home, apiUrl), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const jsonLeads = (stdout: string): Lead[] =>
  stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => Lead.parse(JSON.parse(line)));

const BASE_ARGS = ['leads', '--area', '東京都渋谷区', '--industry', '美容室', '--limit', '20', '--json'];

describe('tsugi leads against the local stack', () => {
  it('prints 20 leads with phone and website, and 20 different ones on the next run', async () => {
    const home = await freshHome();

    const first = await runCli(BASE_ARGS, home);
    expect(first.stderr).toContain('20 件を受け取りました');
    expect(first.code, first.stderr).toBe(0);
    const firstLeads = jsonLeads(first.stdout);
    expect(firstLeads).toHaveLength(20);
    for (const lead of firstLeads) {
      expect(lead.phone, lead.name).toBeTruthy();
      expect(lead.website, lead.name).toBeTruthy();
    }
    expect(first.stderr).not.toContain('再送分');
    expect(first.stderr).toContain('受領を通知しました');

    const second = await runCli(BASE_ARGS, home);
    expect(second.code, second.stderr).toBe(0);
    const secondLeads = jsonLeads(second.stdout);
    expect(secondLeads).toHaveLength(20);
    for (const lead of secondLeads) {
      expect(lead.phone, lead.name).toBeTruthy();
      expect(lead.website, lead.name).toBeTruthy();
    }
    const placeIds = [...firstLeads, ...secondLeads].map((lead) => lead.placeId);
    expect(new Set(placeIds).size).toBe(40);
  }, 60_000);

  it('shows the registry’s employee count on the leads whose company it knows, and no other count', async () => {
    const home = await freshHome();
    const run = await runCli(['leads', '--area', '東京都渋谷区', '--industry', '美容室', '--limit', '40', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    const leads = jsonLeads(run.stdout);
    expect(leads).toHaveLength(40);
    const world = new Map(getWorld().businesses.map((business) => [business.id, business]));
    const counted = leads.filter((lead) => lead.employees != null);
    expect(counted.length).toBeGreaterThan(0);
    for (const lead of leads) {
      const corporation = world.get(lead.placeId)?.corporation;
      if (lead.corporateNumber != null) {
        // Matched: to the company that runs it, with that company's registered name and count.
        expect(lead.corporateNumber, lead.name).toBe(corporation?.corporateNumber);
        expect(lead.legalName, lead.name).toBe(corporation?.legalName);
        expect(lead.employees, lead.name).toBe(corporation?.employees ?? null);
      } else {
        expect(lead.employees, lead.name).toBeNull();
      }
      if (lead.employees != null) expect(lead.employeesSource).toBe('gbizinfo');
    }

    // The table shows the count in its own column.
    const table = await runCli(['leads', '--area', '東京都渋谷区', '--industry', '美容室', '--limit', '40'], home);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toContain('従業員');
  }, 90_000);

  it('serves a batch that was pulled but never acknowledged again, unchanged, then moves on', async () => {
    const home = await freshHome();
    const messages = messagesFor('ja');

    // Run 1 dies between printing and acknowledging: its ack never reaches the API.
    const real = createCliApiClient({ TSUGI_API_URL: stack.apiUrl, TSUGI_HOME: home });
    let pulled: PullBatch | undefined;
    const crashing: LeadsClient = {
      putProfile: (profile) => real.putProfile(profile),
      pull: async (limit) => (pulled = await real.pull(limit)),
      ack: () => Promise.reject(new Error('killed before the acknowledgement')),
    };
    const crashed = memoryIo();
    const options = { areas: ['東京都渋谷区'], industries: ['美容室'], limit: 20, newOnly: false, requireWebsite: false, format: 'json' as const };
    await expect(runLeads(options, crashing, crashed.io, messages)).rejects.toThrow('killed before the acknowledgement');
    if (!pulled) throw new Error('run 1 did not pull');
    const batch = pulled;
    expect(batch.replayed).toBe(false);
    expect(batch.leads).toHaveLength(20);
    expect(jsonLeads(crashed.stdout())).toEqual(batch.leads);

    // Run 2 (the real CLI) receives the very same batch, says it is a resend, and acknowledges it.
    const resend = await runCli(BASE_ARGS, home);
    expect(resend.code, resend.stderr).toBe(0);
    expect(resend.stderr).toContain('20 件を受け取りました（再送分）');
    expect(resend.stderr).toContain(`受領を通知しました（${batch.batchId}）`);
    expect(jsonLeads(resend.stdout)).toEqual(batch.leads);

    // Run 3 gets new leads.
    const next = await runCli(BASE_ARGS, home);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain('再送分');
    expect(next.stderr).not.toContain(batch.batchId);
    const seen = new Set(batch.leads.map((lead) => lead.placeId));
    const nextLeads = jsonLeads(next.stdout);
    expect(nextLeads).toHaveLength(20);
    expect(nextLeads.filter((lead) => seen.has(lead.placeId))).toEqual([]);
  }, 60_000);

  it('registers again when the API no longer knows the stored tenant (local data reset)', async () => {
    const home = await freshHome();
    // A well-formed secret the API never issued stands in for one whose tenant was wiped.
    await writeFile(
      join(home, TENANTS_FILE),
      JSON.stringify({ [stack.apiUrl]: { tenantSecret: 'x'.repeat(43), createdAt: new Date().toISOString() } }),
    );
    const run = await runCli(['leads', '--area', '東京都渋谷区', '--industry', '美容室', '--limit', '3', '--json'], home);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(messagesFor('ja').tenantRenewed);
    expect(jsonLeads(run.stdout)).toHaveLength(3);
    const stored = JSON.parse(await readFile(join(home, TENANTS_FILE), 'utf8')) as Record<string, { tenantSecret: string }>;
    expect(stored[stack.apiUrl]?.tenantSecret).not.toBe('x'.repeat(43));
  }, 30_000);

  it('exits 1 and says to run npm start when no API listens', async () => {
    const home = await freshHome();
    const url = `http://127.0.0.1:${await freePort()}`;
    const run = await runCli(BASE_ARGS, home, url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`API に接続できません (${url})。別のターミナルで \`npm start\` を実行してください。`);
  }, 30_000);
});
