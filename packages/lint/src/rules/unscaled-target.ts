import { columnStats, isNumericColumn, measured, rowsText } from '../data-sample.js';
import { findSetting, insertLineAbove } from '../edits.js';
import { defineRule, fix, lossRange } from '../rule-kit.js';

/** A target whose standard deviation or mean reaches this is "far from unit scale" (prices, counts, years). */
export const UNSCALED_TARGET = 10;

/** The regression losses whose value and gradient scale with the target's units. */
const SCALE_LOSSES = new Set(['mse', 'mae', 'huber', 'log_cosh']);

/** A regression target far from unit scale trained with mse/mae and no target scaling: the loss explodes. */
export default defineRule(
  {
    id: 'unscaled-target',
    type: 'problem',
    description: 'A regression target far from unit scale (std or mean of 10 or more) trained with mse/mae/huber/log_cosh without standardize_target: the first gradients are huge.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      unscaled:
        'The regression target, column `{{column}}`, has mean {{mean}} and std {{std}} (values {{min}} … {{max}}) in {{rows}} of {{file}}, and {{loss}} is computed in its units: the first errors are about {{scale}}, so the gradients are that many times larger than with a standardised target and training diverges or crawls (the classic "loss explodes with SGD at 0.1"). Add `standardize_target: true` to data { } (the model file keeps the statistics and predictions are scaled back).',
    },
  },
  (context) => {
    const { network, data: sample } = context;
    const data = network.data;
    if (!sample || !data || data.standardizeTarget) return;
    const loss = network.train.loss.name;
    if (network.task?.kind !== 'regression' || !SCALE_LOSSES.has(loss)) return;
    const stats = columnStats(sample, data.target);
    if (!stats || !isNumericColumn(stats)) return;
    if (stats.std < UNSCALED_TARGET && Math.abs(stats.mean) < UNSCALED_TARGET) return;
    const target = findSetting(network.node, 'Data', 'target');
    context.report({
      messageId: 'unscaled',
      data: {
        column: stats.name,
        mean: measured(stats.mean),
        std: measured(stats.std),
        min: measured(stats.min),
        max: measured(stats.max),
        rows: rowsText(sample),
        file: sample.source,
        loss,
        scale: measured(Math.max(stats.std, Math.abs(stats.mean))),
      },
      range: target?.range ?? network.dataRange ?? lossRange(network),
      fix: target ? fix('standardize the target', insertLineAbove(context.text, target.range, 'standardize_target: true')) : undefined,
    });
  },
);
