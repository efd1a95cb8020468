import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { DEEP, IRIS } from './fixtures.js';
import { TestClient, marked, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

/** Hover at the `<|>` marker. */
async function hoverAt(source: string): Promise<{ hover: Hover | null; text: string }> {
  const { text, offset } = marked(source);
  const uri = uniqueUri('hover');
  await client.open(uri, text);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.position(uri, offset) });
  return { hover, text };
}

const value = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('hover on activations', () => {
  it('leaky_relu: formula, range, derivative, where it fits and hurts, Keras/PyTorch defaults — exact text and range', async () => {
    const { hover } = await hoverAt(IRIS.replace('leaky_relu(alpha', 'leaky_<|>relu(alpha'));
    expect(hover?.range).toEqual({ start: { line: 7, character: 26 }, end: { line: 7, character: 36 } });
    expect(value(hover)).toBe(
      [
        '```axon\nleaky_relu(alpha: 0.01)\n```',
        '**leaky_relu** (activation): ReLU with a small fixed slope for negative inputs, so units never die.',
        "- Formula: `f(x) = x for x > 0, alpha · x otherwise`\n- Output range: (−∞, ∞)\n- Derivative: `f'(x) = 1 for x > 0, alpha otherwise`",
        '**Where it fits.** Where plain ReLU units die or training drags: the negative side keeps a gradient, which also tends to speed training up a little.',
        '**Where it hurts.** Little in practice; alpha is one more hyper-parameter, and the frameworks disagree on its default.',
        '**Keras / PyTorch.** Keras `LeakyReLU` layer: slope 0.3 (`negative_slope`, formerly `alpha`); PyTorch `nn.LeakyReLU`: `negative_slope=0.01`. Axon defaults to 0.01, like PyTorch.',
        '**Arguments**\n\n- `alpha` (default `0.01`, positional): Slope for negative inputs.',
      ].join('\n\n'),
    );
  });

  it('prelu, elu and selu show the frameworks\' defaults and constants', async () => {
    const prelu = value((await hoverAt('network A {\n input [4]\n layers {\n  dense(4, activation: pre<|>lu)\n }\n}\n')).hover);
    expect(prelu).toContain('Keras `PReLU`: `alpha_initializer="zeros"` (slope starts at 0); PyTorch `nn.PReLU`: `init=0.25`');
    const elu = value((await hoverAt('network A {\n input [4]\n layers {\n  dense(4, activation: <|>elu)\n }\n}\n')).hover);
    expect(elu).toContain('Keras `elu` / `ELU`: `alpha=1.0`; PyTorch `nn.ELU`: `alpha=1.0`.');
    expect(elu).toContain("- Derivative: `f'(x) = 1 for x > 0, f(x) + alpha otherwise`");
    const selu = value((await hoverAt('network A {\n input [4]\n layers {\n  dense(4, activation: selu<|>, init: lecun_normal)\n }\n}\n')).hover);
    expect(selu).toContain('alpha = 1.6732632423543772, scale = 1.0507009873554805');
    expect(selu).toContain('**Where it hurts.** It only self-normalises under its conditions');
  });

  it('sigmoid says it saturates and suits a binary output', async () => {
    const { hover } = await hoverAt(DEEP.replace('dense(32, activation: sigmoid)', 'dense(32, activation: sig<|>moid)'));
    expect(value(hover)).toContain("- Output range: (0, 1)\n- Derivative: `σ'(x) = σ(x) · (1 − σ(x)), at most 0.25 (at x = 0)`");
    expect(value(hover)).toContain('(vanishing gradients)');
    expect(hover?.range).toEqual({ start: { line: 5, character: 26 }, end: { line: 5, character: 33 } });
  });
});

