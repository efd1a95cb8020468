/** The editor on sequence models (issue 12): hover, inlay shapes, completion and signature help for embedding, lstm, gru, simple_rnn, conv1d and the 1-D pools. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Hover, InlayHint, SignatureHelp } from 'vscode-languageserver-protocol';
import { TestClient, marked, uniqueUri } from './harness.js';

let client: TestClient;
beforeAll(async () => {
  client = await TestClient.start();
});
afterAll(() => client.stop());

/** The Keras "Bidirectional LSTM on IMDB" example, plus a gru and a simple_rnn network and the "text classification from scratch" convnet. */
const IMDB = `network Imdb {
  input [200]
  task binary_classification

  layers {
    embedding(20000, 128)
    lstm(64, return_sequences: true, bidirectional: true)
    lstm(64, bidirectional: true)
    dense(1, activation: sigmoid)
  }
}

network Small {
  input [30, 8]
  task regression(outputs: 1)

  layers {
    gru(16, return_sequences: true, recurrent_activation: sigmoid)
    simple_rnn(4)
    dense(1)
  }
}

network Conv {
  input [500]
  task binary_classification

  layers {
    embedding(20000, 128)
    conv1d(128, 7, stride: 3, activation: relu)
    max_pool1d(2)
    global_max_pool1d()
    dense(1, activation: sigmoid)
  }
}
`;

async function open(source: string): Promise<{ uri: string; offset: number }> {
  const { text, offset } = marked(source);
  const uri = uniqueUri('sequence');
  await client.open(uri, text);
  return { uri, offset };
}

async function hoverAt(source: string): Promise<string> {
  const { uri, offset } = await open(source);
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: client.position(uri, offset) });
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
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

const hintsOf = async (source: string): Promise<InlayHint[]> => {
  const uri = uniqueUri('sequence');
  await client.open(uri, source);
  return client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } } });
};

