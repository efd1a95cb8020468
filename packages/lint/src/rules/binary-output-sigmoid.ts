import { activationText } from '@axon/language';
import { mergedOutput, outputOf } from '../facts.js';
import { mergedActivationDescriptor, outputActivationDescriptor, outputUnitsDescriptor } from '../output-descriptors.js';
import { defineRule, lossRange } from '../rule-kit.js';

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
    if (!output) {
      // An activation applied after a residual/parallel merge at the output: sigmoid (or softmax over 2) as for a layer.
      const after = mergedOutput(network)?.activation;
      const name = after?.activation.name;
      const units = network.outputShape[network.outputShape.length - 1];
      if (!after || name === 'sigmoid' || (name === 'softmax' && units === 2)) return;
      if (name === 'softmax') return; // over another width: softmax-single-unit (1) or the merge's width is the problem
      const tanhBce = name === 'tanh' && network.train.loss.name === 'binary_crossentropy';
      const descriptor = mergedActivationDescriptor(tanhBce ? 'tanhCrossEntropy' : 'notSigmoid', network, after, 'sigmoid', { activation: activationText(after.activation) });
      context.report({ ...descriptor, fix: units === 1 ? descriptor.fix : undefined });
      return;
    }
    const name = output.activation.name;
    const loss = network.train.loss;
    if (name === 'softmax') {
      // One unit is softmax-single-unit's finding; two is a valid binary output.
      if (output.units === 1 || output.units === 2) return;
      context.report(outputUnitsDescriptor('softmaxUnits', network, output, 2, { units: output.units }));
      return;
    }
    // Hinge scores the raw margin y·ŷ with targets in {−1, 1}: a tanh or linear output over one unit is its design.
    if (loss.name === 'hinge' && (name === 'tanh' || name === 'linear')) {
      if (output.units !== 1) reportUnits();
      return;
    }
    if (name === 'linear' && loss.fromLogits) {
      if (output.units !== 1) reportUnits();
      return;
    }
    if (name !== 'sigmoid') {
      const tanhBce = name === 'tanh' && loss.name === 'binary_crossentropy';
      const descriptor = outputActivationDescriptor(tanhBce ? 'tanhCrossEntropy' : 'notSigmoid', network, output, 'sigmoid', {
        activation: activationText(output.activation),
      });
      context.report({
        ...descriptor,
        related: tanhBce ? [{ range: lossRange(network), message: 'binary cross-entropy is chosen here' }] : descriptor.related,
        // Setting sigmoid alone is safe only over one unit; otherwise the units are fixed first.
        fix: output.units === 1 ? descriptor.fix : undefined,
      });
      if (output.units !== 1) reportUnits();
      return;
    }
    if (output.units !== 1) reportUnits();

    function reportUnits(): void {
      context.report(outputUnitsDescriptor('units', network, output!, 1, { units: output!.units }));
    }
  },
);
