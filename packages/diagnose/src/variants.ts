/**
 * Sweep variants: the same network with its hidden layers' activation swapped (and, with
 * `init: 'auto'`, the initialiser that suits it). A variant is made by editing the source text and
 * analysing it again, so shapes and parameter counts (prelu adds a slope per unit) are recomputed by
 * the language package itself, and layers inside blocks and repeats are edited once, where written.
 */
import {
  ACTIVATIONS,
  analyze,
  applyEdits,
  parse,
  type ActivationFamily,
  type ActivationName,
  type LayerCall,
  type Range,
  type ResolvedLayer,
  type ResolvedNetwork,
  type TextEdit,
} from '@axon/language';

const NAMES = Object.keys(ACTIVATIONS) as ActivationName[];
const inFamily = (family: ActivationFamily) => NAMES.filter((n) => ACTIVATIONS[n].family === family);

/**
 * The activations a sweep tries by default, from the catalog: the relu family in catalog order, then
 * the saturating ones, zero-centred first (tanh before sigmoid). Identity and softmax are not hidden-layer choices.
 */
export const SWEEP_ACTIVATIONS: ActivationName[] = [
  ...inFamily('relu_like'),
  ...inFamily('saturating').sort((a, b) => Number(ACTIVATIONS[a].bounds.min >= 0) - Number(ACTIVATIONS[b].bounds.min >= 0)),
];

/** The initialiser each activation is usually paired with (the catalog's `recommendedInit`). */
export const RECOMMENDED_INIT = Object.fromEntries(NAMES.map((n) => [n, ACTIVATIONS[n].recommendedInit])) as Record<ActivationName, string>;

const WEIGHTED = new Set(['dense', 'conv2d']);

/** Hidden layers: every layer before the output layer (the last dense/conv2d). */
export function hiddenLayers(network: ResolvedNetwork): ResolvedLayer[] {
  let last = -1;
  network.layers.forEach((l, i) => {
    if (WEIGHTED.has(l.kind)) last = i;
  });
  return network.layers.slice(0, Math.max(0, last));
}

/** An activation a sweep may replace: not the identity (no activation written) nor softmax (an output). */
function isSwappable(name: ActivationName): boolean {
  const family = ACTIVATIONS[name].family;
  return family !== 'identity' && family !== 'softmax';
}

function argNamed(call: LayerCall, name: string) {
  return call.args?.args.find((a) => a.name?.name === name);
}

/**
 * The text edits that turn `network`'s hidden activations into `activation`. Layers written once
 * (in a block or repeat) are edited once.
 */
export function variantEdits(network: ResolvedNetwork, activation: ActivationName, init: 'auto' | 'keep'): TextEdit[] {
  const edits = new Map<number, TextEdit>();
  const add = (range: Range, newText: string) => edits.set(range.start.offset, { range, newText });
  for (const layer of hiddenLayers(network)) {
    const call = layer.origin.node;
    if (!call?.args) continue;
    if (layer.kind === 'activation') {
      const value = call.args.args[0]?.value;
      if (value && isSwappable(layer.activation.name)) add(value.range, activation);
      continue;
    }
    if (!WEIGHTED.has(layer.kind) || !('activation' in layer) || !isSwappable(layer.activation.name)) continue;
    const act = argNamed(call, 'activation');
    if (!act?.value) continue;
    add(act.value.range, activation);
    if (init === 'auto') {
      const initArg = argNamed(call, 'init');
      if (initArg?.value) add(initArg.value.range, RECOMMENDED_INIT[activation]);
      else add({ start: act.range.end, end: act.range.end }, `, init: ${RECOMMENDED_INIT[activation]}`);
    }
  }
  return [...edits.values()].sort((a, b) => a.range.start.offset - b.range.start.offset);
}

export interface Variant {
  activation: ActivationName;
  /** The edited source. */
  source: string;
  network: ResolvedNetwork;
}

/** Makes the variant of `networkName` in `source` with `activation` in its hidden layers. */
export function makeVariant(source: string, networkName: string, activation: ActivationName, init: 'auto' | 'keep'): Variant {
  const base = resolve(source, networkName);
  const edited = applyEdits(source, variantEdits(base, activation, init));
  return { activation, source: edited, network: resolve(edited, networkName) };
}

/** Parses and analyses `source` and returns the network named `name`, or throws with the first error. */
export function resolve(source: string, name: string): ResolvedNetwork {
  const { ast, diagnostics: parseErrors } = parse(source);
  const { networks, diagnostics } = analyze(ast);
  const errors = [...parseErrors, ...diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) {
    const e = errors[0]!;
    throw new Error(`${e.range.start.line}:${e.range.start.column}: ${e.message}`);
  }
  const network = networks.find((n) => n.name === name);
  if (!network) throw new Error(`no network named ${name}`);
  return network;
}
