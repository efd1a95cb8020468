/** Small helpers shared by rule modules: defining a rule, locating an activation in the source, building activation fixes. */
import type { Argument, Range, RelatedLocation, ResolvedLayer, ResolvedNetwork } from '@axon/language';
import { taskText as languageTaskText } from '@axon/language';
import { argOf, deleteRange, findSetting, literalValue, namedArg, removeArg, replace, setNamedArg } from './edits.js';
import { isRecurrent, isWeighted } from './facts.js';
import type { OptionsSchema, Rule, RuleMeta, TextEdit } from './types.js';

type MetaInput<O extends object, M extends string> = Omit<RuleMeta<O, M>, 'docs' | 'schema' | 'defaultOptions'> & {
  schema?: OptionsSchema;
  defaultOptions?: O;
};

/**
 * Declares a rule; fills in the docs path and an empty options schema. The message ids are inferred
 * from `messages` (or given as the second type argument when the options type is given: it has no
 * default, so `messages` cannot be left unchecked), and `context.report` takes only those ids.
 */
export function defineRule<O extends object = Record<string, never>, M extends string = never>(
  meta: MetaInput<O, M>,
  check: Rule<O, M>['check'],
): Rule<O, M> {
  return {
    meta: {
      ...meta,
      schema: meta.schema ?? { type: 'object', properties: {}, additionalProperties: false },
      defaultOptions: meta.defaultOptions ?? ({} as O),
      docs: `docs/rules/${meta.id}.md`,
    },
    check,
  };
}

/** The `activation:` argument of a dense/conv/recurrent layer, or the function argument of an `activation(...)` layer. */
export function activationArg(layer: ResolvedLayer): Argument | undefined {
  if (layer.kind === 'activation') return argOf(layer.origin.node, 'fn', 0) ?? positional0(layer);
  return namedArg(layer.origin.node, 'activation');
}

function positional0(layer: ResolvedLayer): Argument | undefined {
  return layer.origin.node.args?.args[0];
}

/** The source range to point at for a layer's activation: the `activation:` argument if written, else the layer. */
export function activationSourceRange(layer: ResolvedLayer): Range {
  if (layer.kind === 'activation') return layer.origin.range;
  return activationArg(layer)?.range ?? layer.origin.range;
}

/** An edit that makes `layer` apply `name` instead of its current activation (undefined when not safe). */
export function setActivation(layer: ResolvedLayer, name: string): TextEdit | undefined {
  if (layer.kind === 'activation') {
    const value = literalValue(layer, activationArg(layer));
    return value ? replace(value.range, name) : undefined;
  }
  if (!isWeighted(layer) && !isRecurrent(layer)) return undefined;
  return setNamedArg(layer, 'activation', name);
}

/** An edit that leaves `layer` linear: drops its `activation:` argument, or deletes an `activation()` layer. */
export function removeActivation(text: string, layer: ResolvedLayer): TextEdit | undefined {
  if (layer.kind === 'activation') {
    if (layer.origin.chain.length > 0) return undefined;
    return deleteRange(text, layer.origin.range);
  }
  const arg = activationArg(layer);
  if (!arg || (arg.value && !literalValue(layer, arg))) return undefined;
  return removeArg(layer.origin.node, arg);
}

/** "task classification(classes: 3)" as a related location. */
export function taskRelated(network: ResolvedNetwork, message = 'the task is declared here'): RelatedLocation[] {
  return network.taskRange ? [{ range: network.taskRange, message }] : [];
}

/** Where the loss is written, falling back to the train block, the task and the network name. */
export function lossRange(network: ResolvedNetwork): Range {
  return network.train.ranges.loss ?? network.trainRange ?? network.taskRange ?? network.nameRange;
}

export function fix(description: string, ...edits: (TextEdit | undefined)[]) {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return undefined;
  return { description, edits: edits as TextEdit[] };
}

/** The task as users write it, for messages. */
export function taskText(network: ResolvedNetwork): string {
  return network.task ? languageTaskText(network.task) : 'no task';
}

/** The units argument of a dense layer (positional or `units:`). */
export function unitsArg(layer: ResolvedLayer): Argument | undefined {
  return layer.kind === 'dense' ? argOf(layer.origin.node, 'units', 0) : undefined;
}

/** An edit that sets a dense layer's units, when written as a literal number. */
export function setUnits(layer: ResolvedLayer, units: number): TextEdit | undefined {
  const value = literalValue(layer, unitsArg(layer));
  return value && value.kind === 'Number' ? replace(value.range, String(units)) : undefined;
}

/** Where the learning rate is written: the optimizer's `learning_rate` argument, else the optimizer, else the train block. */
export function learningRateRange(network: ResolvedNetwork): Range {
  const optimizer = findSetting(network.node, 'Train', 'optimizer');
  const value = optimizer?.value;
  if (value && value.kind === 'Name') {
    const arg = argOf(value, 'learning_rate', 0);
    if (arg) return arg.range;
  }
  const own = findSetting(network.node, 'Train', 'learning_rate');
  if (own) return own.range;
  return (
    network.train.ranges.learning_rate ??
    network.train.ranges.optimizer ??
    optimizer?.range ??
    network.trainRange ??
    network.nameRange
  );
}
