/**
 * The sequence layers' weight conversions, checked without the core: on the same seeded Keras-layout
 * weights, TF.js (Keras's own semantics, channels-last, Keras weight layouts unchanged) is the
 * reference, and PyTorch (nn.LSTM / nn.GRU / nn.RNN with converted weights, or its step loop) and
 * onnxruntime-node (LSTM / GRU / RNN operators, gates reordered) must agree within 1e-4. TF.js has no
 * reset_after GRU, so for GRUs PyTorch's nn.GRU, PyTorch's step loop (Keras's layout and formulas,
 * no conversion) and ONNX's GRU must agree with one another.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedNetwork } from '@axon/language';
import { maxAbsDiff, requirePythonModule } from './consumers.js';
import { sequenceCases, TFJS_SEQUENCE_UNSUPPORTED } from './sequence-cases.js';
import { onnxPredict, randomWeights, sequenceInput, tfjsPredict, torchPredict } from './sequence-consumers.js';

/** The same network with recurrent dropout on every recurrent layer: PyTorch runs it in its step loop; predictions are unchanged. */
function inStepLoop(net: ResolvedNetwork): ResolvedNetwork {
  return { ...net, layers: net.layers.map((l) => (l.kind === 'gru' || l.kind === 'lstm' || l.kind === 'simple_rnn' ? { ...l, recurrentDropout: 0.25 } : l)) };
}

describe('sequence layers: PyTorch and ONNX agree with TF.js on the same Keras weights', () => {
  beforeAll(() => {
    requirePythonModule('torch');
    requirePythonModule('onnx');
  });

  it.each(sequenceCases().map((c) => [c.network.name, c] as const))('%s', async (name, c) => {
    const net = c.network;
    const weights = randomWeights(net);
    const n = 4;
    const x = sequenceInput(c, n);
    const width = net.outputShape.reduce((a, b) => a * b, 1);

    const torch = torchPredict(net, weights, x, n);
    expect(torch.shape).toEqual([n, ...net.outputShape]);
    expect([torch.trainable, torch.nonTrainable]).toEqual([net.params.trainable, net.params.nonTrainable]);
    // A constant output would make every comparison pass: the samples must tell apart.
    expect(maxAbsDiff(torch.out.slice(0, width), torch.out.slice(width, 2 * width))).toBeGreaterThan(1e-3);

    const onnx = await onnxPredict(net, weights, x, n);
    expect(onnx.outputDims).toEqual(['N', ...net.outputShape]);
    expect(maxAbsDiff(onnx.out, torch.out)).toBeLessThan(1e-4);

    if (TFJS_SEQUENCE_UNSUPPORTED[name]) {
      await expect(tfjsPredict(net, weights, x, n)).rejects.toThrow(TFJS_SEQUENCE_UNSUPPORTED[name]);
      const loop = torchPredict(inStepLoop(net), weights, x, n);
      expect(maxAbsDiff(loop.out, torch.out)).toBeLessThan(1e-4);
    } else {
      const tfjs = await tfjsPredict(net, weights, x, n);
      expect(tfjs.params).toBe(net.params.total);
      expect(maxAbsDiff(torch.out, tfjs.out)).toBeLessThan(1e-4);
    }
  });
});
