/** What the output rules report about a network's output layer: a wrong activation, a wrong unit count. */
import type { ResolvedLayer, ResolvedNetwork } from '@axon/language';
import type { ActivationLayer, OutputInfo } from './facts.js';
import { activationSourceRange, fix, setActivation, setUnits, taskRelated, unitsArg } from './rule-kit.js';
import type { ReportDescriptor } from './types.js';

type Data = Record<string, string | number>;

/** A finding at `range` of `layer`, with the task as related and `fixIt` (one shape for every output rule). */
function outputDescriptor<M extends string>(
  messageId: M,
  network: ResolvedNetwork,
  layer: ResolvedLayer,
  range: ReportDescriptor<M>['range'],
  fixIt: ReportDescriptor<M>['fix'],
  data: Data,
): ReportDescriptor<M> {
  return { messageId, data, layer, range, related: taskRelated(network), fix: fixIt };
}

/** `layer` should apply `wanted`: at its activation, with a fix that sets it. */
function activationDescriptor<M extends string>(messageId: M, network: ResolvedNetwork, layer: ResolvedLayer, wanted: string, data: Data): ReportDescriptor<M> {
  return outputDescriptor(messageId, network, layer, activationSourceRange(layer), fix(`use a ${wanted} output`, setActivation(layer, wanted)), data);
}

/** The output should apply `wanted`: at its activation, with the task as related and a fix that sets it. */
export function outputActivationDescriptor<M extends string>(
  messageId: M,
  network: ResolvedNetwork,
  output: OutputInfo,
  wanted: string,
  data: Data,
): ReportDescriptor<M> {
  return activationDescriptor(messageId, network, output.activationLayer, wanted, data);
}

/** The output should have `units` units: at its units argument, with the task as related and a fix when the units are a literal. */
export function outputUnitsDescriptor<M extends string>(
  messageId: M,
  network: ResolvedNetwork,
  output: OutputInfo,
  units: number,
  data: Data,
): ReportDescriptor<M> {
  const layer = output.weighted;
  const range = unitsArg(layer)?.range ?? layer.origin.range;
  return outputDescriptor(messageId, network, layer, range, fix(`use ${units} ${units === 1 ? 'unit' : 'units'}`, setUnits(layer, units)), data);
}

/** The activation applied after a residual/parallel merge at the output should be `wanted`: at it, with the task and a fix. */
export function mergedActivationDescriptor<M extends string>(
  messageId: M,
  network: ResolvedNetwork,
  layer: ActivationLayer,
  wanted: string,
  data: Data,
): ReportDescriptor<M> {
  return activationDescriptor(messageId, network, layer, wanted, data);
}
