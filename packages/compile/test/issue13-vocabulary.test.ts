/**
 * The issue-13 vocabulary in every target: initialisers, kernel regularisers, losses, optimizers,
 * weight decay and target scaling, asserted on the emitted text and data (no snapshots).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { compile, CompileError, IR_GRAPH_VERSION, IR_VERSION, toIr } from '@axon/compile';
import { buildModel, getWeights } from '@axon/core';
import { kerasStructure } from './keras-harness.js';
import { networkOf, ROOT, textOf } from './helpers.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'packages/compile/schema/axon-network.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** A classifier with every new initialiser and regulariser; loss and optimizer as given. */
function net(train: string, data = ''): ReturnType<typeof networkOf> {
  return networkOf(`network V {
  input [4]
  task classification(classes: 3)
  layers {
    dense(8, activation: relu, init: random_uniform(-0.1, 0.2), kernel_regularizer: l2(0.01))
    dense(8, activation: tanh, init: random_normal(0.5, 0.02), bias_init: ones, kernel_regularizer: l1(0.003))
    dense(8, activation: tanh, init: truncated_normal(0, 0.3), kernel_regularizer: l1_l2(l1: 0.001, l2: 0.002))
    dense(8, activation: relu, init: variance_scaling(2, fan_in, uniform))
    dense(8, activation: relu, init: variance_scaling(1, fan_avg, truncated_normal))
    dense(8, activation: relu, init: variance_scaling(3, fan_out, untruncated_normal))
    dense(3, activation: softmax, init: orthogonal(1.5))
  }
  train { ${train} }
  ${data}
}`);
}

const base = net('loss: sparse_categorical_crossentropy\n optimizer: adagrad(learning_rate: 0.05, initial_accumulator_value: 0.2)');

type Rec = { class: string; args: unknown[]; kwargs: Record<string, any> };

