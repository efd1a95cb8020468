import { ruleTable } from '../rule-table.js';
import { net } from '../helpers.js';
import type { RawConfig } from '../../src/index.js';

/** Token ids of `steps` words into an embedding, one recurrent layer and a sigmoid output. */
const reviews = (steps: number, layer: string, train?: string[]) =>
  net({
    input: `[${steps}]`,
    task: 'binary_classification',
    layers: ['embedding(5000, 16)', layer, 'dense(1, activation: sigmoid)'],
    ...(train ? { train } : {}),
  });

const adaptive = (rule: 'warning' | 'error' = 'warning', minSteps = 50): RawConfig => ({ presets: ['all'], rules: { 'missing-gradient-clipping': [rule, { minSteps, adaptiveOptimizers: true }] } });

ruleTable('missing-gradient-clipping', {
  valid: [
    // The Keras IMDB example as Keras compiles it: adam bounds each step by about its learning rate.
    reviews(200, 'lstm(8)', ['optimizer: adam']),
    reviews(200, 'simple_rnn(8)', ['optimizer: rmsprop(learning_rate: 0.001)']),
    // 49 steps: below the threshold.
    reviews(49, 'lstm(8)', ['optimizer: sgd']),
    // Clipped, either way.
    reviews(200, 'lstm(8)', ['optimizer: adam(clipnorm: 1.0)']),
    reviews(200, 'gru(8)', ['optimizer: sgd(learning_rate: 0.01, clipvalue: 0.5)']),
    // No recurrent layer: a conv1d text model over 200 tokens does not back-propagate through time.
    net({
      input: '[200]',
      task: 'binary_classification',
      layers: ['embedding(5000, 16)', 'conv1d(16, 5, activation: relu, init: he_uniform)', 'global_max_pool1d()', 'dense(1, activation: sigmoid)'],
    }),
    // A strided conv1d shortens 200 steps to 40 before the recurrent layer: it reads 40.
    net({
      input: '[200]',
      task: 'binary_classification',
      layers: ['embedding(5000, 16)', 'conv1d(16, 5, stride: 5, activation: relu, init: he_uniform)', 'lstm(8)', 'dense(1, activation: sigmoid)'],
    }),
    // The threshold is an option.
    { code: reviews(200, 'lstm(8)', ['optimizer: sgd']), config: { presets: ['all'], rules: { 'missing-gradient-clipping': ['warning', { minSteps: 201 }] } } },
  ],
  invalid: [
    {
      name: 'optimizer: sgd over 200 steps: the fix gives it an argument list',
      code: reviews(200, 'lstm(8)', ['optimizer: sgd']),
      errors: [{ messageId: 'noClipping', at: '11:5 optimizer: sgd', severity: 'warning', data: { layer: 'lstm', steps: 200, minSteps: 50, optimizer: 'sgd' } }],
      output: reviews(200, 'lstm(8)', ['optimizer: sgd(clipnorm: 1.0)']),
    },
    {
      name: 'adam is flagged when adaptiveOptimizers is on',
      code: reviews(200, 'lstm(8)', ['optimizer: adam']),
      config: adaptive(),
      errors: [{ messageId: 'noClipping', at: '11:5 optimizer: adam', data: { layer: 'lstm', steps: 200, minSteps: 50, optimizer: 'adam' } }],
      output: reviews(200, 'lstm(8)', ['optimizer: adam(clipnorm: 1.0)']),
    },
    {
      name: 'an optimizer with arguments gains clipnorm as the last one',
      code: reviews(50, 'simple_rnn(8)', ['loss: binary_crossentropy', 'optimizer: sgd(learning_rate: 0.001)']),
      errors: [{ messageId: 'noClipping', at: '12:5 optimizer: sgd(learning_rate: 0.001)', data: { layer: 'simple_rnn', steps: 50, minSteps: 50, optimizer: 'sgd' } }],
      output: reviews(50, 'simple_rnn(8)', ['loss: binary_crossentropy', 'optimizer: sgd(learning_rate: 0.001, clipnorm: 1.0)']),
    },
    {
      name: 'no optimizer written (adam, flagged with adaptiveOptimizers): reported at the train block, no fix',
      code: reviews(120, 'gru(8, bidirectional: true)', ['loss: binary_crossentropy']),
      config: adaptive(),
      errors: [{ messageId: 'noClipping', at: '10:3 train {\n    loss: binary_crossentropy\n  }', data: { layer: 'gru', steps: 120, minSteps: 50, optimizer: 'adam' } }],
    },
    {
      name: 'no train block: reported at the network name',
      code: net({ input: '[64, 2]', layers: ['lstm(8, return_sequences: true)', 'lstm(8)', 'dense(1)'] }),
      config: adaptive(),
      errors: [{ messageId: 'noClipping', at: '1:9 Net', data: { layer: 'lstm', steps: 64, minSteps: 50, optimizer: 'adam' } }],
    },
    {
      name: 'a lower threshold from the configuration',
      code: net({ input: '[12, 1]', layers: ['simple_rnn(4)', 'dense(1)'] }),
      config: adaptive('error', 10),
      errors: [{ messageId: 'noClipping', at: '1:9 Net', severity: 'error', data: { layer: 'simple_rnn', steps: 12, minSteps: 10, optimizer: 'adam' } }],
    },
  ],
});
