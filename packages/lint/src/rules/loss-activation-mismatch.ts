import type { ResolvedNetwork } from '@axon/language';
import { activationBounds, activationText, TASKS } from '@axon/language';
import { outputOf } from '../facts.js';
import { isRegressionLoss } from '../vocabulary.js';
import { findSetting, namedArg, removeArg, replace } from '../edits.js';
import { activationSourceRange, defineRule, fix, lossRange, taskText } from '../rule-kit.js';

/** The output activation each cross-entropy expects, and the message when the output applies another. */
const CROSS_ENTROPY_OUTPUT: Record<string, { activation: string; messageId: 'bceWithoutSigmoid' | 'cceWithoutSoftmax' | 'klWithoutSoftmax' }> = {
  binary_crossentropy: { activation: 'sigmoid', messageId: 'bceWithoutSigmoid' },
  categorical_crossentropy: { activation: 'softmax', messageId: 'cceWithoutSoftmax' },
  sparse_categorical_crossentropy: { activation: 'softmax', messageId: 'cceWithoutSoftmax' },
  kl_divergence: { activation: 'softmax', messageId: 'klWithoutSoftmax' },
};

/** The losses that compare probabilities (or distributions): wrong for a regression task. */
const PROBABILISTIC = new Set(['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence', 'hinge']);

/**
 * The loss must agree with the output activation on what the network emits (probabilities or logits),
 * and with the task on what is predicted (one of N classes, a yes/no, a number).
 */
export default defineRule(
  {
    id: 'loss-activation-mismatch',
    type: 'problem',
    description: 'The loss must match the output activation and the task: cross-entropies expect probabilities (or logits with from_logits) of the task\'s classes, regression needs a regression loss.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      doubleActivation:
        '`from_logits: true` tells the loss that the output is raw scores and to apply {{activation}} itself, but the output layer already applies {{activation}}: it is applied twice and the gradients shrink. Drop `from_logits` or make the output linear.',
      bceWithoutSigmoid:
        'binary_crossentropy expects probabilities in 0..1 from a sigmoid output, but the output applies {{activation}}; use sigmoid, or `from_logits: true` with a linear output.',
      cceWithoutSoftmax:
        '{{loss}} expects a probability distribution from a softmax output, but the output applies {{activation}}; use softmax, or `from_logits: true` with a linear output.',
      klWithoutSoftmax:
        'kl_divergence compares two probability distributions, but the output applies {{activation}}, whose values do not sum to 1; use a softmax output.',
      poissonNeedsPositive:
        'poisson takes the log of the predicted rate, which must be positive, but the output applies {{activation}} (values {{values}}); use a relu or softplus output.',
      regressionLoss:
        '{{loss}} treats the class labels of this {{task}} task as numbers to fit; it trains slowly and its outputs are not probabilities. Use {{suggested}}.',
      binaryOnMulticlass:
        'binary_crossentropy scores each of the {{classes}} outputs as its own yes/no, but {{task}} picks one class of {{classes}}: the loss ignores that the probabilities compete, and the reported accuracy is a misleading per-output "binary" one. Use {{suggested}}.',
      categoricalOnBinary:
        '{{loss}} over one output unit normalises a single probability to 1, so the loss is constant and nothing is learned. A binary task with one sigmoid unit needs binary_crossentropy.',
      crossEntropyOnRegression:
        '{{loss}} compares probabilities, but {{task}} predicts real numbers: the targets are not classes and the loss is meaningless for them. Use {{suggested}}.',
    },
  },
  (context) => {
    const { network } = context;
    const loss = network.train.loss;
    const output = outputOf(network);
    const task = network.task?.kind;
    const setting = findSetting(network.node, 'Train', 'loss');
    const lossValue = setting?.value;
    /** Replacing the loss is safe when it is written as a bare name (no arguments to carry over). */
    const replaceLoss = (name: string) => (lossValue && lossValue.kind === 'Name' && !lossValue.args ? fix(`use ${name}`, replace(lossValue.range, name)) : undefined);
    const related = network.taskRange ? [{ range: network.taskRange, message: 'the task is declared here' }] : [];
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
    // The loss against the task: its own root cause, reported even when the output is right for the task.
    if (network.train.lossExplicit && network.task) {
      const t = network.task;
      if (t.kind === 'classification' && t.classes > 2 && loss.name === 'binary_crossentropy') {
        const suggested = loss.fromLogits ? 'categorical_crossentropy(from_logits: true)' : 'categorical_crossentropy';
        context.report({
          messageId: 'binaryOnMulticlass',
          data: { classes: t.classes, task: taskText(network), suggested },
          range: lossRange(network),
          related,
          fix: replaceLoss('categorical_crossentropy'),
        });
        return;
      }
      if (
        t.kind === 'binary_classification' &&
        (loss.name === 'categorical_crossentropy' || loss.name === 'sparse_categorical_crossentropy') &&
        (output ? output.units : network.outputShape[network.outputShape.length - 1]) === 1
      ) {
        context.report({ messageId: 'categoricalOnBinary', data: { loss: loss.name }, range: lossRange(network), related, fix: replaceLoss('binary_crossentropy') });
        return;
      }
      if (t.kind === 'regression' && PROBABILISTIC.has(loss.name)) {
        const suggested = TASKS.regression.defaultLoss;
        context.report({
          messageId: 'crossEntropyOnRegression',
          data: { loss: loss.name, task: taskText(network), suggested },
          range: lossRange(network),
          related,
          fix: replaceLoss(suggested),
        });
        return;
      }
    }
    if (output && !loss.fromLogits) {
      const name = output.activation.name;
      // On a classification task the output rules judge the activation; a second finding here would repeat their fix.
      const judgedByTask = task === 'binary_classification' || task === 'multilabel' || task === 'classification';
      const expected = Object.hasOwn(CROSS_ENTROPY_OUTPUT, loss.name) ? CROSS_ENTROPY_OUTPUT[loss.name] : undefined;
      if (expected && name !== expected.activation && !judgedByTask) {
        context.report({
          messageId: expected.messageId,
          data: { activation: activationText(output.activation), ...(expected.messageId === 'cceWithoutSoftmax' ? { loss: loss.name } : {}) },
          range: lossRange(network),
          related: [{ range: activationSourceRange(output.activationLayer), message: `the output applies ${name} here` }],
        });
      }
      if (loss.name === 'poisson' && activationBounds(output.activation).min < 0) {
        const { min, max } = activationBounds(output.activation);
        const bound = (x: number) => (x === Infinity ? '∞' : x === -Infinity ? '−∞' : x < 0 ? `−${-x}` : String(x));
        context.report({
          messageId: 'poissonNeedsPositive',
          data: { activation: activationText(output.activation), values: `${bound(min)}..${bound(max)}` },
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
        related,
        fix: replaceLoss(suggested),
      });
    }
  },
);

/** The task's own loss, from the catalog (categorical cross-entropy for classification, binary for binary and multilabel). */
function suggestedLoss(network: ResolvedNetwork): string {
  return network.task ? TASKS[network.task.kind].defaultLoss : 'binary_crossentropy';
}