describe('JSON IR', () => {
  it('writes version 2 with every new setting, and validates against the schema', () => {
    const ir = toIr(base);
    expect(ir.version).toBe(IR_GRAPH_VERSION);
    expect(validate(ir), JSON.stringify(validate.errors)).toBe(true);
    const cfg = ir.layers.map((l) => l.config as Record<string, unknown>);
    expect(cfg[0]!.init).toEqual({ name: 'random_uniform', minval: -0.1, maxval: 0.2 });
    expect(cfg[0]!.kernelRegularizer).toEqual({ name: 'l2', l2: 0.01 });
    expect(cfg[1]!.biasInit).toEqual({ name: 'ones' });
    expect(cfg[2]!.kernelRegularizer).toEqual({ name: 'l1_l2', l1: 0.001, l2: 0.002 });
    expect(cfg[3]!.init).toEqual({ name: 'variance_scaling', scale: 2, mode: 'fan_in', distribution: 'uniform' });
    expect(cfg[6]!.init).toEqual({ name: 'orthogonal', gain: 1.5 });
    expect('kernelRegularizer' in cfg[3]!).toBe(false);
    expect(ir.train.loss).toEqual({ name: 'sparse_categorical_crossentropy', fromLogits: false });
    expect(ir.train.optimizer).toEqual({ name: 'adagrad', learningRate: 0.05, initialAccumulator: 0.2, epsilon: 1e-7 });
  });

  it('adamw carries its weightDecay; weight_decay on another optimizer is written only when set', () => {
    expect(toIr(net('optimizer: adamw(weight_decay: 0.05)')).train.optimizer).toMatchObject({ name: 'adamw', weightDecay: 0.05 });
    expect(toIr(net('optimizer: sgd(weight_decay: 0.001)')).train.optimizer).toMatchObject({ name: 'sgd', weightDecay: 0.001 });
    expect('weightDecay' in toIr(net('optimizer: nadam')).train.optimizer).toBe(false);
  });

  it('a network without the new vocabulary stays version 1; one new loss or optimizer alone makes it version 2', () => {
    const plain = (train: string) =>
      networkOf(`network P {\n  input [2]\n  layers { dense(1, activation: sigmoid) }\n  train { ${train} }\n}`);
    expect(toIr(plain('loss: binary_crossentropy')).version).toBe(IR_VERSION);
    for (const train of ['loss: hinge', 'loss: log_cosh', 'optimizer: nadam', 'optimizer: adam(weight_decay: 0.01)']) {
      const ir = toIr(plain(train));
      expect(ir.version, train).toBe(IR_GRAPH_VERSION);
      expect(validate(ir), `${train}: ${JSON.stringify(validate.errors)}`).toBe(true);
      // the same document relabelled version 1 is refused by the schema
      expect(validate({ ...ir, version: 1, layers: ir.layers.map(({ inputs: _, ...l }) => ({ ...l, config: Object.fromEntries(Object.entries(l.config).filter(([k]) => k !== 'useBias')) })) }), train).toBe(false);
    }
  });

  it('standardize_target is written (true) on a regression network', () => {
    const n = networkOf(`network R {\n  input [2]\n  task regression(outputs: 1)\n  layers { dense(1) }\n  data { source: "r.csv"\n target: "y"\n standardize_target: true }\n}`);
    const ir = toIr(n);
    expect(ir.version).toBe(IR_GRAPH_VERSION);
    expect(ir.data?.standardizeTarget).toBe(true);
    expect(validate(ir), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('Keras target', () => {
  it('initializers, regularizers, the sparse loss, its metric and Adagrad, by Keras 3 class', () => {
    const { model } = kerasStructure<{ model: Rec & { args: Rec[][]; compiled: Record<string, Rec> } }>(base);
    const layers = (model.args[0] as Rec[]).slice(1);
    const kw = layers.map((l) => l.kwargs);
    expect([kw[0]!.kernel_initializer.class, kw[0]!.kernel_initializer.kwargs]).toEqual(['RandomUniform', { minval: -0.1, maxval: 0.2, seed: 42 }]);
    expect([kw[0]!.kernel_regularizer.class, kw[0]!.kernel_regularizer.kwargs]).toEqual(['L2', { l2: 0.01 }]);
    expect([kw[1]!.kernel_initializer.class, kw[1]!.kernel_initializer.kwargs]).toEqual(['RandomNormal', { mean: 0.5, stddev: 0.02, seed: 42 }]);
    expect(kw[1]!.bias_initializer.class).toBe('Ones');
    expect([kw[1]!.kernel_regularizer.class, kw[1]!.kernel_regularizer.kwargs]).toEqual(['L1', { l1: 0.003 }]);
    expect([kw[2]!.kernel_initializer.class, kw[2]!.kernel_initializer.kwargs]).toEqual(['TruncatedNormal', { mean: 0, stddev: 0.3, seed: 42 }]);
    expect([kw[2]!.kernel_regularizer.class, kw[2]!.kernel_regularizer.kwargs]).toEqual(['L1L2', { l1: 0.001, l2: 0.002 }]);
    expect(kw[3]!.kernel_initializer.kwargs).toEqual({ scale: 2, mode: 'fan_in', distribution: 'uniform', seed: 42 });
    expect(kw[5]!.kernel_initializer.kwargs).toEqual({ scale: 3, mode: 'fan_out', distribution: 'untruncated_normal', seed: 42 });
    expect([kw[6]!.kernel_initializer.class, kw[6]!.kernel_initializer.kwargs]).toEqual(['Orthogonal', { gain: 1.5, seed: 42 }]);
    expect(kw[3]!.kernel_regularizer).toBeUndefined();
    expect([model.compiled.loss!.class, model.compiled.loss!.kwargs]).toEqual(['SparseCategoricalCrossentropy', { from_logits: false }]);
    expect(model.compiled.metrics).toEqual(['sparse_categorical_accuracy']);
    expect([model.compiled.optimizer!.class, model.compiled.optimizer!.kwargs]).toEqual(['Adagrad', { learning_rate: 0.05, initial_accumulator_value: 0.2, epsilon: 1e-7 }]);
  });

  it.each([
    ['loss: log_cosh', 'LogCosh'],
    ['loss: kl_divergence', 'KLDivergence'],
    ['loss: poisson', 'Poisson'],
    ['loss: hinge', 'Hinge'],
  ])('%s → keras.losses.%s', (train, cls) => {
    const { model } = kerasStructure<{ model: { compiled: Record<string, Rec> } }>(net(train));
    expect(model.compiled.loss!.class).toBe(cls);
  });

  it.each([
    ['optimizer: adadelta(learning_rate: 1.0, rho: 0.9)', 'Adadelta', { learning_rate: 1, rho: 0.9, epsilon: 1e-7 }],
    ['optimizer: adamw(learning_rate: 0.002, weight_decay: 0.05)', 'AdamW', { learning_rate: 0.002, weight_decay: 0.05, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7 }],
    ['optimizer: nadam(beta1: 0.8)', 'Nadam', { learning_rate: 0.001, beta_1: 0.8, beta_2: 0.999, epsilon: 1e-7 }],
    ['optimizer: sgd(momentum: 0.9, weight_decay: 0.001)', 'SGD', { learning_rate: 0.01, momentum: 0.9, nesterov: false, weight_decay: 0.001 }],
    ['optimizer: rmsprop(weight_decay: 0.01, clipnorm: 1)', 'RMSprop', { learning_rate: 0.001, rho: 0.9, epsilon: 1e-7, clipnorm: 1, weight_decay: 0.01 }],
  ])('%s → keras.optimizers.%s', (train, cls, kwargs) => {
    const { model } = kerasStructure<{ model: { compiled: Record<string, Rec> } }>(net(train));
    expect([model.compiled.optimizer!.class, model.compiled.optimizer!.kwargs]).toEqual([cls, kwargs]);
  });

  it('load_data gives the sparse loss integer labels; predict scales standardised targets back', () => {
    const text = textOf(compile({ network: base }, 'keras'), 'V.py');
    expect(text).toContain('sparse = CONFIG["train"]["loss"]["name"] == "sparse_categorical_crossentropy"');
    expect(text).toContain('np.argmax(y, axis=-1).astype("int32") if sparse else y');
    expect(text).toContain('y = y * np.array(TARGET_NORMALIZATION["std"], dtype="float32") + np.array(TARGET_NORMALIZATION["mean"], dtype="float32")');
  });
});

describe('PyTorch target', () => {
  it('model.py passes each kernel regulariser to its layer; the runtime knows every new name', () => {
    const out = compile({ network: base }, 'pytorch');
    const model = textOf(out, 'model.py');
    expect(model).toContain(`{"name": "l2", "l2": 0.01}`);
    expect(model).toMatch(/rt\.Dense\(4, 8, .*"random_uniform", "minval": -0\.1, "maxval": 0\.2.*kernel_regularizer=\{"name": "l2", "l2": 0\.01\}\)/);
    expect(model.match(/kernel_regularizer=/g)?.length).toBe(3);
    const rt = textOf(out, 'axon_runtime.py');
    for (const name of ['ones', 'random_uniform', 'random_normal', 'truncated_normal', 'orthogonal', 'variance_scaling', 'sparse_categorical_crossentropy', 'log_cosh', 'kl_divergence', 'poisson', 'hinge', 'adagrad', 'adadelta', 'adamw', 'nadam']) {
      expect(rt, name).toContain(`name == "${name}"`);
    }
    expect(rt).toContain('return KerasNadam(params, lr=lr, betas=(float(spec["beta1"]), float(spec["beta2"])), eps=float(spec["epsilon"]))');
    expect(rt).toContain('nn.PoissonNLLLoss(log_input=False, full=False, eps=KERAS_EPSILON)');
    const train = textOf(out, 'train.py');
    expect(train).toContain('loss = loss_fn(train_net(xb), yb) + net.regularization()');
    expect(train).toContain('rt.apply_weight_decay(cfg["train"]["optimizer"], train_net.parameters(), args.learning_rate)');
  });

  it('trained target statistics go into ENCODING, and build_model hands them to the module', () => {
    const n = networkOf(`network R {\n  input [2]\n  task regression(outputs: 1)\n  layers { dense(1) }\n  data { source: "r.csv"\n target: "y"\n standardize_target: true }\n}`);
    const weights = [{ layer: 0, name: 'dense', weights: [{ name: 'kernel', shape: [2, 1], values: new Float32Array([1, 2]) }, { name: 'bias', shape: [1], values: new Float32Array([0]) }] }];
    const model = textOf(compile({ network: n, trained: { weights, targetNormalization: { mean: [10], std: [4] } } }, 'pytorch'), 'model.py');
    expect(model).toContain('"targetNormalization": {\n        "mean": [10],\n        "std": [4]');
    expect(model).toContain('model.target_normalization = ENCODING["targetNormalization"]');
  });
});

describe('TF.js target', () => {
  function topology(network: ReturnType<typeof networkOf>): { layers: { class_name: string; config: Record<string, any> }[]; doc: Record<string, any> } {
    const doc = JSON.parse(textOf(compile({ network }, 'tfjs'), 'model.json')) as Record<string, any>;
    return { layers: doc.modelTopology.config.layers, doc };
  }

  it('initializer classes and L1L2 regularizers in the topology; variance scaling of a normal as the stddev Keras uses', () => {
    const { layers, doc } = topology(base);
    const c = layers.map((l) => l.config);
    expect(c[0]!.kernel_initializer).toEqual({ class_name: 'RandomUniform', config: { minval: -0.1, maxval: 0.2, seed: 42 } });
    expect(c[0]!.kernel_regularizer).toEqual({ class_name: 'L1L2', config: { l1: 0, l2: 0.01 } });
    expect(c[1]!.kernel_initializer).toEqual({ class_name: 'RandomNormal', config: { mean: 0.5, stddev: 0.02, seed: 42 } });
    expect(c[1]!.bias_initializer).toEqual({ class_name: 'Ones', config: {} });
    expect(c[1]!.kernel_regularizer).toEqual({ class_name: 'L1L2', config: { l1: 0.003, l2: 0 } });
    expect(c[2]!.kernel_initializer).toEqual({ class_name: 'TruncatedNormal', config: { mean: 0, stddev: 0.3, seed: 42 } });
    expect(c[2]!.kernel_regularizer).toEqual({ class_name: 'L1L2', config: { l1: 0.001, l2: 0.002 } });
    expect(c[3]!.kernel_initializer).toEqual({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: 42 } });
    // fan_avg of an 8 × 8 kernel is 8: stddev sqrt(1 / 8) / 0.8796…
    expect(c[4]!.kernel_initializer.class_name).toBe('TruncatedNormal');
    expect(c[4]!.kernel_initializer.config.stddev).toBeCloseTo(Math.sqrt(1 / 8) / 0.87962566103423978, 12);
    expect(c[5]!.kernel_initializer).toEqual({ class_name: 'RandomNormal', config: { mean: 0, stddev: Math.sqrt(3 / 8), seed: 42 } });
    expect(c[6]!.kernel_initializer).toEqual({ class_name: 'Orthogonal', config: { gain: 1.5, seed: 42 } });
    expect(c[3]!.kernel_regularizer).toBeNull();
    expect(doc.trainingConfig).toEqual({ loss: 'sparse_categorical_crossentropy', metrics: null, optimizer_config: { class_name: 'Adagrad', config: { learning_rate: 0.05, initial_accumulator_value: 0.2 } } });
  });

  it.each([
    ['loss: log_cosh', 'logcosh'],
    ['loss: kl_divergence', 'kullback_leibler_divergence'],
    ['loss: poisson', 'poisson'],
    ['loss: hinge', 'hinge'],
  ])('%s → trainingConfig.loss %s', (train, loss) => {
    expect(topology(net(train)).doc.trainingConfig.loss).toBe(loss);
  });

  it.each([
    ['optimizer: adamw', /the tfjs target cannot express the adamw optimizer \(line \d+\): TensorFlow\.js 4\.22 has no AdamW optimizer/],
    ['optimizer: nadam', /the tfjs target cannot express the nadam optimizer \(line \d+\): TensorFlow\.js 4\.22 has no Nadam optimizer/],
    ['optimizer: adam(weight_decay: 0.01)', /the tfjs target cannot express weight_decay on adam \(line \d+\)/],
  ])('%s is refused with a message naming it and the target', (train, message) => {
    expect(() => compile({ network: net(train) }, 'tfjs')).toThrow(CompileError);
    expect(() => compile({ network: net(train) }, 'tfjs')).toThrow(message);
  });

  it('with trained weights (an inference export) adamw is not refused: no trainingConfig, the optimizer kept in the metadata', () => {
    const network = net('optimizer: adamw(weight_decay: 0.02)');
    const weights = getWeights(buildModel(network, { seed: 1 }));
    const doc = JSON.parse(textOf(compile({ network, trained: { weights } }, 'tfjs'), 'model.json')) as Record<string, any>;
    expect('trainingConfig' in doc).toBe(false);
    expect(doc.userDefinedMetadata.axon.optimizer).toMatchObject({ name: 'adamw', weightDecay: 0.02 });
  });

  it('a network with no issue-13 loss or optimizer gets no trainingConfig (its model.json is as before)', () => {
    expect('trainingConfig' in topology(net('loss: categorical_crossentropy')).doc).toBe(false);
  });
});
