/**
 * The dynamic checks of `lint-rules.md`, as pure functions over what a short training run measured.
 * Thresholds are the published ones (AUTOTRAINER, TheDeepChecker, DeepDiagnosis), exposed as options.
 */
import type { LayerDiagnostics } from '@axon/core';
import { depthFromOutput, type ResolvedNetwork, type Severity } from '@axon/language';

export interface CheckThresholds {
  /** Vanishing: a layer's kernel-gradient norm below this fraction of the output layer's… (AUTOTRAINER 1e-3) */
  vanishingRatio: number;
  /** …and below this absolute norm (AUTOTRAINER 1e-4). */
  vanishingNorm: number;
  /** Exploding: a layer's norm above this multiple of the output layer's (AUTOTRAINER 70). */
  explodingRatio: number;
  /** Dying relu: a layer with more than this fraction of dead units (TheDeepChecker 0.5). */
  deadFraction: number;
  /** Saturation: more than this fraction of sigmoid/tanh pre-activations with |x| ≥ 5 (DeepDiagnosis 0.5). */
  saturatedFraction: number;
  /**
   * Ours, not published: saturated already at step 0, before any update — more than this fraction of a
   * sigmoid/tanh layer's pre-activations with |x| ≥ 5 on the first batch (default 0.2). A Glorot-initialised
   * layer on standardised inputs measures about 0 here; the initial weights are to blame (init-scale).
   */
  initialSaturatedFraction: number;
  /** Bad initial loss: classification loss at step 0 off ln(C) by more than this multiple of ln(C) (TheDeepChecker 1). */
  initialLossTolerance: number;
  /** Stalled: the loss must fall by this fraction… (TheDeepChecker 0.05) */
  stallImprovement: number;
  /** …over a window of this many checks (5). */
  stallWindow: number;
  /**
   * Ours, not published: a run whose loss is already below this fraction of its first check is
   * converging, not stalled, even when its last window is flat (default 0.5).
   */
  stallFloor: number;
}

export const DEFAULT_THRESHOLDS: CheckThresholds = {
  vanishingRatio: 1e-3,
  vanishingNorm: 1e-4,
  explodingRatio: 70,
  deadFraction: 0.5,
  saturatedFraction: 0.5,
  initialSaturatedFraction: 0.2,
  initialLossTolerance: 1,
  stallImprovement: 0.05,
  stallWindow: 5,
  stallFloor: 0.5,
};

export type CheckId =
  | 'vanishing-gradients'
  | 'exploding-gradients'
  | 'dying-relu'
  | 'saturation'
  | 'initial-saturation'
  | 'bad-initial-loss'
  | 'stalled-loss'
  | 'diverged-loss';

/** A snapshot of the network's health: the loss on a batch and per-layer diagnostics. */
export interface Snapshot {
  loss: number;
  layers: LayerDiagnostics[];
}

/** What a short seeded run measured. */
export interface RunEvidence {
  /** Before any update (step 0). */
  initial: Snapshot;
  /** After the last step. */
  final: Snapshot;
  /** The training loss at each check, in order (a check every few steps). */
  losses: number[];
}

export interface DynamicFinding {
  check: CheckId;
  severity: Severity;
  /** Index into `network.layers`; absent for checks about the whole network (loss checks). */
  layer?: number;
  message: string;
  /** The measured figures behind the message. */
  figures: Record<string, number>;
}

const fmt = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e4 ? x.toExponential(1).replace('e+', 'e') : Number(x.toPrecision(3)).toString();
};

const pct = (x: number): string => `${Math.round(x * 100)} %`;

function label(network: ResolvedNetwork, layer: number): string {
  const l = network.layers[layer];
  return `layer ${layer + 1}${l ? ` (${l.name})` : ''}`;
}

/**
 * The weighted layer the gradient reaches first from the output: the fewest layers along the graph
 * (`depthFromOutput`); of equals, the later one in topological order (in a plain stack, the last).
 */
function nearestOutput(network: ResolvedNetwork, weighted: LayerDiagnostics[]): LayerDiagnostics {
  const depth = depthFromOutput(network);
  const at = (d: LayerDiagnostics) => depth[d.layer] ?? Infinity;
  return weighted.reduce((best, d) => (at(d) <= at(best) ? d : best));
}

/**
 * Vanishing and exploding gradients from per-layer kernel-gradient norms, relative to the output
 * layer's (the weighted layer nearest the output along the graph).
 */
