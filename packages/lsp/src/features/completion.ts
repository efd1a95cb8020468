/** Completion that knows where the cursor is (see text/context.ts). */
import { catalog, type ResolvedLayer, type Shape } from '@axon/language';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { lossTasks } from './docs-markdown.js';
import { cursorContext, LAYER_SECTIONS, type CallInfo, type Section } from '../text/context.js';
import { networkAt, sectionAt, type Outline } from '../text/outline.js';
import type { AxonDocument } from '../workspace/document.js';
import { blockArgs, dataSettings, fanModes, findSignature, formatDefault, mergeModes, names, paddings, scalingDistributions, parallelArgs, setting, signature, trainSettings, type ArgSpec, type ValueType, type VocabularyKind } from '../vocabulary.js';
import { nameMarkdown } from './hover.js';

const NETWORK_SNIPPET = [
  'network ${1:Name} {',
  '\tinput [${2:4}]',
  '\ttask ${3|classification(classes: 3),binary_classification,regression(outputs: 1),multilabel(labels: 2)|}',
  '',
  '\tlayers {',
  '\t\tdense(${4:16}, activation: ${5:relu}, init: he_normal)',
  '\t\t$0',
  '\t}',
  '',
  '\ttrain {',
  '\t\toptimizer: adam(learning_rate: 1e-3)',
  '\t\tepochs: ${6:100}',
  '\t}',
  '}',
].join('\n');

const BLOCK_SNIPPET = ['block ${1:name}(${2:width}) {', '\tdense(${2:width}, activation: ${3:relu}, init: he_normal)', '\t$0', '}'].join('\n');

const REPEAT_SNIPPET = ['repeat ${1:2} {', '\t$0', '}'].join('\n');

const RESIDUAL_SNIPPET = ['residual {', '\t$0', '}'].join('\n');

const SHORTCUT_SNIPPET = ['shortcut {', '\t$0', '}'].join('\n');

/** The merge modes as a snippet choice, the catalog's default first. */
const MERGE_CHOICE = `\${1|${catalog.MERGE_MODES.join(',')}|}`;

const PARALLEL_SNIPPET = [`parallel(merge: ${MERGE_CHOICE}) {`, '\tbranch {', '\t\t$0', '\t}', '\tbranch {', '\t}', '}'].join('\n');

const BRANCH_SNIPPET = ['branch {', '\t$0', '}'].join('\n');

function snippetItem(label: string, detail: string, insertText: string, sortText: string): CompletionItem {
  return { label, kind: CompletionItemKind.Snippet, detail, insertText, insertTextFormat: InsertTextFormat.Snippet, sortText };
}

/** One snippet per network section, in the catalog's order (`NETWORK_SECTIONS`). */
const MEMBER_SNIPPETS: Record<(typeof catalog.NETWORK_SECTIONS)[number], string> = {
  input: 'input [${1:4}]',
  task: 'task ${1|classification(classes: 3),binary_classification,regression(outputs: 1),multilabel(labels: 2)|}',
  layers: 'layers {\n\t$0\n}',
  train: 'train {\n\t$0\n}',
  data: 'data {\n\tsource: "${1:data.csv}"\n\ttarget: "${2:label}"\n}',
};

function doc(kind: VocabularyKind, name: string): CompletionItem['documentation'] {
  const value = nameMarkdown(kind, name);
  return value ? { kind: MarkupKind.Markdown, value } : undefined;
}

function kindIcon(kind: VocabularyKind): CompletionItemKind {
  switch (kind) {
    case 'layer':
      return CompletionItemKind.Class;
    case 'activation':
      return CompletionItemKind.Function;
    case 'initializer':
      return CompletionItemKind.Constructor;
    case 'loss':
    case 'optimizer':
      return CompletionItemKind.Value;
    default:
      return CompletionItemKind.EnumMember;
  }
}

