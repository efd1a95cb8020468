import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';

/** A residual block written at line 5 (its body from line 6), then the output layer. */
const block = (body: string[], after: string[] = []) =>
  net({
    input: '[8]',
    task: 'classification(classes: 3)',
    layers: ['residual {', ...body.map((l) => `  ${l}`), '}', ...after, 'dense(3, activation: softmax)'],
  });

ruleTable('relu-before-residual-sum', {
  valid: [
    // He et al. 2016 (v1): the body ends linearly (batch_norm), relu after the sum.
    block(['dense(8, activation: relu, init: he_normal)', 'dense(8)', 'batch_norm()'], ['activation(relu)']),
    // v2, pre-activation: batch_norm and relu first, nothing after the sum.
    block(['batch_norm()', 'activation(relu)', 'dense(8, init: he_normal)']),
    // A relu branch of a parallel concat is no residual sum.
    net({ input: '[8]', task: 'classification(classes: 3)', layers: ['parallel(merge: concat) {', '  branch { }', '  branch { dense(8, activation: relu) }', '}', 'dense(3, activation: softmax)'] }),
    // leaky_relu outputs negative values: not this rule's concern.
    block(['dense(8, activation: leaky_relu, init: he_normal)']),
  ],
  invalid: [
    {
      name: 'activation(relu) last in the body: moved after the sum',
      code: block(['dense(8, init: he_normal)', 'activation(relu)']),
      errors: [{ messageId: 'beforeSum', at: '7:7 activation(relu)', data: { layer: 'activation' } }],
      output: block(['dense(8, init: he_normal)'], ['activation(relu)']),
    },
    {
      name: 'relu before a dropout at the end: the two commute, the relu moves',
      code: block(['dense(8, init: he_normal)', 'activation(relu)', 'dropout(0.2)']),
      errors: [{ messageId: 'beforeSum', at: '7:7 activation(relu)', data: { layer: 'activation' } }],
      output: block(['dense(8, init: he_normal)', 'dropout(0.2)'], ['activation(relu)']),
    },
    {
      name: 'a relu before the sum and another after it: the one before goes',
      code: block(['dense(8, init: he_normal)', 'activation(relu)'], ['activation(relu)']),
      errors: [{ messageId: 'beforeSum', at: '7:7 activation(relu)', data: { layer: 'activation' } }],
      output: block(['dense(8, init: he_normal)'], ['activation(relu)']),
    },
    {
      name: 'a one-line body: no fix (deleting the relu would leave a stray separator)',
      code: block(['dense(8, init: he_normal), activation(relu)']),
      errors: [{ messageId: 'beforeSum', at: '6:34 activation(relu)', data: { layer: 'activation' } }],
    },
    {
      name: "the body's last dense applies relu: no fix (which layer should go linear is a choice)",
      code: block(['dense(8, activation: relu, init: he_normal)']),
      errors: [{ messageId: 'beforeSum', at: '6:16 activation: relu', data: { layer: 'dense' } }],
    },
    {
      name: 'in a repeat: one finding for the three expansions, and one fix for all of them',
      code: net({
        input: '[8]',
        task: 'classification(classes: 3)',
        layers: ['repeat 3 {', '  residual {', '    dense(8, init: he_normal)', '    activation(relu)', '  }', '}', 'dense(3, activation: softmax)'],
      }),
      errors: [{ messageId: 'beforeSum', at: '8:9 activation(relu)', data: { layer: 'activation' }, expansion: 'layers 2, 5, 8 of 10, from `repeat 3` at line 5' }],
      output: net({
        input: '[8]',
        task: 'classification(classes: 3)',
        layers: ['repeat 3 {', '  residual {', '    dense(8, init: he_normal)', '  }', '  activation(relu)', '}', 'dense(3, activation: softmax)'],
      }),
    },
  ],
});
