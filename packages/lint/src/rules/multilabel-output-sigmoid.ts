import { activationText, TASKS } from '@axon/language';
import { mergedOutput, outputOf } from '../facts.js';
import { findSetting, replace } from '../edits.js';
import { mergedActivationDescriptor, outputActivationDescriptor, outputUnitsDescriptor } from '../output-descriptors.js';
import { defineRule, fix, lossRange, taskRelated } from '../rule-kit.js';

/** Several labels can be true at once: each needs its own sigmoid and binary cross-entropy. */
export default defineRule(
  {
    id: 'multilabel-output-sigmoid',
    type: 'problem',
    description: 'A multilabel network needs one sigmoid unit per label and binary cross-entropy; softmax makes the labels compete.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      softmax:
        'softmax makes the {{labels}} labels compete for one unit of probability, so two labels can never both be likely; a multilabel output needs an independent sigmoid per label.',
      notSigmoid: 'A multilabel output needs an independent sigmoid per label, but this output applies {{activation}}.',
      units: 'The output layer has {{units}} units but the task has {{labels}} labels; it needs one unit per label.',
      loss: '{{loss}} does not score independent yes/no labels; a multilabel task needs binary_crossentropy.',
    },
  },
  (context) => {
    const { network } = context;
    if (network.task?.kind !== 'multilabel') return;
    const labels = network.task.labels;
    const output = outputOf(network);
    const loss = network.train.loss;
    if (output) {
      const name = output.activation.name;
      const logits = name === 'linear' && loss.fromLogits;
      if (name !== 'sigmoid' && !logits) {
        const messageId = name === 'softmax' ? 'softmax' : 'notSigmoid';
        context.report(outputActivationDescriptor(messageId, network, output, 'sigmoid', { labels, activation: activationText(output.activation) }));
      }
      if (output.units !== labels) context.report(outputUnitsDescriptor('units', network, output, labels, { units: output.units, labels }));
    } else {
      // An activation applied after a residual/parallel merge at the output (a concat of sigmoid branches is fine).
      const after = mergedOutput(network)?.activation;
      const name = after?.activation.name;
      if (after && name !== 'sigmoid') {
        context.report(mergedActivationDescriptor(name === 'softmax' ? 'softmax' : 'notSigmoid', network, after, 'sigmoid', { labels, activation: activationText(after.activation) }));
      }
    }
    const wanted = TASKS.multilabel.defaultLoss;
    if (loss.name !== wanted && network.train.lossExplicit) {
      const setting = findSetting(network.node, 'Train', 'loss');
      const value = setting?.value;
      context.report({
        messageId: 'loss',
        data: { loss: loss.name },
        range: lossRange(network),
        related: taskRelated(network),
        fix: value && value.kind === 'Name' && !value.args ? fix(`use ${wanted}`, replace(value.range, wanted)) : undefined,
      });
    }
  },
);