export function gradientChecks(network: ResolvedNetwork, snap: Snapshot, t: CheckThresholds): DynamicFinding[] {
  const weighted = snap.layers.filter((d) => d.gradNorm !== undefined);
  if (weighted.length < 2) return [];
  const out = nearestOutput(network, weighted);
  const outNorm = out.gradNorm!;
  const findings: DynamicFinding[] = [];
  const nan = weighted.find((d) => !Number.isFinite(d.gradNorm!));
  if (nan || !Number.isFinite(outNorm)) {
    const d = nan ?? out;
    return [
      {
        check: 'exploding-gradients',
        severity: 'error',
        layer: d.layer,
        message: `${label(network, d.layer)}: gradient norm is ${d.gradNorm} — the gradients overflowed`,
        figures: { gradNorm: d.gradNorm! },
      },
    ];
  }
  if (outNorm === 0) return [];
  for (const d of weighted) {
    if (d === out) continue;
    const norm = d.gradNorm!;
    const ratio = norm / outNorm;
    if (ratio < t.vanishingRatio && norm < t.vanishingNorm) {
      findings.push({
        check: 'vanishing-gradients',
        severity: 'warning',
        layer: d.layer,
        message: `${label(network, d.layer)}: gradient norm ${fmt(norm)}, ${fmt(ratio)} of the output layer's — this layer barely learns (vanishing gradients)`,
        figures: { gradNorm: norm, ratio, outputGradNorm: outNorm },
      });
    } else if (ratio > t.explodingRatio) {
      findings.push({
        check: 'exploding-gradients',
        severity: 'warning',
        layer: d.layer,
        message: `${label(network, d.layer)}: gradient norm ${fmt(norm)}, ${fmt(ratio)}× the output layer's (exploding gradients)`,
        figures: { gradNorm: norm, ratio, outputGradNorm: outNorm },
      });
    }
  }
  return findings;
}

/** Dead relu units and saturated sigmoid/tanh pre-activations, per layer. */
export function unitChecks(network: ResolvedNetwork, snap: Snapshot, t: CheckThresholds): DynamicFinding[] {
  const findings: DynamicFinding[] = [];
  for (const d of snap.layers) {
    if (d.deadFraction !== undefined && d.deadFraction > t.deadFraction) {
      findings.push({
        check: 'dying-relu',
        severity: 'warning',
        layer: d.layer,
        message: `${label(network, d.layer)}: ${pct(d.deadFraction)} of its relu units are dead (never positive on the evaluation batch)`,
        figures: { deadFraction: d.deadFraction },
      });
    }
    if (d.saturatedFraction !== undefined && d.saturatedFraction > t.saturatedFraction) {
      findings.push({
        check: 'saturation',
        severity: 'warning',
        layer: d.layer,
        message: `${label(network, d.layer)}: ${pct(d.saturatedFraction)} of its pre-activations are saturated (|x| ≥ 5), where the derivative is near zero`,
        figures: { saturatedFraction: d.saturatedFraction },
      });
    }
  }
  return findings;
}

/** Sigmoid/tanh layers already saturated at step 0: the initial weights' scale, not training, put them there. */
export function initialSaturationCheck(network: ResolvedNetwork, snap: Snapshot, t: CheckThresholds): DynamicFinding[] {
  const findings: DynamicFinding[] = [];
  for (const d of snap.layers) {
    if (d.saturatedFraction === undefined || !(d.saturatedFraction > t.initialSaturatedFraction)) continue;
    findings.push({
      check: 'initial-saturation',
      severity: 'warning',
      layer: d.layer,
      message: `${label(network, d.layer)}: ${pct(d.saturatedFraction)} of its pre-activations are saturated (|x| ≥ 5) at step 0, before any update — the initial weights are too large for its fan-in`,
      figures: { saturatedFraction: d.saturatedFraction },
    });
  }
  return findings;
}

/** The number of classes the loss at step 0 should reflect, or undefined when the task has none. */
function classCount(network: ResolvedNetwork): number | undefined {
  const task = network.task;
  if (!task) return undefined;
  if (task.kind === 'classification') return task.classes;
  if (task.kind === 'binary_classification') return 2;
  return undefined;
}

