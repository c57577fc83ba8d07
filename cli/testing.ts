// Builders and fakes for the CLI's tests: leads and batches with defaults, an in-memory Io.
import type { Io } from './command.ts';

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
