/** Worker-thread entry: runs the sweep tasks it is sent, one at a time, and posts results back. */
import { parentPort } from 'node:worker_threads';
import { runSweepTask, type SweepTask } from './sweep-task.js';

export type WorkerMessage =
  | { type: 'epoch'; id: number; epoch: number; epochs?: number }
  | { type: 'done'; id: number; run: import('./sweep-task.js').SweepRun }
  | { type: 'error'; id: number; message: string };

parentPort?.on('message', async (msg: { id: number; task: SweepTask }) => {
  try {
    const run = await runSweepTask(msg.task, (log) => parentPort!.postMessage({ type: 'epoch', id: msg.id, epoch: log.epoch } satisfies WorkerMessage));
    parentPort!.postMessage({ type: 'done', id: msg.id, run } satisfies WorkerMessage);
  } catch (err) {
    parentPort!.postMessage({ type: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) } satisfies WorkerMessage);
  }
});
