/**
 * The expected scale of the signal at initialisation, layer by layer (a mean-field estimate, as in
 * Glorot & Bengio 2010 and He et al. 2015): each weighted layer's pre-activation z = Σ w·x over its
 * fan-in has mean fan_in·E[w]·E[x] and variance fan_in·(E[w²]·E[x²] − E[w]²·E[x]²), taking weights and
 * inputs independent; the activation's output moments are integrated numerically over z ~ N(mean, var).
 * The network's input is taken as standardised (mean 0, mean square 1). Each layer is judged on its own
 * initialiser: a layer found on the wrong scale passes on the signal its variance-preserving
 * initialiser would give, so a layer after it is not blamed for its input. Pure and cheap: one pass,
 * a fixed 241-point grid per activation.
 */
import { ACTIVATIONS, INITIALIZERS, predecessors, type Activation, type ActivationName, type Initializer, type ResolvedLayer, type ResolvedNetwork } from '@axon/language';
import { activationOf, isWeighted, type WeightedLayer } from './facts.js';
import { isReluLike, isSaturating } from './vocabulary.js';

/** Mean and mean square of a signal's elements. */
export interface Moments {
  mean: number;
  meanSquare: number;
}

/** A weighted layer's expected pre-activation at step 0, and what its activation makes of it. */
export interface LayerScale {
  layer: WeightedLayer;
  fanIn: number;
  fanOut: number;
  /** Mean and standard deviation of one weight. */
  weightMean: number;
  weightStd: number;
  /** The moments of the layer's input. */
  input: Moments;
  /** Mean and standard deviation of the pre-activation. */
  preMean: number;
  preStd: number;
  /** The moments of the layer's output (after its activation). */
  output: Moments;
  /** Whether the initialiser is on the wrong scale for this layer, and how. */
  verdict?: InitScaleVerdict;
}

/**
 * Where sigmoid and tanh count as saturated: |z| beyond which the slope is under a tenth of its peak
 * (tanh′ = 1 − tanh² < 0.1; sigmoid′ = s(1 − s) < 0.025).
 */
export const SATURATION_CUTOFF: Partial<Record<ActivationName, number>> = {
  tanh: Math.atanh(Math.sqrt(0.9)),
  sigmoid: Math.log((1 + Math.sqrt(0.9)) / (1 - Math.sqrt(0.9))),
};

/**
 * A sigmoid/tanh layer is flagged when at least this fraction of its pre-activations start saturated.
 * Glorot gives about 5 % for tanh, He (the relu initialiser) about 20 %; 30 % is a pre-activation std
 * of about 1.8 for tanh and 3.5 for sigmoid.
 */
export const SATURATED_FRACTION = 0.3;

/** A relu-family or linear layer is flagged when it multiplies the signal's mean square by more than this (He, Glorot: × 1 or less). */
export const EXPLODING_GAIN = 2;

export type InitScaleVerdict = { kind: 'saturates'; fraction: number; cutoff: number } | { kind: 'explodes'; gain: number };

/** Whether a layer's expected pre-activation saturates its sigmoid/tanh or blows up its relu-family or linear output. */
function judge(act: ActivationName, preMean: number, preStd: number, input: Moments, output: Moments): InitScaleVerdict | undefined {
  const cutoff = SATURATION_CUTOFF[act];
  if (cutoff !== undefined && isSaturating(act)) {
    if (!Number.isFinite(preStd) || !Number.isFinite(preMean)) return undefined;
    const fraction = outsideFraction(preMean, preStd, cutoff);
    return fraction >= SATURATED_FRACTION ? { kind: 'saturates', fraction, cutoff } : undefined;
  }
  if (isReluLike(act) || act === 'linear') {
    const gain = output.meanSquare / input.meanSquare;
    return Number.isFinite(gain) && gain > EXPLODING_GAIN ? { kind: 'explodes', gain } : undefined;
  }
  return undefined;
}

