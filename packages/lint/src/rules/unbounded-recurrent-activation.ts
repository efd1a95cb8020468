import { activationText } from '@axon/language';
import { namedArg, setNamedArg } from '../edits.js';
import { isRecurrent } from '../facts.js';
import { activationSourceRange, defineRule, fix } from '../rule-kit.js';
import { isUnbounded } from '../vocabulary.js';

/**
 * A recurrent layer feeds its output back into itself at every step: with an activation that has no
 * upper bound the state can grow step after step; tanh keeps it in −1..1. Its gates must stay in 0..1.
 */
export default defineRule(
  {
    id: 'unbounded-recurrent-activation',
    type: 'problem',
    description: 'An LSTM, GRU or SimpleRNN with an unbounded activation (relu, elu, linear, …): the recurrent state can grow without bound.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      cell:
        '{{layer}} applies {{activation}} to its recurrent state, and {{activation}} has no upper bound: the state is fed back at every one of the {{steps}} steps, so it (and its gradient) can grow step after step until training diverges (exploding recurrent state). tanh keeps the state in −1..1.{{cudnn}} Use activation: tanh.',
      gate:
        '{{layer}}\'s gates apply {{activation}}, which has no upper bound: a gate is a fraction between 0 and 1 of what it lets through (the forget gate of the state it keeps), and an unbounded gate can multiply the state by more than 1 at every step. Keras runs {{kind}} layers on its fast cuDNN kernel only with recurrent_activation sigmoid. Use recurrent_activation: sigmoid.',
    },
  },
  (context) => {
    for (const layer of context.network.layers) {
      if (!isRecurrent(layer)) continue;
      const kind = layer.kind.toUpperCase();
      // Keras has a cuDNN kernel for LSTM and GRU only; SimpleRNN always runs the generic loop.
      const cudnn = layer.kind === 'simple_rnn' ? '' : ` Keras also runs ${kind} layers on its fast cuDNN kernel only with activation tanh.`;
      const steps = layer.inputShape[0] ?? 0;
      if (isUnbounded(layer.activation)) {
        context.report({
          messageId: 'cell',
          data: { layer: layer.name, activation: activationText(layer.activation), steps, cudnn },
          layer,
          range: activationSourceRange(layer),
          fix: fix('use activation: tanh', setNamedArg(layer, 'activation', 'tanh')),
        });
      }
      if (layer.recurrentActivation && isUnbounded(layer.recurrentActivation)) {
        context.report({
          messageId: 'gate',
          data: { layer: layer.name, activation: activationText(layer.recurrentActivation), kind },
          layer,
          range: namedArg(layer.origin.node, 'recurrent_activation')?.range ?? layer.origin.range,
          fix: fix('use recurrent_activation: sigmoid', setNamedArg(layer, 'recurrent_activation', 'sigmoid')),
        });
      }
    }
  },
);
