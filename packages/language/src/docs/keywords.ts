/** The reserved words that open a declaration or a section (`true`/`false` are values, not documented here). */
import type { KEYWORDS } from '../index.js';

export type DocumentedKeyword = Exclude<(typeof KEYWORDS)[number], 'true' | 'false'>;

export const KEYWORD_DOCS: Record<DocumentedKeyword, string> = {
  network: '**network** `Name { … }`: one model: its input, task, layers, training and data.',
  block: '**block** `name(params) { … }`: a reusable group of layers, used by name inside `layers` or another block.',
  repeat: '**repeat** `N { … }`: the layers inside, N times over.',
  residual: '**residual** `{ … } shortcut { … }`: a skip connection: the body and the shortcut (the identity when left out) read the same tensor and are added.',
  shortcut: '**shortcut** `{ … }`: after a residual\'s body, the path the input takes around it (a projection such as `conv2d(64, kernel: 1, stride: 2)`).',
  parallel: '**parallel** `(merge: concat) { branch { … } … }`: branches that read the same tensor, joined by `concat` (default), `add`, `multiply`, `average` or `maximum`.',
  branch: '**branch** `{ … }`: one path of a `parallel`; an empty branch passes its input through.',
  layers: '**layers** `{ … }`: the layer stack, in order.',
  input: '**input** `[d1, …]`: the shape of one sample, without the batch axis.',
  task: '**task**: what the network predicts: `regression(outputs: N)`, `binary_classification`, `classification(classes: N)` or `multilabel(labels: N)`.',
  train: '**train** `{ … }`: loss, optimizer, epochs, batch size, seed, early stopping.',
  data: '**data** `{ … }`: the CSV source, target column, features, validation split, standardisation.',
};
