/**
 * Runs the rules over a file's resolved networks and turns what they report into findings:
 * one finding per source range (a layer inside a `repeat` or block is reported once, with a note
 * saying which expansions it came from), severities from the configuration, fixes kept only
 * when they are safe for every expansion, then suppression comments applied.
 */
import type { ExpansionStep, Program, Range, RelatedLocation, ResolvedLayer, ResolvedNetwork, Severity } from '@axon/language';
import { layerRange } from './facts.js';
import { ENGINE_RULES, rules } from './rules/index.js';
import { applySuppressions } from './suppressions.js';
import { thousands } from './thousands.js';
import type { DataReader, DataSample } from './data-sample.js';
import type { ExpansionInfo, Finding, Fix, ReportDescriptor, ResolvedConfig, Rule } from './types.js';

export interface LintInput {
  text: string;
  ast: Program;
  networks: readonly ResolvedNetwork[];
  /**
   * Reads a bounded sample of a network's `data { source }` for the rules that judge the data
   * (unscaled-input, unscaled-target, task-data-mismatch). Absent: those rules say nothing.
   */
  readData?: DataReader;
}

/** The reader's sample for a network; a reader that throws counts as no data (lint never fails on a file). */
function sampleOf(readData: DataReader | undefined, network: ResolvedNetwork): DataSample | undefined {
  if (!readData || !network.data) return undefined;
  try {
    return readData(network);
  } catch {
    return undefined;
  }
}

interface Pending {
  rule: Rule;
  descriptor: ReportDescriptor;
  message: string;
  severity: Severity;
  network: ResolvedNetwork;
  /** Every reported layer, with the index of its network (a block may be used by several). */
  layers: { net: number; layer: ResolvedLayer }[];
  fixes: (Fix | undefined)[];
}

/** Fills `{{name}}` placeholders. */
export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

function rangeKey(range: Range): string {
  return `${range.start.offset}:${range.end.offset}`;
}

function sameFix(a: Fix | undefined, b: Fix | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.edits.length !== b.edits.length) return false;
  return a.edits.every((e, i) => {
    const o = b.edits[i]!;
    return e.newText === o.newText && e.range.start.offset === o.range.start.offset && e.range.end.offset === o.range.end.offset;
  });
}

/**
 * Compact list of sorted 1-based indices: "3–20", "2, 4, 6", and for the long lists a repeat of a
 * block makes, arithmetic runs and a count: "1, 3, 5, … 49,999 (25,000 layers)". At most a dozen
 * parts are printed, whatever the list's length.
 */
export function indexList(indices: readonly number[]): string {
  const n = thousands;
  const parts: string[] = [];
  let summarised = false;
  let i = 0;
  while (i < indices.length) {
    const step = i + 1 < indices.length ? indices[i + 1]! - indices[i]! : 0;
    let j = i;
    while (j + 1 < indices.length && indices[j + 1]! - indices[j]! === step) j++;
    const len = j - i + 1;
    if (step === 1 && len >= 3) {
      parts.push(`${n(indices[i]!)}–${n(indices[j]!)}`);
      i = j + 1;
    } else if (step > 1 && len >= 4) {
      parts.push(`${n(indices[i]!)}, ${n(indices[i + 1]!)}, ${n(indices[i + 2]!)}, … ${n(indices[j]!)}`);
      summarised = true;
      i = j + 1;
    } else {
      parts.push(n(indices[i]!));
      i++;
    }
  }
  let text = parts.length > 12 ? [...parts.slice(0, 8), '…', ...parts.slice(-2)].join(', ') : parts.join(', ');
  if (parts.length > 12) summarised = true;
  if (summarised) text += ` (${n(indices.length)} layers)`;
  return text;
}

function stepText(text: string, step: ExpansionStep): string {
  const range = step.kind === 'repeat' ? step.headerRange : step.useRange;
  let source = text.slice(range.start.offset, range.end.offset).replace(/\s+/g, ' ').trim();
  if (source.length > 40) source = `${source.slice(0, 37)}…`;
  return `\`${source}\` at line ${range.start.line}`;
}

/** "layers 3–20 of 20, from `repeat 18` at line 9"; undefined for layers written directly in `layers { }`. */
export function describeExpansion(text: string, network: ResolvedNetwork, layers: ResolvedLayer[]): ExpansionInfo | undefined {
  if (layers.length === 0 || layers.every((l) => l.origin.chain.length === 0)) return undefined;
  const indices = [...new Set(layers.map((l) => l.index + 1))].sort((a, b) => a - b);
  const froms = [...new Set(layers.map((l) => l.origin.chain.map((s) => stepText(text, s)).join(' › ')).filter(Boolean))];
  const total = network.layers.length;
  const noun = indices.length === 1 ? 'layer' : 'layers';
  return {
    layers: indices,
    total,
    network: network.name,
    text: `${noun} ${indexList(indices)} of ${total}, from ${froms.join('; ')}`,
  };
}

