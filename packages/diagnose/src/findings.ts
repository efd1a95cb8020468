/**
 * Dynamic findings as lint findings: each points at the source range of the layer it concerns
 * (through block and repeat expansion: one finding per source range, saying which expansions it
 * covers), carries the measured figure, and names the static rule it confirms when that rule fired.
 */
import type { Range, ResolvedNetwork } from '@axon/language';
import { describeExpansion, type ExtraRule, type Finding } from '@axon/lint';
import { CONFIRMS, type CheckId, type DynamicFinding } from './checks.js';

/** Rule ids of the dynamic checks, as they appear in lint output formats (`diagnose/<check>`). */
export const diagnoseRuleId = (check: CheckId): string => `diagnose/${check}`;

/** One-line descriptions of the dynamic checks (SARIF rule metadata, docs). */
export const CHECK_DESCRIPTIONS: Record<CheckId, string> = {
  'vanishing-gradients': "A layer's gradient norm is below 1e-3 of the output layer's and below 1e-4 (AUTOTRAINER).",
  'exploding-gradients': "A layer's gradient norm is over 70× the output layer's, or not finite (AUTOTRAINER).",
  'dying-relu': 'More than 50 % of a relu layer\'s units are never positive on the evaluation batch (TheDeepChecker).',
  saturation: "More than 50 % of a sigmoid/tanh layer's pre-activations have |x| ≥ 5 (DeepDiagnosis).",
  'initial-saturation': "More than 20 % of a sigmoid/tanh layer's pre-activations have |x| ≥ 5 at step 0, before any update (the initial weights' scale).",
  'bad-initial-loss': 'The classification loss at step 0 is off ln(C) by more than ln(C) (TheDeepChecker).',
  'stalled-loss': 'The loss fell by less than 5 % over the last 5 checks (TheDeepChecker).',
  'diverged-loss': 'The loss became NaN or infinite (AUTOTRAINER).',
};

/** SARIF descriptors for the dynamic checks, documented in docs/cli/diagnose.md. */
export const DIAGNOSE_RULES: ExtraRule[] = (Object.keys(CHECK_DESCRIPTIONS) as CheckId[]).map((check) => ({
  id: diagnoseRuleId(check),
  description: CHECK_DESCRIPTIONS[check],
  docs: 'docs/cli/diagnose.md',
  defaultSeverity: check === 'diverged-loss' ? 'error' : 'warning',
}));

const key = (r: Range) => `${r.start.offset}:${r.end.offset}`;
const overlaps = (a: Range, b: Range) => a.start.offset < b.end.offset && b.start.offset < a.end.offset;

export function toLintFindings(
  text: string,
  network: ResolvedNetwork,
  dynamic: DynamicFinding[],
  staticFindings: readonly Finding[] = [],
): Finding[] {
  const groups = new Map<string, DynamicFinding[]>();
  const order: string[] = [];
  for (const f of dynamic) {
    const layer = f.layer === undefined ? undefined : network.layers[f.layer];
    const range = layer?.origin.range ?? network.nameRange;
    const k = `${f.check}|${key(range)}`;
    if (!groups.has(k)) {
      groups.set(k, []);
      order.push(k);
    }
    groups.get(k)!.push(f);
  }
  return order.map((k) => {
    const group = groups.get(k)!;
    const first = group[0]!;
    const layers = group.flatMap((f) => (f.layer === undefined ? [] : [network.layers[f.layer]!]));
    const range = layers[0]?.origin.range ?? network.nameRange;
    const expansion = layers.length ? describeExpansion(text, network, layers) : undefined;
    const confirmed = staticFindings.find((s) =>
      CONFIRMS[first.check].some(
        (c) => c.rule === s.ruleId && s.network === network.name && (c.scope === 'network' || overlaps(s.range, range)),
      ),
    );
    let message = first.message;
    if (expansion && layers.length > 1) message += ` (${expansion.text})`;
    if (confirmed) message += `; confirms \`${confirmed.ruleId}\``;
    const finding: Finding = {
      ruleId: diagnoseRuleId(first.check),
      severity: first.severity,
      messageId: first.check,
      message,
      range,
      network: network.name,
    };
    if (expansion) finding.expansion = expansion;
    if (confirmed) finding.related = [{ range: confirmed.range, message: `static rule \`${confirmed.ruleId}\`: ${confirmed.message}` }];
    return finding;
  });
}
