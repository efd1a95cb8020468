/**
 * `node:worker_threads` in the browser. The playground runs each sweep variant in a Web Worker of its
 * own (src/train/), so diagnose's Node thread pool is never started here.
 */
export const parentPort = null;

export class Worker {
  constructor() {
    throw new Error('node:worker_threads is not available in the browser; the playground runs sweeps in Web Workers');
  }
}

export default { parentPort, Worker };