describe('hover on sequence layers', () => {
  it('lstm: the signature, what each gate does and why sigmoid, the Keras parameter formula, then shape and count', async () => {
    const v = await hoverAt(IMDB.replace('lstm(64, return_sequences', 'ls<|>tm(64, return_sequences'));
    expect(v.startsWith('```axon\nlstm(units, return_sequences: false, bidirectional: false, activation: tanh, recurrent_activation: sigmoid, dropout: 0, recurrent_dropout: 0, use_bias: true)\n```')).toBe(true);
    expect(v).toContain('the **forget gate** f how much of the old cell state is kept');
    expect(v).toContain('The gates use sigmoid because each must be a fraction in (0, 1)');
    expect(v).toContain('Parameters: 4 × (units × (features + units) + units)');
    expect(v).toContain(
      [
        '- Activation: `tanh` (the default), for the candidate state and the output',
        '- Gates (input, forget and output gates): `sigmoid` (`recurrent_activation`), each a fraction in (0, 1) of what passes',
        '- Bidirectional: a forward and a backward copy of 64 units each, concatenated (forward first) to 128 features',
        '- Returns every step (`return_sequences: true`)',
      ].join('\n'),
    );
    // 2 directions × 4 × (64 × (128 + 64) + 64) = 98,816, as Keras's summary
    expect(v.endsWith('`lstm` (layer 2 of 4 in `Imdb`): input `[200, 128]`, output `[200, 128]`, 98,816 params')).toBe(true);
    const second = await hoverAt(IMDB.replace('lstm(64, bidirectional', 'l<|>stm(64, bidirectional'));
    expect(second).toContain('- Returns the last step only (`return_sequences: false`)');
    expect(second.endsWith('`lstm_1` (layer 3 of 4 in `Imdb`): input `[200, 128]`, output `[128]`, 98,816 params')).toBe(true);
  });

  it('gru and simple_rnn: their gates (or none) and the hand-counted parameters', async () => {
    const gru = await hoverAt(IMDB.replace('gru(16', 'g<|>ru(16'));
    expect(gru).toContain('the **reset gate** r decides how much of the previous state the candidate sees');
    expect(gru).toContain('- Gates (update and reset gates): `sigmoid` (`recurrent_activation`)');
    expect(gru).not.toContain('Bidirectional:');
    // 3 × (16 × (8 + 16) + 2 × 16) = 1,248 (reset_after: two biases)
    expect(gru.endsWith('`gru` (layer 1 of 3 in `Small`): input `[30, 8]`, output `[30, 16]`, 1,248 params')).toBe(true);
    const rnn = await hoverAt(IMDB.replace('simple_rnn(4)', 'simple_r<|>nn(4)'));
    expect(rnn.startsWith('```axon\nsimple_rnn(units, return_sequences: false, bidirectional: false, activation: tanh, dropout: 0, recurrent_dropout: 0, use_bias: true)\n```')).toBe(true);
    expect(rnn).toContain('- Activation: `tanh` (the default), for the state fed back at every step, which is also the output\n- No gates: the state is fed back through the activation alone');
    // 4 × (16 + 4) + 4 = 84
    expect(rnn.endsWith('`simple_rnn` (layer 2 of 3 in `Small`): input `[30, 16]`, output `[4]`, 84 params')).toBe(true);
  });

  it('embedding, conv1d and the 1-D pools: docs with shape and count', async () => {
    const emb = await hoverAt(IMDB.replace('embedding(20000, 128)\n    lstm', 'embed<|>ding(20000, 128)\n    lstm'));
    expect(emb.startsWith('```axon\nembedding(input_dim, output_dim)\n```\n\n**embedding** (layer): Looks up a learned vector for each token id')).toBe(true);
    expect(emb).toContain('Parameters: input_dim × output_dim (one row per id; no bias).');
    expect(emb.endsWith('`embedding` (layer 1 of 4 in `Imdb`): input `[200]`, output `[200, 128]`, 2,560,000 params')).toBe(true);
    const conv = await hoverAt(IMDB.replace('conv1d(', 'conv<|>1d('));
    expect(conv).toContain("Output `[steps', filters]` with steps' = floor((steps − kernel) / stride) + 1 (`valid`)");
    // 7 × 128 × 128 + 128 = 114,816; floor((500 − 7) / 3) + 1 = 165
    expect(conv.endsWith('`conv1d` (layer 2 of 5 in `Conv`): input `[500, 128]`, output `[165, 128]`, 114,816 params')).toBe(true);
    const pool = await hoverAt(IMDB.replace('max_pool1d(2)', 'max_po<|>ol1d(2)'));
    expect(pool.startsWith('```axon\nmax_pool1d(pool: 2, stride: the pool size, padding: valid)\n```')).toBe(true);
    expect(pool.endsWith('`max_pool1d` (layer 3 of 5 in `Conv`): input `[165, 128]`, output `[82, 128]`, 0 params')).toBe(true);
    const global = await hoverAt(IMDB.replace('global_max_pool1d()', 'global_max<|>_pool1d()'));
    expect(global.endsWith('`global_max_pool1d` (layer 4 of 5 in `Conv`): input `[82, 128]`, output `[128]`, 0 params')).toBe(true);
  });

  it('`recurrent_activation: sigmoid` is the gates\' activation, not a hidden sigmoid layer; `activation: relu` on an lstm warns', async () => {
    const v = await hoverAt(IMDB.replace('recurrent_activation: sigmoid', 'recurrent_activation: sig<|>moid'));
    expect(v.startsWith('**As `recurrent_activation` of `gru`**: `sigmoid` is the activation of the update and reset gates, not of a hidden layer.')).toBe(true);
    expect(v).toContain('which is why the gates use sigmoid; the warnings below about sigmoid hidden layers (saturation, vanishing gradients in deep stacks) do not apply here.');
    // then sigmoid's own documentation
    expect(v).toContain('**sigmoid** (activation): The logistic curve');
    const relu = await hoverAt(IMDB.replace('lstm(64, bidirectional: true)', 'lstm(64, bidirectional: true, activation: re<|>lu)'));
    expect(relu.startsWith('**As `activation` of `lstm`**: `relu` shapes the candidate state and the output; the gates use `recurrent_activation`. An unbounded relu here lets the recurrent state grow without limit over the steps.')).toBe(true);
    // a plain dense sigmoid gets no such note
    const dense = await hoverAt(IMDB.replace('dense(1, activation: sigmoid)', 'dense(1, activation: sig<|>moid)'));
    expect(dense.startsWith('```axon\nsigmoid\n```')).toBe(true);
  });

  it('hovering the argument name `recurrent_activation` explains it', async () => {
    const v = await hoverAt(IMDB.replace('recurrent_activation: sigmoid', 'recurrent_activ<|>ation: sigmoid'));
    expect(v).toBe("**recurrent_activation**: argument of `gru` (default `sigmoid`)\n\nThe gates' activation: sigmoid gives each gate a fraction in (0, 1) of what it lets through.");
  });
});

