/** Hover: what a name means (activation, layer, initialiser, loss, optimizer, task, setting) and what analysis made of a layer. */
import { activationText, KEYWORD_DOCS, regularizerText, type ResolvedLayer, type AstNode, type BlockDecl, type LayerCall, type NameExpr, type NetworkDecl, type Program, type RepeatStmt } from '@axon/language';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { activationMarkdown, argumentMarkdown, entryMarkdown, isActivationName, settingMarkdown } from './docs-markdown.js';
import { blocks, pathAt } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';
import { blockArgs, fanModes, findSignature, parallelArgs, scalingDistributions, setting, signature, type ArgSpec, type VocabularyKind } from '../vocabulary.js';
import { expansionText, formatCount, formatShape, groupBoundary, layerLines, layersOfBlockUse, layersOfCall, positionsText, shapesText } from './layer-info.js';
import { isRecurrentLayer as isRecurrent } from './layer-info.js';
import { firstTokenEndingAtOrAfter, isWord, type Token } from '../text/tokens.js';
import { branchHover, parallelHover, residualHover, shortcutHover } from './constructs.js';

function md(value: string, doc: AxonDocument, token: Token): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: doc.offsetRange(token.start, token.end) };
}

export function identTokenAt(tokens: readonly Token[], offset: number): Token | undefined {
  const lo = firstTokenEndingAtOrAfter(tokens, offset);
  for (const t of [tokens[lo], tokens[lo + 1]]) if (isWord(t) && t.start <= offset && offset <= t.end) return t;
  return undefined;
}

/** Markdown for a vocabulary name of a known kind. */
export function nameMarkdown(kind: VocabularyKind, name: string): string | undefined {
  if (kind === 'activation') {
    return isActivationName(name) ? activationMarkdown(name, signature('activation', name)) : undefined;
  }
  if (kind === 'early_stopping') {
    const s = signature('early_stopping', name);
    return s ? `\`\`\`axon\nearly_stopping(patience, min_delta: 0)\n\`\`\`\n\n**early_stopping** (train setting): ${s.doc}` : undefined;
  }
  return entryMarkdown(kind, name, signature(kind, name));
}

const kindOfType: Partial<Record<ArgSpec['type'], VocabularyKind>> = {
  activation: 'activation',
  initializer: 'initializer',
  regularizer: 'regularizer',
  loss: 'loss',
  optimizer: 'optimizer',
  task: 'task',
  early_stopping: 'early_stopping',
};

/** The signature a call (layer call or name call) refers to: catalog entry or block. */
function calleeArgs(program: Program, callee: string, layerPosition: boolean): { owner: string; args: ArgSpec[] } | undefined {
  if (layerPosition) {
    const block = blocks(program).find((b) => b.name?.name === callee);
    if (block) return { owner: callee, args: blockArgs(callee, block.params.map((p) => p.name)) };
  }
  const found = findSignature(callee, layerPosition ? ['layer'] : ['activation', 'initializer', 'regularizer', 'loss', 'optimizer', 'task', 'early_stopping']);
  return found ? { owner: callee, args: found.signature.args } : undefined;
}

/** The argument spec an argument refers to, by name or by position. */
function argSpecOf(program: Program, owner: LayerCall | NameExpr, argIndex: number, argName: string | undefined): { owner: string; spec: ArgSpec } | undefined {
  const callee = owner.name.name;
  const sig = calleeArgs(program, callee, owner.kind === 'LayerCall');
  if (!sig) return undefined;
  let spec: ArgSpec | undefined;
  if (argName !== undefined) spec = sig.args.find((a) => a.name === argName);
  else {
    const args = owner.args?.args ?? [];
    const positional = args.slice(0, argIndex).filter((a) => !a.name).length;
    spec = sig.args.find((a) => a.position === positional);
  }
  return spec ? { owner: sig.owner, spec } : undefined;
}

function networkHover(doc: AxonDocument, decl: NetworkDecl): string | undefined {
  const net = doc.analyzed().networks.find((n) => n.node === decl || n.nameRange.start.offset === decl.name?.range.start.offset);
  if (!net) return undefined;
  const p = net.params;
  return [
    `**network ${net.name}**`,
    `input \`${formatShape(net.input)}\` → output \`${formatShape(net.outputShape)}\`, ${net.layers.length} layers`,
    `${formatCount(p.total)} params (${formatCount(p.trainable)} trainable, ${formatCount(p.nonTrainable)} non-trainable)`,
  ].join('\n\n');
}

