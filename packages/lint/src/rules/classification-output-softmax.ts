import { activationText } from '@axon/language';
import { outputOf } from '../facts.js';
import { outputActivationDescriptor, outputUnitsDescriptor } from '../output-descriptors.js';
import { defineRule } from '../rule-kit.js';

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
    },
  },
  (context) => {
    const { network } = context;
    if (network.task?.kind !== 'classification') return;
    const classes = network.task.classes;
    const output = outputOf(network);
    if (!output) return;
    const logits = network.train.loss.fromLogits && output.activation.name === 'linear';
    if (output.activation.name !== 'softmax' && !logits) {
      context.report(outputActivationDescriptor('notSoftmax', network, output, 'softmax', { classes, activation: activationText(output.activation) }));
    }
    if (output.units !== classes) context.report(outputUnitsDescriptor('units', network, output, classes, { units: output.units, classes }));
  },
);
