// runInWorker(moduleUrl, input): the module's default export, run in a worker thread (see
// worker-boot.mjs), its result structured-cloned back.
import { Worker } from 'node:worker_threads';

export function runInWorker<T>(moduleUrl: URL, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { module: moduleUrl.href, input } });
    worker.once('message', (message: { result?: T; error?: string }) => {
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.result as T);
    });
    worker.once('error', reject);
  });
}
