/**
 * loadModel: `<dir>/model.json` + `<dir>/weights.bin` → TrainedModel.
 * Checks, in order: both files exist; model.json is JSON of this format and version; weights.bin has the
 * recorded length and SHA-256; the saved source still parses and analyses, and holds the network; every
 * layer's tensors match the network's layers (names, kinds, parameter counts, kernel/bias shapes); a
 * tokenizer (optional) is well formed and fits the network's input and embedding; every recorded length
 * (normalisation statistics, feature and label names) fits the network, each layer is recorded once,
 * and every value is what it must be (finite means and weights, positive standard deviations; see
 * check-values.ts).
 * Any failure is a ModelFileError naming the file and what is wrong.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parse, analyze, NETWORK_INPUT, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import type { LayerWeights, TextTokenizer, TrainedModel } from '../types.js';
import { tokenizerProblem } from '../data/tokenizer.js';
import { ModelFileError } from './errors.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, MODEL_JSON, WEIGHTS_BIN, type ModelFile } from './model-format.js';
import { expectedTensorShapes } from './weight-shapes.js';
import { checkDistinctLayers, checkFiniteWeights, checkRecordedValues, checkTensorTable } from './check-values.js';

export interface LoadModelOptions {
  /**
   * The network the model was trained as, when its source cannot say it (a graph built by hand, which
   * the language cannot write yet). Its layers must match the file's recorded names, kinds and inputs.
   */
  network?: ResolvedNetwork;
}

export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<TrainedModel> {
  const jsonPath = join(dir, MODEL_JSON);
  const binPath = join(dir, WEIGHTS_BIN);
  const text = await readOrFail(jsonPath, dir, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ModelFileError(jsonPath, `not valid JSON (${(err as Error).message})`);
  }
  const file = checkModelFile(raw, jsonPath);
  checkDistinctLayers(file, jsonPath);
  const bytes = await readOrFail(binPath, dir);
  if (bytes.length !== file.weights.byteLength) {
    throw new ModelFileError(binPath, `holds ${bytes.length} bytes but model.json records ${file.weights.byteLength}; the model is incomplete or corrupt`);
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== file.weights.sha256) {
    throw new ModelFileError(binPath, 'SHA-256 does not match model.json; the weights were modified or only partly written');
  }
  const network = options.network ?? resolveSavedNetwork(file, jsonPath);
  checkGraph(file, network, jsonPath, options.network ? 'the given network' : 'the source');
  checkRecordedValues(file, network, jsonPath);
  checkTensorTable(file, network, jsonPath);
  const weights = decodeWeights(file, bytes, network, jsonPath);
  checkFiniteWeights(file, weights, binPath);
  const model: TrainedModel = { network, source: file.source, weights, featureNames: [...file.featureNames] };
  if (file.target !== undefined) model.target = file.target;
  if (file.labelNames) model.labelNames = [...file.labelNames];
  if (file.normalization) model.normalization = file.normalization;
  if (file.targetNormalization) model.targetNormalization = file.targetNormalization;
  if (file.tokenizer) model.tokenizer = checkTokenizer(file, network, jsonPath);
  return model;
}

async function readOrFail(path: string, dir: string): Promise<Buffer>;
async function readOrFail(path: string, dir: string, encoding: 'utf8'): Promise<string>;
async function readOrFail(path: string, dir: string, encoding?: 'utf8'): Promise<Buffer | string> {
  try {
    return encoding ? await readFile(path, encoding) : await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ModelFileError(path, `file not found; ${dir} is not a complete Axon model directory (expected ${MODEL_JSON} and ${WEIGHTS_BIN}, as written by \`axon train\`)`);
    }
    throw new ModelFileError(path, `cannot read (${code ?? (err as Error).message})`);
  }
}

