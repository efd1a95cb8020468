/** The docs as data, and lookups by name and category. */
import { activationDocs } from './activations.js';
import { initializerDocs } from './initializers.js';
import { layerDocs } from './layers.js';
import { lossDocs } from './losses.js';
import { optimizerDocs } from './optimizers.js';
import { taskDocs } from './tasks.js';
import type { EntryDoc } from './types.js';

export type * from './types.js';
export type { LossDoc } from './losses.js';
export type { TaskDoc } from './tasks.js';
export { activationDocs, initializerDocs, layerDocs, lossDocs, optimizerDocs, taskDocs };

export type DocCategory = 'layer' | 'activation' | 'initializer' | 'loss' | 'optimizer' | 'task';

const byCategory: Record<DocCategory, readonly EntryDoc[]> = {
  layer: layerDocs,
  activation: activationDocs,
  initializer: initializerDocs,
  loss: lossDocs,
  optimizer: optimizerDocs,
  task: taskDocs,
};

const indexes = new Map<DocCategory, Map<string, EntryDoc>>(
  (Object.keys(byCategory) as DocCategory[]).map((c) => [c, new Map(byCategory[c].map((d) => [d.name, d]))]),
);

export function findDoc(category: DocCategory, name: string): EntryDoc | undefined {
  return indexes.get(category)?.get(name);
}
