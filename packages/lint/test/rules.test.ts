/**
 * The valid/invalid table of every rule: for each invalid spec, the message ids, the exact range
 * ("line:column covered-text") and the text after the rule's fixes; for each valid spec, no finding
 * of that rule. Specs are linted with the `all` preset so rules see each other's company.
 */
import { describe, expect, test } from 'vitest';
import { rules } from '../src/index.js';
import { at, fixed, lint, net, only } from './helpers.js';

interface Invalid {
  name: string;
  code: string;
  errors: { messageId: string; at: string; severity?: string }[];
  /** The text after applying this rule's fixes; undefined = the rule offers no fix here. */
  output?: string;
}
interface Table {
  valid: string[];
  invalid: Invalid[];
}

const R = 'dense(16, activation: relu, init: he_normal)';
const sgd = (lr: number) => `optimizer: sgd(learning_rate: ${lr})`;

const tables: Record<string, Table> = {};

tables['regression-output-linear'] = {
  valid: [
    net({ layers: [R, 'dense(1)'], train: ['loss: mse'] }),
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
  ],
  invalid: [
    {
      name: 'sigmoid output',
      code: net({ layers: [R, 'dense(1, activation: sigmoid)'], train: ['loss: mse'] }),
      errors: [{ messageId: 'squashing', at: '6:14 activation: sigmoid', severity: 'error' }],
      output: net({ layers: [R, 'dense(1)'], train: ['loss: mse'] }),
    },
    {
      name: 'relu output is a warning',
      code: net({ layers: [R, 'dense(1, activation: relu, init: he_normal)'] }),
      errors: [{ messageId: 'rectifying', at: '6:14 activation: relu', severity: 'warning' }],
      output: net({ layers: [R, 'dense(1, init: he_normal)'] }),
    },
    {
      name: 'tanh from a separate activation layer',
      code: net({ layers: [R, 'dense(1)', 'activation(tanh)'] }),
      errors: [{ messageId: 'squashing', at: '7:5 activation(tanh)' }],
      output: net({ layers: [R, 'dense(1)'] }),
    },
  ],
};

tables['classification-output-softmax'] = {
  valid: [
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)'], train: ['loss: categorical_crossentropy(from_logits: true)'] }),
  ],
  invalid: [
    {
      name: 'sigmoid output',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: sigmoid)'] }),
      errors: [{ messageId: 'notSoftmax', at: '6:14 activation: sigmoid' }],
      output: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    },
    {
      name: 'wrong unit count',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(4, activation: softmax)'] }),
      errors: [{ messageId: 'units', at: '6:11 4' }],
      output: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    },
    {
      name: 'linear output without from_logits',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)'] }),
      errors: [{ messageId: 'notSoftmax', at: '6:5 dense(3)' }],
      output: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: softmax)'] }),
    },
  ],
};

const bin = (out: string, loss = 'loss: binary_crossentropy') =>
  net({ task: 'binary_classification', input: '[2]', layers: [R, out], train: [loss] });

