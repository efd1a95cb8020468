/** Types for the parts of calibrate-saturation.mjs that the core tests import (packages/core/test/fixtures/probe.ts). */
export declare const THRESHOLD: number;

/** n standard-normal rows of `features` values and random one-hot labels over `classes` (a core `Dataset`). */
export declare function gaussianBatch(
  n: number,
  features: number,
  classes: number,
  seed: number,
): { x: Float32Array; y: Float32Array; n: number; inputShape: number[]; targetSize: number };