function blockHover(doc: AxonDocument, block: BlockDecl): string {
  const name = block.name?.name ?? '';
  const uses = doc.analyzed().networks.flatMap((n) => n.layers.flatMap((l) => l.origin.chain.filter((s) => s.kind === 'block' && s.block === name)));
  const useLines = [...new Set(uses.map((s) => (s.kind === 'block' ? s.useRange.start.line : 0)))].sort((a, b) => a - b);
  const parts = [`\`\`\`axon\nblock ${name}(${block.params.map((p) => p.name).join(', ')})\n\`\`\``, `**block ${name}**: ${block.body.length} statement${block.body.length === 1 ? '' : 's'}, defined at line ${block.range.start.line}`];
  parts.push(useLines.length > 0 ? `Used at ${useLines.length === 1 ? 'line' : 'lines'} ${useLines.join(', ')}.` : 'Not used by any network.');
  return parts.join('\n\n');
}

function paramHover(doc: AxonDocument, block: BlockDecl, param: string): string {
  const index = block.params.findIndex((p) => p.name === param);
  const bound = new Map<string, string>();
  for (const n of doc.analyzed().networks) {
    for (const l of n.layers) {
      for (const s of l.origin.chain) {
        if (s.kind === 'block' && s.block === block.name?.name && param in s.bindings) {
          bound.set(`${s.useRange.start.line}`, JSON.stringify(s.bindings[param]).replace(/^"|"$/g, ''));
        }
      }
    }
  }
  const lines = [`**${param}**: parameter ${index + 1} of block \`${block.name?.name ?? ''}\``];
  if (bound.size > 0) lines.push([...bound.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([line, v]) => `- \`${v}\` at line ${line}`).join('\n'));
  return lines.join('\n\n');
}

/**
 * What a recurrent layer computes with: the cell's activation, the gates' activation (lstm, gru) and,
 * when bidirectional, the two copies and what their concatenation gives.
 */
function recurrentFacts(layer: Extract<ResolvedLayer, { kind: 'lstm' | 'gru' | 'simple_rnn' }>): string {
  const what = layer.kind === 'simple_rnn' ? 'the state fed back at every step, which is also the output' : 'the candidate state and the output';
  const lines = [`- Activation: \`${activationText(layer.activation)}\`${layer.activationExplicit ? '' : ' (the default)'}, for ${what}`];
  if (layer.recurrentActivation) {
    const gates = layer.kind === 'lstm' ? 'input, forget and output gates' : 'update and reset gates';
    lines.push(`- Gates (${gates}): \`${activationText(layer.recurrentActivation)}\` (\`recurrent_activation\`), each a fraction in (0, 1) of what passes`);
  } else lines.push('- No gates: the state is fed back through the activation alone');
  if (layer.bidirectional) lines.push(`- Bidirectional: a forward and a backward copy of ${layer.units} units each, concatenated (forward first) to ${2 * layer.units} features`);
  lines.push(`- Returns ${layer.returnSequences ? 'every step (`return_sequences: true`)' : 'the last step only (`return_sequences: false`)'}`);
  return lines.join('\n');
}

/**
 * On the value of a gated layer's `recurrent_activation:` (or its `activation:`): what the function
 * does there, before the activation's own hover, so sigmoid's hidden-layer warnings are read in context.
 */
function recurrentActivationNote(layer: string, arg: string, value: string): string | undefined {
  if (layer !== 'lstm' && layer !== 'gru') return undefined;
  const gates = layer === 'lstm' ? 'input, forget and output gates' : 'update and reset gates';
  if (arg === 'recurrent_activation') {
    return `**As \`recurrent_activation\` of \`${layer}\`**: \`${value}\` is the activation of the ${gates}, not of a hidden layer. Each gate multiplies what passes by a fraction in (0, 1)${value === 'sigmoid' ? ", which is why the gates use sigmoid; the warnings below about sigmoid hidden layers (saturation, vanishing gradients in deep stacks) do not apply here" : '; sigmoid (the default) is the usual choice, as a gate must be a fraction between 0 and 1'}.`;
  }
  if (arg === 'activation') {
    return `**As \`activation\` of \`${layer}\`**: \`${value}\` shapes the candidate state and the output; the gates use \`recurrent_activation\`.${value === 'tanh' ? ' tanh (the default) keeps the state bounded and is what cuDNN\'s fast kernels need.' : value === 'relu' ? ' An unbounded relu here lets the recurrent state grow without limit over the steps.' : ''}`;
  }
  return undefined;
}

