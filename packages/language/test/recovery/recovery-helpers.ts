/** Helpers for the error-recovery specs: a one-line outline of a recovered tree. */
import { parse, type Expr, type LayerStmt, type NetworkMember, type Program, type TopLevel } from '../../src/index.js';
import { diag, expectConsistentRanges } from '../parse-helpers.js';

function expr(e: Expr | undefined): string {
  if (!e) return '?';
  switch (e.kind) {
    case 'Number':
    case 'String':
      return e.raw;
    case 'Boolean':
      return String(e.value);
    case 'List':
      return `[${e.items.map(expr).join(', ')}]`;
    case 'Name':
      return e.args ? `${e.name.name}(${e.args.args.map((a) => (a.name ? `${a.name.name}: ` : '') + expr(a.value)).join(', ')})` : e.name.name;
  }
}

function stmt(s: LayerStmt): string {
  if (s.kind === 'Repeat') return `repeat ${s.count?.raw ?? '?'} {${s.body.map(stmt).join('; ')}}`;
  if (s.kind === 'Residual') return `residual {${s.body.map(stmt).join('; ')}}${s.shortcut ? ` shortcut {${s.shortcut.items.map(stmt).join('; ')}}` : ''}`;
  if (s.kind === 'Parallel') {
    const args = s.args ? `(${s.args.args.map((a) => (a.name ? `${a.name.name}: ` : '') + expr(a.value)).join(', ')})` : '';
    return `parallel${args} {${s.branches.map((b) => `branch {${b.items.map(stmt).join('; ')}}`).join('; ')}}`;
  }
  return s.args ? `${s.name.name}(${s.args.args.map((a) => (a.name ? `${a.name.name}: ` : '') + expr(a.value)).join(', ')})` : s.name.name;
}

function member(m: NetworkMember): string {
  switch (m.kind) {
    case 'Input':
      return `input [${m.dims.map((d) => d.raw).join(', ')}]`;
    case 'Task':
      return `task ${expr(m.value)}`;
    case 'Layers':
      return `layers {${m.items.map(stmt).join('; ')}}`;
    case 'Train':
    case 'Data':
      return `${m.kind.toLowerCase()} {${m.settings.map((s) => (s.colon ? `${s.key.name}: ${expr(s.value)}` : expr(s.value))).join('; ')}}`;
  }
}

function top(t: TopLevel): string {
  if (t.kind === 'Network') return `network ${t.name?.name ?? '?'} {${t.members.map(member).join('; ')}}`;
  return `block ${t.name?.name ?? '?'}(${t.params.map((p) => p.name).join(', ')}) {${t.body.map(stmt).join('; ')}}`;
}

/** The recovered tree as one string per top-level declaration. */
export function outline(ast: Program): string[] {
  return ast.items.map(top);
}

/** Parses, checks every range is consistent, and returns the errors and the outline. */
export function recovered(src: string) {
  const r = parse(src);
  expectConsistentRanges(src, r.ast);
  return { errors: r.diagnostics.map((d) => diag(src, d)), tree: outline(r.ast) };
}