function expansionRelated(layers: ResolvedLayer[]): RelatedLocation[] {
  const seen = new Set<string>();
  const out: RelatedLocation[] = [];
  for (const layer of layers) {
    for (const step of layer.origin.chain) {
      const range = step.kind === 'repeat' ? step.headerRange : step.useRange;
      const key = rangeKey(range);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ range, message: step.kind === 'repeat' ? `expanded by \`repeat ${step.count}\`` : `expanded from block \`${step.block}\`` });
    }
  }
  return out;
}

/** How many resolved layers (across all networks) come from each source range. */
function originCounts(networks: readonly ResolvedNetwork[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of networks) for (const l of n.layers) {
    const key = rangeKey(l.origin.range);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Lints an already parsed and analysed file. Findings are sorted by position. Never throws on a
 * rule's behalf: a rule that crashes becomes an error finding naming it.
 */
export function lintDocument(input: LintInput, config: ResolvedConfig): Finding[] {
  const { text, ast, networks } = input;
  const pending = new Map<string, Pending>();
  const order: string[] = [];
  const crashes: Finding[] = [];
  // Read lazily: only when a rule asks (the data rules may all be off), once per network.
  const samples = new Map<number, DataSample | undefined>();
  const dataOf = (net: number) => {
    if (!samples.has(net)) samples.set(net, sampleOf(input.readData, networks[net]!));
    return samples.get(net);
  };
  for (const rule of rules) {
    if (ENGINE_RULES.has(rule.meta.id)) continue;
    const setting = config.rules[rule.meta.id];
    if (!setting || setting.severity === 'off') continue;
    for (let net = 0; net < networks.length; net++) {
      const network = networks[net]!;
      const report = (r: ReportDescriptor) => {
        const layers = (r.layers ?? (r.layer ? [r.layer] : [])).map((layer) => ({ net, layer }));
        const range = r.range ?? (layers[0] ? layerRange(layers[0].layer) : network.nameRange);
        const key = `${rule.meta.id}|${r.messageId}|${rangeKey(range)}`;
        const existing = pending.get(key);
        if (existing) {
          existing.layers.push(...layers);
          existing.fixes.push(r.fix);
          return;
        }
        const template = rule.meta.messages[r.messageId];
        if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id "${r.messageId}"`);
        const severity = setting.explicit ? (setting.severity as Severity) : (r.severity ?? (setting.severity as Severity));
        pending.set(key, {
          rule,
          descriptor: { ...r, range },
          message: interpolate(template, r.data),
          severity,
          network,
          layers: [...layers],
          fixes: [r.fix],
        });
        order.push(key);
      };
      try {
        rule.check({
          network,
          networks,
          ast,
          text,
          options: setting.options,
          report,
          get data() {
            return dataOf(net);
          },
        });
      } catch (err) {
        crashes.push({
          ruleId: rule.meta.id,
          severity: 'error',
          messageId: 'crash',
          message: `internal error in rule ${rule.meta.id}: ${(err as Error)?.message ?? String(err)}`,
          range: network.nameRange,
          network: network.name,
        });
      }
    }
  }
  let counts: Map<string, number> | undefined;
  const findings: Finding[] = [];
  for (const key of order) {
    const p = pending.get(key)!;
    const range = p.descriptor.range!;
    const firstNet = p.layers[0]?.net;
    const ownLayers = p.layers.filter((l) => l.net === firstNet).map((l) => l.layer);
    // The note speaks for the layers written at this range, when they come from a repeat or block.
    const atRange = ownLayers.filter((l) => contains(l.origin.range, range) && l.origin.chain.length > 0);
    const expansion = atRange.length > 0 ? describeExpansion(text, networks[firstNet!]!, atRange) : undefined;
    let fix = p.fixes[0];
    if (fix && p.fixes.some((f) => !sameFix(f, fix))) fix = undefined;
    if (fix && p.layers.some((l) => l.layer.origin.chain.length > 0)) {
      // The fix edits source shared by several expansions: each of them must have asked for it.
      const origins = new Set(p.layers.map((l) => rangeKey(l.layer.origin.range)));
      const distinct = new Set(p.layers.map((l) => `${l.net}:${l.layer.index}`));
      counts ??= originCounts(networks);
      const total = [...origins].reduce((sum, k) => sum + (counts!.get(k) ?? 0), 0);
      if (distinct.size < total) fix = undefined;
    }
    const related = [...(p.descriptor.related ?? []), ...(expansion ? expansionRelated(atRange) : [])];
    const finding: Finding = {
      ruleId: p.rule.meta.id,
      severity: p.severity,
      messageId: p.descriptor.messageId,
      message: expansion ? `${p.message} (${expansion.text})` : p.message,
      range,
      network: p.network.name,
    };
    if (expansion) finding.expansion = expansion;
    if (related.length > 0) finding.related = related;
    if (fix) finding.fix = fix;
    findings.push(finding);
  }
  const all = applySuppressions(text, ast, [...findings, ...crashes], config);
  return sortFindings(all);
}

function contains(outer: Range, inner: Range): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

export function sortFindings<T extends { range: Range }>(list: T[]): T[] {
  return list.sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
}
