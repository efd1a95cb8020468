/**
 * The checks of a model.json that need its network: every recorded length against the network (the
 * normalisation statistics, feature names, label names) and every value for what it must be (finite
 * means, positive finite standard deviations, finite weights). A hand-edited file that fails one is a
 * ModelFileError naming the field by its JSON path and saying what was expected — never a model that
 * loads and then predicts NaN, or compiles to code with the wrong statistics baked in.
 */
import type { ResolvedNetwork } from '@axon/language';
import type { LayerWeights } from '../types.js';
import { ModelFileError } from './errors.js';
import type { ModelFile } from './model-format.js';
import { expectedTensorShapes } from './weight-shapes.js';

/** The largest finite float32 (features are standardised in float32). */
const FLOAT32_MAX = 3.4028234663852886e38;
/** The smallest normal float32: a std below it would turn every feature into ±Infinity. */
const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a non-finite or out-of-range number is, in words (JSON itself cannot hold NaN; 1e999 reads as Infinity). */
function describe(v: unknown): string {
  if (typeof v !== 'number') return JSON.stringify(v) ?? String(v);
  return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
}

/** The lengths and values of everything but the weights. */
export function checkRecordedValues(file: ModelFile, network: ResolvedNetwork, path: string): void {
  const fail = (what: string): never => {
    throw new ModelFileError(path, what);
  };
  const perSample = product(network.input);
  const input = `input [${network.input.join(', ')}]`;

  if (file.normalization) {
    const { mean, std } = file.normalization;
    if (mean.length !== perSample) fail(`normalization.mean has ${plural(mean.length, 'value')} but network ${network.name}'s ${input} takes ${perSample}; expected one mean per feature`);
    if (std.length !== perSample) fail(`normalization.std has ${plural(std.length, 'value')} but network ${network.name}'s ${input} takes ${perSample}; expected one standard deviation per feature`);
    mean.forEach((m, i) => {
      if (typeof m !== 'number' || !Number.isFinite(m)) fail(`normalization.mean[${i}] is ${describe(m)}; expected a finite number`);
      if (Math.abs(m) > FLOAT32_MAX) fail(`normalization.mean[${i}] is ${describe(m)}; expected a number within float32's range (±3.4e38)`);
    });
    std.forEach((s, i) => {
      if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0) fail(`normalization.std[${i}] is ${describe(s)}; expected a positive finite number (a standard deviation that features are divided by)`);
      if (s < FLOAT32_MIN_NORMAL || s > FLOAT32_MAX) fail(`normalization.std[${i}] is ${describe(s)}; expected a standard deviation within float32's range (1.2e-38 to 3.4e38)`);
    });
  }

  if (file.targetNormalization) {
    const { mean, std } = file.targetNormalization;
    const outputs = product(network.outputShape);
    const task = network.task;
    if (task && task.kind !== 'regression') fail(`targetNormalization scales regression targets but network ${network.name} is ${task.kind}; remove it`);
    if (mean.length !== outputs) fail(`targetNormalization.mean has ${plural(mean.length, 'value')} but network ${network.name} outputs ${outputs}; expected one mean per output`);
    if (std.length !== outputs) fail(`targetNormalization.std has ${plural(std.length, 'value')} but network ${network.name} outputs ${outputs}; expected one standard deviation per output`);
    mean.forEach((m, i) => {
      if (typeof m !== 'number' || !Number.isFinite(m) || Math.abs(m) > FLOAT32_MAX) fail(`targetNormalization.mean[${i}] is ${describe(m)}; expected a finite number within float32's range`);
    });
    std.forEach((s, i) => {
      if (typeof s !== 'number' || !Number.isFinite(s) || s < FLOAT32_MIN_NORMAL || s > FLOAT32_MAX) {
        fail(`targetNormalization.std[${i}] is ${describe(s)}; expected a positive finite standard deviation within float32's range (outputs are multiplied by it)`);
      }
    });
  }

  if (!file.tokenizer && file.featureNames.length > 0 && file.featureNames.length !== perSample) {
    fail(`featureNames has ${plural(file.featureNames.length, 'name')} but network ${network.name}'s ${input} takes ${perSample} features; expected one column name per feature`);
  }
  const seen = new Map<string, number>();
  file.featureNames.forEach((name, i) => {
    const before = seen.get(name);
    if (before !== undefined) fail(`featureNames[${i}] "${name}" repeats featureNames[${before}]; expected distinct column names`);
    seen.set(name, i);
  });

  const task = network.task;
  if (file.labelNames && task && task.kind !== 'regression') {
    const want = task.kind === 'binary_classification' ? 2 : product(network.outputShape);
    const what = task.kind === 'binary_classification' ? 'binary_classification has two labels' : `network ${network.name} outputs ${want} values (${task.kind})`;
    if (file.labelNames.length !== want) fail(`labelNames has ${plural(file.labelNames.length, 'name')} but ${what}; expected ${want}`);
    const labels = new Map<string, number>();
    file.labelNames.forEach((name, i) => {
      const before = labels.get(name);
      if (before !== undefined) fail(`labelNames[${i}] "${name}" repeats labelNames[${before}]; expected distinct labels`);
      labels.set(name, i);
    });
  }
}

