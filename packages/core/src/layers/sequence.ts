/**
 * The 1-D layers over `[steps, channels]` (Keras's `Conv1D`, `MaxPooling1D`, `AveragePooling1D`,
 * `GlobalAveragePooling1D`, `GlobalMaxPooling1D`) as their 2-D twins over a `[1, steps, channels]`
 * image: a 1 × k window with stride 1 × s and the same valid/same geometry (TensorFlow's; 'same' pads
 * only along the steps since the window's height is 1). A conv1d kernel [k, channels, filters] read
 * row-major is exactly the conv2d kernel [1, k, channels, filters], so only its recorded shape differs.
 */
import type { ResolvedLayer } from '@axon/language';
import type { ActivationUnit } from '../activation.js';
import type { Arr, DType } from '../arr.js';
import type { Param } from '../param.js';
import type { Rng } from '../rng.js';
import { Conv2dLayer } from './conv2d.js';
import type { ForwardContext, LayerImpl } from './layer.js';
import { PoolLayer } from './pool.js';
import { GlobalPoolLayer } from './spatial.js';

type Conv1dSpec = Extract<ResolvedLayer, { kind: 'conv1d' }>;
type Pool1dSpec = Extract<ResolvedLayer, { kind: 'max_pool1d' | 'avg_pool1d' }>;
type GlobalPool1dSpec = Extract<ResolvedLayer, { kind: 'global_avg_pool1d' | 'global_max_pool1d' }>;
type Conv2dSpec = Extract<ResolvedLayer, { kind: 'conv2d' }>;
type Pool2dSpec = Extract<ResolvedLayer, { kind: 'max_pool2d' | 'avg_pool2d' }>;
type GlobalPool2dSpec = Extract<ResolvedLayer, { kind: 'global_avg_pool2d' | 'global_max_pool2d' }>;

/** `[steps, channels]` as the image `[1, steps, channels]`. */
const asImage = (inputShape: readonly number[]): number[] => [1, inputShape[0] as number, inputShape[1] as number];

/** A 1-D layer running its 2-D twin; the spec (name, index, shapes) stays the 1-D one. */
abstract class Via2d implements LayerImpl {
  abstract readonly spec: ResolvedLayer;
  constructor(protected readonly inner: LayerImpl) {}
  get dtype(): DType {
    return this.inner.dtype;
  }
  get inSize(): number {
    return this.inner.inSize;
  }
  get outSize(): number {
    return this.inner.outSize;
  }
  get params(): Param[] {
    return this.inner.params;
  }
  get kernel(): Param | null {
    return this.inner.kernel;
  }
  get act(): ActivationUnit | null {
    return this.inner.act;
  }
  preact(): Arr {
    return this.inner.preact();
  }
  forward(x: Arr, n: number, ctx: ForwardContext): Arr {
    return this.inner.forward(x, n, ctx);
  }
  backward(dy: Arr, n: number, needDx: boolean, dyIsPreact: boolean): Arr | null {
    return this.inner.backward(dy, n, needDx, dyIsPreact);
  }
}

export class Conv1dLayer extends Via2d {
  constructor(readonly spec: Conv1dSpec, dtype: DType, inputShape: readonly number[], rng: Rng) {
    const twin = { ...spec, kind: 'conv2d', kernel: [1, spec.kernel], stride: [1, spec.stride] } as Conv2dSpec;
    const conv = new Conv2dLayer(twin, dtype, asImage(inputShape), rng);
    conv.kernel.shape = [spec.kernel, inputShape[1] as number, spec.filters];
    super(conv);
  }
}

export class Pool1dLayer extends Via2d {
  constructor(readonly spec: Pool1dSpec, dtype: DType, inputShape: readonly number[]) {
    const kind = spec.kind === 'max_pool1d' ? 'max_pool2d' : 'avg_pool2d';
    const twin = { ...spec, kind, pool: [1, spec.pool], stride: [1, spec.stride] } as Pool2dSpec;
    super(new PoolLayer(twin, dtype, asImage(inputShape)));
  }
}

export class GlobalPool1dLayer extends Via2d {
  constructor(readonly spec: GlobalPool1dSpec, dtype: DType, inputShape: readonly number[]) {
    const kind = spec.kind === 'global_max_pool1d' ? 'global_max_pool2d' : 'global_avg_pool2d';
    super(new GlobalPoolLayer({ ...spec, kind } as GlobalPool2dSpec, dtype, asImage(inputShape)));
  }
}
