/**
 * Markdown for hover and completion documentation: the prose from `@axon/language`'s docs records,
 * the facts (signatures, defaults, output ranges, constants, default losses, recommended
 * initialisers) from its catalog.
 */
import {
  ACTIVATIONS,
  ACTIVATION_DOCS,
  INITIALIZER_DOCS,
  LAYERS,
  LAYER_DOCS,
  LOSS_DOCS,
  OPTIMIZER_DOCS,
  REGULARIZER_DOCS,
  TASKS,
  TASK_DOCS,
  TRAIN_SETTINGS,
  type ActivationName,
  type EntryDoc,
} from '@axon/language';
import { formatDefault, signatureLabel, type ArgSpec, type SettingInfo, type Signature } from '../vocabulary.js';

export type DocCategory = 'layer' | 'activation' | 'initializer' | 'regularizer' | 'loss' | 'optimizer' | 'task';

const code = (s: string) => '```axon\n' + s + '\n```';

const hasOwn = (table: object, key: string): boolean => Object.prototype.hasOwnProperty.call(table, key);

/** `a`, `a and b`, `a, b and c`. */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const records: Record<DocCategory, Record<string, EntryDoc>> = {
  layer: LAYER_DOCS,
  activation: ACTIVATION_DOCS,
  initializer: INITIALIZER_DOCS,
  regularizer: REGULARIZER_DOCS,
  loss: LOSS_DOCS,
  optimizer: OPTIMIZER_DOCS,
  task: TASK_DOCS,
};

export function findDoc(category: DocCategory, name: string): EntryDoc | undefined {
  const table = records[category];
  return hasOwn(table, name) ? table[name] : undefined;
}

export function isActivationName(name: string): name is ActivationName {
  return hasOwn(ACTIVATIONS, name);
}

/** The tasks a loss suits, best first (from the docs). */
export function lossTasks(name: string): readonly string[] {
  return hasOwn(LOSS_DOCS, name) ? LOSS_DOCS[name as keyof typeof LOSS_DOCS].tasks : [];
}

export function argumentsTable(args: readonly ArgSpec[]): string {
  if (args.length === 0) return '';
  const rows = args.map((a) => {
    const def = formatDefault(a);
    const how = a.required ? 'required' : def !== undefined ? `default \`${def}\`` : 'optional';
    return `- \`${a.name}\` (${how}${a.position !== undefined ? ', positional' : ''}): ${a.doc}`;
  });
  return `**Arguments**\n\n${rows.join('\n')}`;
}

/** The output range as the catalog writes it, with its value when fixed constants make it a number. */
function outputRange(name: ActivationName): string {
  const info = ACTIVATIONS[name];
  if (!info.constants || !Number.isFinite(info.bounds.min)) return info.outputRange;
  const min = info.bounds.min < 0 ? `−${(-info.bounds.min).toFixed(4)}` : info.bounds.min.toFixed(4);
  return `${info.outputRange} ≈ (${min}, ∞)`;
}

export function activationMarkdown(name: ActivationName, sig: Signature | undefined): string {
  const doc = ACTIVATION_DOCS[name];
  const info = ACTIVATIONS[name];
  const facts = [`- Formula: \`${doc.formula}\``, `- Output range: ${outputRange(name)}`, `- Derivative: \`${doc.derivative}\``];
  if (info.constants) facts.push(`- Constants: ${Object.entries(info.constants).map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  const parts = [
    code(sig ? signatureLabel(name, sig.args).label.replace(/\(\)$/, '') : name),
    `**${name}** (activation): ${doc.summary}`,
    facts.join('\n'),
    `**Where it fits.** ${doc.fits}`,
    `**Where it hurts.** ${doc.hurts}`,
    `**Keras / PyTorch.** ${doc.frameworks}`,
  ];
  if (sig && sig.args.length > 0) parts.push(argumentsTable(sig.args));
  return parts.join('\n\n');
}

/** What the catalog makes this name the default of, as a sentence ('' when nothing). */
function defaultOf(category: Exclude<DocCategory, 'activation'>, name: string): string {
  switch (category) {
    case 'initializer': {
      const args = [...new Set(Object.values(LAYERS).flatMap((l) => l.args.filter((a) => a.type === 'initializer' && a.default === name).map((a) => `\`${a.name}:\``)))];
      return args.length > 0 ? ` The default for ${inWords(args)}.` : '';
    }
    case 'loss': {
      const tasks = Object.values(TASKS).filter((t) => t.defaultLoss === name).map((t) => t.name);
      return tasks.length > 0 ? ` The default loss for ${inWords(tasks)}.` : '';
    }
    case 'optimizer':
      return TRAIN_SETTINGS.optimizer?.default === name ? ' The default optimizer.' : '';
    default:
      return '';
  }
}

/** Hover text for a named vocabulary entry (layer kind, initialiser, loss, optimizer, task). */
export function entryMarkdown(category: Exclude<DocCategory, 'activation'>, name: string, sig: Signature | undefined): string | undefined {
  const doc = findDoc(category, name);
  if (!doc && !sig) return undefined;
  const noun = { layer: 'layer', initializer: 'initialiser', regularizer: 'regularizer', loss: 'loss', optimizer: 'optimizer', task: 'task' }[category];
  const parts: string[] = [];
  const shown = sig ? signatureLabel(name, sig.args).label : name;
  parts.push(code(sig && sig.args.length === 0 && category !== 'layer' ? name : shown));
  parts.push(`**${name}** (${noun}): ${doc?.summary ?? sig?.doc ?? ''}${doc ? defaultOf(category, name) : ''}`);
  if (doc?.details) parts.push(doc.details);
  if (category === 'initializer') {
    const suits = Object.values(ACTIVATIONS).filter((a) => a.recommendedInit === name).map((a) => a.name);
    if (suits.length > 0) parts.push(`The usual choice for ${inWords(suits)} layers.`);
  }
  if (category === 'task' && doc && hasOwn(TASK_DOCS, name) && hasOwn(TASKS, name)) {
    const t = name as keyof typeof TASKS;
    parts.push(`Output layer: ${TASK_DOCS[t].output} Default loss: \`${TASKS[t].defaultLoss}\`.`);
  }
  if (category === 'loss' && doc) parts.push(`Suits: ${lossTasks(name).map((t) => `\`${t}\``).join(', ')}.`);
  if (sig && sig.args.length > 0) parts.push(argumentsTable(sig.args));
  if (doc?.example) parts.push(`Example: \`${doc.example}\``);
  return parts.join('\n\n');
}

export function settingMarkdown(section: 'train' | 'data', s: SettingInfo): string {
  const def = formatDefault(s);
  const lines = [`**${s.name}** (\`${section}\` setting): ${s.doc}`];
  lines.push(s.required ? 'Required.' : def !== undefined ? `Default: \`${def}\`.` : 'Optional.');
  return lines.join('\n\n');
}

export function argumentMarkdown(owner: string, a: ArgSpec): string {
  const def = formatDefault(a);
  const how = a.required ? 'required' : def !== undefined ? `default \`${def}\`` : 'optional';
  return `**${a.name}**: argument of \`${owner}\` (${how})\n\n${a.doc}`;
}
