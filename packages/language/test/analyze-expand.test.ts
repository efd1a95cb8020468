/**
 * Block and repeat expansion: the flat layer list, parameter binding, and each layer's origin
 * (its own range and the chain of block uses and repeat iterations, outermost first).
 */
import { describe, expect, it } from 'vitest';
import type { ExpansionStep } from '../src/index.js';
import { clean, net, textAt } from './analyze-helpers.js';

/** A chain step shown with the source text of its ranges. */
function step(src: string, s: ExpansionStep) {
  return s.kind === 'repeat'
    ? { kind: s.kind, header: textAt(src, s.headerRange), count: s.count, iteration: s.iteration, whole: textAt(src, s.range).split('\n')[0] }
    : { kind: s.kind, block: s.block, use: textAt(src, s.useRange), definition: textAt(src, s.definitionRange), bindings: s.bindings };
}

describe('expansion', () => {
  const iris = `network Iris {
  input [4]
  layers {
    dense(16, activation: relu)
    repeat 2 {
      elu_block(32)
    }
    dense(3, activation: softmax)
  }
}

block elu_block(width) {
  dense(width, activation: elu(alpha: 1.0), init: he_normal)
  batch_norm()
}
`;

  it('a block used inside a repeat: layers, origins and chains', () => {
    const [n] = clean(iris);
    const layers = n!.layers;
    expect(layers.map((l) => l.name)).toEqual(['dense', 'dense_1', 'batch_norm', 'dense_2', 'batch_norm_1', 'dense_3']);
    expect(layers.map((l) => l.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(layers[0]!.origin.chain).toEqual([]);
    expect(textAt(iris, layers[0]!.origin.range)).toBe('dense(16, activation: relu)');
    expect(layers[0]!.origin.node.name.name).toBe('dense');

    const inner = layers[3]!;
    expect(textAt(iris, inner.origin.range)).toBe('dense(width, activation: elu(alpha: 1.0), init: he_normal)');
    expect(inner.origin.range.start.line).toBe(13);
    expect(inner.origin.chain.map((s) => step(iris, s))).toEqual([
      { kind: 'repeat', header: 'repeat 2', count: 2, iteration: 2, whole: 'repeat 2 {' },
      { kind: 'block', block: 'elu_block', use: 'elu_block(32)', definition: 'elu_block', bindings: { width: 32 } },
    ]);
    expect(layers[1]!.origin.chain[0]).toMatchObject({ kind: 'repeat', iteration: 1 });
    expect(inner).toMatchObject({
      kind: 'dense',
      units: 32,
      activation: { name: 'elu', alpha: 1 },
      activationExplicit: true,
      init: { name: 'he_normal' },
      biasInit: { name: 'zeros' },
    });
    // Both expansions point at the same source node.
    expect(layers[1]!.origin.node).toBe(layers[3]!.origin.node);
  });

  it('blocks may be defined after use, use other blocks, and pass parameters on', () => {
    const src = `block outer(w, act) {
  inner(units: w, f: act)
  dropout(0.1)
}
network N {
  input [8]
  layers { outer(4, leaky_relu(alpha: 0.2)) }
}
block inner(units, f) {
  dense(units, activation: f)
}
`;
    const [n] = clean(src);
    expect(n!.layers.map((l) => l.kind)).toEqual(['dense', 'dropout']);
    expect(n!.layers[0]).toMatchObject({ units: 4, activation: { name: 'leaky_relu', alpha: 0.2 }, outputShape: [4] });
    expect(n!.layers[0]!.origin.chain.map((s) => step(src, s))).toEqual([
      {
        kind: 'block',
        block: 'outer',
        use: 'outer(4, leaky_relu(alpha: 0.2))',
        definition: 'outer',
        bindings: { w: 4, act: { name: 'leaky_relu', args: { alpha: 0.2 } } },
      },
      {
        kind: 'block',
        block: 'inner',
        use: 'inner(units: w, f: act)',
        definition: 'inner',
        bindings: { units: 4, f: { name: 'leaky_relu', args: { alpha: 0.2 } } },
      },
    ]);
  });

  it('a parameter may stand for any argument value: a list, an initialiser, a padding', () => {
    const src = `block conv(k, pad, w) {
  conv2d(8, kernel: k, padding: pad, init: w)
}
network N {
  input [10, 10, 1]
  layers { conv([3, 5], same, constant(0.5)) }
}`;
    const [n] = clean(src);
    expect(n!.layers[0]).toMatchObject({
      kernel: [3, 5],
      padding: 'same',
      init: { name: 'constant', value: 0.5 },
      outputShape: [10, 10, 8],
    });
    const ranges = n!.layers[0]!.argRanges!;
    expect(Object.fromEntries(Object.entries(ranges).map(([k, r]) => [k, textAt(src, r!)]))).toEqual({ filters: '8', kernel: '[3, 5]', padding: 'same', init: 'constant(0.5)' });
    expect(n!.layers[0]!.origin.chain[0]).toMatchObject({ bindings: { k: [3, 5], pad: { name: 'same' }, w: { name: 'constant', args: { '0': 0.5 } } } });
  });

  it('nested repeats multiply and record both iterations', () => {
    const src = net('[2]', 'repeat 2 {\nrepeat 3 { dense(4) }\n}');
    const [n] = clean(src);
    expect(n!.layers).toHaveLength(6);
    expect(n!.layers.map((l) => l.origin.chain.map((s) => (s.kind === 'repeat' ? `${s.count}:${s.iteration}` : '')).join(' '))).toEqual([
      '2:1 3:1',
      '2:1 3:2',
      '2:1 3:3',
      '2:2 3:1',
      '2:2 3:2',
      '2:2 3:3',
    ]);
  });

  it('defaults: linear activation, glorot_uniform / zeros init, valid padding, stride 1', () => {
    const [n] = clean(net('[6, 6, 2]', 'conv2d(3, 2)\nflatten()\ndense(1)'));
    expect(n!.layers[0]).toMatchObject({
      kernel: [2, 2],
      stride: [1, 1],
      padding: 'valid',
      activation: { name: 'linear' },
      activationExplicit: false,
      init: { name: 'glorot_uniform' },
      biasInit: { name: 'zeros' },
    });
    expect(n!.layers[2]).toMatchObject({ activation: { name: 'linear' }, activationExplicit: false });
  });

  it('activations with their defaults', () => {
    const [n] = clean(
      net(
        '[4]',
        `dense(2, activation: leaky_relu)
         dense(2, activation: prelu)
         dense(2, activation: elu)
         dense(2, activation: selu, init: lecun_normal)
         activation(fn: tanh)
         activation(linear)`,
      ),
    );
    expect(n!.layers.map((l) => ('activation' in l ? l.activation : undefined))).toEqual([
      { name: 'leaky_relu', alpha: 0.01 },
      { name: 'prelu', init: 0.25 },
      { name: 'elu', alpha: 1 },
      { name: 'selu' },
      { name: 'tanh' },
      { name: 'linear' },
    ]);
  });
});

describe('network sections', () => {
  it('train defaults: loss from the task, adam(1e-3), 100 epochs, batch 32, seed 42', () => {
    const cases: [string, string][] = [
      ['regression', 'mse'],
      ['regression(outputs: 2)', 'mse'],
      ['binary_classification', 'binary_crossentropy'],
      ['classification(classes: 3)', 'categorical_crossentropy'],
      ['multilabel(labels: 4)', 'binary_crossentropy'],
    ];
    for (const [task, loss] of cases) {
      const [n] = clean(`network N {\n  input [2]\n  task ${task}\n  layers { dense(1) }\n}`);
      expect(n!.train).toEqual({
        loss: { name: loss, fromLogits: false },
        lossExplicit: false,
        optimizer: { name: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
        epochs: 100,
        batchSize: 32,
        seed: 42,
        ranges: {},
      });
    }
  });

  it('tasks resolve with their counts', () => {
    const task = (t: string) => clean(`network N { input [2], task ${t}, layers { dense(1) } }`)[0]!.task;
    expect(task('regression')).toEqual({ kind: 'regression', outputs: 1 });
    expect(task('regression(outputs: 3)')).toEqual({ kind: 'regression', outputs: 3 });
    expect(task('binary_classification')).toEqual({ kind: 'binary_classification' });
    expect(task('classification(classes: 10)')).toEqual({ kind: 'classification', classes: 10 });
    expect(task('multilabel(5)')).toEqual({ kind: 'multilabel', labels: 5 });
  });

  it('train settings as written, with ranges by key', () => {
    const src = `network N {
  input [2]
  task classification(classes: 2)
  layers { dense(2, activation: softmax) }
  train {
    loss: categorical_crossentropy(from_logits: true)
    optimizer: sgd(learning_rate: 0.05, momentum: 0.9, nesterov: true)
    epochs: 7
    batch_size: 8
    seed: 3
    early_stopping(patience: 5, min_delta: 0.001)
  }
}`;
    const [n] = clean(src);
    const { ranges, ...train } = n!.train;
    expect(train).toEqual({
      loss: { name: 'categorical_crossentropy', fromLogits: true },
      lossExplicit: true,
      optimizer: { name: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true },
      epochs: 7,
      batchSize: 8,
      seed: 3,
      earlyStopping: { patience: 5, minDelta: 0.001 },
    });
    expect(textAt(src, ranges.learning_rate!)).toBe('0.05');
    expect(textAt(src, ranges.epochs!)).toBe('epochs: 7');
    expect(Object.keys(ranges).sort()).toEqual(['batch_size', 'early_stopping', 'epochs', 'learning_rate', 'loss', 'optimizer', 'seed']);
  });

  it('other optimizers and losses with defaults', () => {
    const train = (body: string) => clean(`network N { input [2], layers { dense(1) }, train { ${body} } }`)[0]!.train;
    expect(train('optimizer: rmsprop').optimizer).toEqual({ name: 'rmsprop', learningRate: 1e-3, rho: 0.9, epsilon: 1e-7 });
    expect(train('optimizer: sgd()').optimizer).toEqual({ name: 'sgd', learningRate: 0.01, momentum: 0, nesterov: false });
    expect(train('optimizer: adam(0.01, beta2: 0.99)').optimizer).toEqual({ name: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.99, epsilon: 1e-7 });
    expect(train('loss: huber').loss).toEqual({ name: 'huber', fromLogits: false, delta: 1 });
    expect(train('loss: huber(delta: 2.5)').loss).toEqual({ name: 'huber', fromLogits: false, delta: 2.5 });
    expect(train('loss: mae').loss).toEqual({ name: 'mae', fromLogits: false });
  });

  it('data settings with defaults', () => {
    const data = (body: string) => clean(`network N { input [2], layers { dense(1) }, data { ${body} } }`)[0]!.data;
    expect(data('source: "a.csv", target: "y"')).toMatchObject({ source: 'a.csv', target: 'y', validationSplit: 0.2, standardize: true });
    expect(data('source: "a.csv", target: "y"')!.features).toBeUndefined();
    expect(data('source: "b.csv", target: "t", features: ["x1", "x2"], validation_split: 0, standardize: false')).toMatchObject({
      source: 'b.csv',
      target: 't',
      features: ['x1', 'x2'],
      validationSplit: 0,
      standardize: false,
    });
  });

  it('several networks in one file, with ranges', () => {
    const src = 'network A { input [1], layers { dense(1) } }\nnetwork B { input [2], layers { dense(2) } }';
    const nets = clean(src);
    expect(nets.map((n) => [n.name, textAt(src, n.nameRange), n.input, n.outputShape])).toEqual([
      ['A', 'A', [1], [1]],
      ['B', 'B', [2], [2]],
    ]);
    expect(nets[1]!.nameRange.start.line).toBe(2);
    expect(textAt(src, nets[0]!.inputRange!)).toBe('input [1]');
  });
});
