/**
 * What the rules need to know about activations and initialisers, read from the language's
 * catalog (families, recommended initialisers, output bounds) rather than kept in lists here.
 */
import {
  ACTIVATIONS,
  INITIALIZERS,
  LOSSES,
  activationBounds,
  type Activation,
  type ActivationName,
  type InitializerFamily,
  type InitializerName,
  type LayerKind,
  type RecurrentKind,
} from '@axon/language';

/** The recurrent kinds: a record keyed by the language's `RecurrentKind`, so the compiler rejects a kind missing here. */
const RECURRENT: Record<RecurrentKind, true> = { lstm: true, gru: true, simple_rnn: true };

/** lstm, gru, simple_rnn. */
export function isRecurrentKind(kind: LayerKind): kind is RecurrentKind {
  return Object.hasOwn(RECURRENT, kind);
}

/** relu, the relu family and linear: no upper bound on the output (from the catalog's bounds). */
export function isUnbounded(activation: Activation): boolean {
  return activationBounds(activation).max === Infinity;
}

/** mse, mae, huber, log_cosh, poisson: the catalog's `regression` loss family (compare real values, not probabilities). */
export function isRegressionLoss(loss: string): boolean {
  return Object.hasOwn(LOSSES, loss) && LOSSES[loss as keyof typeof LOSSES].family === 'regression';
}

/** relu, leaky_relu, prelu, elu, selu: unbounded above, cannot produce (most) negative values. */
export function isReluLike(name: ActivationName): boolean {
  return ACTIVATIONS[name].family === 'relu_like';
}

/** sigmoid, tanh: bounded on both sides, so their slope vanishes for large inputs. */
export function isSaturating(name: ActivationName): boolean {
  return ACTIVATIONS[name].family === 'saturating';
}

/** Every saturating activation, in catalog order. */
export const SATURATING: readonly ActivationName[] = Object.values(ACTIVATIONS)
  .filter((a) => a.family === 'saturating')
  .map((a) => a.name);

/** The initialiser family an activation's scale wants (he for the relu family, lecun for selu, glorot otherwise). */
export function wantedInitFamily(name: ActivationName): InitializerFamily {
  return INITIALIZERS[ACTIVATIONS[name].recommendedInit].family;
}

const byFamily = new Map<string, InitializerName>();
for (const i of Object.values(INITIALIZERS)) if (i.distribution && !byFamily.has(`${i.family}/${i.distribution}`)) byFamily.set(`${i.family}/${i.distribution}`, i.name);

/** The initialiser of `family` that draws from `distribution`: (he, uniform) → he_uniform. */
export function initializerOf(family: InitializerFamily, distribution: 'uniform' | 'normal'): InitializerName | undefined {
  return byFamily.get(`${family}/${distribution}`);
}

/**
 * The initialiser to suggest for an activation, in the uniform variant of its family (he_uniform,
 * glorot_uniform); a LeCun recommendation (selu's lecun_normal) is taken as it is, since selu
 * self-normalises with that one only.
 */
export function suggestedInit(name: ActivationName): InitializerName {
  const recommended = ACTIVATIONS[name].recommendedInit;
  const family = INITIALIZERS[recommended].family;
  if (family === 'lecun') return recommended;
  return initializerOf(family, 'uniform') ?? recommended;
}

function boundText(x: number): string {
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return x < 0 ? `−${-x}` : String(x);
}

/** The values an activation's output can take, for messages: `0..1`, `−1..1`, `0..1 (summing to 1)`. */
export function outputValuesText(activation: Activation): string {
  const { min, max } = activationBounds(activation);
  const text = `${boundText(min)}..${boundText(max)}`;
  return ACTIVATIONS[activation.name].family === 'softmax' ? `${text} (summing to 1)` : text;
}
