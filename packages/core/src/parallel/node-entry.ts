/** Node worker-thread entry of the data-parallel fit (see worker-loop.ts). Never imported by index.ts. */
import { parentPort } from 'node:worker_threads';
import { prepareShardWorker, type WorkerInit } from './worker-loop.js';

parentPort?.once('message', (init: WorkerInit) => {
  let loop: () => void;
  try {
    loop = prepareShardWorker(init);
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  parentPort!.postMessage({ type: 'ready' });
  loop();
  process.exit(0);
});
