/**
 * The WebAssembly kernels against the TypeScript ones: the optimizer steps (Adam, RMSprop) and the choice
 * between the relaxed-SIMD (fused multiply-add) and the plain SIMD matmul, each checked in a fresh Node
 * process so both modules are exercised whichever one this process loaded.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { activeMatmul, jsKernels, K, scaleAdd } from '../src/kernels.js';
import { createResidentAdam, createWasmOptimSteps, jsScaleAdd, WASM_MIN_WEIGHTS } from '../src/wasm/optim.js';
import { createOptimizer } from '../src/optimizers.js';
import { testRandom } from './net-helpers.js';

const steps = createWasmOptimSteps(jsKernels)!;

function tensors(len: number, seed: number, dtype: 'float32' | 'float64' = 'float32') {
  const r = testRandom(seed);
  const make = (f: () => number) => (dtype === 'float32' ? Float32Array.from({ length: len }, f) : Float64Array.from({ length: len }, f));
  return { w: make(() => r() - 0.5), g: make(() => (r() - 0.5) * 0.1), m: make(() => (r() - 0.5) * 0.01), v: make(() => r() * 1e-4) };
}

/** Largest |a − b| relative to max(|b|, floor). */
function relError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), floor));
  return worst;
}

describe('WebAssembly optimizer steps', () => {
  it('are the kernels in use for float32', () => {
    expect(K.adamStep).not.toBe(jsKernels.adamStep);
    expect(K.rmspropStep).not.toBe(jsKernels.rmspropStep);
  });

  it('Adam matches the TypeScript kernel over 20 steps, for lengths that are and are not multiples of 4', () => {
    for (const len of [WASM_MIN_WEIGHTS, 65, 67, 1001, 4099]) {
      const a = tensors(len, len), b = tensors(len, len);
      for (let t = 1; t <= 20; t++) {
        const lrT = (1e-3 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
        steps.adamStep(a.w, a.g, a.m, a.v, len, lrT, 0.9, 0.999, 1e-7);
        jsKernels.adamStep(b.w, b.g, b.m, b.v, len, lrT, 0.9, 0.999, 1e-7);
      }
      expect(relError(a.w, b.w)).toBeLessThan(1e-5);
      expect(relError(a.m, b.m)).toBeLessThan(1e-5);
      expect(relError(a.v, b.v, 1e-12)).toBeLessThan(1e-5);
      // The weights moved: 20 steps of ≈ lr each.
      const start = tensors(len, len).w;
      expect(Math.abs(a.w[0]! - start[0]!)).toBeGreaterThan(1e-3);
    }
  });

  it('resident Adam (moments in its own WebAssembly memory) matches the TypeScript kernel, tensor by tensor', () => {
    const lengths = [WASM_MIN_WEIGHTS, 10, 67, 1001];
    const resident = createResidentAdam(lengths)!;
    expect(lengths.map((_, i) => resident.holds(i))).toEqual([true, false, true, true]);
    const ours = lengths.map((n) => tensors(n, 100 + n));
    const ref = lengths.map((n) => ({ ...tensors(n, 100 + n), m: new Float32Array(n), v: new Float32Array(n) }));
    for (let t = 1; t <= 20; t++) {
      const lrT = (1e-3 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      lengths.forEach((n, i) => {
        if (resident.holds(i)) resident.step(i, ours[i]!.w as Float32Array, ours[i]!.g as Float32Array, lrT, 0.9, 0.999, 1e-7);
        jsKernels.adamStep(ref[i]!.w, ref[i]!.g, ref[i]!.m, ref[i]!.v, n, lrT, 0.9, 0.999, 1e-7);
      });
    }
    lengths.forEach((n, i) => {
      if (resident.holds(i)) expect(relError(ours[i]!.w, ref[i]!.w, 1e-3)).toBeLessThan(1e-5);
      else expect(Array.from(ours[i]!.w)).toEqual(Array.from(tensors(n, 100 + n).w)); // never stepped here
    });
  });

  it('an Adam optimizer over float32 params keeps the TypeScript result (resident moments) and over float64 stays exact', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const make = (seed: number) =>
        [200, 7, 130].map((n, i) => {
          const t = tensors(n, seed + i, dtype);
          return { name: `p${i}`, shape: [n], value: t.w, grad: t.g, trainable: true };
        });
      const params = make(1), reference = make(1);
      const config = { name: 'adam', learningRate: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;
      const opt = createOptimizer(config as never, params as never);
      const m = reference.map((p) => p.value.map(() => 0)), v = reference.map((p) => p.value.map(() => 0));
      for (let t = 1; t <= 5; t++) {
        opt.step();
        const lrT = (1e-2 * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
        reference.forEach((p, i) => jsKernels.adamStep(p.value, p.grad, m[i]!, v[i]!, p.value.length, lrT, 0.9, 0.999, 1e-7));
      }
      params.forEach((p, i) => {
        if (dtype === 'float64') expect(Array.from(p.value)).toEqual(Array.from(reference[i]!.value));
        else expect(relError(p.value, reference[i]!.value, 1e-3)).toBeLessThan(1e-5);
      });
      expect(Math.abs(params[0]!.value[0]! - tensors(200, 1, dtype).w[0]!)).toBeGreaterThan(0.03); // 5 steps of ≈ lr
    }
  });

  it('RMSprop matches the TypeScript kernel over 20 steps', () => {
    for (const len of [64, 131, 2048]) {
      const a = tensors(len, 7 + len), b = tensors(len, 7 + len);
      for (let t = 1; t <= 20; t++) {
        steps.rmspropStep(a.w, a.g, a.v, len, 1e-3, 0.9, 1e-7);
        jsKernels.rmspropStep(b.w, b.g, b.v, len, 1e-3, 0.9, 1e-7);
      }
      expect(relError(a.w, b.w)).toBeLessThan(1e-5);
      expect(relError(a.v, b.v, 1e-12)).toBeLessThan(1e-5);
    }
  });

  it('leaves float64 tensors and short tensors to the TypeScript kernel, bit for bit', () => {
    for (const [len, dtype] of [[1000, 'float64'], [WASM_MIN_WEIGHTS - 1, 'float32'], [5, 'float32']] as const) {
      const a = tensors(len, 3, dtype), b = tensors(len, 3, dtype);
      steps.adamStep(a.w, a.g, a.m, a.v, len, 1e-3, 0.9, 0.999, 1e-7);
      jsKernels.adamStep(b.w, b.g, b.m, b.v, len, 1e-3, 0.9, 0.999, 1e-7);
      expect(Array.from(a.w)).toEqual(Array.from(b.w));
      expect(Array.from(a.v)).toEqual(Array.from(b.v));
    }
  });

  it("the threads' gradient sum y ← a·y + b·x[from…] matches the TypeScript loop, from any offset", () => {
    expect(scaleAdd).not.toBe(jsScaleAdd);
    for (const [len, from] of [[64, 0], [1001, 3], [4099, 517]] as const) {
      const y1 = tensors(len, len).w, y2 = Float32Array.from(y1);
      const x = tensors(len + from, 2 * len).g;
      steps.scaleAdd(y1, x, from, len, 0.625, 0.375);
      jsScaleAdd(y2, x, from, len, 0.625, 0.375);
      expect(relError(y1, y2, 1e-2)).toBeLessThan(1e-6);
      expect(y1[len - 1]).toBeCloseTo(0.625 * tensors(len, len).w[len - 1]! + 0.375 * x[from + len - 1]!, 6);
    }
    // float64 (the gradient checks' threads) stays exact.
    const a = Float64Array.from([1, 2, 3]), b = Float64Array.from([0, 10, 20, 30]);
    steps.scaleAdd(a, b, 1, 3, 0.5, 0.25);
    expect(Array.from(a)).toEqual([3, 6, 9]);
  });

  it('updates only the first `len` values of a longer buffer', () => {
    const a = tensors(200, 11), before = Float32Array.from(a.w);
    steps.adamStep(a.w, a.g, a.m, a.v, 130, 1e-3, 0.9, 0.999, 1e-7);
    expect(a.w[129]).not.toBe(before[129]);
    expect(Array.from(a.w.subarray(130))).toEqual(Array.from(before.subarray(130)));
  });
});

describe('matmul: relaxed SIMD (fused multiply-add) and plain SIMD', () => {
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  // A fresh process: which module it picks, and the largest error of its matmul against a float64 loop.
  const probe = `
    const { activeMatmul, kernels: K } = await import(${JSON.stringify(dist)});
    let s = 7; const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) - 0.5;
    let worst = 0;
    for (const [m, k, n, ta, tb, bias] of [[64, 784, 256, 0, 0, 1], [784, 64, 256, 1, 0, 0], [64, 128, 256, 0, 1, 0], [37, 300, 29, 1, 1, 0], [130, 33, 70, 0, 0, 1]]) {
      const a = Float32Array.from({ length: m * k }, r), b = Float32Array.from({ length: k * n }, r), bv = Float32Array.from({ length: n }, r);
      const c = new Float32Array(m * n);
      K.matmul(a, b, c, m, k, n, !!ta, !!tb, false, bias ? bv : null);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let x = bias ? bv[j] : 0;
        for (let p = 0; p < k; p++) x += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
        worst = Math.max(worst, Math.abs(c[i * n + j] - x));
      }
    }
    console.log(JSON.stringify({ activeMatmul, worst }));`;
  const run = (env: Record<string, string>) =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { env: { ...process.env, ...env }, encoding: 'utf8' })) as {
      activeMatmul: string;
      worst: number;
    };

  it('uses the fused multiply-add where the runtime has relaxed SIMD (Node ≥ 20.16 turns it on), and it agrees with a float64 loop', () => {
    const expected = typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function' ? 'wasm-relaxed-simd' : 'wasm-simd';
    expect(activeMatmul).toBe(expected);
    const r = run({});
    expect(r.activeMatmul).toBe(expected);
    expect(r.worst).toBeLessThan(2e-4);
  });

  it('AXON_KERNELS=wasm-simd keeps the plain SIMD module, which agrees too; AXON_KERNELS=js the TypeScript kernel', () => {
    const plain = run({ AXON_KERNELS: 'wasm-simd' });
    expect(plain.activeMatmul).toBe('wasm-simd');
    expect(plain.worst).toBeLessThan(2e-4);
    expect(run({ AXON_KERNELS: 'js' }).activeMatmul).toBe('js');
  });
});
