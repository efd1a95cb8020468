/** Presets: which rules are on, at their default severity. */
import { rules } from './rules/index.js';
import type { RuleSeverity } from './types.js';

export type PresetName = 'recommended' | 'all';
export const PRESET_NAMES: readonly PresetName[] = ['recommended', 'all'];

/** Rule id → severity for a preset. `recommended` leaves out the noisier suggestions; `all` turns every rule on. */
export function presetSeverities(name: PresetName): Record<string, RuleSeverity> {
  const result: Record<string, RuleSeverity> = {};
  for (const rule of rules) {
    const on = name === 'all' || rule.meta.recommended;
    result[rule.meta.id] = on ? rule.meta.defaultSeverity : 'off';
  }
  return result;
}
