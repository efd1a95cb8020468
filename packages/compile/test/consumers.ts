/** Consumer-test plumbing: run the real frameworks, fail (never skip) when one is missing. */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, getWeights, predict, setWeights, type LayerWeights, type Model } from '@axon/core';
import { NETWORK_INPUT, type ResolvedNetwork } from '@axon/language';
import { PYTHON } from './helpers.js';

const INSTALL: Record<string, string> = {
  torch: 'apt-get update && apt-get install -y python3-torch',
  onnx: 'apt-get update && apt-get install -y python3-onnx',
  numpy: 'apt-get update && apt-get install -y python3-numpy',
};

/** Throws with the install command when /usr/bin/python3 cannot import `module`. */
export function requirePythonModule(module: string): void {
  const r = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `consumer missing: ${PYTHON} cannot import ${module} (${(r.stderr || String(r.error)).trim().split('\n').pop()}). Install it with: ${INSTALL[module] ?? `apt-get install -y python3-${module}`}`,
    );
  }
}

export function runPython(args: string[], options: { cwd?: string; env?: Record<string, string>; timeout?: number } = {}): string {
  const r = spawnSync(PYTHON, args, {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, OMP_NUM_THREADS: '1', ...options.env },
    timeout: options.timeout ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** A deterministic pseudo-random generator for test inputs and weights. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * A core model with seeded weights, and batch-norm moving statistics perturbed away from 0/1, biases
 * away from 0 and embedding tables beyond ±0.05 (so that the layout conversion of every tensor is exercised).
 */
export function trainedModel(network: ResolvedNetwork, seed = 7): { model: Model; weights: LayerWeights[] } {
  const model = buildModel(network, { seed });
  const rand = lcg(seed);
  const weights = getWeights(model).map((lw) => ({
    ...lw,
    weights: lw.weights.map((w) => {
      const values = Float32Array.from(w.values);
      if (w.name === 'moving_mean' || w.name === 'beta' || w.name.endsWith('bias')) for (let i = 0; i < values.length; i++) values[i] = rand() - 0.5;
      if (w.name === 'moving_variance' || w.name === 'gamma') for (let i = 0; i < values.length; i++) values[i] = 0.5 + rand();
      if (w.name === 'alpha') for (let i = 0; i < values.length; i++) values[i] = rand() * 0.5;
      // Keras's embedding init (±0.05) gives nearly equal outputs for every sample: spread the table.
      if (w.name === 'embeddings') for (let i = 0; i < values.length; i++) values[i] = rand() * 2 - 1;
      return { ...w, values };
    }),
  }));
  setWeights(model, weights);
  return { model, weights };
}

/**
 * Seeded inputs for `n` samples: values in [-2, 2), or token ids (whole numbers below the table size)
 * when an embedding reads the network's input.
 */
export function randomInput(network: ResolvedNetwork, n: number, seed = 11): Float32Array {
  const size = network.input.reduce((a, b) => a * b, 1);
  const rand = lcg(seed);
  const table = network.layers.find((l) => l.kind === 'embedding' && l.inputs.includes(NETWORK_INPUT));
  if (table?.kind === 'embedding') return Float32Array.from({ length: n * size }, () => Math.floor(rand() * table.inputDim));
  return Float32Array.from({ length: n * size }, () => rand() * 4 - 2);
}

export function writeFloat32(path: string, x: Float32Array): void {
  writeFileSync(path, Buffer.from(x.buffer, x.byteOffset, x.byteLength));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

export function corePredict(model: Model, x: Float32Array, n: number): Float32Array {
  return predict(model, x, n);
}

export const HARNESS = (name: string): string => join(import.meta.dirname, 'py', name);
