/** The check of the rules that flag an activation in a hidden layer (sigmoid-hidden, softmax-hidden). */
import type { Activation } from '@axon/language';
import { activationOf, hiddenActivationLayers } from './facts.js';
import { activationSourceRange } from './rule-kit.js';
import type { RuleContext } from './types.js';

/** Reports message `hidden` at the activation of every hidden layer that applies `name`. */
export function reportHiddenActivation(context: RuleContext<object, 'hidden'>, name: Activation['name']): void {
  for (const layer of hiddenActivationLayers(context.network)) {
    if (activationOf(layer)?.name !== name) continue;
    context.report({ messageId: 'hidden', layer, range: activationSourceRange(layer) });
  }
}
