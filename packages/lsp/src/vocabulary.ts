/**
 * The one place the server reads the language's catalog (layers, activations, initialisers, losses,
 * optimizers, tasks and settings with their arguments and defaults), plus the lookups features need.
 */
import {
  ACTIVATIONS,
  DATA_SETTINGS,
  EARLY_STOPPING,
  INITIALIZERS,
  LAYERS,
  LOSSES,
  OPTIMIZERS,
  REGULARIZERS,
  FAN_MODES,
  SCALING_DISTRIBUTIONS,
  TASKS,
  TRAIN_SETTINGS,
  catalog,
  type ArgSpec,
  type SettingInfo,
  type Signature,
  type ValueType,
} from '@axon/language';

export type { ArgSpec, SettingInfo, Signature, ValueType };
export const formatDefault = catalog.formatDefault;

export type VocabularyKind = 'layer' | 'activation' | 'initializer' | 'regularizer' | 'loss' | 'optimizer' | 'task' | 'early_stopping';

const tables: Record<VocabularyKind, Record<string, Signature>> = {
  layer: LAYERS,
  activation: ACTIVATIONS,
  initializer: INITIALIZERS,
  regularizer: REGULARIZERS,
  loss: LOSSES,
  optimizer: OPTIMIZERS,
  task: TASKS,
  early_stopping: { early_stopping: EARLY_STOPPING },
};

export function names(kind: VocabularyKind): string[] {
  return Object.keys(tables[kind]);
}

export function signature(kind: VocabularyKind, name: string): Signature | undefined {
  const table = tables[kind];
  return Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
}

/** Looks a called name up, trying the kinds in order. */
export function findSignature(name: string, order: VocabularyKind[]): { kind: VocabularyKind; signature: Signature } | undefined {
  for (const kind of order) {
    const s = signature(kind, name);
    if (s) return { kind, signature: s };
  }
  return undefined;
}

export function trainSettings(): SettingInfo[] {
  return Object.values(TRAIN_SETTINGS);
}

export function dataSettings(): SettingInfo[] {
  return Object.values(DATA_SETTINGS);
}

export function setting(section: 'train' | 'data', key: string): SettingInfo | undefined {
  const table = section === 'train' ? TRAIN_SETTINGS : DATA_SETTINGS;
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export const paddings: readonly string[] = catalog.PADDINGS;

/** `variance_scaling`'s `mode:` and `distribution:` values, the default first. */
export const fanModes: readonly string[] = FAN_MODES;
export const scalingDistributions: readonly string[] = SCALING_DISTRIBUTIONS;

/** `dense(units, activation: linear, init: glorot_uniform, bias_init: zeros)` and each parameter's label offsets. */
export function signatureLabel(name: string, args: readonly ArgSpec[]): { label: string; params: [number, number][] } {
  let label = `${name}(`;
  const params: [number, number][] = [];
  args.forEach((a, i) => {
    if (i > 0) label += ', ';
    const start = label.length;
    const def = formatDefault(a);
    label += a.position !== undefined && a.required ? a.name : def !== undefined ? `${a.name}: ${def}` : a.name;
    params.push([start, label.length]);
  });
  label += ')';
  return { label, params };
}

/** A block of the file seen as a signature: each parameter a required positional argument. */
export function blockArgs(block: string, params: readonly string[]): ArgSpec[] {
  return params.map((p, i) => ({ name: p, type: 'number', position: i, required: true, doc: `Parameter ${i + 1} of block \`${block}\`.` }));
}

/** How `parallel(merge: …)` joins its branches, the default first (the catalog's `MERGE_MODES`). */
export const mergeModes: readonly string[] = catalog.MERGE_MODES;

/** `parallel`'s one argument as a signature: `merge:`, named only, a merge mode. */
export const parallelArgs: ArgSpec[] = [
  {
    name: 'merge',
    // Typed as a string for the catalog's shape; completion offers the merge modes for it.
    type: 'string',
    required: false,
    default: catalog.MERGE_MODES[0],
    doc: `How the branches are joined: ${catalog.MERGE_MODES.map((m) => `\`${m}\``).join(', ')} (\`concat\` along the last axis; the others need equal shapes).`,
  },
];
