/**
 * Every task kind. Its default loss comes from the catalog (`TASKS[…].defaultLoss`).
 */
import type { TaskName } from '../catalog.js';
import type { TaskDoc } from './types.js';

export const TASK_DOCS: Record<TaskName, TaskDoc> = {
  regression: {
    summary: 'Predict one or more continuous values.',
    output: '`outputs` units with no activation (linear).',
    example: 'task regression(outputs: 1)',
  },
  binary_classification: {
    summary: 'Pick one of two classes.',
    output: '1 unit with sigmoid (or 2 units with softmax).',
    example: 'task binary_classification',
  },
  classification: {
    summary: 'Pick exactly one class of N.',
    output: '`classes` units with softmax.',
    example: 'task classification(classes: 3)',
  },
  multilabel: {
    summary: 'Say yes or no to each of N labels independently (several may hold at once).',
    output: '`labels` units with sigmoid (not softmax: labels do not compete).',
    example: 'task multilabel(labels: 5)',
  },
};
