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
  readRegularizer,
  take,
  written,
  writtenValue,
  type BoundArgs,
  type Ctx,
  type Reading,
} from './args.js';
import { LAYERS, REGULARIZED_LAYERS, type Signature } from './catalog.js';
import type { LayerCallKind, LayerSpec, RecurrentKind } from './network.js';
import type { ArgVal } from './values.js';

/** The arguments dense, conv2d and conv1d share: the activation, the initialisers, whether there is a bias, the kernel penalty. */
type WeightedArgs = Pick<Extract<LayerSpec, { kind: 'dense' }>, 'activation' | 'activationExplicit' | 'init' | 'biasInit' | 'useBias' | 'kernelRegularizer'>;

type RecurrentSpec = Extract<LayerSpec, { kind: RecurrentKind }>;

/**
 * The arguments of lstm, gru and simple_rnn. prelu is refused as either activation: its learned
 * slopes have no place in a cell that is applied at every step.
 */
function recurrentSpec(kind: RecurrentKind, ctx: Ctx, sig: Signature, bound: BoundArgs, reading: Reading): RecurrentSpec {
  const activation = (name: string) => {
    const a = take(ctx, sig, bound, name, readActivation, reading);
    const v = writtenValue(sig, bound, name);
    if (a.name === 'prelu' && v) {
      ctx.r.error('analysis/wrong-type', v.range, `\`${name}\` of \`${kind}\` cannot be prelu: its learned slopes have no place in a cell applied at every step (use tanh, the default, or another activation)`);
      reading.ok = false;
    }
    return a;
  };
  const spec: RecurrentSpec = {
    kind,
    units: take(ctx, sig, bound, 'units', readInt, reading),
    returnSequences: take(ctx, sig, bound, 'return_sequences', readBool, reading),
    bidirectional: take(ctx, sig, bound, 'bidirectional', readBool, reading),
    activation: activation('activation'),
    activationExplicit: written(sig, bound, 'activation'),
    dropout: take(ctx, sig, bound, 'dropout', readNumber, reading),
    recurrentDropout: take(ctx, sig, bound, 'recurrent_dropout', readNumber, reading),
    useBias: take(ctx, sig, bound, 'use_bias', readBool, reading),
  };
  if (kind !== 'simple_rnn') spec.recurrentActivation = activation('recurrent_activation');
  return spec;
}

/**
 * simple_rnn has no gates, so `recurrent_activation` is refused with that reason (not the generic
 * "no argument" message); the argument is dropped before binding.
 */
function withoutGateArgument(kind: LayerCallKind, args: readonly ArgVal[], ctx: Ctx): readonly ArgVal[] {
  if (kind !== 'simple_rnn') return args;
  const gate = args.find((a) => a.name === 'recurrent_activation');
  if (!gate) return args;
  ctx.r.error(
    'analysis/unknown-argument',
    gate.nameRange ?? gate.range,
    '`simple_rnn` has no `recurrent_activation`: it has no gates, only `activation` (default tanh); use lstm or gru for gated cells',
  );
  return args.filter((a) => a !== gate);
}

/**
 * `kernel_regularizer` on a layer that does not take one is refused with the reason (the layers that
 * do), not the generic "no argument" message; the argument is dropped before binding.
 */
function withoutRegularizer(kind: LayerCallKind, args: readonly ArgVal[], ctx: Ctx): readonly ArgVal[] {
  if (REGULARIZED_LAYERS.includes(kind)) return args;
  const reg = args.find((a) => a.name === 'kernel_regularizer');
  if (!reg) return args;
  const which = REGULARIZED_LAYERS.join(', ').replace(/, ([^,]*)$/, ' and $1');
  const why = LAYERS[kind].weighted
    ? `Axon regularises the kernels of ${which} only`
    : `it has no kernel to regularise (${which} have one)`;
  ctx.r.error('analysis/unknown-argument', reg.nameRange ?? reg.range, `\`${kind}\` takes no \`kernel_regularizer\`: ${why}`);
  return args.filter((a) => a !== reg);
}

function weightedArgs(ctx: Ctx, sig: Signature, bound: BoundArgs, reading: Reading): WeightedArgs {
  const args: WeightedArgs = {
    activation: take(ctx, sig, bound, 'activation', readActivation, reading),
    activationExplicit: written(sig, bound, 'activation'),
    init: take(ctx, sig, bound, 'init', readInitializer, reading),
    biasInit: take(ctx, sig, bound, 'bias_init', readInitializer, reading),
    useBias: take(ctx, sig, bound, 'use_bias', readBool, reading),
  };
  const biasValue = writtenValue(sig, bound, 'bias_init');
  if (args.biasInit.name === 'orthogonal' && biasValue) {
    // Keras refuses it too: an orthogonal matrix needs two axes, and a bias has one.
    ctx.r.error('analysis/wrong-type', biasValue.range, '`bias_init` cannot be orthogonal: a bias is a vector, and an orthogonal matrix needs two axes (use zeros or constant)');
    reading.ok = false;
  }
  // No default: absent unless written.
  if (written(sig, bound, 'kernel_regularizer')) args.kernelRegularizer = take(ctx, sig, bound, 'kernel_regularizer', readRegularizer, reading);
  return args;
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
  const bound = bindArgs(sig, kind, nameRange, withoutRegularizer(kind, withoutGateArgument(kind, args, ctx), ctx), ctx, argRanges);
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
    case 'embedding':
      spec = {
        kind: 'embedding',
        inputDim: take(ctx, sig, bound, 'input_dim', readInt, reading),
        outputDim: take(ctx, sig, bound, 'output_dim', readInt, reading),
      };
      break;
    case 'lstm':
    case 'gru':
    case 'simple_rnn':
      spec = recurrentSpec(kind, ctx, sig, bound, reading);
      break;
    case 'conv1d':
      spec = {
        kind: 'conv1d',
        filters: take(ctx, sig, bound, 'filters', readInt, reading),
        kernel: take(ctx, sig, bound, 'kernel', readInt, reading),
        stride: take(ctx, sig, bound, 'stride', readInt, reading),
        padding: take(ctx, sig, bound, 'padding', readPadding, reading),
        ...weightedArgs(ctx, sig, bound, reading),
      };
      break;
    case 'max_pool1d':
    case 'avg_pool1d': {
      const pool = take(ctx, sig, bound, 'pool', readInt, reading);
      const stride = take(ctx, sig, bound, 'stride', readInt, reading, pool);
      const padding = take(ctx, sig, bound, 'padding', readPadding, reading);
      spec = { kind, pool, stride, padding };
      break;
    }
    case 'global_avg_pool1d':
    case 'global_max_pool1d':
      spec = { kind };
      break;
  }
  return reading.ok ? spec : undefined;
}