/** Kernel fan-in and fan-out, as Keras computes them (receptive field × channels for convolutions). */
export function fans(layer: WeightedLayer): { fanIn: number; fanOut: number } {
  const channels = layer.inputShape[layer.inputShape.length - 1] ?? 1;
  if (layer.kind === 'dense') return { fanIn: channels, fanOut: layer.units };
  const field = layer.kind === 'conv2d' ? layer.kernel[0] * layer.kernel[1] : layer.kernel;
  return { fanIn: field * channels, fanOut: field * layer.filters };
}

/** Mean and standard deviation of one weight drawn by `init` for a kernel of these fans. */
export function weightMoments(init: Initializer, fanIn: number, fanOut: number): { mean: number; std: number } {
  const avg = (fanIn + fanOut) / 2;
  switch (init.name) {
    case 'glorot_uniform':
    case 'glorot_normal':
      return { mean: 0, std: Math.sqrt(1 / avg) };
    case 'he_uniform':
    case 'he_normal':
      return { mean: 0, std: Math.sqrt(2 / fanIn) };
    case 'lecun_uniform':
    case 'lecun_normal':
      return { mean: 0, std: Math.sqrt(1 / fanIn) };
    case 'zeros':
      return { mean: 0, std: 0 };
    case 'ones':
      return { mean: 1, std: 0 };
    case 'constant':
      return { mean: init.value, std: 0 };
    case 'random_uniform':
      return { mean: (init.minval + init.maxval) / 2, std: Math.abs(init.maxval - init.minval) / Math.sqrt(12) };
    case 'random_normal':
      return { mean: init.mean, std: init.stddev };
    case 'truncated_normal':
      // A normal cut at ±2 standard deviations keeps 0.8796 of its standard deviation.
      return { mean: init.mean, std: init.stddev * 0.87962566103423978 };
    case 'orthogonal':
      // Orthonormal columns (fan_in ≥ fan_out) or rows: each entry has variance 1 / max(fan_in, fan_out).
      return { mean: 0, std: init.gain / Math.sqrt(Math.max(fanIn, fanOut)) };
    case 'variance_scaling': {
      const fan = init.mode === 'fan_in' ? fanIn : init.mode === 'fan_out' ? fanOut : avg;
      return { mean: 0, std: Math.sqrt(init.scale / fan) };
    }
  }
}

/** f(x) for the activations the catalog knows. */
export function activate(a: Activation, x: number): number {
  switch (a.name) {
    case 'linear':
      return x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky_relu':
      return x > 0 ? x : a.alpha * x;
    case 'prelu':
      return x > 0 ? x : a.init * x;
    case 'elu':
      return x > 0 ? x : a.alpha * Math.expm1(x);
    case 'selu':
      return 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x));
    case 'softmax':
      return 1 / (1 + Math.exp(-x)); // one unit's share, close enough for the moments of a hidden softmax
  }
}

const GRID = (() => {
  const points: { t: number; w: number }[] = [];
  const step = 0.05;
  let total = 0;
  for (let t = -6; t <= 6 + 1e-9; t += step) {
    const w = Math.exp(-t * t / 2);
    points.push({ t, w });
    total += w;
  }
  for (const p of points) p.w /= total;
  return points;
})();

/** E[g(z)] for z ~ N(mean, std²). */
export function gaussianExpect(mean: number, std: number, g: (z: number) => number): number {
  if (!(std > 0)) return g(mean);
  let sum = 0;
  for (const p of GRID) sum += p.w * g(mean + std * p.t);
  return sum;
}

/** Φ(x), the standard normal's distribution function (Abramowitz & Stegun 7.1.26, error below 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** P(|z| > cutoff) for z ~ N(mean, std²). */
export function outsideFraction(mean: number, std: number, cutoff: number): number {
  if (!(std > 0)) return Math.abs(mean) > cutoff ? 1 : 0;
  return normalCdf((-cutoff - mean) / std) + 1 - normalCdf((cutoff - mean) / std);
}

