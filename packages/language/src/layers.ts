/**
 * Turns one layer call (after block parameters are substituted) into a `LayerSpec` with every
 * argument checked and defaulted.
 */
import type { Range } from './ast.js';
import {
  bindArgs,
  readActivation,
  readInitializer,
  readInt,
  readInt2,
  readNumber,
  readBool,
  readPadding,
  readPadding2D,
  take,
  written,
  type BoundArgs,
  type Ctx,
  type Reading,
} from './args.js';
import { LAYERS, type Signature } from './catalog.js';
import type { LayerCallKind, LayerSpec } from './network.js';
import type { ArgVal } from './values.js';

/** The arguments dense and conv2d share: the activation, the initialisers and whether there is a bias. */
type WeightedArgs = Pick<Extract<LayerSpec, { kind: 'dense' }>, 'activation' | 'activationExplicit' | 'init' | 'biasInit' | 'useBias'>;

function weightedArgs(ctx: Ctx, sig: Signature, bound: BoundArgs, reading: Reading): WeightedArgs {
  return {
    activation: take(ctx, sig, bound, 'activation', readActivation, reading),
    activationExplicit: written(sig, bound, 'activation'),
    init: take(ctx, sig, bound, 'init', readInitializer, reading),
    biasInit: take(ctx, sig, bound, 'bias_init', readInitializer, reading),
    useBias: take(ctx, sig, bound, 'use_bias', readBool, reading),
  };
}

/**
 * Checks a layer call's arguments (`args`, written at `nameRange`); undefined when a required
 * argument is missing or invalid (already reported). The ranges of the written argument values are
 * recorded in `argRanges` by argument name (shape errors point at them).
 *
 * Arguments not written take the catalog's defaults (see `take`); a failed read makes the whole call
 * fail, so the placeholder of an invalid value is never used. Objects handed out are made fresh for
 * each call: every resolved layer owns its spec.
 */
export function resolveLayer(kind: LayerCallKind, nameRange: Range, args: readonly ArgVal[], ctx: Ctx, argRanges: Record<string, Range>): LayerSpec | undefined {
  const sig = LAYERS[kind];
  const bound = bindArgs(sig, kind, nameRange, args, ctx, argRanges);
  const reading: Reading = { ok: bound.complete };
  let spec: LayerSpec;
  switch (kind) {
    case 'dense':
      spec = { kind: 'dense', units: take(ctx, sig, bound, 'units', readInt, reading), ...weightedArgs(ctx, sig, bound, reading) };
      break;
    case 'dropout':
      spec = { kind: 'dropout', rate: take(ctx, sig, bound, 'rate', readNumber, reading) };
      break;
    case 'batch_norm':
      spec = {
        kind: 'batch_norm',
        momentum: take(ctx, sig, bound, 'momentum', readNumber, reading),
        epsilon: take(ctx, sig, bound, 'epsilon', readNumber, reading),
      };
      break;
    case 'activation':
      spec = { kind: 'activation', activation: take(ctx, sig, bound, 'fn', readActivation, reading) };
      break;
    case 'flatten':
      spec = { kind: 'flatten' };
      break;
    case 'conv2d':
      spec = {
        kind: 'conv2d',
        filters: take(ctx, sig, bound, 'filters', readInt, reading),
        kernel: take(ctx, sig, bound, 'kernel', readInt2, reading),
        stride: take(ctx, sig, bound, 'stride', readInt2, reading),
        padding: take(ctx, sig, bound, 'padding', readPadding, reading),
        ...weightedArgs(ctx, sig, bound, reading),
      };
      break;
    case 'max_pool2d':
    case 'avg_pool2d': {
      const pool = take(ctx, sig, bound, 'pool', readInt2, reading);
      const stride = take(ctx, sig, bound, 'stride', readInt2, reading, pool);
      const padding = take(ctx, sig, bound, 'padding', readPadding, reading);
      spec = { kind, pool, stride, padding };
      break;
    }
    case 'global_avg_pool2d':
    case 'global_max_pool2d':
      spec = { kind };
      break;
    case 'zero_padding2d':
      spec = { kind: 'zero_padding2d', padding: take(ctx, sig, bound, 'padding', readPadding2D, reading) };
      break;
  }
  return reading.ok ? spec : undefined;
}