/** A bare name from a fixed list (`variance_scaling`'s `mode: fan_in`, `distribution: uniform`): which argument it sets, and that argument's doc. */
function enumValueMarkdown(owner: string, spec: ArgSpec, value: string): string | undefined {
  const values = spec.type === 'fan_mode' ? fanModes : scalingDistributions;
  if (!values.includes(value)) return undefined;
  const others = values.filter((v) => v !== value).map((v) => `\`${v}\``);
  const isDefault = spec.default === value ? ', the default' : '';
  return `**${value}**: a \`${spec.name}\` of \`${owner}\`${isDefault} (the others: ${others.join(', ')})\n\n${spec.doc}`;
}

function layerHover(doc: AxonDocument, call: LayerCall): string | undefined {
  const program = doc.parsed().ast;
  const name = call.name.name;
  const networks = doc.analyzed().networks;
  const block = blocks(program).find((b) => b.name?.name === name);
  if (block) {
    const parts = [blockHover(doc, block)];
    const instances = layersOfBlockUse(networks, call);
    const lines = instances.slice(0, 6).map((e) => {
      const total = e.layers.reduce((s, l) => s + l.params.trainable + l.params.nonTrainable, 0);
      const span = `${e.layers.length === 1 ? 'layer' : 'layers'} ${positionsText(e.layers.map((l) => l.index + 1))}`;
      const io = groupBoundary(e.network, e.layers);
      return `- In \`${e.network.name}\`, ${span} (${e.layers.map((l) => `\`${l.name}\``).join(', ')}): input ${shapesText(io.inputs)} → output ${shapesText(io.outputs)}, ${formatCount(total)} params`;
    });
    if (instances.length > 6) lines.push(`- … and ${instances.length - 6} more`);
    if (lines.length > 0) parts.push(`${instances.length === 1 ? 'Expands to' : `Expands ${instances.length}×, to`}:\n${lines.join('\n')}`);
    return parts.join('\n\n');
  }
  const base = nameMarkdown('layer', name);
  if (!base) return undefined;
  const parts = [base];
  const expansions = layersOfCall(networks, call);
  const first = expansions[0]?.layers[0];
  if (first && (first.kind === 'dense' || first.kind === 'conv2d')) {
    parts.push(first.activationExplicit ? `Activation: \`${activationText(first.activation)}\`` : 'No `activation:`, so this layer is **linear** (f(x) = x).');
  }
  if (first && isRecurrent(first)) parts.push(recurrentFacts(first));
  if (first && 'kernelRegularizer' in first && first.kernelRegularizer) {
    parts.push(`Kernel regularizer: \`${regularizerText(first.kernelRegularizer)}\`, added to the training loss (summed over the kernel, not the bias).`);
  }
  for (const e of expansions) {
    const text = expansionText(e);
    if (text) parts.push(text.charAt(0).toUpperCase() + text.slice(1) + '.');
    parts.push(layerLines(e).join('\n'));
  }
  return parts.join('\n\n');
}

/** `repeat N`: which layers it produced, in each network. */
function repeatHover(doc: AxonDocument, node: RepeatStmt): string {
  const at = node.range.start.offset;
  const parts = [`**repeat ${node.count?.raw ?? '?'}**: the ${node.body.length === 1 ? 'statement' : `${node.body.length} statements`} inside, ${node.count?.raw ?? 'N'} times over.`];
  for (const net of doc.analyzed().networks) {
    const layers = net.layers.filter((l) => l.origin.chain.some((s) => s.kind === 'repeat' && s.range.start.offset === at));
    if (layers.length === 0) continue;
    const params = layers.reduce((sum, l) => sum + l.params.trainable + l.params.nonTrainable, 0);
    parts.push(`In \`${net.name}\`: ${layers.length} layers, ${layers.length === 1 ? 'layer' : 'layers'} ${positionsText(layers.map((l) => l.index + 1))} of ${net.layers.length}, ${formatCount(params)} params`);
  }
  return parts.join('\n\n');
}

function enclosingBlock(path: readonly AstNode[]): BlockDecl | undefined {
  return path.find((n): n is BlockDecl => n.kind === 'Block');
}

