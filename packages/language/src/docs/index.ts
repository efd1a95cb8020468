/** Prose documentation of the vocabulary, keyed by name (hover, completion, generated docs). */
export type { EntryDoc, ActivationDoc, LossDoc, TaskDoc } from './types.js';
export { ACTIVATION_DOCS } from './activations.js';
export { INITIALIZER_DOCS } from './initializers.js';
export { LAYER_DOCS } from './layers.js';
export { LOSS_DOCS } from './losses.js';
export { OPTIMIZER_DOCS } from './optimizers.js';
export { REGULARIZER_DOCS } from './regularizers.js';
export { TASK_DOCS } from './tasks.js';
export { KEYWORD_DOCS, type DocumentedKeyword } from './keywords.js';
