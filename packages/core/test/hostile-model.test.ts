/**
 * Issue 15 #13: a hand-edited model.json whose lengths do not fit the network, whose statistics are not
 * usable, which records a layer twice, or whose weights are NaN/Infinity (checksum recomputed, so only
 * validation can catch it) is refused on load with a ModelFileError naming the field by JSON path.
 */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@axon/language';
import { buildModel, fit, getWeights, type TrainedModel } from '../src/index.js';
import { loadCsvData } from '../src/data/index.js';
import { saveModel, loadModel, ModelFileError } from '../src/io/index.js';
import { useTempDir } from './temp-dir.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const dir = useTempDir('axon-hostile-model-');

let iris: TrainedModel | undefined;
async function trainedIris(): Promise<TrainedModel> {
  if (iris) return iris;
  const source = await readFile(join(examples, 'iris.axon'), 'utf8');
  const network = check(source).networks[0]!;
  const data = await loadCsvData(network, join(examples, 'iris.axon'));
  const model = buildModel(network, { seed: 3 });
  await fit(model, data.train, data.validation, { epochs: 1 });
  iris = { network, source, weights: getWeights(model), featureNames: data.featureNames, target: data.target, labelNames: data.labelNames!, normalization: data.normalization! };
  return iris;
}

let n = 0;
/** Saves iris, lets `edit` change model.json (as text: 1e999 is how JSON spells Infinity) and returns the folder. */
async function edited(edit: (json: Record<string, any>) => void, raw?: (text: string) => string): Promise<string> {
  const out = join(dir(), `m${n++}`);
  await saveModel(out, await trainedIris());
  const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
  edit(json);
  const text = JSON.stringify(json);
  await writeFile(join(out, 'model.json'), raw ? raw(text) : text);
  return out;
}

/** Writes `value` as weight number `k` of weights.bin and records the new SHA-256, as a careful forger would. */
async function forgedWeight(k: number, value: number): Promise<string> {
  const out = await edited(() => {});
  const bytes = await readFile(join(out, 'weights.bin'));
  bytes.writeFloatLE(value, k * 4);
  await writeFile(join(out, 'weights.bin'), bytes);
  const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
  json.weights.sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(out, 'model.json'), JSON.stringify(json));
  return out;
}

async function refused(out: string): Promise<string> {
  const err = await loadModel(out).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ModelFileError);
  return (err as ModelFileError).message;
}

