import { columnStats, featureColumns, isNumericColumn, measured, rowsText, type ColumnStats } from '../data-sample.js';
import { findSetting, replace } from '../edits.js';
import { defineRule, fix } from '../rule-kit.js';

/**
 * A feature whose values reach this magnitude saturates a sigmoid/tanh first layer and dominates a
 * relu one (raw 0–255 pixels, prices, years): standardised features lie within a few units of 0.
 */
export const UNSCALED_MAGNITUDE = 10;

/** Features far from unit scale, read from the data, with standardisation turned off. */
export default defineRule(
  {
    id: 'unscaled-input',
    type: 'problem',
    description: 'With standardize: false, the data\'s features are far from unit scale (e.g. raw 0–255 pixels): the first layer starts saturated or dominated by the largest column.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      unscaled:
        '`standardize: false`, but {{count}} of the {{total}} feature columns reach |x| ≥ {{limit}} in {{rows}} of {{file}}; the widest, column `{{column}}`: values {{min}} … {{max}}, std {{std}}. Inputs this large saturate a sigmoid/tanh first layer and let the largest column dominate the rest. Turn standardisation on (`standardize: true`, the default), or scale the columns to about unit range.',
    },
  },
  (context) => {
    const { network, data: sample } = context;
    const data = network.data;
    if (!sample || !data || data.standardize || data.text) return;
    const columns = featureColumns(network, sample)
      .map((name) => columnStats(sample, name))
      .filter((s): s is ColumnStats => s !== undefined && isNumericColumn(s));
    const large = columns.filter((s) => Math.max(Math.abs(s.min), Math.abs(s.max)) >= UNSCALED_MAGNITUDE);
    if (large.length === 0) return;
    const widest = large.reduce((a, b) => (Math.max(Math.abs(b.min), Math.abs(b.max)) > Math.max(Math.abs(a.min), Math.abs(a.max)) ? b : a));
    const setting = findSetting(network.node, 'Data', 'standardize');
    context.report({
      messageId: 'unscaled',
      data: {
        count: large.length,
        total: columns.length,
        limit: UNSCALED_MAGNITUDE,
        rows: rowsText(sample),
        file: sample.source,
        column: widest.name,
        min: measured(widest.min),
        max: measured(widest.max),
        std: measured(widest.std),
      },
      range: setting?.range ?? data.ranges.standardize ?? network.dataRange ?? network.nameRange,
      fix: setting?.value ? fix('standardize the features', replace(setting.value.range, 'true')) : undefined,
    });
  },
);
