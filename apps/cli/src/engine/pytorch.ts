/**
 * `axon train FILE --engine pytorch [--nproc N] [--python PATH]`: compiles the network for PyTorch into
 * <out>/pytorch/, runs its train.py (under `python -m torch.distributed.run --nproc_per_node N` when
 * N > 1: DistributedDataParallel, gloo on CPU, nccl with CUDA), streams its per-epoch JSON lines into
 * the progress display and metrics.jsonl, and converts the trained weights (Keras layouts) back into
 * Axon's model.json + weights.bin with the core's saveModel — so predict and the report work as after
 * the built-in engine. The protocol is @axon/compile's (targets/pytorch-engine.ts).
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname, join, resolve } from 'node:path';
import type { ResolvedNetwork } from '@axon/language';
import type { EpochLog, TrainResult, TrainedModel } from '@axon/core';
import { ExitCode, UsageError } from '../exit.js';
import { describeFsError } from '../fs-errors.js';
import { ensureOutDir } from '../out-dir.js';
import type { CommandIO } from '../io.js';
import { createProgress, type TrainProgress } from '../progress.js';
import { epochRecord } from '../metrics-record.js';
import { checkPython, defaultPython, tail } from './python.js';

export interface EngineOptions {
  file: string;
  source: string;
  network: ResolvedNetwork;
  out: string;
  shownOut: string;
  epochs?: number;
  seed?: number;
  /** Processes (torchrun's --nproc_per_node); 1 runs train.py directly. */
  nproc: number;
  python?: string;
  allowDataOutside?: boolean;
  /** Aborting it acts as Ctrl+C (tests; the command listens for SIGINT itself). */
  signal?: AbortSignal;
}

export type EngineOutcome = { code: undefined; result: TrainResult; seconds: number; epochs: number } | { code: number };

/** The epoch with the lowest validation loss (training loss without validation), 1-based; 0 for none. */
export function bestEpoch(history: EpochLog[]): number {
  let best = 0;
  let bestLoss = Infinity;
  for (const h of history) {
    const l = h.valLoss ?? h.loss;
    if (l < bestLoss) {
      bestLoss = l;
      best = h.epoch;
    }
  }
  return best;
}

