/**
 * Representative sequence models, written as their authors wrote them, get no finding from any rule
 * (the `all` preset): the gates' sigmoid and the cell's tanh are the design of a recurrent layer, a
 * stack of LSTMs is neither a saturating stack nor linear, and a recurrent layer without
 * return_sequences or a global pool is a fine input for dense. The parameter counts tie the Keras
 * models to Keras's own figures, so these are the models, not look-alikes.
 */
import { describe, expect, test } from 'vitest';
import { lintText, resolveConfig } from '../src/index.js';

interface Model {
  name: string;
  source: string;
  /** Keras's total, where the model is a Keras example. */
  params?: number;
}

const MODELS: Model[] = [
  {
    name: 'Keras "Bidirectional LSTM on IMDB" (with clipnorm: 200 steps need clipping)',
    params: 2_757_761,
    source: `network Imdb {
  input [200]
  task binary_classification
  layers {
    embedding(20000, 128)
    lstm(64, return_sequences: true, bidirectional: true)
    lstm(64, bidirectional: true)
    dense(1, activation: sigmoid)
  }
  train {
    loss: binary_crossentropy
    optimizer: adam(clipnorm: 1.0)
  }
}
`,
  },
  {
    name: 'Keras "Text classification from scratch": embedding, two strided conv1d, global max pool',
    params: 2_806_273,
    source: `network TextCnn {
  input [500]
  task binary_classification
  layers {
    embedding(20000, 128)
    dropout(0.5)
    conv1d(128, 7, stride: 3, padding: valid, activation: relu, init: he_uniform)
    conv1d(128, 7, stride: 3, padding: valid, activation: relu, init: he_uniform)
    global_max_pool1d()
    dense(128, activation: relu, init: he_uniform)
    dropout(0.5)
    dense(1, activation: sigmoid)
  }
  train {
    loss: binary_crossentropy
    optimizer: adam
  }
}
`,
  },
  {
    name: 'GRU regression on a 24-step time series (below the clipping threshold)',
    source: `network Load {
  input [24, 4]
  task regression(outputs: 1)
  layers {
    gru(32, dropout: 0.1)
    dense(16, activation: relu, init: he_uniform)
    dense(1)
  }
  train {
    loss: mse
    optimizer: adam(learning_rate: 0.001)
  }
}
`,
  },
  {
    name: 'a stacked LSTM classifier over 100 steps, gates written out',
    source: `network Activity {
  input [100, 8]
  task classification(classes: 6)
  layers {
    lstm(64, return_sequences: true, activation: tanh, recurrent_activation: sigmoid)
    dropout(0.2)
    lstm(64, return_sequences: true, activation: tanh, recurrent_activation: sigmoid)
    dropout(0.2)
    lstm(64, return_sequences: true)
    lstm(32)
    dense(6, activation: softmax)
  }
  train {
    loss: categorical_crossentropy
    optimizer: rmsprop(learning_rate: 0.001, clipvalue: 0.5)
  }
}
`,
  },
  {
    name: 'conv1d front end and a GRU over the pooled sequence, then a global average',
    source: `network Hybrid {
  input [400]
  task binary_classification
  layers {
    embedding(10000, 64)
    conv1d(64, 5, activation: relu, init: he_uniform)
    max_pool1d(4)
    gru(32, return_sequences: true, bidirectional: true)
    global_avg_pool1d()
    dense(1, activation: sigmoid)
  }
  train {
    optimizer: adam(clipnorm: 1.0)
  }
}
`,
  },
  {
    name: 'a SimpleRNN over a short window',
    source: `network Window {
  input [10, 1]
  task regression(outputs: 1)
  layers {
    simple_rnn(16)
    dense(1)
  }
}
`,
  },
];

const config = resolveConfig({ presets: ['all'] });

describe.each(MODELS.map((m) => [m.name, m] as const))('%s', (_name, model) => {
  test('analyses, and no rule has anything to say', () => {
    const result = lintText(model.source, { config });
    expect(result.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.range.start.line}: ${f.message}`)).toEqual([]);
    if (model.params !== undefined) expect(result.networks[0]!.params.total).toBe(model.params);
  });
});

test('the Keras IMDB model as Keras compiles it ("adam", no clipping) is clean: adam bounds each step', () => {
  const source = MODELS[0]!.source.replace('optimizer: adam(clipnorm: 1.0)', 'optimizer: adam');
  expect(lintText(source, { config }).findings).toEqual([]);
});

test('the Keras IMDB model trained with plain sgd and no clipping gets exactly missing-gradient-clipping', () => {
  const source = MODELS[0]!.source.replace('optimizer: adam(clipnorm: 1.0)', 'optimizer: sgd');
  const findings = lintText(source, { config }).findings;
  expect(findings.map((f) => `${f.ruleId} ${f.range.start.line}`)).toEqual(['missing-gradient-clipping 12']);
  expect(findings[0]!.message).toMatch(/^lstm reads 200 steps/);
  expect(findings[0]!.fix?.edits.map((e) => e.newText)).toEqual(['sgd(clipnorm: 1.0)']);
});

test('the stacked LSTM with relu cells instead: one unbounded-recurrent-activation finding per written layer, nothing from the hidden-layer rules', () => {
  const source = MODELS[3]!.source.replaceAll('activation: tanh', 'activation: relu');
  const ids = lintText(source, { config }).findings.map((f) => `${f.ruleId} ${f.range.start.line}`);
  expect(ids).toEqual(['unbounded-recurrent-activation 5', 'unbounded-recurrent-activation 7']);
});

test('one finding per root cause: a classifier ending in an LSTM gets recurrent-output only, not the output rules as well', () => {
  const source = `network Ends {
  input [20, 3]
  task classification(classes: 3)
  layers {
    lstm(3)
    activation(softmax)
  }
  train {
    loss: categorical_crossentropy
  }
}
`;
  expect(lintText(source, { config }).findings.map((f) => `${f.ruleId}/${f.messageId} ${f.range.start.line}`)).toEqual(['recurrent-output/squashedAfter 5']);
});