describe('inlay hints on sequence layers', () => {
  it('shows [steps, features] shapes, bidirectional outputs as 2 × units, and Keras\'s totals', async () => {
    const hints = await hintsOf(IMDB);
    const at = (line: number) => hints.filter((h) => h.position.line === line).map((h) => h.label);
    expect(at(0)).toEqual(['[200] → [1] · 4 layers · 2,757,761 params']); // the Keras IMDB example's figure
    expect(at(5)).toEqual(['→ [200, 128] · 2,560,000 params']);
    expect(at(6)).toEqual(['→ [200, 128] (2 × 64) · 98,816 params']);
    expect(at(7)).toEqual(['→ [128] (2 × 64) · 98,816 params']);
    expect(at(17)).toEqual(['→ [30, 16] · 1,248 params']);
    expect(at(18)).toEqual(['→ [4] · 84 params']);
    expect(at(29)).toEqual(['→ [165, 128] · 114,816 params']);
    expect(at(30)).toEqual(['→ [82, 128] · 0 params']);
    expect(at(31)).toEqual(['→ [128] · 0 params']);
    expect(hints.find((h) => h.position.line === 6)!.position.character).toBe(57);
  });
});

describe('completion and signature help for sequence layers', () => {
  it('offers the layers that read the shape reaching the cursor first: after a [steps, features] output the sequence kinds', async () => {
    const sequenceFirst = ['lstm', 'gru', 'simple_rnn', 'conv1d', 'max_pool1d', 'avg_pool1d', 'global_avg_pool1d', 'global_max_pool1d', 'dense', 'dropout', 'batch_norm', 'activation', 'flatten', 'conv2d'];
    // after gru(16, return_sequences: true): [30, 16]
    const { labels, items } = await complete(IMDB.replace('    simple_rnn(4)', '    <|>\n    simple_rnn(4)'));
    expect(labels.slice(0, sequenceFirst.length)).toEqual(sequenceFirst);
    const edit = (label: string) => (items.find((i) => i.label === label)!.textEdit as { newText: string }).newText;
    expect(edit('lstm')).toBe('lstm(${1:units})');
    expect(edit('embedding')).toBe('embedding(${1:input_dim}, ${2:output_dim})');
    expect(edit('conv1d')).toBe('conv1d(${1:filters}, ${2:kernel})');
    // after embedding(20000, 128): [200, 128]
    expect((await complete(IMDB.replace('    lstm(64, return_sequences', '    <|>\n    lstm(64, return_sequences'))).labels.slice(0, 3)).toEqual(['lstm', 'gru', 'simple_rnn']);
    // after lstm(64, bidirectional: true), the last step only: [128], catalog order again
    const flat = (await complete(IMDB.replace('    dense(1, activation: sigmoid)\n  }\n}\n\nnetwork Small', '    <|>\n    dense(1, activation: sigmoid)\n  }\n}\n\nnetwork Small'))).labels;
    expect(flat.slice(0, 3)).toEqual(['dense', 'dropout', 'batch_norm']);
    expect(flat.slice(11, 20)).toEqual(['embedding', 'lstm', 'gru', 'simple_rnn', 'conv1d', 'max_pool1d', 'avg_pool1d', 'global_avg_pool1d', 'global_max_pool1d']);
    // a [h, w, c] input: conv2d and the 2-D pools first
    const image = (await complete('network I {\n  input [28, 28, 1]\n  layers {\n    <|>\n  }\n}\n')).labels;
    expect(image.slice(0, 6)).toEqual(['conv2d', 'max_pool2d', 'avg_pool2d', 'global_avg_pool2d', 'global_max_pool2d', 'zero_padding2d']);
    // a block used before the cursor counts at its use: seq() makes [steps, 8]
    const viaBlock = (await complete('network S {\n  input [10, 4]\n  layers {\n    seq()\n    <|>\n  }\n}\n\nblock seq() {\n  lstm(8, return_sequences: true)\n}\n')).labels;
    expect(viaBlock[0]).toBe('lstm');
    const afterFlat = (await complete('network S {\n  input [10, 4]\n  layers {\n    last()\n    <|>\n  }\n}\n\nblock last() {\n  lstm(8)\n}\n')).labels;
    expect(afterFlat[0]).toBe('dense');
  });

  it('offers lstm\'s arguments and their values', async () => {
    const names = await complete(IMDB.replace('lstm(64, bidirectional: true)', 'lstm(64, bidirectional: true, <|>)'));
    expect(names.labels).toEqual(['return_sequences:', 'activation:', 'recurrent_activation:', 'dropout:', 'recurrent_dropout:', 'use_bias:']);
    expect(names.items.find((i) => i.label === 'recurrent_activation:')!.detail).toBe('default sigmoid');
    expect((await complete(IMDB.replace('lstm(64, bidirectional: true)', 'lstm(64, return_sequences: <|>)'))).labels).toEqual(['true', 'false']);
    expect((await complete(IMDB.replace('simple_rnn(4)', 'simple_rnn(4, <|>)'))).labels).not.toContain('recurrent_activation:');
  });

  it('signature help for lstm( shows every argument with its default, the active one by position and by name', async () => {
    const help = await signature(IMDB.replace('lstm(64, bidirectional: true)', 'lstm(<|>64, bidirectional: true)'));
    const label = 'lstm(units, return_sequences: false, bidirectional: false, activation: tanh, recurrent_activation: sigmoid, dropout: 0, recurrent_dropout: 0, use_bias: true)';
    expect(help?.signatures[0]?.label).toBe(label);
    expect(help?.activeParameter).toBe(0);
    const params = help!.signatures[0]!.parameters!.map((p) => label.slice(...(p.label as [number, number])));
    expect(params).toEqual(['units', 'return_sequences: false', 'bidirectional: false', 'activation: tanh', 'recurrent_activation: sigmoid', 'dropout: 0', 'recurrent_dropout: 0', 'use_bias: true']);
    const named = await signature(IMDB.replace('lstm(64, bidirectional: true)', 'lstm(64, recurrent_dropout: <|>)'));
    expect(named?.activeParameter).toBe(6);
    expect(named?.signatures[0]?.parameters?.[6]?.documentation).toEqual({ kind: 'markdown', value: 'Fraction of the recurrent state dropped while training (one mask per sample), in [0, 1). Default `0`.' });
  });

  it('offers the text data keys', async () => {
    const { labels, items } = await complete('network A {\n  data {\n    source: "reviews.csv"\n    <|>\n  }\n}\n');
    expect(labels).toEqual(['target', 'features', 'validation_split', 'standardize', 'standardize_target', 'text', 'vocabulary']);
    expect(items.find((i) => i.label === 'text')!.documentation).toMatchObject({ kind: 'markdown' });
  });
});
