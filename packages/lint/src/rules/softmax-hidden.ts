import { reportHiddenActivation } from '../hidden-activation.js';
import { defineRule } from '../rule-kit.js';

/** softmax turns a layer into one probability distribution: what a classifier's last layer does, not a hidden one. */
export default defineRule(
  {
    id: 'softmax-hidden',
    type: 'problem',
    description: 'softmax belongs in the output layer of a classifier, not in a hidden layer.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: false,
    messages: {
      hidden:
        'softmax in a hidden layer forces its units to share one unit of probability: their values become tiny and interdependent and the gradients through them are small. Use relu (or a variant) here and keep softmax for the output of a classifier.',
    },
  },
  (context) => reportHiddenActivation(context, 'softmax'),
);