/** The output moments of activation `a` applied to z ~ N(mean, std²). */
export function activationMoments(a: Activation, mean: number, std: number): Moments {
  return { mean: gaussianExpect(mean, std, (z) => activate(a, z)), meanSquare: gaussianExpect(mean, std, (z) => activate(a, z) ** 2) };
}

const STANDARD: Moments = { mean: 0, meanSquare: 1 };

function varianceOf(m: Moments): number {
  return Math.max(0, m.meanSquare - m.mean * m.mean);
}

function finite(m: Moments): Moments {
  return Number.isFinite(m.mean) && Number.isFinite(m.meanSquare) ? m : { mean: m.mean, meanSquare: Infinity };
}

const cache = new WeakMap<ResolvedNetwork, Map<number, LayerScale>>();

/** The expected scale at initialisation of every weighted layer of `network`, by layer index. */
export function signalScales(network: ResolvedNetwork): Map<number, LayerScale> {
  const cached = cache.get(network);
  if (cached) return cached;
  const out: Moments[] = [];
  const scales = new Map<number, LayerScale>();
  for (const layer of network.layers) {
    const ins = predecessors(network, layer).map((p) => out[p.index]!);
    const input = ins.length === 0 ? STANDARD : combine(layer, ins);
    out[layer.index] = finite(step(layer, input, scales));
  }
  cache.set(network, scales);
  return scales;
}

/** The moments of a layer's input when it has several (a merge), or its one input. */
function combine(layer: ResolvedLayer, ins: Moments[]): Moments {
  if (ins.length === 1) return ins[0]!;
  if (layer.kind === 'merge' && layer.mode === 'add') {
    const mean = ins.reduce((s, m) => s + m.mean, 0);
    const variance = ins.reduce((s, m) => s + varianceOf(m), 0);
    return { mean, meanSquare: variance + mean * mean };
  }
  return { mean: ins.reduce((s, m) => s + m.mean, 0) / ins.length, meanSquare: ins.reduce((s, m) => s + m.meanSquare, 0) / ins.length };
}

function step(layer: ResolvedLayer, input: Moments, scales: Map<number, LayerScale>): Moments {
  if (isWeighted(layer)) {
    const { fanIn, fanOut } = fans(layer);
    const w = weightMoments(layer.init, fanIn, fanOut);
    const bias = layer.useBias && layer.biasInit.name === 'constant' ? layer.biasInit.value : layer.useBias && layer.biasInit.name === 'ones' ? 1 : 0;
    const preMean = fanIn * w.mean * input.mean + bias;
    const preVar = Math.max(0, fanIn * ((w.std * w.std + w.mean * w.mean) * input.meanSquare - w.mean * w.mean * input.mean * input.mean));
    const preStd = Math.sqrt(preVar);
    const output = activationMoments(layer.activation, preMean, preStd);
    // Constant weights are constant-weight-init's finding, not a scale to judge.
    const verdict = INITIALIZERS[layer.init.name].family === 'constant' ? undefined : judge(layer.activation.name, preMean, preStd, input, output);
    scales.set(layer.index, { layer, fanIn, fanOut, weightMean: w.mean, weightStd: w.std, input, preMean, preStd, output, ...(verdict ? { verdict } : {}) });
    if (!verdict) return output;
    // Judged on the wrong scale: what follows sees the signal of the variance-preserving initialiser.
    const fixed = weightMoments({ name: ACTIVATIONS[layer.activation.name].recommendedInit } as Initializer, fanIn, fanOut);
    const fixedStd = Math.sqrt(fanIn * fixed.std * fixed.std * input.meanSquare);
    return activationMoments(layer.activation, bias, fixedStd);
  }
  const a = activationOf(layer);
  if (a) return activationMoments(a, input.mean, Math.sqrt(varianceOf(input)));
  switch (layer.kind) {
    case 'batch_norm':
      return STANDARD;
    case 'embedding':
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      // Their own weights and gates set the scale; taken as unit scale (they are not judged here).
      return STANDARD;
    default:
      return input;
  }
}
