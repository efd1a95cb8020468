/** Shape arithmetic the code generators share: Keras 'same' padding and tensor layouts. */
import type { Padding, ResolvedLayer } from '@axon/language';
import { CompileError } from './errors.js';

/** Padding (before, after) Keras/TensorFlow apply on one axis: the extra cell, if any, goes after. */
export function samePads(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** [top, bottom, left, right] for a 2-D window op on an [H, W, C] sample. */
export function windowPads(
  inputShape: number[],
  kernel: [number, number],
  stride: [number, number],
  padding: Padding,
): { top: number; bottom: number; left: number; right: number } {
  if (padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  const [top, bottom] = samePads(inputShape[0]!, kernel[0], stride[0]);
  const [left, right] = samePads(inputShape[1]!, kernel[1], stride[1]);
  return { top, bottom, left, right };
}

/** How a layer's input is laid out in channels-first frameworks: images NCHW, 2-D samples [N, T, F], vectors [N, F]. */
export type Layout = 'flat' | 'seq' | 'nchw';

export function layoutOf(shape: number[], layer: ResolvedLayer, target: string): Layout {
  if (shape.length === 1) return 'flat';
  if (shape.length === 2) return 'seq';
  if (shape.length === 3) return 'nchw';
  throw new CompileError(target, `a rank-${shape.length} tensor`, `layer ${layer.name} takes [${shape.join(', ')}]; samples of rank 1 to 3 are supported`);
}

export function requireImage(layer: ResolvedLayer, target: string): void {
  if (layer.inputShape.length !== 3) {
    throw new CompileError(target, `${layer.kind} on a rank-${layer.inputShape.length} input`, `layer ${layer.name} needs [height, width, channels]`);
  }
}
