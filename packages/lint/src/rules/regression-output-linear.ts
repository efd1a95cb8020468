import { activationText } from '@axon/language';
import { mergedOutput, outputOf } from '../facts.js';
import { isRegressionLoss, isReluLike, isSaturating, outputValuesText } from '../vocabulary.js';
import { activationSourceRange, defineRule, fix, removeActivation, taskRelated } from '../rule-kit.js';

/** A regression must be free to predict any number: its output layer stays linear. */
export default defineRule(
  {
    id: 'regression-output-linear',
    type: 'problem',
    description: 'A regression output must be linear: a squashing or rectifying activation limits the values it can predict.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      squashing:
        'The output of this regression applies {{activation}}, which squeezes every prediction into {{values}}; targets outside that range can never be reached. Leave the output linear.',
      rectifying:
        'The output of this regression applies {{activation}}, which cannot produce (most) negative values; leave the output linear unless the target is known to be non-negative.',
    },
  },
  (context) => {
    const { network } = context;
    const isRegression =
      network.task?.kind === 'regression' ||
      (network.task === undefined && network.train.lossExplicit && isRegressionLoss(network.train.loss.name));
    if (!isRegression) return;
    // The activation the output ends with: the output layer's, or one applied after a residual/parallel merge.
    const output = outputOf(network);
    const activationLayer = output?.activationLayer ?? mergedOutput(network)?.activation;
    const activation = output?.activation ?? (activationLayer?.kind === 'activation' ? activationLayer.activation : undefined);
    if (!activationLayer || !activation || activation.name === 'linear') return;
    const name = activation.name;
    const squashing = isSaturating(name) || name === 'softmax';
    if (!squashing && !isReluLike(name)) return;
    context.report({
      messageId: squashing ? 'squashing' : 'rectifying',
      data: squashing ? { activation: activationText(activation), values: outputValuesText(activation) } : { activation: activationText(activation) },
      layer: activationLayer,
      range: activationSourceRange(activationLayer),
      severity: squashing ? 'error' : 'warning',
      related: taskRelated(network, 'the regression task is declared here'),
      fix: fix('remove the output activation', removeActivation(context.text, activationLayer)),
    });
  },
);