/** Items for a vocabulary kind; a name with required args gets a call snippet. */
function vocabularyItems(kind: VocabularyKind, order?: (name: string) => number): CompletionItem[] {
  return names(kind).map((name, i) => {
    const sig = signature(kind, name);
    const required = (sig?.args ?? []).filter((a) => a.required);
    const item: CompletionItem = { label: name, kind: kindIcon(kind), detail: sig?.doc };
    const d = doc(kind, name);
    if (d) item.documentation = d;
    if (kind === 'layer') {
      item.insertText = required.length > 0 ? `${name}(${required.map((a, j) => `\${${j + 1}:${a.name}}`).join(', ')})` : `${name}()`;
      item.insertTextFormat = InsertTextFormat.Snippet;
    } else if (required.length > 0) {
      item.insertText = `${name}(${required.map((a, j) => `${a.name}: \${${j + 1}}`).join(', ')})`;
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    item.sortText = String(order ? order(name) : i).padStart(3, '0');
    return item;
  });
}

/**
 * Where a layer statement of a network's `layers { }` is written, the shape reaching it (when the
 * document's analysis is ready; undefined otherwise): the output
 * of the last resolved layer written before the cursor (a layer from a block or repeat counts at
 * its outermost use in the network), else the network's input. Undefined elsewhere.
 */
function shapeAtCursor(doc: AxonDocument, offset: number, section: string): Shape | undefined {
  if (section !== 'layers') return undefined;
  // Completion stays token-only (it answers in a millisecond right after an edit): the shape is used
  // when this version's analysis is already there (after validation, a hover or the inlay hints).
  const analysis = doc.analysisIfReady();
  if (!analysis) return undefined;
  const net = analysis.networks.find((n) => n.node.range.start.offset <= offset && offset <= n.node.range.end.offset);
  if (!net) return undefined;
  const endOf = (l: ResolvedLayer): number => {
    const outer = l.origin.chain[0];
    if (!outer) return l.origin.range.end.offset;
    return outer.kind === 'repeat' ? outer.range.end.offset : outer.useRange.end.offset;
  };
  let last: ResolvedLayer | undefined;
  for (const l of net.layers) if (endOf(l) <= offset && (!last || endOf(l) >= endOf(last))) last = l;
  return last ? last.outputShape : net.input;
}

/**
 * Layer kinds, those that read the shape reaching the cursor first: after a `[steps, features]`
 * output (an embedding, a recurrent layer with `return_sequences`) the recurrent layers, conv1d and
 * the 1-D pools; after a `[h, w, c]` one conv2d and the 2-D pools; catalog order otherwise.
 */
function layerItems(doc: AxonDocument, offset: number, section: string): CompletionItem[] {
  const rank = shapeAtCursor(doc, offset, section)?.length;
  const all = names('layer');
  const fits = (name: string): boolean => {
    const info = catalog.LAYERS[name as keyof typeof catalog.LAYERS];
    return rank === 2 ? info.sequence : rank === 3 ? info.spatial : false;
  };
  // Both tiers stay below 100 (sort text `000`–`099`), before the blocks (`1000`…) and snippets (`2000`…).
  return vocabularyItems('layer', (name) => (fits(name) ? 0 : all.length) + all.indexOf(name));
}

function blockItems(o: Outline): CompletionItem[] {
  return o.blocks.map((b, i) => ({
    label: b.name,
    kind: CompletionItemKind.Module,
    detail: `block ${b.name}(${b.params.join(', ')})`,
    insertText: `${b.name}(${b.params.map((p, j) => `\${${j + 1}:${p}}`).join(', ')})`,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `1${String(i).padStart(3, '0')}`,
  }));
}

/** The loss families that fit a task: cross-entropies and margins for the classifying tasks, the rest for regression. */
function taskFamilies(task: string): readonly string[] {
  return task === 'regression' ? ['regression'] : ['probabilistic', 'margin'];
}

/**
 * Losses, those suited to the network's task first (the language's docs say which: for
 * `classification` categorical, sparse categorical and KL; for `binary_classification`
 * binary cross-entropy and hinge; for `regression` mse, mae, huber, log_cosh, poisson), then
 * the others of the task's family (the other cross-entropies for a classifier), then the rest;
 * catalog order within each tier.
 */
function lossItems(o: Outline, offset: number): CompletionItem[] {
  const task = networkAt(o, offset)?.task;
  const tier = (name: string): number => {
    if (!task) return 0;
    if (lossTasks(name).includes(task)) return 0;
    const family = signature('loss', name) ? catalog.LOSSES[name as keyof typeof catalog.LOSSES].family : undefined;
    return family && taskFamilies(task).includes(family) ? 1 : 2;
  };
  const all = names('loss');
  const items = vocabularyItems('loss', (name) => tier(name) * 100 + all.indexOf(name));
  if (task) for (const it of items) if (tier(it.label) === 0) it.detail = `suits ${task}: ${it.detail ?? ''}`;
  return items;
}

/**
 * The kernel penalties as call snippets with Keras's defaults as placeholders:
 * `l2(${1:0.01})`, `l1_l2(l1: ${1:0.01}, l2: ${2:0.01})`.
 */
function regularizerItems(): CompletionItem[] {
  return names('regularizer').map((name, i) => {
    const sig = signature('regularizer', name)!;
    const args = sig.args.map((a, j) => {
      const def = formatDefault(a) ?? '';
      return sig.args.length === 1 ? `\${${j + 1}:${def}}` : `${a.name}: \${${j + 1}:${def}}`;
    });
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Function,
      detail: sig.doc,
      insertText: `${name}(${args.join(', ')})`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: String(i).padStart(3, '0'),
    };
    const d = doc('regularizer', name);
    if (d) item.documentation = d;
    return item;
  });
}