describe('loadModel: recorded lengths against the network', () => {
  it('the untouched model loads (the checks accept what saveModel writes)', async () => {
    const model = await loadModel(await edited(() => {}));
    expect(model.normalization!.std).toHaveLength(4);
    expect(model.labelNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('normalization.mean of the wrong length', async () => {
    const out = await edited((j) => j.normalization.mean.pop());
    expect(await refused(out)).toMatch(/model\.json: normalization\.mean has 3 values but network Iris's input \[4\] takes 4; expected one mean per feature$/);
  });

  it('normalization.std of the wrong length', async () => {
    const out = await edited((j) => j.normalization.std.push(1, 1));
    expect(await refused(out)).toMatch(/model\.json: normalization\.std has 6 values but network Iris's input \[4\] takes 4; expected one standard deviation per feature$/);
  });

  it.each([
    [0, '0'],
    [-0.5, '-0.5'],
  ])('a std of %d', async (v, shown) => {
    const out = await edited((j) => (j.normalization.std[2] = v));
    expect(await refused(out)).toContain(`model.json: normalization.std[2] is ${shown}; expected a positive finite number`);
  });

  it('a std or mean of Infinity (1e999 in the JSON)', async () => {
    const std = await edited((j) => (j.normalization.std[1] = 12345), (t) => t.replace('12345', '1e999'));
    expect(await refused(std)).toContain('normalization.std[1] is Infinity; expected a positive finite number');
    const mean = await edited((j) => (j.normalization.mean[3] = 12345), (t) => t.replace('12345', '-1e999'));
    expect(await refused(mean)).toContain('normalization.mean[3] is -Infinity; expected a finite number');
  });

  it('a std that is not a number', async () => {
    const out = await edited((j) => (j.normalization.std[0] = 'NaN'));
    expect(await refused(out)).toMatch(/"normalization" must be \{ mean: number\[\], std: number\[\] \}/);
  });

  it('featureNames of the wrong length, or repeated', async () => {
    const fewer = await edited((j) => j.featureNames.pop());
    expect(await refused(fewer)).toMatch(/model\.json: featureNames has 3 names but network Iris's input \[4\] takes 4 features; expected one column name per feature$/);
    const twice = await edited((j) => (j.featureNames[3] = j.featureNames[0]));
    expect(await refused(twice)).toMatch(/featureNames\[3\] "sepal_length" repeats featureNames\[0\]; expected distinct column names$/);
  });

  it('labelNames of the wrong length, or repeated', async () => {
    const more = await edited((j) => j.labelNames.push('rosa'));
    expect(await refused(more)).toMatch(/model\.json: labelNames has 4 names but network Iris outputs 3 values \(classification\); expected 3$/);
    const twice = await edited((j) => (j.labelNames[2] = 'setosa'));
    expect(await refused(twice)).toMatch(/labelNames\[2\] "setosa" repeats labelNames\[0\]; expected distinct labels$/);
  });

  it('a layer recorded twice (same index, or same name)', async () => {
    const index = await edited((j) => j.layers.push(structuredClone(j.layers[0])));
    expect(await refused(index)).toMatch(/model\.json: layers\[\d+\]\.index 0 repeats layers\[0\]\.index; expected each layer once$/);
    const name = await edited((j) => (j.layers[1].name = j.layers[0].name));
    expect(await refused(name)).toMatch(/model\.json: layers\[1\]\.name "dense" repeats layers\[0\]\.name; expected each layer once$/);
    const tensor = await edited((j) => (j.layers[0].tensors[1].name = j.layers[0].tensors[0].name));
    expect(await refused(tensor)).toMatch(/layers\[0\]\.tensors\[1\]\.name "kernel" repeats layers\[0\]\.tensors\[0\]; expected each tensor once$/);
  });
});

describe('loadModel: found by the mutation run below', () => {
  it('statistics beyond float32 (1e308 is finite in JSON but Infinity once standardising in float32)', async () => {
    const mean = await edited((j) => (j.normalization.mean[0] = 1e308));
    expect(await refused(mean)).toContain("normalization.mean[0] is 1e+308; expected a number within float32's range (±3.4e38)");
    const tiny = await edited((j) => (j.normalization.std[1] = 1e-40));
    expect(await refused(tiny)).toContain("normalization.std[1] is 1e-40; expected a standard deviation within float32's range (1.2e-38 to 3.4e38)");
  });

  it('two tensors made to share bytes (an edited byteOffset) are refused', async () => {
    const out = await edited((j) => (j.layers[1].tensors[0].byteOffset = 0));
    expect(await refused(out)).toMatch(/model\.json: layers\[\d\]\.tensors\[\d\]\.byteOffset 0 overlaps layers\[\d\]\.tensors\[\d\] \(bytes 0–\d+\); expected every tensor in its own bytes of weights\.bin$/);
  });

  it('a renamed tensor is refused, naming what the layer has', async () => {
    const out = await edited((j) => (j.layers[0].tensors[1].name = ''));
    expect(await refused(out)).toMatch(/model\.json: layers\[0\]\.tensors\[1\]\.name is ""; dense \(dense\) has tensors "kernel", "bias" \(and "alpha" with a prelu activation\)$/);
  });
});

describe('loadModel: weights must be finite even with a matching checksum', () => {
  it.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('weight 7 = %d', async (v, shown) => {
    const out = await forgedWeight(7, v);
    expect(await refused(out)).toMatch(
      new RegExp(`weights\\.bin: layers\\[0\\]\\.tensors\\[0\\] \\(kernel of dense\\) value 7 \\(byte 28\\) is ${shown}; expected finite weights`),
    );
  });

  it('a NaN deep in the last tensor names its layer, tensor and byte', async () => {
    const out = await edited(() => {});
    const json = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    const last = json.layers.length - 1;
    const t = json.layers[last].tensors.length - 1;
    const tensor = json.layers[last].tensors[t];
    const k = (tensor.byteOffset + (tensor.length - 1) * 4) / 4;
    const forged = await forgedWeight(k, NaN);
    expect(await refused(forged)).toContain(`layers[${last}].tensors[${t}] (${tensor.name} of ${json.layers[last].name}) value ${tensor.length - 1} (byte ${k * 4}) is NaN`);
  });
});

describe('loadModel: seeded mutations of model.json never escape as anything but ModelFileError', () => {
  /** Every path to a value in `v` (object keys and array indexes). */
  function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (at.length > 0) out.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'source') paths(x, [...at, k], out);
    return out;
  }
  const replacements: unknown[] = [null, -1, 0, 1e308, 1.5, 2 ** 40, '', 'x', [], {}, [1, 2], true, -0.5, '1e999'];

  it('600 single-field mutations: loads, or a ModelFileError naming model.json/weights.bin', async () => {
    const { mulberry32 } = await import('../src/data/random.js');
    const rand = mulberry32(13);
    const base = await edited(() => {});
    const text = await readFile(join(base, 'model.json'), 'utf8');
    const original = JSON.parse(text);
    const all = paths(original);
    let refusedCount = 0;
    for (let i = 0; i < 600; i++) {
      const json = structuredClone(original);
      const path = all[Math.floor(rand() * all.length)]!;
      let parent: any = json;
      for (const k of path.slice(0, -1)) parent = parent[k];
      const key = path[path.length - 1]!;
      const choice = Math.floor(rand() * (replacements.length + 1));
      if (choice === replacements.length) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else parent[key] = structuredClone(replacements[choice]);
      let out = JSON.stringify(json);
      if (replacements[choice] === '1e999') out = out.replace('"1e999"', '1e999');
      await writeFile(join(base, 'model.json'), out);
      const err = await loadModel(base).then(() => undefined, (e: unknown) => e);
      if (err === undefined) continue;
      if (!(err instanceof ModelFileError)) throw new Error(`mutation ${i} at ${path.join('.')} → ${JSON.stringify(replacements[choice] ?? 'deleted')}: ${String(err)}`);
      expect(err.message).toMatch(/(model\.json|weights\.bin): /);
      refusedCount++;
    }
    expect(refusedCount).toBeGreaterThan(300);
  }, 120_000);
});
