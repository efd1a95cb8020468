import { reportHiddenActivation } from '../hidden-activation.js';
import { defineRule } from '../rule-kit.js';

/** sigmoid outputs are all positive: fine for an output probability, awkward inside the network. */
export default defineRule(
  {
    id: 'sigmoid-hidden',
    type: 'suggestion',
    description: 'sigmoid in a hidden layer is not zero-centred, which makes gradient updates zig-zag.',
    defaultSeverity: 'info',
    recommended: true,
    fixable: false,
    messages: {
      hidden:
        'sigmoid outputs lie in 0..1 and are never centred on zero, so the next layer\'s weight updates all share one sign and zig-zag towards the optimum; tanh (zero-centred) or relu usually train faster in hidden layers.',
    },
  },
  (context) => reportHiddenActivation(context, 'sigmoid'),
);
