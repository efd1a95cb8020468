import type { Task } from './network.js';

/** A task as it is written in Axon source: `classification(classes: 3)`, `binary_classification`, … */
export function taskText(task: Task): string {
  switch (task.kind) {
    case 'regression':
      return `regression(outputs: ${task.outputs})`;
    case 'binary_classification':
      return 'binary_classification';
    case 'classification':
      return `classification(classes: ${task.classes})`;
    case 'multilabel':
      return `multilabel(labels: ${task.labels})`;
  }
}
