/**
 * Forward and backward passes over a model whose layers form a graph (`ResolvedLayer.inputs`).
 *
 * Forward runs the layers in `network.layers` order (topological: every layer's inputs come first)
 * and keeps each layer's output for the layers that read it. Backward starts from the output layer
 * and walks the same order in reverse; a layer read by several others (or read twice by one merge)
 * receives the sum of their gradients, accumulated in a buffer of its own. The network input may be
 * read by several layers; no gradient is computed for it.
 *
 * A plain chain (every layer reads the one before) takes the straight loop, with no bookkeeping.
 */
import { NETWORK_INPUT, type ResolvedNetwork } from '@axon/language';
import { ensure, type Arr, type DType } from './arr.js';
import { isJoin, type EngineLayer, type ForwardContext, type JoinImpl, type LayerImpl } from './layers/layer.js';

/** How the layers are wired, derived once from the network. */
export class ModelGraph {
  /** Every layer reads the one before it (the first reads the input). */
  readonly chain: boolean;
  /** Per layer, the indices it reads (`NETWORK_INPUT` for the input). */
  readonly inputs: readonly (readonly number[])[];
  /** Index of the output layer (the last), or -1 for a network without layers. */
  readonly output: number;
  /** Per layer, how many gradient contributions it receives per backward pass. */
  private readonly reads: Int32Array;
  /** Per layer, which of its inputs want a gradient (every one but the network input). */
  private readonly needDx: readonly (readonly boolean[])[];
  private readonly outputs: (Arr | undefined)[];
  private readonly grads: (Arr | null)[];
  private readonly received: Int32Array;
  private readonly sums: (Arr | undefined)[];

  constructor(network: Pick<ResolvedNetwork, 'layers'>, private readonly dtype: DType) {
    const layers = network.layers;
    this.inputs = layers.map((l) => l.inputs.slice());
    this.chain = layers.every((l, i) => l.inputs.length === 1 && l.inputs[0] === i - 1);
    this.output = layers.length - 1;
    this.reads = new Int32Array(layers.length);
    for (const ins of this.inputs) for (const j of ins) if (j !== NETWORK_INPUT) this.reads[j]!++;
    this.needDx = this.inputs.map((ins) => ins.map((j) => j !== NETWORK_INPUT));
    this.outputs = layers.map(() => undefined);
    this.grads = layers.map(() => null);
    this.received = new Int32Array(layers.length);
    this.sums = layers.map(() => undefined);
  }

  /** Forward over `n` samples; returns the output layer's buffer. */
  forward(layers: readonly EngineLayer[], x: Arr, n: number, ctx: ForwardContext): Arr {
    if (this.chain) {
      let h = x;
      for (const layer of layers) h = (layer as LayerImpl).forward(h, n, ctx);
      return h;
    }
    const outs = this.outputs;
    const at = (j: number): Arr => (j === NETWORK_INPUT ? x : (outs[j] as Arr));
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i] as EngineLayer;
      const ins = this.inputs[i] as readonly number[];
      outs[i] = isJoin(layer) ? layer.forward(ins.map(at), n) : layer.forward(at(ins[0] as number), n, ctx);
    }
    return this.output >= 0 ? (outs[this.output] as Arr) : x;
  }

  /** Backward from dL/d(output) (or dL/dz of the output's activation when `fused`). */
  backward(layers: readonly EngineLayer[], dOut: Arr, n: number, fused: boolean): void {
    if (this.chain) {
      let d: Arr | null = dOut;
      for (let i = layers.length - 1; i >= 0 && d !== null; i--) {
        d = (layers[i] as LayerImpl).backward(d, n, i > 0, fused && i === layers.length - 1);
      }
      return;
    }
    const grads = this.grads;
    grads.fill(null);
    this.received.fill(0);
    if (this.output < 0) return;
    grads[this.output] = dOut;
    for (let i = this.output; i >= 0; i--) {
      const d = grads[i];
      if (!d) continue;
      const layer = layers[i] as EngineLayer;
      const ins = this.inputs[i] as readonly number[];
      if (isJoin(layer)) {
        const dxs = (layer as JoinImpl).backward(d, n, this.needDx[i] as readonly boolean[]);
        ins.forEach((j, k) => {
          const g = dxs[k];
          if (j !== NETWORK_INPUT && g) this.contribute(layers, j, g, n);
        });
      } else {
        const j = ins[0] as number;
        const g = layer.backward(d, n, j !== NETWORK_INPUT, fused && i === this.output);
        if (j !== NETWORK_INPUT && g) this.contribute(layers, j, g, n);
      }
    }
  }

  /** Adds `g` to the gradient of layer `j`'s output: by reference when it is the only one, else summed. */
  private contribute(layers: readonly EngineLayer[], j: number, g: Arr, n: number): void {
    if (this.reads[j] === 1) {
      this.grads[j] = g;
      return;
    }
    const len = n * (layers[j] as EngineLayer).outSize;
    const sum = (this.sums[j] = ensure(this.sums[j], this.dtype, len));
    if (this.received[j]++ === 0) {
      for (let i = 0; i < len; i++) sum[i] = g[i] as number;
      this.grads[j] = sum;
    } else {
      for (let i = 0; i < len; i++) sum[i] += g[i] as number;
    }
  }
}