/** Bare names of a fixed list (`fan_in`, …), the first marked as the default. */
function enumItems(values: readonly string[]): CompletionItem[] {
  return values.map((v, i) => ({ label: v, kind: CompletionItemKind.EnumMember, detail: i === 0 ? 'default' : undefined, sortText: String(i).padStart(3, '0') }));
}

/** Argument names not given yet: neither by name nor by position (`dense(16, …)` has given `units`). */
function argumentNameItems(args: readonly ArgSpec[], given: readonly string[], positionalBefore: number): CompletionItem[] {
  return args
    .filter((a) => !given.includes(a.name) && !(a.position !== undefined && a.position < positionalBefore))
    .map((a, i) => {
      const def = formatDefault(a);
      return {
        label: `${a.name}:`,
        filterText: a.name,
        kind: CompletionItemKind.Property,
        detail: a.required ? 'required' : def !== undefined ? `default ${def}` : 'optional',
        documentation: { kind: MarkupKind.Markdown, value: a.doc },
        insertText: `${a.name}: `,
        sortText: String(i).padStart(3, '0'),
      };
    });
}

/** The args of whatever `callee` names in this call position (a block of the file, or a catalog entry). */
export function calleeArgs(o: Outline, call: CallInfo): { owner: string; args: ArgSpec[]; kind: VocabularyKind | 'block' | 'parallel' } | undefined {
  const inLayers = LAYER_SECTIONS.includes(call.section as Section);
  if (inLayers && call.statementBefore.length === 0) {
    if (call.callee === 'parallel') return { owner: 'parallel', args: parallelArgs, kind: 'parallel' };
    const block = o.blocks.find((b) => b.name === call.callee);
    if (block) {
      return {
        owner: call.callee,
        kind: 'block',
        args: blockArgs(call.callee, block.params),
      };
    }
    const layer = signature('layer', call.callee);
    if (layer) return { owner: call.callee, args: layer.args, kind: 'layer' };
  }
  const found = findSignature(call.callee, ['activation', 'initializer', 'regularizer', 'loss', 'optimizer', 'task', 'early_stopping', 'layer']);
  return found ? { owner: call.callee, args: found.signature.args, kind: found.kind } : undefined;
}

/** The values an argument or setting of this catalog type takes (`ValueType`: activation, loss, bool, …). */
function valueItems(o: Outline, offset: number, type: ValueType | 'merge' | undefined): CompletionItem[] {
  switch (type) {
    case 'activation':
      return vocabularyItems('activation');
    case 'initializer':
      return vocabularyItems('initializer');
    case 'loss':
      return lossItems(o, offset);
    case 'optimizer':
      return vocabularyItems('optimizer');
    case 'regularizer':
      return regularizerItems();
    case 'fan_mode':
      return enumItems(fanModes);
    case 'scaling_distribution':
      return enumItems(scalingDistributions);
    case 'task':
      return vocabularyItems('task');
    case 'padding':
      return paddings.map((p, i) => ({ label: p, kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(3, '0') }));
    case 'merge':
      return enumItems(mergeModes);
    case 'bool':
      return ['true', 'false'].map((b, i) => ({ label: b, kind: CompletionItemKind.Keyword, sortText: String(i).padStart(3, '0') }));
    default:
      return [];
  }
}

