import type { ResolvedNetwork } from '@axon/language';
import { activationText, TASKS } from '@axon/language';
import { outputOf } from '../facts.js';
import { isRegressionLoss } from '../vocabulary.js';
import { findSetting, namedArg, removeArg, replace } from '../edits.js';
import { activationSourceRange, defineRule, fix, lossRange, taskText } from '../rule-kit.js';

/** The output activation each cross-entropy expects, and the message when the output applies another. */
const CROSS_ENTROPY_OUTPUT = {
  binary_crossentropy: { activation: 'sigmoid', messageId: 'bceWithoutSigmoid' },
  categorical_crossentropy: { activation: 'softmax', messageId: 'cceWithoutSoftmax' },
} as const;

/** The loss and the output activation must agree on what the network emits: probabilities or logits. */
export default defineRule(
  {
    id: 'loss-activation-mismatch',
    type: 'problem',
    description: 'The loss must match the output activation: cross-entropies expect probabilities (or logits with from_logits), classification needs a classification loss.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      doubleActivation:
        '`from_logits: true` tells the loss that the output is raw scores and to apply {{activation}} itself, but the output layer already applies {{activation}}: it is applied twice and the gradients shrink. Drop `from_logits` or make the output linear.',
      bceWithoutSigmoid:
        'binary_crossentropy expects probabilities in 0..1 from a sigmoid output, but the output applies {{activation}}; use sigmoid, or `from_logits: true` with a linear output.',
      cceWithoutSoftmax:
        'categorical_crossentropy expects a probability distribution from a softmax output, but the output applies {{activation}}; use softmax, or `from_logits: true` with a linear output.',
      regressionLoss:
        '{{loss}} treats the class labels of this {{task}} task as numbers to fit; it trains slowly and its outputs are not probabilities. Use {{suggested}}.',
    },
  },
  (context) => {
    const { network } = context;
    const loss = network.train.loss;
    const output = outputOf(network);
    const task = network.task?.kind;
    const setting = findSetting(network.node, 'Train', 'loss');
    const lossValue = setting?.value;
    if (output && loss.fromLogits && (output.activation.name === 'softmax' || output.activation.name === 'sigmoid')) {
      const arg = lossValue && lossValue.kind === 'Name' ? namedArg(lossValue, 'from_logits') : undefined;
      const edit = arg && lossValue?.kind === 'Name' ? removeArg(lossValue, arg) : undefined;
      context.report({
        messageId: 'doubleActivation',
        data: { activation: output.activation.name },
        range: arg?.range ?? lossRange(network),
        related: [{ range: activationSourceRange(output.activationLayer), message: `${output.activation.name} is already applied here` }],
        fix: fix('remove from_logits', edit && lossValue?.kind === 'Name' && lossValue.args?.args.length === 1 ? { range: lossValue.args.range, newText: '' } : edit),
      });
      return;
    }
    if (output && !loss.fromLogits) {
      const name = output.activation.name;
      const judgedByTask = task === 'binary_classification' || task === 'multilabel' || task === 'classification';
      const expected = loss.name === 'binary_crossentropy' || loss.name === 'categorical_crossentropy' ? CROSS_ENTROPY_OUTPUT[loss.name] : undefined;
      if (expected && name !== expected.activation && !judgedByTask) {
        context.report({
          messageId: expected.messageId,
          data: { activation: activationText(output.activation) },
          range: lossRange(network),
          related: [{ range: activationSourceRange(output.activationLayer), message: `the output applies ${name} here` }],
        });
      }
    }
    if (isRegressionLoss(loss.name) && network.train.lossExplicit && task && task !== 'regression') {
      const suggested = suggestedLoss(network);
      context.report({
        messageId: 'regressionLoss',
        data: { loss: loss.name, task: taskText(network), suggested },
        range: lossRange(network),
        severity: 'warning',
        related: network.taskRange ? [{ range: network.taskRange, message: 'the task is declared here' }] : [],
        fix: lossValue && lossValue.kind === 'Name' && !lossValue.args ? fix(`use ${suggested}`, replace(lossValue.range, suggested)) : undefined,
      });
    }
  },
);

/** The task's own loss, from the catalog (categorical cross-entropy for classification, binary for binary and multilabel). */
function suggestedLoss(network: ResolvedNetwork): string {
  return network.task ? TASKS[network.task.kind].defaultLoss : 'binary_crossentropy';
}
