/** The editor on issue 13's vocabulary: regularizers, the new initialisers, losses and optimizers — completed, signed and documented on hover. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Hover, SignatureHelp, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient, marked, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

async function open(source: string): Promise<{ uri: string; offset: number }> {
  const { text, offset } = marked(source);
  const uri = uniqueUri('vocab13');
  await client.open(uri, text);
  return { uri, offset };
}

async function hoverAt(source: string): Promise<{ value: string; hover: Hover | null }> {
  const { uri, offset } = await open(source);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.position(uri, offset) });
  return { hover, value: hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '' };
}

async function complete(source: string): Promise<{ items: CompletionItem[]; labels: string[] }> {
  const { uri, offset } = await open(source);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: client.position(uri, offset) });
  const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  return { items, labels: items.map((i) => i.label) };
}

async function signature(source: string): Promise<SignatureHelp | null> {
  const { uri, offset } = await open(source);
  return client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: client.position(uri, offset) });
}

const net = (layer: string, train = 'optimizer: adam') => `network A {\n  input [4]\n  task classification(classes: 3)\n  layers {\n    ${layer}\n    dense(3, activation: softmax)\n  }\n  train {\n    ${train}\n  }\n}\n`;

const edit = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;

describe('kernel regularizers', () => {
  it('completes l1, l2 and l1_l2 after `kernel_regularizer:` as snippets with Keras\'s defaults', async () => {
    const { items, labels } = await complete(net('dense(16, kernel_regularizer: <|>)'));
    expect(labels).toEqual(['l1', 'l2', 'l1_l2']);
    expect(items.map(edit)).toEqual(['l1(${1:0.01})', 'l2(${1:0.01})', 'l1_l2(l1: ${1:0.01}, l2: ${2:0.01})']);
    expect((items[0]!.textEdit as TextEdit).range).toEqual({ start: { line: 4, character: 34 }, end: { line: 4, character: 34 } });
    expect(items[1]!.detail).toBe('Adds l2 × Σw² over the kernel to the loss (weight decay through the loss): keeps weights small.');
    expect(items[1]!.documentation).toMatchObject({ kind: 'markdown' });
    // conv2d and conv1d take it too
    expect((await complete(net('conv1d(8, 3, kernel_regularizer: l<|>)'))).labels).toEqual(['l1', 'l2', 'l1_l2']);
  });

  it('documents `l2(0.01)` on hover from REGULARIZER_DOCS, with its range', async () => {
    const { value, hover } = await hoverAt(net('dense(16, kernel_regularizer: l<|>2(0.01))'));
    expect(hover?.range).toEqual({ start: { line: 4, character: 34 }, end: { line: 4, character: 36 } });
    expect(value).toBe(
      [
        '```axon\nl2(l2: 0.01)\n```',
        '**l2** (regularizer): L2 penalty: adds l2 × Σw² over the kernel to the loss. Keras `L2`, default l2 0.01.',
        "Its gradient 2 × l2 × w shrinks every weight in proportion to its size (weight decay through the loss): the usual remedy for overfitting. With SGD it equals weight decay of 2 × l2 × learning_rate per step; with adam it does not (the penalty's gradient is rescaled too), which is why adamw's decoupled `weight_decay` exists.",
        '**Arguments**\n\n- `l2` (default `0.01`, positional): Penalty factor per unit of w².',
        'Example: `kernel_regularizer: l2(0.01)`',
      ].join('\n\n'),
    );
    const both = await hoverAt(net('dense(16, kernel_regularizer: l1_<|>l2(l1: 0.001))'));
    expect(both.value).toContain("**l1_l2** (regularizer): Both penalties: adds l1 × Σ|w| + l2 × Σw² over the kernel to the loss (elastic net). Defaults l1 0.01, l2 0.01.");
    const arg = await hoverAt(net('dense(16, kernel_regularizer: l1_l2(l<|>1: 0.001))'));
    expect(arg.value).toBe('**l1**: argument of `l1_l2` (default `0.01`)\n\nPenalty factor per unit of |w|.');
    const layer = await hoverAt(net('den<|>se(16, kernel_regularizer: l1_l2(l1: 0.001))'));
    expect(layer.value).toContain('\n\nKernel regularizer: `l1_l2(l1: 0.001, l2: 0.01)`, added to the training loss (summed over the kernel, not the bias).\n\n');
    expect((await hoverAt(net('den<|>se(16)'))).value).not.toContain('Kernel regularizer');
    const name = await hoverAt(net('dense(16, kernel_regu<|>larizer: l2(0.01))'));
    expect(name.value.startsWith('**kernel_regularizer**: argument of `dense` (default `none`)')).toBe(true);
  });

  it('signature help inside l2( and l1_l2(', async () => {
    const l2 = await signature(net('dense(16, kernel_regularizer: l2(<|>))'));
    expect(l2?.signatures[0]?.label).toBe('l2(l2: 0.01)');
    expect(l2?.signatures[0]?.parameters?.[0]).toEqual({ label: [3, 11], documentation: { kind: 'markdown', value: 'Penalty factor per unit of w². Default `0.01`.' } });
    expect(l2?.activeParameter).toBe(0);
    const both = await signature(net('dense(16, kernel_regularizer: l1_l2(0.01, <|>))'));
    expect(both?.signatures[0]?.label).toBe('l1_l2(l1: 0.01, l2: 0.01)');
    expect(both?.signatures[0]?.parameters?.map((p) => p.label)).toEqual([
      [6, 14],
      [16, 24],
    ]);
    expect(both?.activeParameter).toBe(1);
  });
});

describe('the new initialisers', () => {
  it('variance_scaling completes its modes and distributions, by name and by position', async () => {
    const mode = await complete(net('dense(16, init: variance_scaling(mode: <|>))'));
    expect(mode.labels).toEqual(['fan_in', 'fan_out', 'fan_avg']);
    expect(mode.items[0]!.detail).toBe('default');
    expect((await complete(net('dense(16, init: variance_scaling(2.0, distribution: <|>))'))).labels).toEqual(['truncated_normal', 'untruncated_normal', 'uniform']);
    // the second positional argument is `mode`: its values first, then the names not given
    expect((await complete(net('dense(16, init: variance_scaling(2.0, <|>))'))).labels).toEqual(['fan_in', 'fan_out', 'fan_avg', 'mode:', 'distribution:']);
    const help = await signature(net('dense(16, init: variance_scaling(2.0, mode: fan_in, <|>))'));
    expect(help?.signatures[0]?.label).toBe('variance_scaling(scale: 1, mode: fan_in, distribution: truncated_normal)');
    // after a named argument a positional one is an error, so nothing is highlighted until a name is typed
    expect(help?.activeParameter).toBe(3);
    const named = await signature(net('dense(16, init: variance_scaling(2.0, mode: fan_in, distribution: <|>))'));
    expect(named?.activeParameter).toBe(2);
  });

  it('hover on a mode names the argument and the other choices; orthogonal and random_normal show their docs', async () => {
    const fan = await hoverAt(net('dense(16, init: variance_scaling(2.0, mode: fan_<|>in))'));
    expect(fan.value).toBe(
      '**fan_in**: a `mode` of `variance_scaling`, the default (the others: `fan_out`, `fan_avg`)\n\nWhich fan divides the scale: `fan_in` (inputs), `fan_out` (outputs) or `fan_avg` (their mean).',
    );
    const dist = await hoverAt(net('dense(16, init: variance_scaling(distribution: unif<|>orm))'));
    expect(dist.value.startsWith('**uniform**: a `distribution` of `variance_scaling` (the others: `truncated_normal`, `untruncated_normal`)')).toBe(true);
    const orth = await hoverAt(net('dense(16, init: orthog<|>onal(gain: 1.0))'));
    expect(orth.value.startsWith('```axon\northogonal(gain: 1)\n```\n\n**orthogonal** (initialiser): A random orthogonal matrix')).toBe(true);
    expect(orth.value).toContain('the default for recurrent kernels (Saxe et al. 2014)');
    const normal = await hoverAt(net('dense(16, init: random_no<|>rmal(stddev: 1))'));
    expect(normal.value).toContain('**random_normal** (initialiser)');
    expect((await complete(net('dense(16, init: random_uniform(<|>))'))).labels).toEqual(['minval:', 'maxval:']);
  });
});

describe('the new losses and optimizers', () => {
  it('hover on sparse_categorical_crossentropy and adamw, signature help for adamw( and completion of nadam(', async () => {
    const loss = await hoverAt(net('dense(16)', 'loss: sparse_categorical_<|>crossentropy'));
    expect(loss.value).toContain('**sparse_categorical_crossentropy** (loss): Categorical cross-entropy on integer labels: −log p[y] for the true class y.');
    expect(loss.value).toContain('Suits: `classification`.');
    const adamw = await hoverAt(net('dense(16)', 'optimizer: adam<|>w(weight_decay: 0.004)'));
    expect(adamw.value.startsWith('```axon\nadamw(learning_rate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, clipnorm: off, clipvalue: off, weight_decay: 0.004)\n```')).toBe(true);
    expect(adamw.value).toContain('(Loshchilov & Hutter 2019)');
    const help = await signature(net('dense(16)', 'optimizer: adamw(1e-3, weight_decay: <|>)'));
    expect(help?.activeParameter).toBe(6);
    expect(help?.signatures[0]?.parameters?.[6]?.label).toEqual([100, 119]);
    expect((await complete(net('dense(16)', 'optimizer: nadam(<|>)'))).labels).toEqual(['learning_rate:', 'beta1:', 'beta2:', 'epsilon:', 'clipnorm:', 'clipvalue:', 'weight_decay:']);
    const hinge = await hoverAt(`network B {\n  input [4]\n  task binary_classification\n  layers {\n    dense(1, activation: sigmoid)\n  }\n  train {\n    loss: hin<|>ge\n  }\n}\n`);
    expect(hinge.value).toContain('Suits: `binary_classification`.');
  });
});
