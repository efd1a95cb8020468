/** The rule registry: every rule module, in catalog order. */
import type { Rule } from '../types.js';
import regressionOutputLinear from './regression-output-linear.js';
import classificationOutputSoftmax from './classification-output-softmax.js';
import binaryOutputSigmoid from './binary-output-sigmoid.js';
import softmaxSingleUnit from './softmax-single-unit.js';
import multilabelOutputSigmoid from './multilabel-output-sigmoid.js';
import lossActivationMismatch from './loss-activation-mismatch.js';
import saturatingDeepStack from './saturating-deep-stack.js';
import sigmoidHidden from './sigmoid-hidden.js';
import softmaxHidden from './softmax-hidden.js';
import missingNonlinearity from './missing-nonlinearity.js';
import dyingReluLearningRate from './dying-relu-learning-rate.js';
import dyingReluNegativeBias from './dying-relu-negative-bias.js';
import redundantActivation from './redundant-activation.js';
import seluRequirements from './selu-requirements.js';
import initActivationMismatch from './init-activation-mismatch.js';
import constantWeightInit from './constant-weight-init.js';
import highDropout from './high-dropout.js';
import dropoutBeforeBatchNorm from './dropout-before-batch-norm.js';
import learningRateRange from './learning-rate-range.js';
import missingFlatten from './missing-flatten.js';
import deepPlainStack from './deep-plain-stack.js';
import reluBeforeResidualSum from './relu-before-residual-sum.js';
import unboundedRecurrentActivation from './unbounded-recurrent-activation.js';
import missingGradientClipping from './missing-gradient-clipping.js';
import recurrentOutput from './recurrent-output.js';
import narrowBottleneck from './narrow-bottleneck.js';
import initScale from './init-scale.js';
import unscaledInput from './unscaled-input.js';
import unscaledTarget from './unscaled-target.js';
import taskDataMismatch from './task-data-mismatch.js';
import unusedSuppression from './unused-suppression.js';
import invalidSuppression from './invalid-suppression.js';

// eslint-style registry: a rule is listed here once; tests check each has a doc page.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: readonly Rule<any>[] = [
  regressionOutputLinear,
  classificationOutputSoftmax,
  binaryOutputSigmoid,
  softmaxSingleUnit,
  multilabelOutputSigmoid,
  lossActivationMismatch,
  saturatingDeepStack,
  sigmoidHidden,
  softmaxHidden,
  missingNonlinearity,
  dyingReluLearningRate,
  dyingReluNegativeBias,
  redundantActivation,
  seluRequirements,
  initActivationMismatch,
  constantWeightInit,
  highDropout,
  dropoutBeforeBatchNorm,
  learningRateRange,
  missingFlatten,
  deepPlainStack,
  reluBeforeResidualSum,
  unboundedRecurrentActivation,
  missingGradientClipping,
  recurrentOutput,
  narrowBottleneck,
  initScale,
  unscaledInput,
  unscaledTarget,
  taskDataMismatch,
  unusedSuppression,
  invalidSuppression,
];

/** Rules the engine reports itself (suppression comments), not by checking a network. */
export const ENGINE_RULES: ReadonlySet<string> = new Set(['unused-suppression', 'invalid-suppression']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byId = new Map<string, Rule<any>>(rules.map((r) => [r.meta.id, r]));

/** The rule with this id, if any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ruleById(id: string): Rule<any> | undefined {
  return byId.get(id);
}