export function completion(doc: AxonDocument, offset: number): CompletionList {
  const ctx = cursorContext(doc.text, offset, doc.tokens());
  const o = doc.outline();
  let items: CompletionItem[] = [];
  const c = ctx.context;
  switch (c.kind) {
    case 'top':
      items = [
        { label: 'network', kind: CompletionItemKind.Snippet, detail: 'a whole network', insertText: NETWORK_SNIPPET, insertTextFormat: InsertTextFormat.Snippet },
        { label: 'block', kind: CompletionItemKind.Snippet, detail: 'a reusable block of layers', insertText: BLOCK_SNIPPET, insertTextFormat: InsertTextFormat.Snippet },
      ];
      break;
    case 'network-member':
      {
        // Sections the network already has are not offered again.
        const present = new Set(networkAt(o, offset)?.members ?? []);
        items = Object.entries(MEMBER_SNIPPETS)
          .filter(([label]) => !present.has(label))
          .map(([label, snippet], i) => ({
            label,
            kind: CompletionItemKind.Keyword,
            insertText: snippet,
            insertTextFormat: InsertTextFormat.Snippet,
            sortText: String(i).padStart(3, '0'),
          }));
      }
      break;
    case 'layer-statement':
      items = [
        // Right after a residual's body, its shortcut comes first.
        ...(c.afterResidual ? [snippetItem('shortcut', 'shortcut { … }: the path around the residual body', SHORTCUT_SNIPPET, '00')] : []),
        ...layerItems(doc, offset, c.section),
        ...blockItems(o),
        snippetItem('repeat', 'repeat N { … }', REPEAT_SNIPPET, '2000'),
        snippetItem('residual', 'residual { … }: the body plus its input (a skip connection)', RESIDUAL_SNIPPET, '2001'),
        snippetItem('parallel', 'parallel(merge: …) { branch { … } … }: branches joined by a merge', PARALLEL_SNIPPET, '2002'),
      ];
      break;
    case 'branch-statement':
      items = [snippetItem('branch', 'branch { … }: one path of the parallel (empty: the identity)', BRANCH_SNIPPET, '0000')];
      break;
    case 'task-kind':
      items = vocabularyItems('task');
      break;
    case 'setting-key': {
      const settings = c.section === 'train' ? trainSettings() : dataSettings();
      const given = sectionAt(o, offset)?.keys ?? [];
      items = settings
        .filter((s) => !given.includes(s.name))
        .map((s, i) => {
          const def = formatDefault(s);
          return {
            label: s.name,
            kind: CompletionItemKind.Property,
            detail: s.required ? 'required' : def !== undefined ? `default ${def}` : 'optional',
            documentation: { kind: MarkupKind.Markdown, value: s.doc },
            insertText: s.statement ? `${s.name}(patience: \${1:10})` : `${s.name}: `,
            insertTextFormat: s.statement ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            sortText: String(i).padStart(3, '0'),
          };
        });
      break;
    }
    case 'value': {
      // The value's type comes from the catalog: the call's argument spec, or the section's setting.
      if (c.callee) {
        const owner = calleeArgs(o, ctx.call as CallInfo);
        items = valueItems(o, offset, owner?.kind === 'parallel' && c.key === 'merge' ? 'merge' : owner?.args.find((a) => a.name === c.key)?.type);
      }
      else if (c.section === 'train' || c.section === 'data') items = valueItems(o, offset, setting(c.section, c.key)?.type);
      break;
    }
    case 'argument': {
      const owner = calleeArgs(o, c.call);
      if (owner) {
        items = argumentNameItems(owner.args, c.call.given, c.call.positionalBefore);
        // A positional argument that takes a name from the vocabulary: `activation(relu)`.
        const positional = owner.args.find((a) => a.position === c.call.positionalBefore);
        if (positional && c.call.given.length === 0) {
          const values = valueItems(o, offset, positional.type);
          items = [...values.map((v) => ({ ...v, sortText: `0${v.sortText ?? ''}` })), ...items.map((v) => ({ ...v, sortText: `1${v.sortText ?? ''}` }))];
        }
      }
      break;
    }
    default:
      items = [];
  }
  const range = doc.offsetRange(ctx.replaceStart, ctx.replaceEnd);
  for (const item of items) {
    const text = item.insertText ?? item.label;
    item.textEdit = { range, newText: text };
    delete item.insertText;
  }
  return { isIncomplete: false, items };
}