/** Validates the JSON's structure; returns it typed. */
function checkModelFile(raw: unknown, path: string): ModelFile {
  const fail = (what: string): never => {
    throw new ModelFileError(path, what);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a JSON object');
  const o = raw as Record<string, unknown>;
  if (o.format !== MODEL_FORMAT) fail(`not an Axon model (format is ${JSON.stringify(o.format)}, expected "${MODEL_FORMAT}")`);
  if (o.version !== MODEL_FORMAT_VERSION) {
    fail(`format version ${JSON.stringify(o.version)} is not supported (this Axon reads version ${MODEL_FORMAT_VERSION})`);
  }
  if (typeof o.network !== 'string') fail('"network" must be a string');
  if (typeof o.source !== 'string') fail('"source" must be a string (the .axon source)');
  if (!isStringArray(o.featureNames)) fail('"featureNames" must be an array of strings');
  if (o.target !== undefined && typeof o.target !== 'string') fail('"target" must be a string');
  if (o.labelNames !== undefined && !isStringArray(o.labelNames)) fail('"labelNames" must be an array of strings');
  if (o.normalization !== undefined) {
    const n = o.normalization as Record<string, unknown>;
    if (typeof n !== 'object' || n === null || !isAnyNumberArray(n.mean) || !isAnyNumberArray(n.std)) {
      fail('"normalization" must be { mean: number[], std: number[] }');
    }
  }
  if (o.targetNormalization !== undefined) {
    const n = o.targetNormalization as Record<string, unknown>;
    if (typeof n !== 'object' || n === null || !isAnyNumberArray(n.mean) || !isAnyNumberArray(n.std)) {
      fail('"targetNormalization" must be { mean: number[], std: number[] }');
    }
  }
  if (o.tokenizer !== undefined) {
    const problem = tokenizerProblem(o.tokenizer);
    if (problem) fail(`"tokenizer" ${problem}`);
  }
  const w = o.weights as Record<string, unknown> | undefined;
  if (typeof w !== 'object' || w === null) fail('"weights" is missing');
  if (w!.dtype !== 'float32' || w!.byteOrder !== 'little-endian') fail('"weights" must be float32, little-endian');
  if (!isNonNegativeInteger(w!.byteLength) || typeof w!.sha256 !== 'string') fail('"weights" needs byteLength and sha256');
  if (!Array.isArray(o.layers)) fail('"layers" must be an array');
  (o.layers as unknown[]).forEach((l, i) => {
    const layer = l as Record<string, unknown>;
    if (typeof layer !== 'object' || layer === null || !isNonNegativeInteger(layer.index) || typeof layer.name !== 'string' || !Array.isArray(layer.tensors)) {
      fail(`layers[${i}] must have index, name and tensors`);
    }
    (layer.tensors as unknown[]).forEach((t, j) => {
      const tensor = t as Record<string, unknown>;
      const ok =
        typeof tensor === 'object' &&
        tensor !== null &&
        typeof tensor.name === 'string' &&
        isNumberArray(tensor.shape) &&
        tensor.shape.every((d) => Number.isInteger(d) && d >= 0) &&
        isNonNegativeInteger(tensor.byteOffset) &&
        isNonNegativeInteger(tensor.length) &&
        tensor.shape.reduce((a, b) => a * b, 1) === tensor.length &&
        (tensor.byteOffset as number) % 4 === 0 &&
        (tensor.byteOffset as number) + (tensor.length as number) * 4 <= (w!.byteLength as number);
      if (!ok) fail(`layers[${i}].tensors[${j}] needs name, shape, byteOffset and length that agree and fit in weights.bin`);
    });
  });
  if (o.graph !== undefined) {
    const ok =
      Array.isArray(o.graph) &&
      (o.graph as unknown[]).every((g) => {
        const node = g as Record<string, unknown>;
        return typeof node === 'object' && node !== null && typeof node.name === 'string' && typeof node.kind === 'string' &&
          Array.isArray(node.inputs) && node.inputs.length > 0 && node.inputs.every((j) => Number.isInteger(j) && (j as number) >= -1);
      });
    if (!ok) fail('"graph" must be an array of { name, kind, inputs: integer[] } (one per layer; -1 is the network input)');
  }
  return o as unknown as ModelFile;
}

function resolveSavedNetwork(file: ModelFile, path: string): ResolvedNetwork {
  const parsed = parse(file.source);
  const analysed = analyze(parsed.ast);
  const errors = [...parsed.diagnostics, ...analysed.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const e = errors[0]!;
    throw new ModelFileError(
      path,
      `the saved source no longer analyses (${errors.length} error${errors.length === 1 ? '' : 's'}; first at line ${e.range.start.line}, column ${e.range.start.column}: ${e.message})`,
    );
  }
  const network = analysed.networks.find((n) => n.name === file.network);
  if (!network) {
    const names = analysed.networks.map((n) => n.name).join(', ') || 'none';
    throw new ModelFileError(path, `the saved source has no network ${file.network} (it has: ${names})`);
  }
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
  if (!isNumberArray(file.inputShape) || !same(file.inputShape, network.input)) {
    throw new ModelFileError(path, `inputShape [${String(file.inputShape)}] does not match the source's input [${network.input.join(', ')}]`);
  }
  return network;
}

/** The recorded wiring (a chain when the file predates graphs) must be the network's. */
function checkGraph(file: ModelFile, network: ResolvedNetwork, path: string, what: string): void {
  const nodes = file.graph ?? network.layers.map((l, i) => ({ name: l.name, kind: l.kind, inputs: [i - 1] }));
  if (nodes.length !== network.layers.length) {
    throw new ModelFileError(path, `records ${nodes.length} layers but ${what} has ${network.layers.length} (network ${network.name})`);
  }
  nodes.forEach((node, i) => {
    const layer = network.layers[i]!;
    const same = node.inputs.length === layer.inputs.length && node.inputs.every((j, k) => j === layer.inputs[k]);
    if (node.name !== layer.name || node.kind !== layer.kind || !same) {
      throw new ModelFileError(
        path,
        `layer ${i} is ${node.name} (${node.kind}) reading [${node.inputs.join(', ')}] in the file but ${layer.name} (${layer.kind}) reading [${layer.inputs.join(', ')}] in ${what}`,
      );
    }
  });
}

/** A saved tokenizer must fit its network: input [length], and every id below an embedding's input_dim. */
function checkTokenizer(file: ModelFile, network: ResolvedNetwork, path: string): TextTokenizer {
  const t = file.tokenizer!;
  if (network.input.length !== 1 || network.input[0] !== t.length) {
    throw new ModelFileError(path, `"tokenizer" makes rows of ${t.length} token ids but network ${network.name} has input [${network.input.join(', ')}]`);
  }
  const embedding = network.layers.find((l) => l.inputs.includes(NETWORK_INPUT) && l.kind === 'embedding');
  if (embedding && embedding.kind === 'embedding' && t.vocabulary.length > embedding.inputDim) {
    throw new ModelFileError(path, `"tokenizer" has ${t.vocabulary.length} ids but ${embedding.name} reads ids below ${embedding.inputDim}`);
  }
  if (file.featureNames.length !== 1 || file.featureNames[0] !== t.column) {
    throw new ModelFileError(path, `"tokenizer" reads column "${t.column}" but "featureNames" is [${file.featureNames.map((f) => `"${f}"`).join(', ')}]`);
  }
  return { column: t.column, length: t.length, lowercase: t.lowercase, pattern: t.pattern, vocabulary: [...t.vocabulary] };
}

function decodeWeights(file: ModelFile, bytes: Buffer, network: ResolvedNetwork, path: string): LayerWeights[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const seen = new Set<number>();
  const weights = file.layers.map((entry): LayerWeights => {
    const layer: ResolvedLayer | undefined = network.layers[entry.index];
    if (!layer) {
      throw new ModelFileError(path, `layer ${entry.index} (${entry.name}) does not exist: network ${network.name} has ${network.layers.length} layers`);
    }
    if (layer.name !== entry.name || (entry.kind !== undefined && layer.kind !== entry.kind)) {
      throw new ModelFileError(path, `layer ${entry.index} is ${entry.name} (${entry.kind}) in the file but ${layer.name} (${layer.kind}) in the source`);
    }
    seen.add(entry.index);
    const count = entry.tensors.reduce((a, t) => a + t.length, 0);
    const expectedCount = layer.params.trainable + layer.params.nonTrainable;
    if (count !== expectedCount) {
      throw new ModelFileError(path, `layer ${layer.name} has ${count} weights in the file but ${expectedCount} parameters in the source`);
    }
    const expected = expectedTensorShapes(layer);
    for (const t of entry.tensors) {
      const shape = expected[t.name];
      if (shape && (shape.length !== t.shape.length || shape.some((d, i) => d !== t.shape[i]))) {
        throw new ModelFileError(path, `layer ${layer.name} tensor ${t.name} has shape [${t.shape.join(', ')}] but the source needs [${shape.join(', ')}]`);
      }
    }
    return {
      layer: entry.index,
      name: entry.name,
      weights: entry.tensors.map((t) => {
        const values = new Float32Array(t.length);
        for (let i = 0; i < t.length; i++) values[i] = view.getFloat32(t.byteOffset + i * 4, true);
        return { name: t.name, shape: [...t.shape], values };
      }),
    };
  });
  const missing = network.layers.find((l) => l.params.trainable + l.params.nonTrainable > 0 && !seen.has(l.index));
  if (missing) {
    throw new ModelFileError(path, `no weights for layer ${missing.name} (${missing.kind}), which has ${missing.params.trainable + missing.params.nonTrainable} parameters`);
  }
  return weights;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}
/** Numbers of any value (1e999 in JSON reads as Infinity): their range is checked with the network. */
function isAnyNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'number');
}
function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'number' && Number.isFinite(s));
}
function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
