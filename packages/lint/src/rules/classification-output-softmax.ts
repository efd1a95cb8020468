import { activationText } from '@axon/language';
import { endingActivation, layerRange, mergedOutput, outputOf } from '../facts.js';
import { outputActivationDescriptor, outputUnitsDescriptor } from '../output-descriptors.js';
import { activationSourceRange, defineRule, fix, setActivation, taskRelated } from '../rule-kit.js';
import type { RuleContext } from '../types.js';

/** `classification(classes: N)` needs N softmax outputs: one probability per class. */
export default defineRule(
  {
    id: 'classification-output-softmax',
    type: 'problem',
    description: 'A classification(classes: N) network must end in a softmax over exactly N units.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      notSoftmax:
        'This classifier picks one of {{classes}} classes, so its output should be a softmax (one probability per class, summing to 1), but it applies {{activation}}.',
      units: 'The output layer has {{units}} units but the task has {{classes}} classes; it needs one unit per class.',
      mergedOutput:
        'This classifier picks one of {{classes}} classes, but its output is the {{merge}} of a {{construct}} with no softmax after it: {{why}}. End the network in dense({{classes}}, activation: softmax) after the {{construct}}, or apply activation(softmax) to the merged scores.',
    },
  },
  (context) => {
    const { network } = context;
    if (network.task?.kind !== 'classification') return;
    const classes = network.task.classes;
    const output = outputOf(network);
    if (!output) {
      checkMergedOutput(context, classes);
      return;
    }
    const logits = network.train.loss.fromLogits && output.activation.name === 'linear';
    if (output.activation.name !== 'softmax' && !logits) {
      context.report(outputActivationDescriptor('notSoftmax', network, output, 'softmax', { classes, activation: activationText(output.activation) }));
    }
    if (output.units !== classes) context.report(outputUnitsDescriptor('units', network, output, classes, { units: output.units, classes }));
  },
);

const WHY: Record<string, string> = {
  concat: 'the concatenated scores are not one distribution over the classes (each branch sums to 1 on its own, or not at all)',
  add: 'a sum of scores is no probability distribution',
  multiply: 'a product of scores is no probability distribution',
  maximum: 'a maximum of scores is no probability distribution',
  average: 'an average is a distribution only when every branch ends in a softmax',
};

/**
 * The output comes from a merge written as `residual`/`parallel`: fine when a softmax follows it with
 * one unit per class, when it merges logits (`from_logits: true`), or when it averages branches that
 * each end in a softmax (an ensemble).
 */
function checkMergedOutput(context: RuleContext<object, 'notSoftmax' | 'units' | 'mergedOutput'>, classes: number): void {
  const { network } = context;
  const merged = mergedOutput(network);
  const written = merged?.merge.origin.construct;
  if (!merged || !written) return;
  const { merge, activation } = merged;
  const units = network.outputShape[network.outputShape.length - 1];
  const range = layerRange(merge);
  const logits = !activation && network.train.loss.fromLogits; // merged logits are logits
  if (logits || activation?.activation.name === 'softmax' || (!activation && merge.mode === 'average' && merge.inputs.every((i) => endingActivation(network, network.layers[i])?.name === 'softmax'))) {
    if (units !== undefined && units !== classes) context.report({ messageId: 'units', data: { units, classes }, layer: merge, range, related: taskRelated(network) });
    return;
  }
  if (activation) {
    const data = { classes, activation: activationText(activation.activation) };
    context.report({ messageId: 'notSoftmax', data, layer: activation, range: activationSourceRange(activation), related: taskRelated(network), fix: fix('use a softmax output', setActivation(activation, 'softmax')) });
    return;
  }
  const construct = written.kind === 'Residual' ? 'residual' : 'parallel';
  context.report({ messageId: 'mergedOutput', data: { classes, merge: merge.name, construct, why: WHY[merge.mode]! }, layer: merge, range, related: taskRelated(network) });
}
