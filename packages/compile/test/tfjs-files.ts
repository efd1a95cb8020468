/** Loading an emitted TF.js folder from disk in the pure-JS @tensorflow/tfjs (consumer tests). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';

/** A file-system IO handler: what tfjs-node's file:// does, for the pure-JS @tensorflow/tfjs. */
export function fileHandler(dir: string): tf.io.IOHandler {
  return {
    async load() {
      const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
      const specs = modelJson.weightsManifest.flatMap((g) => g.weights);
      const buffers = modelJson.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))));
      const all = Buffer.concat(buffers);
      const artifacts: tf.io.ModelArtifacts = { modelTopology: modelJson.modelTopology, format: modelJson.format, generatedBy: modelJson.generatedBy };
      if (modelJson.userDefinedMetadata) artifacts.userDefinedMetadata = modelJson.userDefinedMetadata;
      // What tf.loadLayersModel compiles the model with (loss and optimizer), when the target wrote one.
      if (modelJson.trainingConfig) artifacts.trainingConfig = modelJson.trainingConfig as tf.io.TrainingConfig;
      if (specs.length > 0) {
        artifacts.weightSpecs = specs;
        artifacts.weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      }
      return artifacts;
    },
  };
}
