/**
 * Analysis: from a parsed program to resolved networks.
 *
 * Blocks are collected and checked for recursion, each network's `layers` are expanded (repeats,
 * blocks, residuals and parallels) into a graph in topological order, every layer's arguments are
 * checked and defaulted, shapes and parameter counts are inferred (resolve-layers.ts), and `input`,
 * `task`, `train` and `data` are resolved. Never throws.
 */
import type { NetworkDecl, NetworkMember, Program, Range } from './ast.js';
import { checkRecursion, collectBlocks, type BlockTable } from './blocks.js';
import { Budget } from './budget.js';
import { sectionKeyword } from './catalog.js';
import type { Diagnostic } from './diagnostic.js';
import { checkUnusedBlock, expandLayers } from './expand.js';
import type { ResolvedLayer, ResolvedNetwork, Shape } from './network.js';
import { Reporter } from './report.js';
import { resolveLayers } from './resolve-layers.js';
import { CleanChecks } from './reuse.js';
import { checkTextData } from './text-data.js';
import { keywordRange, resolveData, resolveInput, resolveTask, resolveTrain } from './sections.js';

export interface AnalysisResult {
  networks: ResolvedNetwork[];
  diagnostics: Diagnostic[];
}

/** Resolves every network of a parsed program. Never throws. */
export function analyze(ast: Program): AnalysisResult {
  return analyzeWith(ast, new CleanChecks());
}

/**
 * `analyze` checking every layer call afresh, never reusing an earlier clean check (reuse.ts).
 * Internal: tests compare it with `analyze` to show that reuse changes no result.
 */
export function analyzeEveryCall(ast: Program): AnalysisResult {
  return analyzeWith(ast, new CleanChecks(0));
}

function analyzeWith(ast: Program, checks: CleanChecks): AnalysisResult {
  const r = new Reporter();
  try {
    return analyzeProgram(ast, r, checks);
  } catch (err) {
    const zero = { offset: 0, line: 1, column: 1 };
    r.error(
      'analysis/internal-error',
      ast?.range ?? { start: zero, end: zero },
      `internal error in analysis: ${err instanceof Error ? err.message : String(err)}`,
    );
    return { networks: [], diagnostics: r.diagnostics };
  }
}

function analyzeProgram(ast: Program, r: Reporter, checks: CleanChecks): AnalysisResult {
  const blocks = collectBlocks(ast, r);
  // One work budget for the whole file (budget.ts).
  const budget = new Budget(blocks, checkRecursion(blocks, r));
  const networks: ResolvedNetwork[] = [];
  const names = new Map<string, NetworkDecl>();
  const used = new Set<string>();
  for (const item of ast.items ?? []) {
    if (item?.kind !== 'Network') continue;
    if (item.name) {
      const first = names.get(item.name.name);
      if (first) {
        r.error(
          'analysis/duplicate-network',
          item.name.range,
          `network \`${item.name.name}\` is already defined at line ${first.name!.range.start.line}`,
        );
      } else {
        names.set(item.name.name, item);
      }
    }
    networks.push(resolveNetwork(item, blocks, r, used, checks, budget));
  }
  for (const [name, block] of blocks) if (!used.has(name)) checkUnusedBlock(block, blocks, r, checks, budget);
  r.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  return { networks, diagnostics: r.diagnostics };
}

/** The first member of each kind; later duplicates are reported. */
function sections(net: NetworkDecl, r: Reporter): Partial<{ [K in NetworkMember['kind']]: Extract<NetworkMember, { kind: K }> }> {
  const out: Partial<Record<NetworkMember['kind'], NetworkMember>> = {};
  for (const m of net.members ?? []) {
    if (!m) continue;
    const first = out[m.kind];
    if (first) {
      const word = sectionKeyword(m.kind);
      r.error(
        'analysis/duplicate-section',
        keywordRange(m.range, word.length),
        `\`${word}\` is already given at line ${first.range.start.line}; a network has one \`${word}\``,
      );
      continue;
    }
    out[m.kind] = m;
  }
  return out as ReturnType<typeof sections>;
}

function resolveNetwork(
  net: NetworkDecl,
  blocks: BlockTable,
  r: Reporter,
  used: Set<string>,
  checks: CleanChecks,
  budget: Budget,
): ResolvedNetwork {
  const name = net.name?.name ?? '';
  const nameRange: Range = net.name?.range ?? keywordRange(net.range, 'network'.length);
  const s = sections(net, r);

  let input: Shape | undefined;
  if (!s.Input) {
    r.error('analysis/missing-input', nameRange, `network \`${name}\` has no \`input\`; add the shape of one sample, e.g. \`input [4]\``);
  } else {
    input = resolveInput(s.Input, r);
  }

  const task = s.Task ? resolveTask(s.Task, r) : undefined;

  let layers: ResolvedLayer[] = [];
  let shape: Shape = input ?? [];
  const errorsBefore = r.errorCount;
  // The keyword as written: a misspelt `layrs` is five columns, not six.
  const layersKeyword = s.Layers ? (s.Layers.keywordRange ?? keywordRange(s.Layers.range, 'layers'.length)) : nameRange;
  if (!s.Layers) {
    r.error('analysis/missing-layers', nameRange, `network \`${name}\` has no \`layers { … }\``);
  } else if ((s.Layers.items ?? []).length === 0) {
    r.error('analysis/missing-layers', layersKeyword, '`layers` is empty; add at least one layer');
  } else {
    const expanded = expandLayers(s.Layers.items, blocks, r, checks, budget);
    expanded.usedBlocks.forEach((b) => used.add(b));
    if (expanded.layers.length === 0 && !expanded.incomplete) {
      r.error('analysis/missing-layers', layersKeyword, '`layers` expands to no layers (its blocks are empty)');
    }
    const resolved = resolveLayers(expanded.layers, input, r);
    layers = resolved.layers;
    shape = resolved.outputShape;
  }

  const trainable = layers.reduce((a, l) => a + l.params.trainable, 0);
  const nonTrainable = layers.reduce((a, l) => a + l.params.nonTrainable, 0);
  const network: ResolvedNetwork = {
    name,
    range: net.range,
    nameRange,
    input: input ?? [],
    layers,
    outputShape: shape,
    params: { trainable, nonTrainable, total: trainable + nonTrainable },
    train: resolveTrain(s.Train, task, r),
    node: net,
  };
  if (s.Input) network.inputRange = s.Input.range;
  if (task) network.task = task;
  if (s.Task) network.taskRange = s.Task.range;
  if (s.Train) network.trainRange = s.Train.range;
  if (s.Data) {
    const data = resolveData(s.Data, r, task);
    if (data) network.data = data;
    network.dataRange = s.Data.range;
  }
  checkTextData(network, r.errorCount === errorsBefore, r);
  return network;
}
