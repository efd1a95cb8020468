/**
 * Turns one layer call (after block parameters are substituted) into a `LayerSpec` with every
 * argument checked and defaulted.
 */
import type { Range } from './ast.js';
import {
  bindArgs,
  defaultNumber,
  readActivation,
  readInitializer,
  readInt,
  readInt2,
  readNumber,
  readPadding,
  take,
  written,
  type Ctx,
  type Reading,
} from './args.js';
import { LAYERS } from './catalog.js';
import type { Activation, Initializer, LayerCallKind, LayerSpec } from './network.js';
import type { ArgVal } from './values.js';

const LINEAR: Activation = { name: 'linear' };
const BN_MOMENTUM = defaultNumber(LAYERS.batch_norm, 'momentum');
const BN_EPSILON = defaultNumber(LAYERS.batch_norm, 'epsilon');
const MAX_POOL = defaultNumber(LAYERS.max_pool2d, 'pool');
const AVG_POOL = defaultNumber(LAYERS.avg_pool2d, 'pool');

/**
 * Checks a layer call's arguments (`args`, written at `nameRange`); undefined when a required
 * argument is missing or invalid (already reported). The ranges of the written argument values are
 * recorded in `argRanges` by argument name (shape errors point at them).
 *
 * Fallbacks passed to the readers only matter when an argument is not written; a failed read makes
 * the whole call fail, so the fallback of an invalid value is never used. Objects handed out are
 * made fresh for each call: every resolved layer owns its spec.
 */
export function resolveLayer(kind: LayerCallKind, nameRange: Range, args: readonly ArgVal[], ctx: Ctx, argRanges: Record<string, Range>): LayerSpec | undefined {
  const sig = LAYERS[kind];
  const bound = bindArgs(sig, kind, nameRange, args, ctx, argRanges);
  const reading: Reading = { ok: bound.complete };
  let spec: LayerSpec;
  switch (kind) {
    case 'dense': {
      const units = take(ctx, sig, bound, 'units', readInt, 1, reading);
      const activation = take(ctx, sig, bound, 'activation', readActivation, LINEAR, reading);
      spec = {
        kind: 'dense',
        units,
        activation: activation === LINEAR ? { name: 'linear' } : activation,
        activationExplicit: written(sig, bound, 'activation'),
        init: readInit(ctx, bound, 'init', 'glorot_uniform', reading, kind),
        biasInit: readInit(ctx, bound, 'bias_init', 'zeros', reading, kind),
      };
      break;
    }
    case 'dropout':
      spec = { kind: 'dropout', rate: take(ctx, sig, bound, 'rate', readNumber, 0, reading) };
      break;
    case 'batch_norm':
      spec = {
        kind: 'batch_norm',
        momentum: take(ctx, sig, bound, 'momentum', readNumber, BN_MOMENTUM, reading),
        epsilon: take(ctx, sig, bound, 'epsilon', readNumber, BN_EPSILON, reading),
      };
      break;
    case 'activation': {
      const activation = take(ctx, sig, bound, 'fn', readActivation, LINEAR, reading);
      spec = { kind: 'activation', activation: activation === LINEAR ? { name: 'linear' } : activation };
      break;
    }
    case 'flatten':
      spec = { kind: 'flatten' };
      break;
    case 'conv2d': {
      const filters = take(ctx, sig, bound, 'filters', readInt, 1, reading);
      const kernel = take<[number, number]>(ctx, sig, bound, 'kernel', readInt2, [1, 1], reading);
      const stride = take<[number, number]>(ctx, sig, bound, 'stride', readInt2, [1, 1], reading);
      const padding = take(ctx, sig, bound, 'padding', readPadding, 'valid' as const, reading);
      const activation = take(ctx, sig, bound, 'activation', readActivation, LINEAR, reading);
      spec = {
        kind: 'conv2d',
        filters,
        kernel,
        stride,
        padding,
        activation: activation === LINEAR ? { name: 'linear' } : activation,
        activationExplicit: written(sig, bound, 'activation'),
        init: readInit(ctx, bound, 'init', 'glorot_uniform', reading, kind),
        biasInit: readInit(ctx, bound, 'bias_init', 'zeros', reading, kind),
      };
      break;
    }
    case 'max_pool2d':
    case 'avg_pool2d': {
      const p = kind === 'max_pool2d' ? MAX_POOL : AVG_POOL;
      const pool = take<[number, number]>(ctx, sig, bound, 'pool', readInt2, [p, p], reading);
      const stride = take<[number, number]>(ctx, sig, bound, 'stride', readInt2, pool, reading);
      const padding = take(ctx, sig, bound, 'padding', readPadding, 'valid' as const, reading);
      spec = { kind, pool, stride, padding };
      break;
    }
  }
  return reading.ok ? spec : undefined;
}

function readInit(
  ctx: Ctx,
  bound: ReturnType<typeof bindArgs>,
  name: 'init' | 'bias_init',
  fallback: Initializer['name'],
  reading: Reading,
  kind: 'dense' | 'conv2d',
): Initializer {
  const got = take<Initializer | undefined>(ctx, LAYERS[kind], bound, name, readInitializer, undefined, reading);
  return got ?? ({ name: fallback } as Initializer);
}