export async function runPytorchEngine(o: EngineOptions, io: CommandIO): Promise<EngineOutcome> {
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const fail = (s: string) => io.stderr.write(`axon train: ${s}\n`);
  const { network, out, shownOut } = o;

  const python = o.python ?? defaultPython();
  const check = checkPython(python);
  if (!check.ok) {
    fail(check.message ?? 'Python with torch is not available');
    return { code: ExitCode.Usage };
  }

  const core = await import('@axon/core');
  const seed = o.seed ?? network.train.seed;
  const epochs = o.epochs ?? network.train.epochs;
  let data;
  try {
    data = await core.loadTrainingData(network, o.file, o.seed, o.allowDataOutside ? { allowDataOutside: true } : {});
    core.checkTargets(network, data);
  } catch (err) {
    if (!(err instanceof core.TrainingError)) throw err;
    fail(err.message);
    return { code: err.stage === 'targets' ? ExitCode.Findings : ExitCode.Usage };
  }
  if (!network.data) {
    fail(`network ${network.name} has no data { } section: nothing to train on`);
    return { code: ExitCode.Usage };
  }

  const { compile, engineManifest, parseEngineLine, parseEngineBatch, readEngineWeights, PY_ENGINE, CompileError } = await import('@axon/compile');
  await ensureOutDir(out, shownOut);
  const dir = join(out, 'pytorch');
  const dataPath = resolve(dirname(o.file), network.data.source);
  const manifest = engineManifest(network);
  let files;
  try {
    files = compile({ network, dataPath }, 'pytorch').files;
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    fail(`cannot train on PyTorch: ${err.message}`);
    return { code: ExitCode.Findings };
  }
  const metricsPath = join(out, 'metrics.jsonl');
  try {
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(join(dir, f.path), f.contents);
    await writeFile(join(dir, 'axon_engine.py'), PY_ENGINE);
    await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(join(dir, 'trained.bin'), { force: true });
    await writeFile(metricsPath, '');
  } catch (err) {
    throw new UsageError(`--out: cannot use ${describeFsError(err, shownOut)}; expected a folder to write the model into`);
  }

  const trainPy = resolve(dir, 'train.py');
  const trainArgs = [trainPy, '--data', dataPath, '--epochs', String(epochs), '--seed', String(seed), '--quiet', '--engine-dir', resolve(dir)];
  const args =
    o.nproc > 1 ? // --redirects/--tee 1 (stdout): torch 1.13's torchrun crashes on Python ≥ 3.11 without them, and with 3
      ['-m', 'torch.distributed.run', '--standalone', '--nnodes', '1', '--nproc_per_node', String(o.nproc), '--redirects', '1', '--tee', '1', ...trainArgs] : trainArgs;
  const backend = o.nproc > 1 ? `, ${o.nproc} processes (DistributedDataParallel, ${check.cuda ? 'nccl' : 'gloo'})` : '';
  say(
    `training ${network.name} (${network.params.total.toLocaleString('en-US')} parameters) on ${data.train.n} rows` +
      `${data.validation ? `, validating on ${data.validation.n}` : ''}; ${epochs} epoch${epochs === 1 ? '' : 's'}, batch ${network.train.batchSize}, seed ${seed}`,
  );
  const progress: TrainProgress = createProgress({ stream: io.stdout, tty: io.tty, epochs });
  progress.note(`engine: PyTorch ${check.torch} (${python}${check.cuda ? ', CUDA' : ', CPU'})${backend}`);

  const history: EpochLog[] = [];
  let stderr = '';
  let interrupted = false;
  const started = performance.now();
  const child = spawn(python, args, {
    cwd: dir,
    detached: true, // its own process group: Ctrl+C ends train.py and every torchrun worker
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1', ...(o.nproc > 1 && !process.env.OMP_NUM_THREADS ? { OMP_NUM_THREADS: '1' } : {}) },
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onInterrupt = () => {
    interrupted = true;
    progress.note('interrupted: stopping PyTorch (the epochs done stay in metrics.jsonl)');
    killGroup('SIGTERM');
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('SIGINT', onInterrupt);
  process.on('exit', onExit);
  o.signal?.addEventListener('abort', onInterrupt, { once: true });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const b = parseEngineBatch(line);
    if (b) {
      progress.batch(b);
      return;
    }
    const e = parseEngineLine(line);
    if (!e) return;
    const log: EpochLog = { epoch: e.epoch, loss: e.loss, metrics: e.metrics, diagnostics: [], ms: e.ms };
    if (e.valLoss !== undefined) {
      log.valLoss = e.valLoss;
      log.valMetrics = e.valMetrics ?? {};
    }
    history.push(log);
    progress.epoch(log);
    appendFileSync(metricsPath, `${JSON.stringify(epochRecord(log, { engine: 'pytorch' }))}\n`);
  });
  const status = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((done) => {
    child.on('error', (error) => done({ code: null, signal: null, error }));
    child.on('close', (code, signal) => done({ code, signal }));
  });
  process.off('SIGINT', onInterrupt);
  process.off('exit', onExit);
  o.signal?.removeEventListener('abort', onInterrupt);
  progress.stop();
  const seconds = (performance.now() - started) / 1000;

  if (interrupted) {
    fail(`training was interrupted; ${history.length} epoch${history.length === 1 ? '' : 's'} in ${join(shownOut, 'metrics.jsonl')}, no model written`);
    return { code: ExitCode.Findings };
  }
  if (status.error || status.code !== 0) {
    const why = status.error ? status.error.message : status.signal ? `killed by ${status.signal}` : `exit ${status.code}`;
    fail(`train.py failed (${why}); its last output:`);
    const last = tail(stderr);
    if (last) io.stderr.write(`${last}\n`);
    fail(`the generated code is in ${join(shownOut, 'pytorch')}`);
    return { code: ExitCode.Findings };
  }

  let bytes: Uint8Array;
  try {
    bytes = await readFile(join(dir, 'trained.bin'));
  } catch (err) {
    fail(`train.py ended without writing its weights (${describeFsError(err, join(shownOut, 'pytorch', 'trained.bin'))})`);
    return { code: ExitCode.Findings };
  }
  const trained: TrainedModel = {
    network,
    source: o.source,
    weights: readEngineWeights(manifest, bytes),
    featureNames: data.featureNames ?? [],
  };
  if (data.target !== undefined) trained.target = data.target;
  if (data.labelNames) trained.labelNames = data.labelNames;
  if (data.normalization) trained.normalization = data.normalization;
  if (data.targetNormalization) trained.targetNormalization = data.targetNormalization;
  if (data.tokenizer) trained.tokenizer = data.tokenizer;
  const diverged = history.some((h) => !Number.isFinite(h.loss));
  if (diverged) {
    return {
      code: undefined,
      result: { history, stopReason: 'diverged', bestEpoch: bestEpoch(history), message: `training diverged on PyTorch (the loss became NaN or infinite)` },
      seconds,
      epochs,
    };
  }
  try {
    await core.saveModel(out, trained);
  } catch (err) {
    fail(`could not save the model to ${shownOut}: ${err instanceof Error ? err.message : String(err)}`);
    return { code: ExitCode.Usage };
  }
  return {
    code: undefined,
    result: { history, stopReason: history.length < epochs ? 'early_stopping' : 'completed', bestEpoch: bestEpoch(history) },
    seconds,
    epochs,
  };
}
