import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, SignatureHelp, TextEdit } from 'vscode-languageserver-protocol';
import { LOSSES, OPTIMIZERS } from '@axon/language';
import { IRIS } from './fixtures.js';
import { TestClient, marked, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

async function complete(source: string): Promise<{ items: CompletionItem[]; labels: string[] }> {
  const { text, offset } = marked(source);
  const uri = uniqueUri('completion');
  await client.open(uri, text);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: client.position(uri, offset) });
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { items, labels: items.map((i) => i.label) };
}

async function signature(source: string): Promise<SignatureHelp | null> {
  const { text, offset } = marked(source);
  const uri = uniqueUri('signature');
  await client.open(uri, text);
  return client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: client.position(uri, offset) });
}

const inLayers = (line: string) => `network A {\n  input [4]\n  task classification(classes: 3)\n  layers {\n    ${line}\n  }\n}\n\nblock res(width, depth) {\n  dense(width)\n}\n`;

describe('completion', () => {
  it('offers layer kinds, blocks and repeat at the start of a layer statement', async () => {
    const { labels, items } = await complete(inLayers('<|>'));
    expect(labels).toEqual(['dense', 'dropout', 'batch_norm', 'activation', 'flatten', 'conv2d', 'max_pool2d', 'avg_pool2d', 'global_avg_pool2d', 'global_max_pool2d', 'zero_padding2d', 'embedding', 'lstm', 'gru', 'simple_rnn', 'conv1d', 'max_pool1d', 'avg_pool1d', 'global_avg_pool1d', 'global_max_pool1d', 'res', 'repeat', 'residual', 'parallel']);
    const dense = items.find((i) => i.label === 'dense')!;
    expect((dense.textEdit as TextEdit).newText).toBe('dense(${1:units})');
    expect((items.find((i) => i.label === 'res')!.textEdit as TextEdit).newText).toBe('res(${1:width}, ${2:depth})');
  });

  it('replaces the word being typed', async () => {
    const { items } = await complete(inLayers('dro<|>'));
    expect((items.find((i) => i.label === 'dropout')!.textEdit as TextEdit).range).toEqual({ start: { line: 4, character: 4 }, end: { line: 4, character: 7 } });
  });

  it('offers activations after `activation:`', async () => {
    const { labels } = await complete(inLayers('dense(16, activation: <|>)'));
    expect(labels).toEqual(['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu']);
  });

  it('offers initialisers after `init:` and `bias_init:`', async () => {
    const expected = ['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal', 'zeros', 'ones', 'constant', 'random_uniform', 'random_normal', 'truncated_normal', 'orthogonal', 'variance_scaling'];
    expect((await complete(inLayers('dense(16, init: he<|>)'))).labels).toEqual(expected);
    const bias = await complete(inLayers('dense(16, bias_init: <|>)'));
    expect(bias.labels).toEqual(expected);
    expect((bias.items.find((i) => i.label === 'constant')!.textEdit as TextEdit).newText).toBe('constant(value: ${1})');
  });

  it('offers the argument names of a call that are not given yet, by name or by position', async () => {
    const { labels } = await complete(inLayers('dense(16, init: he_normal, <|>)'));
    expect(labels).toEqual(['activation:', 'bias_init:', 'use_bias:', 'kernel_regularizer:']);
    expect((await complete(inLayers('dense(<|>)'))).labels).toEqual(['units:', 'activation:', 'init:', 'bias_init:', 'use_bias:', 'kernel_regularizer:']);
    expect((await complete(inLayers('conv2d(8, kernel: 3, <|>)'))).labels).toEqual(['stride:', 'padding:', 'activation:', 'init:', 'bias_init:', 'use_bias:', 'kernel_regularizer:']);
    expect((await complete(inLayers('res(<|>)'))).labels).toEqual(['width:', 'depth:']);
    expect((await complete(inLayers('res(4, <|>)'))).labels).toEqual(['depth:']);
  });

  it('offers activations first for the positional argument of `activation(…)`', async () => {
    const { labels } = await complete(inLayers('activation(<|>)'));
    expect(labels).toEqual(['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu', 'fn:']);
  });

  it('offers argument names of a nested activation call', async () => {
    expect((await complete(inLayers('dense(16, activation: elu(<|>))'))).labels).toEqual(['alpha:']);
  });

  it('offers padding values, task kinds and network members', async () => {
    expect((await complete(inLayers('conv2d(8, kernel: 3, padding: <|>)'))).labels).toEqual(['valid', 'same']);
    expect((await complete('network A {\n  task <|>\n}\n')).labels).toEqual(['regression', 'binary_classification', 'classification', 'multilabel']);
    expect((await complete('network A {\n  <|>\n}\n')).labels).toEqual(['input', 'task', 'layers', 'train', 'data']);
    expect((await complete('network A {\n  input [4]\n  <|>\n  layers {\n  }\n}\n')).labels).toEqual(['task', 'train', 'data']);
  });

  it('offers losses suited to the task first', async () => {
    const binary = await complete('network A {\n  task binary_classification\n  train {\n    loss: <|>\n  }\n}\n');
    // suited (bce, hinge), then the other cross-entropies, then the regression losses
    expect(binary.labels).toEqual(['binary_crossentropy', 'hinge', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence', 'mse', 'mae', 'huber', 'log_cosh', 'poisson']);
    expect(binary.items[1]!.detail?.startsWith('suits binary_classification')).toBe(true);
    expect(binary.items[2]!.detail?.startsWith('suits')).toBe(false);
    expect(binary.items[0]!.detail?.startsWith('suits binary_classification')).toBe(true);
    const regression = await complete('network A {\n  task regression(outputs: 1)\n  train {\n    loss: <|>\n  }\n}\n');
    expect(regression.labels).toEqual(['mse', 'mae', 'huber', 'log_cosh', 'poisson', 'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence', 'hinge']);
    const classification = await complete('network A {\n  task classification(classes: 4)\n  train {\n    loss: <|>\n  }\n}\n');
    // sparse categorical right after categorical; bce and hinge before the regression losses
    expect(classification.labels).toEqual(['categorical_crossentropy', 'sparse_categorical_crossentropy', 'kl_divergence', 'binary_crossentropy', 'hinge', 'mse', 'mae', 'huber', 'log_cosh', 'poisson']);
    expect(classification.items[1]!.detail).toBe('suits classification: Categorical cross-entropy on integer class labels (no one-hot); for classification (softmax output).');
  });

  it('offers optimizers, train keys not yet given and data keys', async () => {
    expect((await complete('network A {\n  train {\n    optimizer: <|>\n  }\n}\n')).labels).toEqual(['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamw', 'nadam']);
    expect((await complete('network A {\n  train {\n    epochs: 10\n    <|>\n  }\n}\n')).labels).toEqual(['loss', 'optimizer', 'batch_size', 'seed', 'early_stopping']);
    expect((await complete('network A {\n  data {\n    <|>\n  }\n}\n')).labels).toEqual(['source', 'target', 'features', 'validation_split', 'standardize', 'standardize_target', 'text', 'vocabulary']);
    expect((await complete('network A {\n  data {\n    standardize: <|>\n  }\n}\n')).labels).toEqual(['true', 'false']);
  });

  it('reads a value\'s type from the catalog (ArgSpec.type, the setting\'s type), not from its key\'s name', async () => {
    const train = (line: string) => `network A {\n  task binary_classification\n  train {\n    ${line}\n  }\n}\n`;
    // every bool argument of a loss or optimizer offers true/false; every number argument nothing
    for (const [table, key] of [[LOSSES, 'loss'], [OPTIMIZERS, 'optimizer']] as const) {
      for (const sig of Object.values(table) as { name: string; args: { name: string; type: string }[] }[]) {
        for (const a of sig.args) {
          const { labels } = await complete(train(`${key}: ${sig.name}(${a.name}: <|>)`));
          expect({ at: `${sig.name}(${a.name}:`, labels }).toEqual({ at: `${sig.name}(${a.name}:`, labels: a.type === 'bool' ? ['true', 'false'] : [] });
        }
      }
    }
    // `fn` is an activation for `activation(…)`, not a word that means "activation" everywhere
    expect((await complete(inLayers('activation(fn: <|>)'))).labels).toEqual(['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'leaky_relu', 'prelu', 'elu', 'selu']);
    expect((await complete(inLayers('dense(16, fn: <|>)'))).labels).toEqual([]);
    // settings: by the section's table
    expect((await complete(train('seed: <|>'))).labels).toEqual([]);
    expect((await complete('network A {\n  data {\n    validation_split: <|>\n  }\n}\n')).labels).toEqual([]);
    expect((await complete('network A {\n  data {\n    loss: <|>\n  }\n}\n')).labels).toEqual([]);
  });

  it('offers early_stopping as a snippet and its arguments inside the call', async () => {
    const keys = await complete('network A {\n  train {\n    <|>\n  }\n}\n');
    expect((keys.items.find((i) => i.label === 'early_stopping')!.textEdit as TextEdit).newText).toBe('early_stopping(patience: ${1:10})');
    expect((await complete('network A {\n  train {\n    early_stopping(patience: 3, <|>)\n  }\n}\n')).labels).toEqual(['min_delta:']);
  });

  it('offers network and block snippets at the top level, nothing in comments', async () => {
    const top = await complete('<|>');
    expect(top.labels).toEqual(['block', 'network']);
    expect((top.items.find((i) => i.label === 'network')!.textEdit as TextEdit).newText.startsWith('network ${1:Name} {\n\tinput [${2:4}]')).toBe(true);
    expect((await complete('// dense<|>\n')).labels).toEqual([]);
  });
});

describe('signature help', () => {
  it('shows the layer signature with the active parameter by position and by name', async () => {
    const first = await signature(inLayers('dense(<|>)'));
    expect(first?.signatures[0]?.label).toBe('dense(units, activation: linear, init: glorot_uniform, bias_init: zeros, use_bias: true, kernel_regularizer: none)');
    expect(first?.activeParameter).toBe(0);
    expect(first?.signatures[0]?.parameters?.[0]?.label).toEqual([6, 11]);
    const named = await signature(inLayers('dense(16, init: <|>)'));
    expect(named?.activeParameter).toBe(2);
    const next = await signature(inLayers('dense(16, <|>)'));
    expect(next?.activeParameter).toBe(6); // no second positional argument: nothing highlighted
  });

  it('shows block signatures', async () => {
    const help = await signature(inLayers('res(8, <|>)'));
    expect(help?.signatures[0]?.label).toBe('res(width, depth)');
    expect(help?.signatures[0]?.parameters?.map((p) => p.label)).toEqual([
      [4, 9],
      [11, 16],
    ]);
    expect(help?.activeParameter).toBe(1);
  });

  it('shows the innermost call and nothing outside calls', async () => {
    const help = await signature(IRIS.replace('leaky_relu(alpha: 0.01)', 'leaky_relu(alpha: 0.0<|>1)'));
    expect(help?.signatures[0]?.label).toBe('leaky_relu(alpha: 0.01)');
    expect(help?.activeParameter).toBe(0);
    expect(await signature(inLayers('dense(16)<|>'))).toBeNull();
  });
});
