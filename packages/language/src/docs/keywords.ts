/** The reserved words that open a declaration or a section (`true`/`false` are values, not documented here). */
import type { KEYWORDS } from '../index.js';

export type DocumentedKeyword = Exclude<(typeof KEYWORDS)[number], 'true' | 'false'>;

export const KEYWORD_DOCS: Record<DocumentedKeyword, string> = {
  network: '**network** `Name { … }`: one model: its input, task, layers, training and data.',
  block: '**block** `name(params) { … }`: a reusable group of layers, used by name inside `layers` or another block.',
  repeat: '**repeat** `N { … }`: the layers inside, N times over.',
  layers: '**layers** `{ … }`: the layer stack, in order.',
  input: '**input** `[d1, …]`: the shape of one sample, without the batch axis.',
  task: '**task**: what the network predicts: `regression(outputs: N)`, `binary_classification`, `classification(classes: N)` or `multilabel(labels: N)`.',
  train: '**train** `{ … }`: loss, optimizer, epochs, batch size, seed, early stopping.',
  data: '**data** `{ … }`: the CSV source, target column, features, validation split, standardisation.',
};
