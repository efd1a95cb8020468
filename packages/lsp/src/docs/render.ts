/** Markdown for hover and completion documentation, from the docs data and the catalog's signatures. */
import { findDoc, type ActivationDoc, type DocCategory, type LossDoc, type TaskDoc } from './index.js';
import { formatDefault, signatureLabel, type ArgSpec, type SettingInfo, type Signature } from '../vocabulary.js';

const code = (s: string) => '```axon\n' + s + '\n```';

export function argumentsTable(args: readonly ArgSpec[]): string {
  if (args.length === 0) return '';
  const rows = args.map((a) => {
    const def = formatDefault(a);
    const how = a.required ? 'required' : def !== undefined ? `default \`${def}\`` : 'optional';
    return `- \`${a.name}\` (${how}${a.position !== undefined ? ', positional' : ''}): ${a.doc}`;
  });
  return `**Arguments**\n\n${rows.join('\n')}`;
}

export function activationMarkdown(doc: ActivationDoc, sig: Signature | undefined): string {
  const parts = [
    code(sig ? signatureLabel(doc.name, sig.args).label.replace(/\(\)$/, '') : doc.name),
    `**${doc.name}** (activation): ${doc.summary}`,
    `- Formula: \`${doc.formula}\`\n- Output range: ${doc.range}\n- Derivative: \`${doc.derivative}\``,
    `**Where it fits.** ${doc.fits}`,
    `**Where it hurts.** ${doc.hurts}`,
    `**Keras / PyTorch.** ${doc.frameworks}`,
  ];
  if (sig && sig.args.length > 0) parts.push(argumentsTable(sig.args));
  return parts.join('\n\n');
}

/** Hover text for a named vocabulary entry (layer kind, initialiser, loss, optimizer, task). */
export function entryMarkdown(category: Exclude<DocCategory, 'activation'>, name: string, sig: Signature | undefined): string | undefined {
  const doc = findDoc(category, name);
  if (!doc && !sig) return undefined;
  const noun = { layer: 'layer', initializer: 'initialiser', loss: 'loss', optimizer: 'optimizer', task: 'task' }[category];
  const parts: string[] = [];
  const shown = sig ? signatureLabel(name, sig.args).label : name;
  parts.push(code(sig && sig.args.length === 0 && category !== 'layer' ? name : shown));
  parts.push(`**${name}** (${noun}): ${doc?.summary ?? sig?.doc ?? ''}`);
  if (doc?.details) parts.push(doc.details);
  if (category === 'task' && doc) {
    const t = doc as TaskDoc;
    parts.push(`Output layer: ${t.output} Default loss: \`${t.defaultLoss}\`.`);
  }
  if (category === 'loss' && doc) parts.push(`Suits: ${(doc as LossDoc).tasks.map((t) => `\`${t}\``).join(', ')}.`);
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