/** Each layer recorded once: no index or name twice in `layers`. */
export function checkDistinctLayers(file: ModelFile, path: string): void {
  const byIndex = new Map<number, number>();
  const byName = new Map<string, number>();
  file.layers.forEach((layer, i) => {
    const a = byIndex.get(layer.index);
    if (a !== undefined) throw new ModelFileError(path, `layers[${i}].index ${layer.index} repeats layers[${a}].index; expected each layer once`);
    const b = byName.get(layer.name);
    if (b !== undefined) throw new ModelFileError(path, `layers[${i}].name "${layer.name}" repeats layers[${b}].name; expected each layer once`);
    byIndex.set(layer.index, i);
    byName.set(layer.name, i);
    const tensors = new Map<string, number>();
    layer.tensors.forEach((t, j) => {
      const c = tensors.get(t.name);
      if (c !== undefined) throw new ModelFileError(path, `layers[${i}].tensors[${j}].name "${t.name}" repeats layers[${i}].tensors[${c}]; expected each tensor once`);
      tensors.set(t.name, j);
    });
  });
}

/** Every weight finite (the checksum only proves the bytes are the ones recorded, not that they are numbers). */
export function checkFiniteWeights(file: ModelFile, weights: LayerWeights[], binPath: string): void {
  weights.forEach((layer, i) => {
    layer.weights.forEach((tensor, j) => {
      const values = tensor.values;
      for (let k = 0; k < values.length; k++) {
        const v = values[k]!;
        if (Number.isFinite(v)) continue;
        const byte = file.layers[i]!.tensors[j]!.byteOffset + k * 4;
        throw new ModelFileError(
          binPath,
          `layers[${i}].tensors[${j}] (${tensor.name} of ${layer.name}) value ${k} (byte ${byte}) is ${describe(v)}; expected finite weights (was the model saved from a diverged run, or edited?)`,
        );
      }
    });
  });
}

/**
 * The tensor table must be the one saveModel writes: each layer's tensors named as its kind needs them
 * (`kernel`, `bias`, …), and the tensors tiling weights.bin — no two sharing bytes, no byte unclaimed —
 * so an edited offset cannot make two tensors read the same weights.
 */
export function checkTensorTable(file: ModelFile, network: ResolvedNetwork, path: string): void {
  const spans: { start: number; end: number; at: string }[] = [];
  file.layers.forEach((entry, i) => {
    const layer = network.layers[entry.index];
    if (!layer) return; // reported by decodeWeights, with the network's layer count
    const expected = Object.keys(expectedTensorShapes(layer));
    const names = entry.tensors.map((t) => t.name);
    if (expected.length > 0) {
      const missing = expected.filter((n) => !names.includes(n));
      // A prelu activation adds its learned slopes, `alpha`, to the layer's own tensors.
      const extra = names.filter((n) => !expected.includes(n) && n !== 'alpha');
      if (missing.length > 0 || extra.length > 0) {
        const j = extra.length > 0 ? names.indexOf(extra[0]!) : -1;
        throw new ModelFileError(
          path,
          `${j >= 0 ? `layers[${i}].tensors[${j}].name is ${JSON.stringify(extra[0])}` : `layers[${i}] has no tensor ${JSON.stringify(missing[0])}`}; ${layer.name} (${layer.kind}) has tensors ${expected.map((n) => `"${n}"`).join(', ')} (and "alpha" with a prelu activation)`,
        );
      }
    }
    entry.tensors.forEach((t, j) => spans.push({ start: t.byteOffset, end: t.byteOffset + t.length * 4, at: `layers[${i}].tensors[${j}]` }));
  });
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  let covered = 0;
  let last: (typeof spans)[number] | undefined;
  for (const span of spans) {
    if (span.start === span.end) continue;
    if (span.start < covered) {
      throw new ModelFileError(path, `${span.at}.byteOffset ${span.start} overlaps ${last!.at} (bytes ${last!.start}–${last!.end - 1}); expected every tensor in its own bytes of weights.bin`);
    }
    if (span.start > covered) {
      throw new ModelFileError(path, `no tensor holds bytes ${covered}–${span.start - 1} of weights.bin (${span.at}.byteOffset is ${span.start}); expected the tensors to cover it end to end`);
    }
    covered = span.end;
    last = span;
  }
  if (covered !== file.weights.byteLength) {
    throw new ModelFileError(path, `the tensors cover ${covered} of the ${file.weights.byteLength} bytes of weights.bin; expected them to cover it end to end`);
  }
}
