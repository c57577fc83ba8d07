// Runs a TypeScript module's default export in a worker thread: workerData {module, input}; posts
// {result} or {error}. For code that must block (a synchronous UrlFetchApp) while the main thread
// keeps serving in-process emulators.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
try {
  const module = await import(workerData.module);
  parentPort.postMessage({ result: await module.default(workerData.input) });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