/** A classification loss at step 0 far from ln(C), the loss of a net that guesses uniformly. */
export function initialLossCheck(network: ResolvedNetwork, snap: Snapshot, t: CheckThresholds): DynamicFinding[] {
  const c = classCount(network);
  if (c === undefined || c < 2 || !Number.isFinite(snap.loss)) return [];
  const expected = Math.log(c);
  const off = Math.abs(snap.loss - expected);
  if (off <= t.initialLossTolerance * expected) return [];
  return [
    {
      check: 'bad-initial-loss',
      severity: 'warning',
      message: `initial loss ${fmt(snap.loss)} is far from ln(${c}) = ${fmt(expected)}, the loss of an untrained ${c}-class classifier — check the output activation, the loss and the initialisation`,
      figures: { initialLoss: snap.loss, expected },
    },
  ];
}

/** A loss that went NaN/Inf, or did not fall by `stallImprovement` over the last `stallWindow` checks. */
export function lossTrendChecks(losses: number[], t: CheckThresholds): DynamicFinding[] {
  const bad = losses.findIndex((l) => !Number.isFinite(l));
  if (bad >= 0) {
    return [
      {
        check: 'diverged-loss',
        severity: 'error',
        message: `the loss became ${losses[bad]} at check ${bad + 1} of ${losses.length} — training diverged; lower the learning rate`,
        figures: { check: bad + 1 },
      },
    ];
  }
  if (losses.length < t.stallWindow) return [];
  const window = losses.slice(-t.stallWindow);
  const first = window[0]!;
  const last = window[window.length - 1]!;
  if (first <= 0 || last < first * (1 - t.stallImprovement)) return [];
  if (losses[0]! > 0 && last < losses[0]! * t.stallFloor) return [];
  const rising = last > first * (1 + t.stallImprovement);
  return [
    {
      check: 'stalled-loss',
      severity: 'warning',
      message: rising
        ? `the loss rose from ${fmt(first)} to ${fmt(last)} over the last ${t.stallWindow} checks — training is diverging; lower the learning rate`
        : `the loss went from ${fmt(first)} to ${fmt(last)} over the last ${t.stallWindow} checks (less than ${pct(t.stallImprovement)} down) — training has stalled`,
      figures: { from: first, to: last },
    },
  ];
}

/** Every dynamic check over a run's evidence. Gradients are judged at step 0, units at the end. */
export function runChecks(network: ResolvedNetwork, evidence: RunEvidence, thresholds: Partial<CheckThresholds> = {}): DynamicFinding[] {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  return [
    ...gradientChecks(network, evidence.initial, t),
    ...unitChecks(network, evidence.final, t),
    ...initialSaturationCheck(network, evidence.initial, t),
    ...initialLossCheck(network, evidence.initial, t),
    ...lossTrendChecks(evidence.losses, t),
  ];
}

/**
 * The static lint rules each dynamic check can confirm. A `layer` rule confirms a finding on the
 * same source range; a `network` rule (about the whole stack or the training setup) confirms any
 * finding in its network.
 */
export const CONFIRMS: Record<CheckId, { rule: string; scope: 'layer' | 'network' }[]> = {
  'vanishing-gradients': [
    { rule: 'saturating-deep-stack', scope: 'network' },
    { rule: 'sigmoid-hidden', scope: 'layer' },
  ],
  'exploding-gradients': [
    { rule: 'learning-rate-range', scope: 'network' },
    { rule: 'init-activation-mismatch', scope: 'layer' },
    { rule: 'init-scale', scope: 'layer' },
  ],
  'dying-relu': [
    { rule: 'dying-relu-learning-rate', scope: 'network' },
    { rule: 'dying-relu-negative-bias', scope: 'layer' },
  ],
  saturation: [
    { rule: 'saturating-deep-stack', scope: 'network' },
    { rule: 'sigmoid-hidden', scope: 'layer' },
    { rule: 'init-activation-mismatch', scope: 'layer' },
    { rule: 'init-scale', scope: 'layer' },
  ],
  'initial-saturation': [
    { rule: 'init-scale', scope: 'layer' },
    { rule: 'init-activation-mismatch', scope: 'layer' },
    { rule: 'unscaled-input', scope: 'network' },
  ],
  'bad-initial-loss': [
    { rule: 'loss-activation-mismatch', scope: 'network' },
    { rule: 'classification-output-softmax', scope: 'network' },
    { rule: 'binary-output-sigmoid', scope: 'network' },
  ],
  'stalled-loss': [
    { rule: 'learning-rate-range', scope: 'network' },
    { rule: 'saturating-deep-stack', scope: 'network' },
  ],
  'diverged-loss': [
    { rule: 'learning-rate-range', scope: 'network' },
    { rule: 'dying-relu-learning-rate', scope: 'network' },
  ],
};
