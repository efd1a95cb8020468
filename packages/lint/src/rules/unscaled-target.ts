import { columnStats, isNumericColumn, measured, rowsText } from '../data-sample.js';
import { findSetting, insertLineAbove } from '../edits.js';
import { defineRule, fix, lossRange } from '../rule-kit.js';

/**
 * With plain sgd the gradient grows with the target's scale, so a target whose std or |mean| reaches
 * 10 already gives steps ten times too large (SO 48934338: y = 5x², sgd at 0.1, NaN).
 */
export const UNSCALED_TARGET = 10;

/**
 * Adaptive optimizers (adam, rmsprop, adagrad, adadelta, adamw, nadam) divide the gradient by its own
 * running scale: each step moves a weight by about the learning rate whatever the target's units
 * (Kingma & Ba 2015, §2.1), so nothing explodes and a target in the tens is reached (the Boston housing
 * tutorial, MEDV mean 22, trains fine with adam). A target in the thousands or more (house prices,
 * x⁴ up to 10⁸) is beyond what lr-sized steps reach in a run of ordinary length.
 */
export const UNSCALED_TARGET_ADAPTIVE = 1000;

export interface UnscaledTargetOptions {
  /** std or |mean| at which a target is flagged with sgd. */
  sgdScale: number;
  /** std or |mean| at which a target is flagged with an adaptive optimizer. */
  adaptiveScale: number;
}

/** The regression losses whose value and gradient scale with the target's units. */
const SCALE_LOSSES = new Set(['mse', 'mae', 'huber', 'log_cosh']);

/** A regression target far from unit scale trained with mse/mae and no target scaling: the loss explodes. */
export default defineRule<UnscaledTargetOptions, 'unscaled'>(
  {
    id: 'unscaled-target',
    type: 'problem',
    description: 'A regression target far from unit scale (std or mean of 10 or more with sgd, 1,000 with adaptive optimizers) trained with mse/mae/huber/log_cosh without standardize_target.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      unscaled:
        'The regression target, column `{{column}}`, has mean {{mean}} and std {{std}} (values {{min}} … {{max}}) in {{rows}} of {{file}}, and {{loss}} is computed in its units: the first errors are about {{scale}} ({{limit}} or more is flagged with {{optimizer}}), so training diverges or crawls (the classic "loss explodes with SGD at 0.1"). Add `standardize_target: true` to data { } (the model file keeps the statistics and predictions are scaled back).',
    },
    schema: {
      type: 'object',
      properties: { sgdScale: { type: 'number', exclusiveMinimum: 0 }, adaptiveScale: { type: 'number', exclusiveMinimum: 0 } },
      additionalProperties: false,
    },
    defaultOptions: { sgdScale: UNSCALED_TARGET, adaptiveScale: UNSCALED_TARGET_ADAPTIVE },
  },
  (context) => {
    const { network, data: sample } = context;
    const data = network.data;
    if (!sample || !data || data.standardizeTarget) return;
    const loss = network.train.loss.name;
    if (network.task?.kind !== 'regression' || !SCALE_LOSSES.has(loss)) return;
    const stats = columnStats(sample, data.target);
    if (!stats || !isNumericColumn(stats)) return;
    const optimizer = network.train.optimizer.name;
    const limit = optimizer === 'sgd' ? context.options.sgdScale : context.options.adaptiveScale;
    if (stats.std < limit && Math.abs(stats.mean) < limit) return;
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
        limit: measured(limit),
        optimizer,
      },
      range: target?.range ?? network.dataRange ?? lossRange(network),
      fix: target ? fix('standardize the target', insertLineAbove(context.text, target.range, 'standardize_target: true')) : undefined,
    });
  },
);