tables['binary-output-sigmoid'] = {
  valid: [
    bin('dense(1, activation: sigmoid)'),
    bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy'),
    bin('dense(1)', 'loss: binary_crossentropy(from_logits: true)'),
  ],
  invalid: [
    {
      name: 'tanh with binary cross-entropy',
      code: bin('dense(1, activation: tanh)'),
      errors: [{ messageId: 'tanhCrossEntropy', at: '6:14 activation: tanh' }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'relu output',
      code: bin('dense(1, activation: relu)'),
      errors: [{ messageId: 'notSigmoid', at: '6:14 activation: relu' }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'sigmoid over two units',
      code: bin('dense(2, activation: sigmoid)'),
      errors: [{ messageId: 'units', at: '6:11 2' }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'softmax over three units',
      code: bin('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
      errors: [{ messageId: 'softmaxUnits', at: '6:11 3' }],
      output: bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy'),
    },
  ],
};

tables['softmax-single-unit'] = {
  valid: [bin('dense(1, activation: sigmoid)'), bin('dense(2, activation: softmax)', 'loss: categorical_crossentropy')],
  invalid: [
    {
      name: 'binary output',
      code: bin('dense(1, activation: softmax)'),
      errors: [{ messageId: 'single', at: '6:14 activation: softmax' }],
      output: bin('dense(1, activation: sigmoid)'),
    },
    {
      name: 'hidden one-unit softmax (no fix)',
      code: net({ layers: ['dense(1, activation: softmax)', 'dense(1)'] }),
      errors: [{ messageId: 'single', at: '5:14 activation: softmax' }],
    },
  ],
};

const ml = (out: string, loss = 'loss: binary_crossentropy') =>
  net({ task: 'multilabel(labels: 5)', input: '[10]', layers: [R, out], train: [loss] });
tables['multilabel-output-sigmoid'] = {
  valid: [ml('dense(5, activation: sigmoid)'), ml('dense(5)', 'loss: binary_crossentropy(from_logits: true)')],
  invalid: [
    {
      name: 'softmax output',
      code: ml('dense(5, activation: softmax)'),
      errors: [{ messageId: 'softmax', at: '6:14 activation: softmax' }],
      output: ml('dense(5, activation: sigmoid)'),
    },
    {
      name: 'wrong units and loss',
      code: ml('dense(4, activation: sigmoid)', 'loss: mse'),
      errors: [
        { messageId: 'units', at: '6:11 4' },
        { messageId: 'loss', at: '10:5 loss: mse' },
      ],
      output: ml('dense(5, activation: sigmoid)', 'loss: binary_crossentropy'),
    },
  ],
};

const cls = (out: string, loss: string) =>
  net({ task: 'classification(classes: 3)', layers: [R, out], train: [loss] });
tables['loss-activation-mismatch'] = {
  valid: [
    cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    cls('dense(3)', 'loss: categorical_crossentropy(from_logits: true)'),
    net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: huber'] }),
  ],
  invalid: [
    {
      name: 'softmax before from_logits',
      code: cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy(from_logits: true)'),
      errors: [{ messageId: 'doubleActivation', at: '10:36 from_logits: true' }],
      output: cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'mse on a classification task',
      code: cls('dense(3, activation: softmax)', 'loss: mse'),
      errors: [{ messageId: 'regressionLoss', at: '10:5 loss: mse', severity: 'warning' }],
      output: cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy'),
    },
    {
      name: 'binary cross-entropy on a linear regression-style output (no task judges it)',
      code: net({ task: 'regression(outputs: 1)', layers: [R, 'dense(1)'], train: ['loss: binary_crossentropy'] }),
      errors: [{ messageId: 'bceWithoutSigmoid', at: '10:5 loss: binary_crossentropy' }],
    },
  ],
};

const deep = (n: number, act: string) => net({
  task: 'classification(classes: 3)',
  layers: [`repeat ${n} {`, `  dense(8, activation: ${act})`, '}', 'dense(3, activation: softmax)'],
});
tables['saturating-deep-stack'] = {
  valid: [deep(5, 'sigmoid'), deep(5, 'tanh'), deep(20, 'relu')],
  invalid: [
    { name: 'six sigmoid layers', code: deep(6, 'sigmoid'), errors: [{ messageId: 'deep', at: '6:16 activation: sigmoid' }] },
    { name: 'six tanh layers', code: deep(6, 'tanh'), errors: [{ messageId: 'deep', at: '6:16 activation: tanh' }] },
  ],
};

tables['sigmoid-hidden'] = {
  valid: [bin('dense(1, activation: sigmoid)')],
  invalid: [
    {
      name: 'sigmoid hidden layer',
      code: net({ layers: ['dense(8, activation: sigmoid)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '5:14 activation: sigmoid', severity: 'info' }],
    },
  ],
};

tables['softmax-hidden'] = {
  valid: [cls('dense(3, activation: softmax)', 'loss: categorical_crossentropy')],
  invalid: [
    {
      name: 'softmax hidden layer',
      code: net({ layers: ['dense(8, activation: softmax)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '5:14 activation: softmax' }],
    },
    {
      name: 'softmax activation layer in the middle',
      code: net({ layers: ['dense(8)', 'activation(softmax)', 'dense(1)'] }),
      errors: [{ messageId: 'hidden', at: '6:5 activation(softmax)' }],
    },
  ],
};

tables['missing-nonlinearity'] = {
  valid: [
    net({ layers: [R, 'dense(1)'] }),
    net({ layers: ['dense(8)', 'activation(relu)', 'dense(1)'] }),
    net({ layers: ['dense(8)', 'batch_norm()', 'activation(elu)', 'dense(1)'] }),
  ],
  invalid: [
    {
      name: 'linear stack',
      code: net({ layers: ['dense(8)', 'dense(8)', 'dense(1)'] }),
      errors: [
        { messageId: 'collapse', at: '5:5 dense(8)' },
        { messageId: 'collapse', at: '6:5 dense(8)' },
      ],
    },
    {
      name: 'dropout does not count as a non-linearity',
      code: net({ layers: ['dense(8)', 'dropout(0.2)', 'dense(1)'] }),
      errors: [{ messageId: 'collapse', at: '5:5 dense(8)' }],
    },
  ],
};

tables['dying-relu-learning-rate'] = {
  valid: [
    net({ layers: [R, 'dense(1)'], train: [sgd(0.05)] }),
    net({ layers: ['dense(16, activation: leaky_relu, init: he_normal)', 'dense(1)'], train: [sgd(0.3)] }),
  ],
  invalid: [
    {
      name: 'relu at learning rate 0.5 (sgd)',
      code: net({ layers: [R, 'dense(1)'], train: [sgd(0.5)] }),
      errors: [{ messageId: 'high', at: '10:20 learning_rate: 0.5' }],
    },
    {
      name: 'relu with adam at 0.05',
      code: net({ layers: [R, 'dense(1)'], train: ['optimizer: adam(learning_rate: 0.05)'] }),
      errors: [{ messageId: 'high', at: '10:21 learning_rate: 0.05' }],
    },
  ],
};

tables['dying-relu-negative-bias'] = {
  valid: [net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: constant(0.1))', 'dense(1)'] })],
  invalid: [
    {
      name: 'negative constant bias',
      code: net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: constant(-1))', 'dense(1)'] }),
      errors: [{ messageId: 'negative', at: '5:49 bias_init: constant(-1)' }],
      output: net({ layers: ['dense(8, activation: relu, init: he_normal, bias_init: zeros)', 'dense(1)'] }),
    },
  ],
};

tables['redundant-activation'] = {
  valid: [net({ task: 'classification(classes: 3)', layers: [R, 'dense(3)', 'activation(softmax)'] })],
  invalid: [
    {
      name: 'sigmoid then softmax at the output',
      code: net({ task: 'classification(classes: 3)', layers: [R, 'dense(3, activation: sigmoid)', 'activation(softmax)'] }),
      errors: [{ messageId: 'beforeSoftmax', at: '7:5 activation(softmax)' }],
    },
    {
      name: 'relu then tanh in a hidden layer',
      code: net({ layers: [R, 'activation(tanh)', 'dense(1)'] }),
      errors: [{ messageId: 'stacked', at: '6:5 activation(tanh)' }],
    },
  ],
};

tables['selu-requirements'] = {
  valid: [net({ layers: ['dense(8, activation: selu, init: lecun_normal)', 'dense(1)'] })],
  invalid: [
    {
      name: 'selu with default init and dropout',
      code: net({ layers: ['dense(8, activation: selu)', 'dropout(0.2)', 'dense(1)'] }),
      errors: [
        { messageId: 'init', at: '5:5 dense(8, activation: selu)' },
        { messageId: 'dropout', at: '6:5 dropout(0.2)' },
      ],
      output: net({ layers: ['dense(8, activation: selu, init: lecun_normal)', 'dropout(0.2)', 'dense(1)'] }),
    },
    {
      name: 'selu with he init next to batch_norm',
      code: net({ layers: ['batch_norm()', 'dense(8, activation: selu, init: he_normal)', 'dense(1)'] }),
      errors: [
        { messageId: 'batchNorm', at: '5:5 batch_norm()' },
        { messageId: 'init', at: '6:32 init: he_normal' },
      ],
      output: net({ layers: ['batch_norm()', 'dense(8, activation: selu, init: lecun_normal)', 'dense(1)'] }),
    },
  ],
};

tables['init-activation-mismatch'] = {
  valid: [net({ layers: [R, 'dense(1)'] }), net({ layers: ['dense(8, activation: tanh, init: glorot_normal)', 'dense(1)'] })],
  invalid: [
    {
      name: 'relu with default glorot',
      code: net({ layers: ['dense(8, activation: relu)', 'dense(1)'] }),
      errors: [{ messageId: 'needHe', at: '5:5 dense(8, activation: relu)', severity: 'info' }],
      output: net({ layers: ['dense(8, activation: relu, init: he_uniform)', 'dense(1)'] }),
    },
    {
      name: 'tanh with he_normal',
      code: net({ layers: ['dense(8, activation: tanh, init: he_normal)', 'dense(1)'] }),
      errors: [{ messageId: 'needGlorot', at: '5:32 init: he_normal' }],
      output: net({ layers: ['dense(8, activation: tanh, init: glorot_normal)', 'dense(1)'] }),
    },
  ],
};

tables['constant-weight-init'] = {
  valid: [net({ layers: ['dense(8, activation: relu, init: he_uniform, bias_init: constant(0.1))', 'dense(1)'] })],
  invalid: [
    {
      name: 'zeros',
      code: net({ layers: ['dense(8, activation: relu, init: zeros)', 'dense(1)'] }),
      errors: [{ messageId: 'constant', at: '5:32 init: zeros' }],
      output: net({ layers: ['dense(8, activation: relu, init: he_uniform)', 'dense(1)'] }),
    },
    {
      name: 'constant on a linear layer',
      code: net({ layers: ['dense(1, init: constant(0.5))'] }),
      errors: [{ messageId: 'constant', at: '5:14 init: constant(0.5)' }],
      output: net({ layers: ['dense(1, init: glorot_uniform)'] }),
    },
  ],
};

tables['high-dropout'] = {
  valid: [net({ layers: [R, 'dropout(0.5)', 'dense(1)'] })],
  invalid: [
    {
      name: 'dropout 0.8',
      code: net({ layers: [R, 'dropout(0.8)', 'dense(1)'] }),
      errors: [{ messageId: 'high', at: '6:13 0.8' }],
    },
  ],
};

tables['dropout-before-batch-norm'] = {
  valid: [net({ layers: [R, 'batch_norm()', 'dropout(0.2)', 'dense(1)'] })],
  invalid: [
    {
      name: 'dropout then batch_norm',
      code: net({ layers: [R, 'dropout(0.2)', 'batch_norm()', 'dense(1)'] }),
      errors: [{ messageId: 'before', at: '6:5 dropout(0.2)' }],
    },
  ],
};

tables['learning-rate-range'] = {
  valid: [net({ layers: [R, 'dense(1)'], train: ['optimizer: adam(learning_rate: 1e-3)'] })],
  invalid: [
    {
      name: 'adam at 0.5',
      code: net({ layers: ['dense(8, activation: tanh)', 'dense(1)'], train: ['optimizer: adam(learning_rate: 0.5)'] }),
      errors: [{ messageId: 'high', at: '10:21 learning_rate: 0.5' }],
    },
    {
      name: 'sgd at 1e-7',
      code: net({ layers: [R, 'dense(1)'], train: ['optimizer: sgd(learning_rate: 1e-7)'] }),
      errors: [{ messageId: 'low', at: '10:20 learning_rate: 1e-7' }],
    },
  ],
};

const cnn = (layers: string[]) =>
  net({ task: 'classification(classes: 10)', input: '[28, 28, 1]', layers: ['conv2d(4, kernel: 3, activation: relu, init: he_normal)', ...layers] });
tables['missing-flatten'] = {
  valid: [cnn(['max_pool2d(2)', 'flatten()', 'dense(10, activation: softmax)'])],
  invalid: [
    {
      name: 'dense after pooling',
      code: cnn(['max_pool2d(2)', 'dense(10, activation: softmax)']),
      errors: [{ messageId: 'noFlatten', at: '7:5 dense(10, activation: softmax)' }],
      output: cnn(['max_pool2d(2)', 'flatten()', 'dense(10, activation: softmax)']),
    },
  ],
};

tables['unused-suppression'] = {
  valid: [`// axon-disable-next-line high-dropout -- measured\n${net({ layers: [R, 'dropout(0.8)', 'dense(1)'] }).replace('    dropout(0.8)', '    // axon-disable-next-line high-dropout -- measured\n    dropout(0.8)')}`.split('\n').slice(1).join('\n')],
  invalid: [
    {
      name: 'a suppression that silences nothing',
      code: `// axon-disable high-dropout\n${net({ layers: [R, 'dense(1)'] })}`,
      errors: [{ messageId: 'unused', at: '1:17 high-dropout' }],
      output: net({ layers: [R, 'dense(1)'] }),
    },
  ],
};

tables['invalid-suppression'] = {
  valid: [`// axon-disable sigmoid-hidden -- shallow on purpose\n${net({ layers: ['dense(8, activation: sigmoid)', 'dense(1)'] })}`],
  invalid: [
    {
      name: 'no rule named',
      code: `// axon-disable -- whatever\n${net({ layers: [R, 'dense(1)'] })}`,
      errors: [{ messageId: 'noRule', at: '1:1 // axon-disable -- whatever' }],
    },
    {
      name: 'misspelt rule',
      code: `// axon-disable hihg-dropout\n${net({ layers: [R, 'dense(1)'] })}`,
      errors: [{ messageId: 'unknownRule', at: '1:17 hihg-dropout' }],
    },
  ],
};

test('every registered rule has a table, and every table a registered rule', () => {
  expect(Object.keys(tables).sort()).toEqual(rules.map((r) => r.meta.id).sort());
});

for (const [ruleId, table] of Object.entries(tables)) {
  describe(ruleId, () => {
    test.each(table.valid.map((code, i) => [i, code] as const))('valid #%i has no finding', (_i, code) => {
      expect(only(lint(code), ruleId).map((f) => `${f.messageId} ${at(code, f.range)}`)).toEqual([]);
    });
    for (const c of table.invalid) {
      test(`invalid: ${c.name}`, () => {
        const found = only(lint(c.code), ruleId);
        expect(found.map((f) => ({ messageId: f.messageId, at: at(c.code, f.range) }))).toEqual(
          c.errors.map((e) => ({ messageId: e.messageId, at: e.at })),
        );
        c.errors.forEach((e, i) => {
          if (e.severity) expect(found[i]!.severity).toBe(e.severity);
          expect(found[i]!.message.length).toBeGreaterThan(20);
          expect(found[i]!.message).not.toMatch(/\{\{/);
        });
        const withFix = found.filter((f) => f.fix);
        if (c.output === undefined) {
          expect(withFix).toEqual([]);
        } else {
          expect(fixed(c.code, found)).toBe(c.output);
          // The fixed text keeps only this rule's findings that had no fix.
          expect(only(lint(c.output), ruleId).map((f) => f.messageId)).toEqual(found.filter((f) => !f.fix).map((f) => f.messageId));
        }
      });
    }
  });
}
