import { activationText } from '@axon/language';
import { outputOf } from '../facts.js';
import { activationSourceRange, defineRule, fix, setActivation, setUnits, taskRelated, unitsArg } from '../rule-kit.js';

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
      context.report({
        messageId: 'notSoftmax',
        data: { classes, activation: activationText(output.activation) },
        layer: output.activationLayer,
        range: activationSourceRange(output.activationLayer),
        related: taskRelated(network),
        fix: fix('use a softmax output', setActivation(output.activationLayer, 'softmax')),
      });
    }
    if (output.units !== classes) {
      const layer = output.weighted;
      context.report({
        messageId: 'units',
        data: { units: output.units, classes },
        layer,
        range: unitsArg(layer)?.range ?? layer.origin.range,
        related: taskRelated(network),
        fix: fix(`use ${classes} units`, setUnits(layer, classes)),
      });
    }
  },
);
