/**
 * The graph examples against published figures: keras.applications' ResNet50 and DenseNet121
 * (model.summary() totals), Keras's cifar10_resnet example at depth 20, and one Inception module
 * counted by hand; the sequence examples against Keras's "Bidirectional LSTM on IMDB" and "Text
 * classification from scratch". Each example analyses with no diagnostics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NETWORK_INPUT, check, type ResolvedLayer, type ResolvedNetwork } from '../src/index.js';

const read = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');

function example(name: string): ResolvedNetwork {
  const r = check(read(name));
  expect(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}: ${d.message}`)).toEqual([]);
  expect(r.networks).toHaveLength(1);
  return r.networks[0]!;
}

const count = (n: ResolvedNetwork, pred: (l: ResolvedLayer) => boolean) => n.layers.filter(pred).length;
const merges = (n: ResolvedNetwork) => n.layers.filter((l): l is Extract<ResolvedLayer, { kind: 'merge' }> => l.kind === 'merge');

describe('keras.applications.ResNet50', () => {
  const n = example('resnet50.axon');

  it('totals 25,636,712 parameters, 53,120 non-trainable (Keras model.summary())', () => {
    expect(n.params).toEqual({ trainable: 25_583_592, nonTrainable: 53_120, total: 25_636_712 });
    expect(n.input).toEqual([224, 224, 3]);
    expect(n.outputShape).toEqual([1000]);
  });

  it('has Keras ResNet50’s layers: 53 convs, 53 batch norms, 16 adds, stem padding and pools', () => {
    // 1 stem conv + 16 blocks × 3 body convs + 4 projection shortcuts = 53; one batch_norm after each.
    expect(count(n, (l) => l.kind === 'conv2d')).toBe(53);
    expect(count(n, (l) => l.kind === 'batch_norm')).toBe(53);
    expect(merges(n).map((m) => m.mode)).toEqual(Array(16).fill('add'));
    expect(merges(n).slice(0, 2).map((m) => m.name)).toEqual(['add', 'add_1']);
    expect(count(n, (l) => l.kind === 'zero_padding2d')).toBe(2);
    expect(n.layers.slice(0, 6).map((l) => [l.kind, l.outputShape])).toEqual([
      ['zero_padding2d', [230, 230, 3]],
      ['conv2d', [112, 112, 64]],
      ['batch_norm', [112, 112, 64]],
      ['activation', [112, 112, 64]],
      ['zero_padding2d', [114, 114, 64]],
      ['max_pool2d', [56, 56, 64]],
    ]);
    expect(n.layers.at(-2)).toMatchObject({ kind: 'global_avg_pool2d', inputShape: [7, 7, 2048], outputShape: [2048] });
    expect(n.layers.at(-1)).toMatchObject({ kind: 'dense', units: 1000, params: { trainable: 2048 * 1000 + 1000 } });
    // Every batch_norm uses Keras's epsilon; every conv keeps its bias.
    expect(n.layers.every((l) => l.kind !== 'batch_norm' || l.epsilon === 1.001e-5)).toBe(true);
    expect(n.layers.every((l) => l.kind !== 'conv2d' || l.useBias)).toBe(true);
  });

  it('each stage ends at Keras’s resolution and width; the stride sits on the first 1×1 conv', () => {
    const adds = merges(n);
    // The last add of each stack: blocks 3, 7, 13, 16.
    expect([2, 6, 12, 15].map((i) => adds[i]!.outputShape)).toEqual([
      [56, 56, 256],
      [28, 28, 512],
      [14, 14, 1024],
      [7, 7, 2048],
    ]);
    // The second stack's first block: body conv 1×1/2 (256 → 128), and the projection 1×1/2 (256 → 512).
    const strided = n.layers.filter((l) => l.kind === 'conv2d' && l.stride[0] === 2);
    expect(strided.map((l) => (l.kind === 'conv2d' ? [l.kernel[0], l.filters, l.params.trainable] : []))).toEqual([
      [7, 64, 7 * 7 * 3 * 64 + 64],
      [1, 128, 256 * 128 + 128],
      [1, 512, 256 * 512 + 512],
      [1, 256, 512 * 256 + 256],
      [1, 1024, 512 * 1024 + 1024],
      [1, 512, 1024 * 512 + 512],
      [1, 2048, 1024 * 2048 + 2048],
    ]);
  });

  it('an add reads the block’s body and its shortcut; an identity shortcut reads the block’s input', () => {
    const [first, second] = merges(n);
    const [body, shortcut] = first!.inputs.map((i) => n.layers[i]!);
    expect(body).toMatchObject({ kind: 'batch_norm', outputShape: [56, 56, 256] });
    expect(shortcut).toMatchObject({ kind: 'batch_norm', outputShape: [56, 56, 256] });
    const afterFirst = n.layers[first!.index + 1]!;
    expect(afterFirst).toMatchObject({ kind: 'activation', inputs: [first!.index] });
    expect(second!.inputs[1]).toBe(afterFirst.index);
    expect(first!.inputs).not.toContain(NETWORK_INPUT);
  });
});

describe('keras.applications.DenseNet121', () => {
  const n = example('densenet121.axon');

  it('totals 8,062,504 parameters (Keras model.summary(): 7,978,856 trainable, 83,648 not)', () => {
    expect(n.params).toEqual({ trainable: 7_978_856, nonTrainable: 83_648, total: 8_062_504 });
    expect(n.outputShape).toEqual([1000]);
  });

  it('58 dense layers (6 + 12 + 24 + 16) each concatenate 32 channels onto their input', () => {
    const concats = merges(n);
    expect(concats).toHaveLength(58);
    expect(concats.every((m) => m.mode === 'concat')).toBe(true);
    expect(concats.slice(0, 2).map((m) => m.name)).toEqual(['concatenate', 'concatenate_1']);
    for (const m of concats) {
      const [identity, grown] = m.inputs.map((i) => n.layers[i]!);
      expect(grown!.outputShape.at(-1)).toBe(32);
      expect(m.outputShape.at(-1)).toBe(identity!.outputShape.at(-1)! + 32);
    }
    // The end of each dense block: 64 + 6·32 = 256, 128 + 12·32 = 512, 256 + 24·32 = 1024, 512 + 16·32 = 1024.
    expect([5, 17, 41, 57].map((i) => concats[i]!.outputShape)).toEqual([
      [56, 56, 256],
      [28, 28, 512],
      [14, 14, 1024],
      [7, 7, 1024],
    ]);
  });

  it('no conv has a bias: 120 convs (stem, 2 per dense layer, 3 transitions)', () => {
    const convs = n.layers.filter((l) => l.kind === 'conv2d');
    expect(convs).toHaveLength(1 + 2 * 58 + 3);
    expect(convs.every((l) => l.kind === 'conv2d' && !l.useBias)).toBe(true);
    // The stem: 7·7·3·64 weights and nothing else.
    expect(convs[0]!.params.trainable).toBe(7 * 7 * 3 * 64);
    // A first-block bottleneck: 1×1 from 64 to 128 channels, then 3×3 from 128 to 32.
    expect(convs.slice(1, 3).map((l) => l.params.trainable)).toEqual([64 * 128, 3 * 3 * 128 * 32]);
    expect(n.layers.filter((l) => l.kind === 'avg_pool2d').map((l) => l.outputShape)).toEqual([
      [28, 28, 128],
      [14, 14, 256],
      [7, 7, 512],
    ]);
  });
});

describe('ResNet-20 for CIFAR-10 (He et al. 2016, §4.2)', () => {
  const n = example('resnet20.axon');

  it('totals 274,442 parameters, 1,376 non-trainable (Keras cifar10_resnet, resnet_v1 depth 20)', () => {
    const bn = (c: number) => 4 * c; // gamma, beta trainable; moving mean, variance not
    const conv = (k: number, cin: number, cout: number) => k * k * cin * cout + cout;
    const stem = conv(3, 3, 16) + bn(16); //                            448 + 64
    const block = (c: number) => 2 * conv(3, c, c) + 2 * bn(c);
    const down = (cin: number, c: number) => conv(3, cin, c) + conv(3, c, c) + 2 * bn(c) + conv(1, cin, c);
    const stage1 = 3 * block(16); //                                    3 × 4,768 = 14,304
    const stage2 = down(16, 32) + 2 * block(32); //                     14,688 + 2 × 18,752 = 52,192
    const stage3 = down(32, 64) + 2 * block(64); //                     58,048 + 2 × 74,368 = 206,784
    const head = 64 * 10 + 10; //                                        650
    expect(stem + stage1 + stage2 + stage3 + head).toBe(274_442);
    // Non-trainable: 2 per batch-norm channel; 16 + 6·16 + 6·32 + 6·64 = 688 channels.
    expect(2 * (16 + 6 * 16 + 6 * 32 + 6 * 64)).toBe(1_376);
    expect(n.params).toEqual({ trainable: 274_442 - 1_376, nonTrainable: 1_376, total: 274_442 });
  });

  it('20 weighted layers on the main path (19 convs + the classifier), two projections, nine adds', () => {
    const convs = n.layers.filter((l) => l.kind === 'conv2d');
    expect(convs.filter((l) => l.kind === 'conv2d' && l.kernel[0] === 3)).toHaveLength(19);
    expect(convs.filter((l) => l.kind === 'conv2d' && l.kernel[0] === 1).map((l) => l.outputShape)).toEqual([
      [16, 16, 32],
      [8, 8, 64],
    ]);
    expect(merges(n).map((m) => m.outputShape.join('×'))).toEqual([
      ...Array(3).fill('32×32×16'),
      ...Array(3).fill('16×16×32'),
      ...Array(3).fill('8×8×64'),
    ]);
    expect(n.layers.at(-2)).toMatchObject({ kind: 'global_avg_pool2d', outputShape: [64] });
  });
});

describe('an Inception module (GoogLeNet inception 3a)', () => {
  const n = example('inception-block.axon');

  it('four branches concatenate to 64 + 128 + 32 + 32 = 256 channels, 163,696 parameters in the module', () => {
    const conv = (k: number, cin: number, cout: number) => k * k * cin * cout + cout;
    const module =
      conv(1, 192, 64) + //                           12,352
      conv(1, 192, 96) + conv(3, 96, 128) + //        18,528 + 110,720
      conv(1, 192, 16) + conv(5, 16, 32) + //          3,088 +  12,832
      conv(1, 192, 32); //                             6,176 (after the 3×3 max pool)
    expect(module).toBe(163_696);
    const [concat] = merges(n);
    expect(concat).toMatchObject({ mode: 'concat', name: 'concatenate', outputShape: [28, 28, 256] });
    expect(concat!.inputs.map((i) => n.layers[i]!.outputShape.at(-1))).toEqual([64, 128, 32, 32]);
    const moduleParams = n.layers.filter((l) => l.index < concat!.index).reduce((a, l) => a + l.params.trainable, 0);
    expect(moduleParams).toBe(163_696);
    expect(n.params.total).toBe(163_696 + 256 * 10 + 10);
  });

  it('every branch reads the network input; the pool keeps 28×28 with stride 1 and same padding', () => {
    const firsts = n.layers.filter((l) => l.inputs.includes(NETWORK_INPUT));
    expect(firsts.map((l) => l.kind)).toEqual(['conv2d', 'conv2d', 'conv2d', 'max_pool2d']);
    expect(firsts.at(-1)).toMatchObject({ kind: 'max_pool2d', outputShape: [28, 28, 192] });
  });
});

describe('Keras "Bidirectional LSTM on IMDB" (examples/imdb-bilstm.axon)', () => {
  const n = example('imdb-bilstm.axon');

  it('totals 2,757,761 parameters, as Keras model.summary() reports', () => {
    expect(n.params).toEqual({ trainable: 2_757_761, nonTrainable: 0, total: 2_757_761 });
    expect(n.input).toEqual([200]);
    expect(n.outputShape).toEqual([1]);
  });

  it('layer by layer: embedding 20000·128; each bidirectional LSTM 2 · 4 · (64 · (128 + 64) + 64)', () => {
    expect(n.layers.map((l) => [l.name, l.inputShape, l.outputShape, l.params.trainable])).toEqual([
      ['embedding', [200], [200, 128], 20_000 * 128],
      ['lstm', [200, 128], [200, 128], 2 * 4 * (64 * (128 + 64) + 64)],
      ['lstm_1', [200, 128], [128], 98_816],
      ['dense', [128], [1], 129],
    ]);
    expect(n.layers[1]).toMatchObject({ kind: 'lstm', units: 64, returnSequences: true, bidirectional: true, recurrentActivation: { name: 'sigmoid' } });
    expect(n.train.optimizer).toMatchObject({ name: 'adam', clipNorm: 1 });
  });
});

describe('Keras "Text classification from scratch" (examples/text-classification.axon)', () => {
  const n = example('text-classification.axon');

  it('totals 2,806,273 parameters, as Keras model.summary() reports', () => {
    expect(n.params).toEqual({ trainable: 2_806_273, nonTrainable: 0, total: 2_806_273 });
    expect(n.input).toEqual([500]);
  });

  it('layer by layer: conv1d 7 · 128 · 128 + 128 each, steps ⌊(500 − 7) / 3⌋ + 1 = 165 then ⌊(165 − 7) / 3⌋ + 1 = 53', () => {
    expect(n.layers.map((l) => [l.name, l.outputShape, l.params.trainable])).toEqual([
      ['embedding', [500, 128], 2_560_000],
      ['dropout', [500, 128], 0],
      ['conv1d', [165, 128], 7 * 128 * 128 + 128],
      ['conv1d_1', [53, 128], 114_816],
      ['global_max_pool1d', [128], 0],
      ['dense', [128], 128 * 128 + 128],
      ['dropout_1', [128], 0],
      ['dense_1', [1], 129],
    ]);
  });
});
