import { activationBounds, activationText, outputLayer, singlePredecessor, type ResolvedLayer, type ResolvedNetwork, type Task } from '@axon/language';
import { aloneOnLine } from '../edits.js';
import { isNonLinear, recurrentOutput, type ActivationLayer } from '../facts.js';
import { defineRule, fix, taskRelated } from '../rule-kit.js';
import type { TextEdit } from '../types.js';
import { outputValuesText } from '../vocabulary.js';

/**
 * A recurrent layer outputs its state: an LSTM's `o · tanh(c)`, a GRU's blend of tanh candidates, a
 * SimpleRNN's `tanh(…)`. Its cell activation bounds it, so it can be neither an unbounded prediction
 * nor a probability distribution; the reference models end in a dense layer after the recurrent one.
 */
export default defineRule(
  {
    id: 'recurrent-output',
    type: 'problem',
    description: 'The output comes straight from a recurrent layer, whose state its activation bounds: no dense output layer after it.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      regression:
        'The network\'s output is the state of {{layer}}, which its {{activation}} keeps in {{values}}: this regression can never predict a value outside that range. End the network in {{dense}} after the recurrent layer.',
      probability:
        'The network\'s output is the state of {{layer}}, which its {{activation}} keeps in {{values}}: that is no probability, and binary cross-entropy on negative values is undefined. End the network in {{dense}} after the recurrent layer.',
      classification:
        'The network\'s output is the state of {{layer}}, which its {{activation}} keeps in {{values}}: that is not one probability per class (nothing makes the values sum to 1). End the network in {{dense}} after the recurrent layer.',
      squashedAfter:
        'The network\'s output is {{after}} of the state of {{layer}}, which its {{activation}} keeps in {{values}}: from scores that small {{after}} can never be confident (no probability gets near 0 or 1), so the loss cannot fall far. End the network in {{dense}} after the recurrent layer instead.',
    },
  },
  (context) => {
    const { network } = context;
    const task = network.task;
    if (!task) return;
    const layer = recurrentOutput(network);
    if (!layer) return;
    const { min, max } = activationBounds(layer.activation);
    if (max === Infinity) return; // unbounded-recurrent-activation's finding
    const probability = task.kind === 'binary_classification' || task.kind === 'multilabel';
    if (probability && min >= 0 && max <= 1) return; // a sigmoid cell stays in 0..1: unusual, but a probability
    const dense = denseFor(task);
    const after = task.kind === 'regression' ? undefined : activationAfter(network, layer);
    const messageId = task.kind === 'regression' ? 'regression' : after ? 'squashedAfter' : probability ? 'probability' : 'classification';
    context.report({
      messageId,
      data: {
        layer: layer.name,
        activation: activationText(layer.activation),
        values: outputValuesText(layer.activation),
        dense,
        ...(after ? { after: activationText(after.activation) } : {}),
      },
      layer,
      range: layer.origin.range,
      related: taskRelated(network),
      fix: fix(`add ${dense} after ${layer.name}`, insertAfter(context.text, network, layer, dense)),
    });
  },
);

/** The non-linear `activation()` layer nearest the output between it and the recurrent layer, if any. */
function activationAfter(network: ResolvedNetwork, recurrent: ResolvedLayer): ActivationLayer | undefined {
  let found: ActivationLayer | undefined;
  for (let l = outputLayer(network); l && l !== recurrent; l = singlePredecessor(network, l)) {
    if (!found && l.kind === 'activation' && isNonLinear(l.activation)) found = l;
  }
  return found;
}

/** The output layer the task needs, as source. */
function denseFor(task: Task): string {
  switch (task.kind) {
    case 'regression':
      return `dense(${task.outputs})`;
    case 'binary_classification':
      return 'dense(1, activation: sigmoid)';
    case 'classification':
      return `dense(${task.classes}, activation: softmax)`;
    case 'multilabel':
      return `dense(${task.labels}, activation: sigmoid)`;
  }
}

/**
 * A new line with `lineText` below the recurrent layer, indented like it, when that layer is the
 * network's last, written alone on its line outside any repeat or block.
 */
function insertAfter(text: string, network: ResolvedNetwork, layer: ResolvedLayer, lineText: string): TextEdit | undefined {
  if (outputLayer(network) !== layer || layer.origin.chain.length > 0) return undefined;
  const range = layer.origin.range;
  if (!aloneOnLine(text, range)) return undefined;
  let lineStart = range.start.offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const indent = text.slice(lineStart, range.start.offset);
  let end = range.end.offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const at = { offset: end, line: range.end.line, column: range.end.column + (end - range.end.offset) };
  return { range: { start: at, end: at }, newText: `\n${indent}${lineText}` };
}
