/** Data-parallel training over worker threads: see trainer.ts, and docs/core.md "Threads". */
export { ParallelTrainer, type ParallelOptions } from './trainer.js';
export { planThreads, singleThreadReason, macsPerSample, MIN_SHARD_MACS, MIN_RUN_MACS, type ThreadPlan } from './plan.js';
export { nodeSpawner, defaultSpawner, type SpawnWorker, type WorkerHandle } from './spawn.js';
export { prepareShardWorker, type WorkerInit } from './worker-loop.js';
export { openParallel, type ThreadOptions } from './open.js';