/** The hover markdown at an offset, or undefined. */
export function hoverMarkdown(doc: AxonDocument, offset: number, token: Token): string | undefined {
  const program = doc.parsed().ast;
  const path = pathAt(program, offset);
  const node = path[path.length - 1]!;
  const parent = path[path.length - 2];
  if (node.kind !== 'Identifier' || !parent) {
    if (node.kind === 'Repeat' && token.text === 'repeat') return repeatHover(doc, node);
    const construct = constructHover(doc, path, token);
    if (construct) return construct;
    return keywordMarkdown(token.text);
  }
  const word = node.name;
  switch (parent.kind) {
    case 'LayerCall':
      return layerHover(doc, parent);
    case 'Network':
      return networkHover(doc, parent);
    case 'Block':
      if (parent.name === node) return blockHover(doc, parent);
      return paramHover(doc, parent, word);
    case 'Setting': {
      const section = path[path.length - 3];
      if (!parent.colon && word === 'early_stopping') return nameMarkdown('early_stopping', word);
      const s = section && (section.kind === 'Train' || section.kind === 'Data') ? setting(section.kind === 'Train' ? 'train' : 'data', word) : undefined;
      return s ? settingMarkdown(section!.kind === 'Train' ? 'train' : 'data', s) : undefined;
    }
    case 'Argument': {
      // The argument's name: `activation` in `dense(16, activation: relu)`.
      const owner = path[path.length - 4];
      if (owner?.kind === 'Parallel') {
        const spec = parallelArgs.find((a) => a.name === word);
        return spec ? argumentMarkdown('parallel', spec) : undefined;
      }
      if (owner && (owner.kind === 'LayerCall' || owner.kind === 'Name')) {
        const found = argSpecOf(program, owner, 0, word);
        return found ? argumentMarkdown(found.owner, found.spec) : undefined;
      }
      return undefined;
    }
    case 'Name': {
      const holder = path[path.length - 3];
      const block = enclosingBlock(path);
      if (block && block.params.some((p) => p.name === word) && !parent.args) return paramHover(doc, block, word);
      if (holder?.kind === 'Task') return nameMarkdown('task', word);
      if (holder?.kind === 'Setting') {
        // What the value names follows from the setting's type in the catalog (`loss: …` takes a loss).
        const section = path[path.length - 4];
        const s = section?.kind === 'Train' || section?.kind === 'Data' ? setting(section.kind === 'Train' ? 'train' : 'data', holder.key.name) : undefined;
        const kind = s ? kindOfType[s.type] : undefined;
        if (kind) return nameMarkdown(kind, word);
      }
      if (holder?.kind === 'Argument') {
        const argList = path[path.length - 4];
        const owner = path[path.length - 5];
        if (argList?.kind === 'ArgList' && owner && (owner.kind === 'LayerCall' || owner.kind === 'Name')) {
          const index = argList.args.indexOf(holder);
          const found = argSpecOf(program, owner, index, holder.name?.name);
          const kind = found ? kindOfType[found.spec.type] : undefined;
          const text = kind ? nameMarkdown(kind, word) : undefined;
          if (text && found && owner.kind === 'LayerCall') {
            const note = recurrentActivationNote(owner.name.name, found.spec.name, word);
            if (note) return `${note}\n\n${text}`;
          }
          if (text) return text;
          if (found && (found.spec.type === 'fan_mode' || found.spec.type === 'scaling_distribution')) return enumValueMarkdown(found.owner, found.spec, word);
        }
      }
      const any = findSignature(word, ['activation', 'initializer', 'regularizer', 'loss', 'optimizer', 'task']);
      return any ? nameMarkdown(any.kind, word) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * On a graph keyword: `residual`, `shortcut`, `parallel` (the cursor may stand at the `(` that starts
 * its arguments) and `branch`, the shapes analysis gave each path and the merge.
 */
function constructHover(doc: AxonDocument, path: readonly AstNode[], token: Token): string | undefined {
  const at = (r: { start: { offset: number } }) => r.start.offset === token.start;
  const networks = doc.analyzed().networks;
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!;
    if (n.kind === 'Residual' && at(n.keywordRange)) return residualHover(networks, n);
    if (n.kind === 'Shortcut' && at(n.keywordRange)) {
      const residual = path[i - 1];
      return residual?.kind === 'Residual' ? shortcutHover(networks, residual, n) : undefined;
    }
    if (n.kind === 'Parallel' && at(n.keywordRange)) return parallelHover(networks, n);
    if (n.kind === 'Branch' && at(n.keywordRange)) {
      const parallel = path[i - 1];
      return parallel?.kind === 'Parallel' ? branchHover(networks, parallel, n) : undefined;
    }
  }
  return undefined;
}

function keywordMarkdown(word: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(KEYWORD_DOCS, word) ? KEYWORD_DOCS[word as keyof typeof KEYWORD_DOCS] : undefined;
}

export function hover(doc: AxonDocument, offset: number): Hover | null {
  const token = identTokenAt(doc.tokens(), offset);
  if (!token) return null;
  const value = hoverMarkdown(doc, offset, token);
  return value ? md(value, doc, token) : null;
}
