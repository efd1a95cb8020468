/**
 * Turns one layer call (after block parameters are substituted) into a `LayerSpec` with every
 * argument checked and defaulted.
 */
import type { Range } from './ast.js';
import {
  bindArgs,
  defaultNumber,
  readActivation,
  readArg,
  readInitializer,
  readInt,
  readInt2,
  readNumber,
  readPadding,
  type Call,
  type Ctx,
} from './args.js';
import { LAYERS } from './catalog.js';
import type { Activation, Initializer, LayerKind, LayerSpec } from './network.js';

export interface ResolvedCall {
  spec: LayerSpec;
  /** Ranges of the written argument values, by argument name (shape errors point at them). */
  argRanges: Record<string, Range>;
}

/** Checks a layer call's arguments; undefined when a required argument is missing or invalid (already reported). */
export function resolveLayer(kind: LayerKind, call: Call, ctx: Ctx): ResolvedCall | undefined {
  const sig = LAYERS[kind];
  const bound = bindArgs(sig, call, ctx);
  const argRanges: Record<string, Range> = {};
  for (const [name, v] of bound.values) argRanges[name] = v.range;
  let ok = bound.complete;
  const read = <T>(name: string, reader: Parameters<typeof readArg<T>>[4], fallback: T): T => {
    const r = readArg(ctx, sig, bound, name, reader, fallback);
    ok &&= r.ok;
    return r.value;
  };
  const activation = () => read<Activation>('activation', (c, v, l) => readActivation(c, v, l), { name: 'linear' });
  const init = (name: string, fallback: Initializer['name']) =>
    read<Initializer>(name, (c, v, l) => readInitializer(c, v, l), { name: fallback } as Initializer);

  let spec: LayerSpec;
  switch (kind) {
    case 'dense': {
      const units = read('units', readInt, 1);
      const act = activation();
      spec = {
        kind: 'dense',
        units,
        activation: act,
        activationExplicit: bound.values.has('activation'),
        init: init('init', 'glorot_uniform'),
        biasInit: init('bias_init', 'zeros'),
      };
      break;
    }
    case 'dropout':
      spec = { kind: 'dropout', rate: read('rate', readNumber, 0) };
      break;
    case 'batch_norm':
      spec = {
        kind: 'batch_norm',
        momentum: read('momentum', readNumber, defaultNumber(sig, 'momentum')),
        epsilon: read('epsilon', readNumber, defaultNumber(sig, 'epsilon')),
      };
      break;
    case 'activation':
      spec = { kind: 'activation', activation: read<Activation>('fn', (c, v, l) => readActivation(c, v, l), { name: 'linear' }) };
      break;
    case 'flatten':
      spec = { kind: 'flatten' };
      break;
    case 'conv2d': {
      const filters = read('filters', readInt, 1);
      const kernel = read<[number, number]>('kernel', readInt2, [1, 1]);
      const stride = read<[number, number]>('stride', readInt2, [1, 1]);
      const padding = read('padding', (c, v, l) => readPadding(c, v, l), 'valid' as const);
      const act = activation();
      spec = {
        kind: 'conv2d',
        filters,
        kernel,
        stride,
        padding,
        activation: act,
        activationExplicit: bound.values.has('activation'),
        init: init('init', 'glorot_uniform'),
        biasInit: init('bias_init', 'zeros'),
      };
      break;
    }
    case 'max_pool2d':
    case 'avg_pool2d': {
      const p = defaultNumber(sig, 'pool');
      const pool = read<[number, number]>('pool', readInt2, [p, p]);
      const stride = read<[number, number]>('stride', readInt2, pool);
      const padding = read('padding', (c, v, l) => readPadding(c, v, l), 'valid' as const);
      spec = { kind, pool, stride, padding };
      break;
    }
  }
  return ok ? { spec, argRanges } : undefined;
}
