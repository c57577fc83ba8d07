// End to end: the add-on's own code against the real stack (wrangler dev + local D1 + Places
// emulator), with the Apps Script fakes for the sheet and a synchronous UrlFetchApp that really
// calls the Worker, authenticated by the local issuer. The add-on runs in a worker thread (see
// addon-journey.ts); the assertions are here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalIssuer } from '../../cli/credentials.ts';
import { signLocalToken } from '../../shared/local-issuer.ts';
import { startStack, type Stack } from '../dev/stack.ts';
import { runInWorker } from '../support/in-worker.ts';
import type run from './addon-journey.ts';
import type { JourneyInput } from './addon-journey.ts';

let stack: Stack;
let scratch: string;
let token: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tsugi-e2e-addon-'));
  stack = await startStack({ apiPort: 0, emulatorPort: 0, persistTo: join(scratch, 'state'), home: join(scratch, 'issuer') });
  token = await signLocalToken(await loadOrCreateLocalIssuer(stack.home), {});
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

type Result<J extends JourneyInput['journey']> = Extract<Awaited<ReturnType<typeof run>>, J extends 'append-and-tag' ? { tagged: unknown } : { secrets: unknown }>;
const journey = <J extends JourneyInput['journey']>(name: J) =>
  runInWorker<Result<J>>(new URL('./addon-journey.ts', import.meta.url), { journey: name, apiUrl: stack.apiUrl, token } satisfies JourneyInput);

describe('the add-on against the local Worker', () => {
  it('registers the sheet, saves the filters, appends fresh leads twice without repeats, and tags', async () => {
    const result = await journey('append-and-tag');
    expect(result.saved).toBe(true);
    expect(result.first).toMatchObject({ ok: true, added: 15 });
    expect(result.firstToast).toContain('新着 15 件を追加しました');
    expect(result.second).toMatchObject({ ok: true, added: 15 });

    const rows = result.afterAppends;
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((row) => row['Tsugi ID'])).size).toBe(30);
    expect(new Set(rows.map((row) => `${row['会社名']} ${row['住所']}`)).size).toBe(30);
    for (const row of rows) {
      expect(row['電話番号']).toMatch(/^0\d/);
      expect(row['Googleマップ']).toMatch(/^https:\/\//);
      expect(row['ステータス']).toBe('未対応');
    }

    expect(result.tagged).toMatchObject({ ok: true, tagged: 2, moved: 2 });
    expect(JSON.stringify(result.tagged)).not.toContain('次回');
    expect(result.held.map((row) => [row['会社名'], row['ステータス'], row['理由']])).toEqual(
      rows.slice(0, 2).map((row) => [row['会社名'], '失注', '予算']),
    );
    expect(result.list).toHaveLength(28);
  }, 120_000);

  it('gives each sheet its own tenant', async () => {
    const result = await journey('two-sheets');
    expect(result.runs.map((run) => run.ok)).toEqual([true, true]);
    expect(result.secrets[0]).toBeTruthy();
    expect(result.secrets[1]).toBeTruthy();
    expect(result.secrets[0]).not.toBe(result.secrets[1]);
    // Each sheet has its own dedupe set, so both get the same first places.
    expect(result.names[0]).toHaveLength(5);
    expect(result.names[1]).toEqual(result.names[0]);
  }, 120_000);
});
