/**
 * saveModel: a TrainedModel → `<dir>/weights.bin` + `<dir>/model.json`.
 * Each file is written atomically (temp + fsync + rename), weights first; model.json carries the weights'
 * SHA-256, so a crash between the two renames leaves a directory that loadModel reports as corrupt
 * instead of pairing old metadata with new weights.
 */
import { mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { TrainedModel } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';
import { ModelFileError } from './errors.js';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  MODEL_JSON,
  WEIGHTS_BIN,
  type ModelFile,
  type ModelFileLayer,
} from './model-format.js';

export async function saveModel(dir: string, model: TrainedModel): Promise<void> {
  const { file, bytes } = encodeModel(model);
  try {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, WEIGHTS_BIN), bytes);
    await writeFileAtomic(join(dir, MODEL_JSON), `${JSON.stringify(file, null, 2)}\n`);
  } catch (err) {
    throw new ModelFileError(dir, `cannot write the model (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** The model.json content and the weights.bin bytes (exported for tests). */
export function encodeModel(model: TrainedModel): { file: ModelFile; bytes: Uint8Array } {
  let total = 0;
  for (const layer of model.weights) {
    for (const t of layer.weights) {
      const size = t.shape.reduce((a, b) => a * b, 1);
      if (size !== t.values.length) {
        throw new ModelFileError(
          MODEL_JSON,
          `layer ${layer.name} tensor ${t.name} has shape [${t.shape.join(', ')}] (${size} values) but holds ${t.values.length}`,
        );
      }
      total += size;
    }
  }
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  const layers: ModelFileLayer[] = model.weights.map((layer) => ({
    index: layer.layer,
    name: layer.name,
    kind: model.network.layers[layer.layer]?.kind ?? 'unknown',
    tensors: layer.weights.map((t) => {
      const entry = { name: t.name, shape: [...t.shape], byteOffset: offset, length: t.values.length };
      for (let i = 0; i < t.values.length; i++) view.setFloat32(offset + i * 4, t.values[i]!, true);
      offset += t.values.length * 4;
      return entry;
    }),
  }));
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    network: model.network.name,
    source: model.source,
    inputShape: [...model.network.input],
    outputShape: [...model.network.outputShape],
    ...(model.network.task ? { task: model.network.task } : {}),
    featureNames: [...model.featureNames],
    ...(model.target !== undefined ? { target: model.target } : {}),
    ...(model.labelNames ? { labelNames: [...model.labelNames] } : {}),
    ...(model.normalization
      ? { normalization: { mean: [...model.normalization.mean], std: [...model.normalization.std] } }
      : {}),
    ...(model.targetNormalization
      ? { targetNormalization: { mean: [...model.targetNormalization.mean], std: [...model.targetNormalization.std] } }
      : {}),
    ...(model.tokenizer ? { tokenizer: { ...model.tokenizer, vocabulary: [...model.tokenizer.vocabulary] } } : {}),
    weights: {
      file: WEIGHTS_BIN,
      dtype: 'float32',
      byteOrder: 'little-endian',
      byteLength: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    layers,
    graph: model.network.layers.map((l) => ({ name: l.name, kind: l.kind, inputs: [...l.inputs] })),
  };
  return { file, bytes };
}
