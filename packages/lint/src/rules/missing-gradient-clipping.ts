import type { ResolvedNetwork } from '@axon/language';
import { findSetting, insertArg, replace } from '../edits.js';
import { isRecurrent, type RecurrentLayer } from '../facts.js';
import { defineRule, fix } from '../rule-kit.js';
import type { TextEdit } from '../types.js';

export interface MissingGradientClippingOptions {
  /** Flag a recurrent layer that reads at least this many steps. */
  minSteps: number;
  /** Flag adaptive optimizers too (adam, rmsprop, adagrad, adadelta, adamw, nadam); by default only sgd. */
  adaptiveOptimizers: boolean;
}

/**
 * An adaptive optimizer divides each gradient by its own running scale: a sudden spike moves a weight
 * by a few learning rates at most (Adam: about 3 × lr for a spike with β₁ 0.9, β₂ 0.999; Kingma & Ba 2015,
 * §2.1), so an exploding gradient cannot throw the weights far. Plain sgd's step is the gradient itself:
 * Pascanu et al. 2013 and Sutskever et al. 2014 trained with sgd, and clipped.
 */
const ADAPTIVE = new Set(['adam', 'rmsprop', 'adagrad', 'adadelta', 'adamw', 'nadam']);

/**
 * Pascanu, Mikolov & Bengio 2013 study exploding gradients on synthetic long-memory tasks whose
 * sequences start at 50 steps, and show that clipping the gradient's norm lets recurrent networks
 * train there. No paper gives a length below which explosions never happen: 50 is where their
 * evidence starts, and an option.
 */
export const DEFAULT_MIN_STEPS = 50;

/**
 * The norm the fix clips to. Pascanu et al. find training not very sensitive to the threshold (they
 * suggest a multiple of the average gradient norm); 1.0 is the common starting value in Keras code.
 */
const CLIP_NORM = '1.0';

/** Back-propagation through time multiplies by the recurrent weights once per step; over long sequences the gradient can explode. */
export default defineRule<MissingGradientClippingOptions, 'noClipping'>(
  {
    id: 'missing-gradient-clipping',
    type: 'problem',
    description: 'A recurrent layer over a long sequence trained with plain sgd and no gradient clipping (clipnorm or clipvalue): its gradients can explode.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      noClipping:
        '{{layer}} reads {{steps}} steps ({{minSteps}} or more are flagged) and the optimizer {{optimizer}} clips no gradient: back-propagation through time multiplies by the recurrent weights once per step, so one bad batch can produce a gradient large enough to throw the weights far off (exploding gradients, Pascanu et al. 2013). Add clipnorm: 1.0 to the optimizer.',
    },
    schema: {
      type: 'object',
      properties: { minSteps: { type: 'integer', minimum: 2 }, adaptiveOptimizers: { type: 'boolean' } },
      additionalProperties: false,
    },
    defaultOptions: { minSteps: DEFAULT_MIN_STEPS, adaptiveOptimizers: false },
  },
  (context) => {
    const { network } = context;
    const optimizer = network.train.optimizer;
    if (optimizer.clipNorm !== undefined || optimizer.clipValue !== undefined) return;
    if (ADAPTIVE.has(optimizer.name) && !context.options.adaptiveOptimizers) return;
    let longest: RecurrentLayer | undefined;
    for (const layer of network.layers) {
      if (isRecurrent(layer) && (!longest || steps(layer) > steps(longest))) longest = layer;
    }
    if (!longest || steps(longest) < context.options.minSteps) return;
    const setting = findSetting(network.node, 'Train', 'optimizer');
    context.report({
      messageId: 'noClipping',
      data: { layer: longest.name, steps: steps(longest), minSteps: context.options.minSteps, optimizer: optimizer.name },
      range: setting?.range ?? network.trainRange ?? network.nameRange,
      related: [{ range: longest.origin.range, message: `${longest.name} reads [${longest.inputShape.join(', ')}]` }],
      fix: fix(`add clipnorm: ${CLIP_NORM} to the optimizer`, addClipNorm(network)),
    });
  },
);

function steps(layer: RecurrentLayer): number {
  return layer.inputShape[0] ?? 0;
}

/** `optimizer: adam` → `adam(clipnorm: 1.0)`; `adam(learning_rate: 0.01)` gains the argument. Only where the optimizer is written. */
function addClipNorm(network: ResolvedNetwork): TextEdit | undefined {
  const value = findSetting(network.node, 'Train', 'optimizer')?.value;
  if (!value || value.kind !== 'Name') return undefined;
  if (!value.args) return replace(value.range, `${value.name.name}(clipnorm: ${CLIP_NORM})`);
  return insertArg(value, `clipnorm: ${CLIP_NORM}`);
}
