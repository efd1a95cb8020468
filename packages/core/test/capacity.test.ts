import { analyze, parse } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { byteWords, capacityProblem, countWords, estimateTraining } from '../src/capacity.js';

const net = (layers: string, opt = 'adam') => {
  const { networks, diagnostics } = analyze(parse(`network N {\n  input [100000]\n  layers {\n    ${layers}\n  }\n  train { optimizer: ${opt} }\n}\n`).ast);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return networks[0]!;
};

describe('capacity', () => {
  it('counts weights, gradients and the optimizer state of a huge stack', () => {
    const n = net('repeat 10 { dense(100000) }');
    const e = estimateTraining(n, 32);
    // 10 × (100000 × 100000 + 100000) parameters; adam keeps two slots: 4 floats of 4 bytes each.
    expect(e.parameters).toBe(10 * (1e10 + 1e5));
    expect(e.weightBytes).toBe(e.parameters * 16);
    expect(e.largest).toEqual({ layer: 'dense', elements: 1e10 + 1e5 });
    const msg = capacityProblem(n)!;
    expect(msg).toContain('network N has 100 billion parameters, about 1.6 TB of weights, gradients, adam state and activations');
    expect(msg).toContain('layer dense alone holds 10 billion weights; one tensor holds at most 4.29 billion');
  });

  it('names the machine when the total exceeds the memory given', () => {
    const n = net('dense(20000)', 'sgd');
    // 2,000,020,000 parameters × 2 floats (weight, gradient; plain sgd keeps no state) × 4 bytes ≈ 16 GB.
    const msg = capacityProblem(n, { availableBytes: 8e9 });
    expect(msg).toMatch(/^network N has 2 billion parameters, about 16 GB of weights, gradients, sgd state and activations: too large for this machine \(8 GB of memory\)$/);
    expect(capacityProblem(n, { availableBytes: 64e9 })).toBeUndefined();
  });

  it('says nothing about a network that fits', () => {
    expect(capacityProblem(net('dense(8)'), { availableBytes: 1e9 })).toBeUndefined();
  });

  it('words counts and sizes', () => {
    expect(countWords(12345)).toBe('12,345');
    expect(countWords(3.4e8)).toBe('340 million');
    expect(countWords(1.25e9)).toBe('1.25 billion');
    expect(byteWords(360e9)).toBe('360 GB');
    expect(byteWords(1.5e12)).toBe('1.5 TB');
    expect(byteWords(999)).toBe('999 bytes');
  });
});
