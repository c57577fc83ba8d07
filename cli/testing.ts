// Builders and fakes for the CLI's tests: leads and batches with defaults, an in-memory Io, a
// command run in memory, and a scratch folder for a test file's input files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Io } from './command.ts';
import { main } from './main.ts';

export { buildBatch, buildLead } from '../test/builders.ts';

/** An Io that records what was written; `events` interleaves both streams in order. */
export function memoryIo(env: Record<string, string | undefined> = { LANG: 'ja_JP.UTF-8' }) {
  const out: string[] = [];
  const err: string[] = [];
  const events: string[] = [];
  const io: Io = {
    out: async (text) => {
      out.push(text);
      events.push(`out:${text}`);
    },
    err: (text) => {
      err.push(text);
      events.push(`err:${text}`);
    },
    env,
  };
  return { io, out, err, events, stdout: () => out.join(''), stderr: () => err.join('\n') };
}

/** `tsugi <argv…>` run in memory, as from a shell: the exit code and both streams. */
export async function runCli(argv: string[], env: Record<string, string> = { LANG: 'ja_JP.UTF-8' }) {
  const io = memoryIo(env);
  const code = await main(argv, io.io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** A folder of the test file's own (made before its tests, removed after them) for input files. */
export function scratchFolder(prefix: string) {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    /** The path of `name` in the folder. */
    path: (name: string) => join(dir, name),
    /** Writes `name` into the folder; its path. */
    file: async (name: string, content: string | Uint8Array) => {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
  };
}
