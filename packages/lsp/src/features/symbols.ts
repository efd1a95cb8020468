/** Document symbols (networks, blocks, sections, layers) and folding ranges: they need only the parse. */
import type { LayerStmt, Range as AstRange } from '@axon/language';
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { AxonDocument } from '../workspace/document.js';
import { statements, topLevel } from '../ast/walk.js';

function sym(doc: AxonDocument, name: string, kind: SymbolKind, range: AstRange, selection: AstRange, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol {
  const s: DocumentSymbol = { name: name || '?', kind, range: doc.range(range), selectionRange: doc.range(selection), children };
  if (detail) s.detail = detail;
  return s;
}

function layerSymbols(doc: AxonDocument, stmts: readonly LayerStmt[], blockNames: Set<string>): DocumentSymbol[] {
  const list = (items: readonly LayerStmt[] | undefined) => layerSymbols(doc, items ?? [], blockNames);
  return stmts.map((s) => {
    switch (s.kind) {
      case 'Repeat':
        return sym(doc, `repeat ${s.count?.raw ?? '?'}`, SymbolKind.Array, s.range, s.keywordRange, list(s.body));
      case 'Residual': {
        // The body and the shortcut as children (an identity shortcut has none to show).
        const body = sym(doc, 'body', SymbolKind.Namespace, s.bodyRange, s.keywordRange, list(s.body));
        const parts = [body];
        if (s.shortcut) parts.push(sym(doc, 'shortcut', SymbolKind.Namespace, s.shortcut.range, s.shortcut.keywordRange, list(s.shortcut.items)));
        return sym(doc, 'residual', SymbolKind.Struct, s.range, s.keywordRange, parts, s.shortcut ? 'body + shortcut' : 'body + identity');
      }
      case 'Parallel': {
        const branches = (s.branches ?? []).map((b, i) => sym(doc, `branch ${i + 1}`, SymbolKind.Namespace, b.range, b.keywordRange, list(b.items), (b.items ?? []).length === 0 ? 'identity' : undefined));
        const args = s.args ? doc.text.slice(s.args.range.start.offset, s.args.range.end.offset).replace(/\s+/g, ' ') : '';
        return sym(doc, 'parallel', SymbolKind.Struct, s.range, s.keywordRange, branches, `parallel${args}`);
      }
      case 'LayerCall': {
        const text = doc.text.slice(s.range.start.offset, s.range.end.offset).replace(/\s+/g, ' ');
        return sym(doc, s.name.name, blockNames.has(s.name.name) ? SymbolKind.Module : SymbolKind.Function, s.range, s.name.range, [], text);
      }
    }
  });
}

export function documentSymbols(doc: AxonDocument): DocumentSymbol[] {
  const { ast } = doc.parsed();
  const items = topLevel(ast);
  const blockNames = new Set(items.flatMap((i) => (i.kind === 'Block' && i.name ? [i.name.name] : [])));
  return items.map((item) => {
    if (item.kind === 'Block') {
      const params = item.params.map((p) => sym(doc, p.name, SymbolKind.TypeParameter, p.range, p.range));
      return sym(doc, item.name?.name ?? 'block', SymbolKind.Module, item.range, item.name?.range ?? item.range, [...params, ...layerSymbols(doc, item.body ?? [], blockNames)], `block(${item.params.map((p) => p.name).join(', ')})`);
    }
    const members = item.members.map((m) => {
      switch (m.kind) {
        case 'Input':
          return sym(doc, 'input', SymbolKind.Field, m.range, m.range, [], `[${(m.dims ?? []).map((d) => d.raw).join(', ')}]`);
        case 'Task':
          return sym(doc, 'task', SymbolKind.Property, m.range, m.range, [], m.value ? doc.text.slice(m.value.range.start.offset, m.value.range.end.offset) : undefined);
        case 'Layers':
          return sym(doc, 'layers', SymbolKind.Namespace, m.range, m.range, layerSymbols(doc, m.items ?? [], blockNames));
        case 'Train':
        case 'Data':
          return sym(
            doc,
            m.kind === 'Train' ? 'train' : 'data',
            SymbolKind.Namespace,
            m.range,
            m.range,
            (m.settings ?? []).map((s) => sym(doc, s.key.name, SymbolKind.Property, s.range, s.key.range, [], s.value ? doc.text.slice(s.value.range.start.offset, s.value.range.end.offset) : undefined)),
          );
      }
    });
    return sym(doc, item.name?.name ?? 'network', SymbolKind.Class, item.range, item.name?.range ?? item.range, members, 'network');
  });
}

export function foldingRanges(doc: AxonDocument): FoldingRange[] {
  const { ast } = doc.parsed();
  const out: FoldingRange[] = [];
  const add = (r: AstRange, kind?: FoldingRangeKind) => {
    const startLine = r.start.line - 1;
    // Keep the closing line visible: fold up to the line before `}`.
    const endLine = kind === FoldingRangeKind.Comment ? r.end.line - 1 : r.end.line - 2;
    if (endLine > startLine) out.push(kind ? { startLine, endLine, kind } : { startLine, endLine });
  };
  // Every braced statement folds: a repeat, a residual (its body; the shortcut on its own), a parallel and each branch.
  const stmts = (list: readonly LayerStmt[]) => {
    for (const s of statements(list)) {
      if (s.kind === 'Repeat') add(s.range);
      else if (s.kind === 'Residual') {
        add(s.bodyRange);
        if (s.shortcut) add(s.shortcut.range);
      } else if (s.kind === 'Parallel') {
        add(s.range);
        for (const b of s.branches ?? []) add(b.range);
      }
    }
  };
  for (const item of topLevel(ast)) {
    add(item.range);
    if (item.kind === 'Block') stmts(item.body ?? []);
    else
      for (const m of item.members) {
        if (m.kind === 'Layers') {
          add(m.range);
          stmts(m.items ?? []);
        } else if (m.kind === 'Train' || m.kind === 'Data') add(m.range);
      }
  }
  for (const c of ast.comments ?? []) if (c.block) add(c.range, FoldingRangeKind.Comment);
  return out.sort((a, b) => a.startLine - b.startLine);
}
