/** Builds text edits from the syntax tree: the basis of every fix. */
import type {
  Argument,
  Expr,
  LayerCall,
  NameExpr,
  NetworkDecl,
  Position,
  Range,
  ResolvedLayer,
  Setting,
} from '@axon/language';
import type { TextEdit } from './types.js';

export function point(position: Position): Range {
  return { start: position, end: position };
}

/** The position `delta` characters before or after `p` on the same line. */
export function shift(p: Position, delta: number): Position {
  return { offset: p.offset + delta, line: p.line, column: p.column + delta };
}

/** A named argument of a call (`activation:`, `init:`), if written. */
export function namedArg(call: LayerCall | NameExpr, name: string): Argument | undefined {
  return call.args?.args.find((a) => a.name?.name === name);
}

/** The i-th positional argument (0-based), if written. */
export function positionalArg(call: LayerCall | NameExpr, index: number): Argument | undefined {
  const positional = call.args?.args.filter((a) => a.name === undefined) ?? [];
  return positional[index];
}

/** A named argument, or the positional one that fills the same parameter. */
export function argOf(call: LayerCall | NameExpr, name: string, position: number): Argument | undefined {
  return namedArg(call, name) ?? positionalArg(call, position);
}

/** Names bound to block parameters anywhere in the layer's expansion chain. */
function boundNames(layer: ResolvedLayer): Set<string> {
  const names = new Set<string>();
  for (const step of layer.origin.chain) {
    if (step.kind === 'block') for (const key of Object.keys(step.bindings)) names.add(key);
  }
  return names;
}

/** True when an expression mentions a block parameter (then its text is not the value; do not fix it in place). */
export function mentionsParameter(layer: ResolvedLayer, expr: Expr | undefined): boolean {
  if (!expr) return false;
  const names = boundNames(layer);
  if (names.size === 0) return false;
  const visit = (e: Expr): boolean => {
    if (e.kind === 'Name') {
      if (names.has(e.name.name)) return true;
      return (e.args?.args ?? []).some((a) => a.value !== undefined && visit(a.value));
    }
    if (e.kind === 'List') return e.items.some(visit);
    return false;
  };
  return visit(expr);
}

/** The argument's value when it is written literally (not through a block parameter). */
export function literalValue(layer: ResolvedLayer, arg: Argument | undefined): Expr | undefined {
  if (!arg?.value) return undefined;
  return mentionsParameter(layer, arg.value) ? undefined : arg.value;
}

export function replace(range: Range, newText: string): TextEdit {
  return { range, newText };
}

/** Inserts `name: value` as the last argument of a call. Undefined when the call has no argument list. */
export function insertArg(call: LayerCall | NameExpr, text: string): TextEdit | undefined {
  const args = call.args;
  if (!args) return undefined;
  const close = shift(args.range.end, -1);
  const last = args.args[args.args.length - 1];
  if (!last) return { range: point(close), newText: text };
  return { range: point(last.range.end), newText: `, ${text}` };
}

/** Removes one argument with its separating comma. */
export function removeArg(call: LayerCall | NameExpr, arg: Argument): TextEdit | undefined {
  const list = call.args?.args ?? [];
  const i = list.indexOf(arg);
  if (i < 0) return undefined;
  if (i > 0) return { range: { start: list[i - 1]!.range.end, end: arg.range.end }, newText: '' };
  const next = list[1];
  if (next) return { range: { start: arg.range.start, end: next.range.start }, newText: '' };
  return { range: arg.range, newText: '' };
}

/** Sets a named argument: replaces its value when written, else appends it. */
export function setNamedArg(layer: ResolvedLayer, name: string, valueText: string): TextEdit | undefined {
  const call = layer.origin.node;
  const arg = namedArg(call, name);
  if (arg) {
    if (!arg.value || mentionsParameter(layer, arg.value)) return undefined;
    return replace(arg.value.range, valueText);
  }
  return insertArg(call, `${name}: ${valueText}`);
}

function lineStart(text: string, p: Position): Position {
  let offset = p.offset;
  while (offset > 0 && text[offset - 1] !== '\n') offset--;
  return { offset, line: p.line, column: 1 };
}

/** True when only whitespace surrounds `range` on its line(s). */
/** Nothing but whitespace shares the range's line(s). */
export function aloneOnLine(text: string, range: Range): boolean {
  for (let i = range.start.offset - 1; i >= 0 && text[i] !== '\n'; i--) if (!/\s/.test(text[i]!)) return false;
  for (let i = range.end.offset; i < text.length && text[i] !== '\n'; i++) if (!/\s/.test(text[i]!)) return false;
  return true;
}

/** Deletes a range, taking its whole line when nothing else is on it. */
export function deleteRange(text: string, range: Range): TextEdit {
  if (!aloneOnLine(text, range)) return { range, newText: '' };
  const start = lineStart(text, range.start);
  let endOffset = range.end.offset;
  while (endOffset < text.length && text[endOffset] !== '\n') endOffset++;
  if (endOffset < text.length) endOffset++;
  return { range: { start, end: { offset: endOffset, line: range.end.line + 1, column: 1 } }, newText: '' };
}

/** Inserts a new line of text (indented like `range`'s line) just above `range`. */
export function insertLineAbove(text: string, range: Range, lineText: string): TextEdit | undefined {
  if (!aloneOnLine(text, range)) return undefined;
  const start = lineStart(text, range.start);
  const indent = text.slice(start.offset, range.start.offset);
  return { range: point(start), newText: `${indent}${lineText}\n` };
}

/** The first `key: value` setting in the network's `train { }` (or `data { }`). */
export function findSetting(node: NetworkDecl, member: 'Train' | 'Data', key: string): Setting | undefined {
  for (const m of node.members) {
    if (m.kind !== member) continue;
    const found = m.settings.find((s) => s.key.name === key);
    if (found) return found;
  }
  return undefined;
}
