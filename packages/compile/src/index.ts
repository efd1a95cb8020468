/**
 * @axon/compile — code and model generators for a resolved Axon network.
 *
 *   compile({ network, trained? }, target) → { files }   json | pytorch | tfjs | keras | onnx
 *   toIr(network)                           → the JSON IR (schema/axon-network.schema.json)
 *
 * Features a target cannot express throw CompileError, whose message names the feature and the target.
 */
import { GraphError, topologicalOrder } from '@axon/language';
import type { CompileInput, CompileOutput, TargetName } from './types.js';
import { CompileError } from './errors.js';
import { compileJson } from './targets/json.js';
import { compileKeras } from './targets/keras.js';
import { compileOnnx } from './targets/onnx.js';
import { compilePytorch } from './targets/pytorch.js';
import { compileTfjs } from './targets/tfjs.js';

export type { CompileInput, CompileOutput, OutputFile, TargetName, TrainedWeights } from './types.js';
export { TARGETS } from './types.js';
export type { LayerWeights, WeightTensor, Normalization } from './weights.js';
export { CompileError } from './errors.js';
export { IR_FORMAT, IR_VERSION, IR_GRAPH_VERSION, toIr, type IrNetwork, type IrLayer } from './ir.js';
export { pyString, jsString, pyIdentifier, jsIdentifier } from './escape.js';
export { engineManifest, parseEngineLine, parseEngineBatch, readEngineWeights, PY_ENGINE, ENGINE_EPOCH_PREFIX, ENGINE_BATCH_PREFIX, type EngineManifest, type EngineEpoch, type EngineBatch } from './targets/pytorch-engine.js';

const COMPILERS: Record<TargetName, (input: CompileInput) => CompileOutput> = {
  json: compileJson,
  pytorch: compilePytorch,
  tfjs: compileTfjs,
  keras: compileKeras,
  onnx: compileOnnx,
};

/**
 * Compiles one resolved network for a target. Throws CompileError for what the target cannot express,
 * and for a layer graph no target can (a cycle, a missing input, a second output: see `topologicalOrder`).
 */
export function compile(input: CompileInput, target: TargetName): CompileOutput {
  const compiler = COMPILERS[target];
  if (!compiler) throw new CompileError(String(target), 'anything', `unknown target; use one of ${Object.keys(COMPILERS).join(', ')}`);
  try {
    topologicalOrder(input.network);
  } catch (err) {
    if (err instanceof GraphError) throw new CompileError(target, 'this layer graph', err.message);
    throw err;
  }
  return compiler(input);
}
