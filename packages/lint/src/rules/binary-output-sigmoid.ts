import { activationText } from '@axon/language';
import { outputOf } from '../facts.js';
import { activationSourceRange, defineRule, fix, lossRange, setActivation, setUnits, taskRelated, unitsArg } from '../rule-kit.js';

/** A binary classifier outputs one probability: sigmoid over 1 unit (or softmax over 2). */
export default defineRule(
  {
    id: 'binary-output-sigmoid',
    type: 'problem',
    description: 'A binary classifier must end in sigmoid over 1 unit (or softmax over 2); tanh with binary cross-entropy is never a probability.',
    defaultSeverity: 'error',
    recommended: true,
    fixable: true,
    messages: {
      tanhCrossEntropy:
        'tanh outputs lie in −1..1, so they are not probabilities: binary cross-entropy takes the log of negative values and the loss is undefined. Use sigmoid, whose outputs lie in 0..1.',
      notSigmoid:
        'A binary classifier should output the probability of the positive class with sigmoid, but this output applies {{activation}}.',
      units: 'A sigmoid output for a binary classifier has 1 unit (the probability of the positive class), not {{units}}.',
      softmaxUnits: 'A softmax output for a binary classifier needs 2 units (one per class), not {{units}}.',
    },
  },
  (context) => {
    const { network } = context;
    if (network.task?.kind !== 'binary_classification') return;
    const output = outputOf(network);
    if (!output) return;
    const name = output.activation.name;
    const loss = network.train.loss;
    const layer = output.activationLayer;
    if (name === 'softmax') {
      // One unit is softmax-single-unit's finding; two is a valid binary output.
      if (output.units === 1 || output.units === 2) return;
      context.report({
        messageId: 'softmaxUnits',
        data: { units: output.units },
        layer: output.weighted,
        range: unitsArg(output.weighted)?.range ?? output.weighted.origin.range,
        related: taskRelated(network),
        fix: fix('use 2 units', setUnits(output.weighted, 2)),
      });
      return;
    }
    if (name === 'linear' && loss.fromLogits) {
      if (output.units !== 1) reportUnits();
      return;
    }
    if (name !== 'sigmoid') {
      const tanhBce = name === 'tanh' && loss.name === 'binary_crossentropy';
      context.report({
        messageId: tanhBce ? 'tanhCrossEntropy' : 'notSigmoid',
        data: { activation: activationText(output.activation) },
        layer,
        range: activationSourceRange(layer),
        related: tanhBce
          ? [{ range: lossRange(network), message: 'binary cross-entropy is chosen here' }]
          : taskRelated(network),
        fix: output.units === 1 ? fix('use a sigmoid output', setActivation(layer, 'sigmoid')) : undefined,
      });
      if (output.units !== 1) reportUnits();
      return;
    }
    if (output.units !== 1) reportUnits();

    function reportUnits(): void {
      const weighted = output!.weighted;
      context.report({
        messageId: 'units',
        data: { units: output!.units },
        layer: weighted,
        range: unitsArg(weighted)?.range ?? weighted.origin.range,
        related: taskRelated(network),
        fix: fix('use 1 unit', setUnits(weighted, 1)),
      });
    }
  },
);
