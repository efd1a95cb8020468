/**
 * The training worker: core's pipeline (data → build → fit) on WebAssembly SIMD, in the page.
 * Data sets live in the in-memory file system (src/shims/fs.ts), so core's real CSV loader reads them
 * with its own checks and messages. One run at a time; 'stop' aborts it at the next batch.
 */
import '../shims/node-globals.js';
import { activeMatmul, DataError, loadCsvData, runTraining, TrainingError, type LoadedData, type TrainedModel } from '@axon/core';
import type { TrainedWeights } from '@axon/compile';
import { makeVariant, resolve as resolveNetwork } from '@axon/diagnose';
import type { DataSpec, ResolvedNetwork } from '@axon/language';
import { writeVirtualFile } from '../shims/fs.js';
import type { DataChoice, FromWorker, ToWorker } from './protocol.js';

/**
 * Where the spec "lives": its `data.source` is relative to this folder, which is also the project root
 * (core reads no data outside it) and the working directory (messages name files relative to it).
 */
const SPEC_DIR = '/playground';
const SPEC_PATH = `${SPEC_DIR}/spec.axon`;
/** A data set picked in the page, or dropped, sits in a folder of its own inside the project. */
const CHOSEN = `${SPEC_DIR}/chosen`;

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
let controller: AbortController | undefined;

function firstLine(text: string): string[] {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
}

/** The network with its data block pointing at the chosen CSV (a data block made up when the spec has none). */
function withData(network: ResolvedNetwork, choice: DataChoice): ResolvedNetwork {
  const path = `${CHOSEN}/${choice.name}`;
  writeVirtualFile(path, choice.text);
  const header = firstLine(choice.text);
  const target = choice.target ?? (network.data && header.includes(network.data.target) ? network.data.target : header[header.length - 1] ?? 'target');
  const base: DataSpec = network.data ?? { source: path, target, validationSplit: 0.2, standardize: true, ranges: {} };
  const { features: _features, ...rest } = base;
  const keepFeatures = base.features && base.features.every((f) => header.includes(f)) ? { features: base.features } : {};
  return { ...network, data: { ...rest, ...keepFeatures, source: path, target, ranges: {} } };
}

function trainedWeights(t: TrainedModel): TrainedWeights {
  return {
    weights: t.weights,
    featureNames: t.featureNames,
    ...(t.target !== undefined ? { target: t.target } : {}),
    ...(t.labelNames ? { labelNames: t.labelNames } : {}),
    ...(t.normalization ? { normalization: t.normalization } : {}),
  };
}

async function train(msg: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  const activation = msg.activation;
  const tag = activation ? { activation } : {};
  controller = new AbortController();
  try {
    for (const [name, text] of Object.entries(msg.files)) writeVirtualFile(`${SPEC_DIR}/${name}`, text);
    let network = activation ? makeVariant(msg.source, msg.network, activation, 'auto').network : resolveNetwork(msg.source, msg.network);
    if (msg.data) network = withData(network, msg.data);
    let loaded: LoadedData;
    try {
      // Every file in the in-memory file system is the user's own (the examples' data, a picked or dropped CSV in chosen/).
      loaded = await loadCsvData(network, SPEC_PATH, { projectRoot: '/' });
    } catch (error) {
      if (error instanceof DataError) throw new TrainingError('data', error.message.replaceAll('chosen/', ''), error);
      throw error;
    }
    const run = await runTraining({
      network,
      data: loaded,
      ...(msg.epochs !== undefined ? { epochs: msg.epochs } : {}),
      signal: controller.signal,
      onStart: ({ data, epochs }) =>
        post({ type: 'start', epochs, samples: { train: data.train.n, validation: data.validation?.n ?? 0 }, kernels: activeMatmul, ...tag }),
      onEpoch: (log) => post({ type: 'epoch', log, ...tag }),
    });
    post({
      type: 'done',
      history: run.result.history,
      summary: {
        stopReason: run.result.stopReason,
        ...(run.result.message ? { message: run.result.message } : {}),
        bestEpoch: run.result.bestEpoch,
        epochs: run.epochs,
        seconds: run.seconds,
        params: network.params.total,
        kernels: activeMatmul,
        samples: { train: loaded.train.n, validation: loaded.validation?.n ?? 0 },
        featureNames: loaded.featureNames,
        ...(loaded.labelNames ? { labelNames: loaded.labelNames } : {}),
      },
      // weights only for a single run (the Compile tab's trained output); a sweep's variants need none
      ...(activation ? {} : { trained: trainedWeights(run.trained) }),
      ...tag,
    });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error), ...tag });
  } finally {
    controller = undefined;
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  if (e.data.type === 'stop') controller?.abort();
  else void train(e.data);
};
