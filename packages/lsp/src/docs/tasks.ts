import type { EntryDoc } from './types.js';

export interface TaskDoc extends EntryDoc {
  /** The output layer the linter expects, in words. */
  output: string;
  defaultLoss: string;
}

export const taskDocs: TaskDoc[] = [
  {
    name: 'regression',
    summary: 'Predict one or more continuous values.',
    output: '`outputs` units with no activation (linear).',
    defaultLoss: 'mse',
    example: 'task regression(outputs: 1)',
  },
  {
    name: 'binary_classification',
    summary: 'Pick one of two classes.',
    output: '1 unit with sigmoid (or 2 units with softmax).',
    defaultLoss: 'binary_crossentropy',
    example: 'task binary_classification',
  },
  {
    name: 'classification',
    summary: 'Pick exactly one class of N.',
    output: '`classes` units with softmax.',
    defaultLoss: 'categorical_crossentropy',
    example: 'task classification(classes: 3)',
  },
  {
    name: 'multilabel',
    summary: 'Say yes or no to each of N labels independently (several may hold at once).',
    output: '`labels` units with sigmoid (not softmax: labels do not compete).',
    defaultLoss: 'binary_crossentropy',
    example: 'task multilabel(labels: 5)',
  },
];