describe('hover on layers', () => {
  it('a top-level layer: signature, docs, activation, shape and parameter count', async () => {
    const { hover } = await hoverAt(IRIS.replace('dense(16, activation: relu)', 'de<|>nse(16, activation: relu)'));
    const v = value(hover);
    expect(v.startsWith('```axon\ndense(units, activation: linear, init: glorot_uniform, bias_init: zeros, use_bias: true, kernel_regularizer: none)\n```')).toBe(true);
    expect(v).toContain('Activation: `relu`');
    expect(v.endsWith('`dense` (layer 1 of 8 in `Iris`): input `[4]`, output `[16]`, 80 params')).toBe(true);
    expect(hover?.range).toEqual({ start: { line: 6, character: 4 }, end: { line: 6, character: 9 } });
  });

  it('a layer inside a repeat says how it expands', async () => {
    const { hover } = await hoverAt(DEEP.replace('    dense(32, activation: sigmoid)\n    }', '    de<|>nse(32, activation: sigmoid)\n    }'));
    const v = value(hover);
    expect(v).toContain('Expands 18× in `Deep` from `repeat 18` at line 7: layers 2–19 of 20.');
    expect(v).toContain('each: input `[32]`, output `[32]`, 1,056 params');
  });

  it('a layer inside a block used in a repeat lists its expansions', async () => {
    const { hover } = await hoverAt(IRIS.replace('  batch_norm()', '  batch_<|>norm()'));
    const v = value(hover);
    expect(v).toContain('Expands 2× in `Iris` from `repeat 2` at line 10 › block `elu_block` used at line 11: layers 5, 7 of 8.');
    expect(v).toContain('each: input `[32]`, output `[32]`, 128 params (64 trainable, 64 non-trainable)');
  });

  it('the repeat keyword says which layers it produced', async () => {
    const { hover } = await hoverAt(DEEP.replace('repeat 18', 'rep<|>eat 18'));
    expect(value(hover)).toBe('**repeat 18**: the statement inside, 18 times over.\n\nIn `Deep`: 18 layers, layers 2–19 of 20, 19,008 params');
    expect(hover?.range).toEqual({ start: { line: 6, character: 4 }, end: { line: 6, character: 10 } });
  });

  it('a layer with no activation says it is linear', async () => {
    const { hover } = await hoverAt('network A {\n  input [4]\n  layers {\n    den<|>se(8)\n  }\n}\n');
    expect(value(hover)).toContain('No `activation:`, so this layer is **linear** (f(x) = x).');
    expect(value(hover)).toContain('`dense` (layer 1 of 1 in `A`): input `[4]`, output `[8]`, 40 params');
  });

  it('a block use shows the layers it expands into', async () => {
    const { hover } = await hoverAt(IRIS.replace('elu_block(32)', 'elu_<|>block(32)'));
    expect(value(hover)).toBe(
      [
        '```axon\nblock elu_block(width)\n```',
        '**block elu_block**: 2 statements, defined at line 23',
        'Used at line 11.',
        'Expands 2×, to:\n- In `Iris`, layers 4–5 (`dense_2`, `batch_norm`): input `[16]` → output `[32]`, 672 params\n- In `Iris`, layers 6–7 (`dense_3`, `batch_norm_1`): input `[32]` → output `[32]`, 1,184 params',
      ].join('\n\n'),
    );
  });
});

describe('hover on other names', () => {
  it('loss, optimizer, initialiser, task, setting, network and block parameter', async () => {
    const loss = value((await hoverAt(IRIS.replace('loss: categorical_crossentropy', 'loss: categorical_<|>crossentropy'))).hover);
    expect(loss).toContain('**categorical_crossentropy** (loss)');
    expect(loss).toContain('Suits: `classification`.');
    const opt = value((await hoverAt(IRIS.replace('adam(', 'ad<|>am('))).hover);
    expect(opt).toContain('```axon\nadam(learning_rate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, clipnorm: off, clipvalue: off, weight_decay: off)\n```');
    const init = value((await hoverAt(IRIS.replace('he_normal', 'he_<|>normal'))).hover);
    expect(init).toBe('```axon\nhe_normal\n```\n\n**he_normal** (initialiser): He (Kaiming) normal: truncated normal with σ = √(2 / fan_in).\n\nThe usual choice for relu, leaky_relu, prelu and elu layers.');
    const task = value((await hoverAt(IRIS.replace('task classification', 'task classi<|>fication'))).hover);
    expect(task).toContain('Output layer: `classes` units with softmax. Default loss: `categorical_crossentropy`.');
    const epochs = value((await hoverAt(IRIS.replace('epochs:', 'epo<|>chs:'))).hover);
    expect(epochs).toBe('**epochs** (`train` setting): Passes over the training data.\n\nDefault: `100`.');
    const net = value((await hoverAt(IRIS.replace('network Iris', 'network Ir<|>is'))).hover);
    expect(net).toBe('**network Iris**\n\ninput `[4]` → output `[3]`, 8 layers\n\n2,307 params (2,179 trainable, 128 non-trainable)');
    const param = value((await hoverAt(IRIS.replace('dense(width', 'dense(wid<|>th'))).hover);
    expect(param).toBe('**width**: parameter 1 of block `elu_block`\n\n- `32` at line 11');
  });

  it('early_stopping, a call used as a train setting', async () => {
    const { hover } = await hoverAt(IRIS.replace('    epochs: 200', '    epochs: 200\n    early_<|>stopping(patience: 10)'));
    expect(value(hover)).toBe(
      '```axon\nearly_stopping(patience, min_delta: 0)\n```\n\n**early_stopping** (train setting): Stop when the validation loss has not improved for `patience` epochs (the best weights are kept).',
    );
  });

  it('an argument name: what it is and its default', async () => {
    const { hover } = await hoverAt(IRIS.replace('dense(16, activation: relu)', 'dense(16, activ<|>ation: relu)'));
    expect(value(hover)).toBe('**activation**: argument of `dense` (default `linear`)\n\nThe activation applied to the output; linear (none) when not written.');
    expect(hover?.range).toEqual({ start: { line: 6, character: 14 }, end: { line: 6, character: 24 } });
    const alpha = value((await hoverAt(IRIS.replace('leaky_relu(alpha', 'leaky_relu(al<|>pha'))).hover);
    expect(alpha).toBe('**alpha**: argument of `leaky_relu` (default `0.01`)\n\nSlope for negative inputs.');
  });

  it('returns null on punctuation, numbers and unknown names, and never fails on a broken document', async () => {
    expect((await hoverAt(IRIS.replace('dense(16,', 'dense(<|>16,'))).hover).toBeNull();
    expect((await hoverAt('network A {\n layers {\n  frobnicate<|>(3)\n')).hover).toBeNull();
    expect((await hoverAt('}}} ((( <|> ]]]')).hover).toBeNull();
  });
});
