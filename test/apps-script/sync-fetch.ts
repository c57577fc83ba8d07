// UrlFetchApp is synchronous; Node's fetch is not. For tests that point the add-on at a real HTTP
// server (the local Worker), this runs fetch in a worker thread and blocks the caller until the
// answer arrives (Atomics.wait on a shared flag, then receiveMessageOnPort), as Apps Script blocks.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { FakeFetchHandler, FakeFetchRequest, FakeFetchResponse } from './fakes.ts';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ request, port, flag, timeoutMs }) => {
  let answer;
  try {
    const response = await fetch(request.url, {
      method: request.method.toUpperCase(),
      headers: request.headers,
      body: request.payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    answer = { status: response.status, body: await response.text() };
  } catch (error) {
    answer = { error: String(error && error.message || error) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export interface SyncFetch {
  fetch: FakeFetchHandler;
  close(): Promise<void>;
}

export function createSyncFetch(timeoutMs = 60_000): SyncFetch {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  worker.unref();
  return {
    fetch(request: FakeFetchRequest): FakeFetchResponse {
      const flag = new Int32Array(new SharedArrayBuffer(4));
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ request, port: port2, flag, timeoutMs }, [port2]);
      if (Atomics.wait(flag, 0, 0, timeoutMs + 5_000) === 'timed-out') throw new Error(`Timeout: ${request.url}`);
      const message = receiveMessageOnPort(port1)?.message as (FakeFetchResponse & { error?: string }) | undefined;
      port1.close();
      if (!message) throw new Error(`No answer: ${request.url}`);
      // Apps Script words a failed connection like this; the add-on reports it as NETWORK.
      if (message.error) throw new Error(`Address unavailable: ${request.url} (${message.error})`);
      return { status: message.status, body: message.body };
    },
    close: () => worker.terminate().then(() => undefined),
  };
}
