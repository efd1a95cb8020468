/**
 * What analysis made of a `residual` or a `parallel`: the merge layer(s) it produced (one per
 * instance: a construct inside a repeat or a block used twice produces several), the shapes each path
 * delivers to the merge, and the merged shape — for inlay hints and hover.
 */
import { inputShapes, KEYWORD_DOCS, type BranchStmt, type ParallelStmt, type ResidualStmt, type ResolvedLayer, type ResolvedNetwork, type Shape, type ShortcutClause } from '@axon/language';
import { formatShape, layersOfCall, type Expansion } from './layer-info.js';

export type GraphConstruct = ResidualStmt | ParallelStmt;

type Merge = Extract<ResolvedLayer, { kind: 'merge' }>;

/**
 * The merge layers a construct produced, by network. A merge's origin range is the whole statement
 * (its origin node is the synthesized `residual`/`parallel` call), so it is matched by where the
 * statement starts, as a layer call's layers are.
 */
export function mergesOf(networks: readonly ResolvedNetwork[], stmt: GraphConstruct): Expansion[] {
  return layersOfCall(networks, stmt, (l) => l.kind === 'merge');
}

/** `→ add [8, 8, 64]`, one per distinct result, counted (`×3`) when a construct is expanded several times. */
export function constructHintLabel(networks: readonly ResolvedNetwork[], stmt: GraphConstruct): string | undefined {
  const counts = new Map<string, number>();
  for (const e of mergesOf(networks, stmt)) {
    for (const l of e.layers) {
      const key = `→ ${(l as Merge).mode} ${formatShape(l.outputShape)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return undefined;
  const parts = [...counts.entries()].map(([label, n]) => (n > 1 ? `${label} ×${n}` : label));
  return parts.length > 3 ? `${parts.slice(0, 3).join(' | ')} | …` : parts.join(' | ');
}

const shape = (s: Shape) => `\`${formatShape(s)}\``;

/** One line per distinct text over every instance: `- In \`Net\`: …` (`(×3)` when repeated), at most six. */
function instanceLines(networks: readonly ResolvedNetwork[], stmt: GraphConstruct, line: (network: ResolvedNetwork, merge: Merge) => string): string[] {
  const counts = new Map<string, number>();
  for (const e of mergesOf(networks, stmt)) {
    for (const l of e.layers) {
      const text = `- In \`${e.network.name}\`: ${line(e.network, l as Merge)}`;
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
  }
  const lines = [...counts.entries()].map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
  return lines.length > 6 ? [...lines.slice(0, 6), `- … and ${lines.length - 6} more`] : lines;
}

const joined = (network: ResolvedNetwork, m: Merge) => `\`${m.mode}\` → ${shape(m.outputShape)} (\`${m.name}\`, layer ${m.index + 1} of ${network.layers.length})`;

function withLines(doc: string, lines: string[]): string {
  return lines.length > 0 ? `${doc}\n\n${lines.join('\n')}` : doc;
}

/** On `residual`: the body's and the shortcut's output shapes and their sum. */
export function residualHover(networks: readonly ResolvedNetwork[], stmt: ResidualStmt): string {
  const identity = !stmt.shortcut || (stmt.shortcut.items ?? []).length === 0;
  return withLines(
    KEYWORD_DOCS.residual,
    instanceLines(networks, stmt, (network, m) => {
      const [body, shortcut] = inputShapes(network, m);
      return `body ${shape(body!)} + shortcut ${shape(shortcut!)}${identity ? ' (identity)' : ''} → ${joined(network, m)}`;
    }),
  );
}

/** On `shortcut`: what the shortcut delivers and what it is added to. */
export function shortcutHover(networks: readonly ResolvedNetwork[], residual: ResidualStmt, _clause: ShortcutClause): string {
  return withLines(
    KEYWORD_DOCS.shortcut,
    instanceLines(networks, residual, (network, m) => {
      const [body, shortcut] = inputShapes(network, m);
      return `shortcut ${shape(shortcut!)}, added to the body's ${shape(body!)} → ${joined(network, m)}`;
    }),
  );
}

/** On `parallel`: each branch's output shape and the merged shape. */
export function parallelHover(networks: readonly ResolvedNetwork[], stmt: ParallelStmt): string {
  const branches = stmt.branches ?? [];
  return withLines(
    KEYWORD_DOCS.parallel,
    instanceLines(networks, stmt, (network, m) => {
      const shapes = inputShapes(network, m);
      const parts = shapes.map((s, k) => `branch ${k + 1} ${shape(s)}${(branches[k]?.items ?? []).length === 0 ? ' (identity)' : ''}`);
      return `${parts.join(', ')} → ${joined(network, m)}`;
    }),
  );
}

/** On `branch`: its place among the branches, its output shape and the merge it feeds. */
export function branchHover(networks: readonly ResolvedNetwork[], parallel: ParallelStmt, branch: BranchStmt): string {
  const branches = parallel.branches ?? [];
  const k = branches.indexOf(branch);
  const identity = (branch.items ?? []).length === 0;
  return withLines(
    KEYWORD_DOCS.branch,
    instanceLines(networks, parallel, (network, m) => {
      const s = inputShapes(network, m)[k];
      return `branch ${k + 1} of ${branches.length}: ${s ? shape(s) : '?'}${identity ? ' (identity)' : ''} → ${joined(network, m)}`;
    }),
  );
}
