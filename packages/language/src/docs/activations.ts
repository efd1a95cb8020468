/**
 * Every activation Axon implements: what it is, where it fits and hurts, what Keras and PyTorch call it.
 * Facts from the reference article and the Keras/PyTorch docs; our own words. The output range and
 * the fixed constants come from the catalog (`ACTIVATIONS`), not from here.
 */
import type { ActivationName } from '../network.js';
import type { ActivationDoc } from './types.js';

export const ACTIVATION_DOCS: Record<ActivationName, ActivationDoc> = {
  linear: {
    summary: 'The identity: passes its input through unchanged.',
    formula: 'f(x) = x',
    derivative: 'f\'(x) = 1',
    fits: 'The output layer of a regression: you want the raw continuous value, not a squashed one.',
    hurts: 'Hidden layers: two layers with no non-linearity between them collapse into a single linear map, so the extra layer adds parameters but no capacity. A layer with no `activation:` is linear.',
    frameworks: 'Keras `linear` (the default of `Dense`); PyTorch has no module: just leave the activation out.',
  },
  sigmoid: {
    summary: 'The logistic curve: squashes any input into (0, 1).',
    formula: 'σ(x) = 1 / (1 + e^(−x))',
    derivative: 'σ\'(x) = σ(x) · (1 − σ(x)), at most 0.25 (at x = 0)',
    fits: 'The output of a binary classifier (1 unit) or a multilabel classifier (one unit per label): it reads as a probability.',
    hurts: 'Deep stacks: its slope is at most 0.25 and near zero once the input saturates, so gradients shrink layer after layer (vanishing gradients) and the first layers barely learn; keep it to shallow networks. Its outputs are all positive, not centred on zero, which makes weight updates zig-zag and slows optimisation.',
    frameworks: 'Keras `sigmoid`; PyTorch `nn.Sigmoid()`. No arguments.',
  },
  tanh: {
    summary: 'The hyperbolic tangent: an S-curve centred on zero, into (−1, 1).',
    formula: 'tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))',
    derivative: 'tanh\'(x) = 1 − tanh(x)², at most 1 (at x = 0)',
    fits: 'Shallow networks and two-way decisions in hidden layers: being zero-centred, strongly negative inputs stay strongly negative and inputs near zero stay near zero.',
    hurts: 'Deep stacks: like sigmoid it saturates, so gradients vanish as layers are added. As an output with binary cross-entropy it is wrong: (−1, 1) is not a probability.',
    frameworks: 'Keras `tanh`; PyTorch `nn.Tanh()`. No arguments.',
  },
  softmax: {
    summary: 'Turns a vector of scores into a probability distribution (positive, summing to 1).',
    formula: 'softmax(x)ᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)',
    derivative: '∂sᵢ/∂xⱼ = sᵢ · (δᵢⱼ − sⱼ)  (a Jacobian: every output depends on every input)',
    fits: 'The last layer of a classifier that picks one class of N (`classification(classes: N)`), with N units and categorical cross-entropy.',
    hurts: 'Hidden layers (it forces units to compete); a single unit (it always outputs 1); multilabel tasks (labels are not exclusive); and a loss with `from_logits: true`, which applies softmax a second time.',
    frameworks: 'Keras `softmax` (axis −1); PyTorch `nn.Softmax(dim=-1)`, usually left out because `CrossEntropyLoss` expects logits.',
  },
  relu: {
    summary: 'Rectified linear unit: zero for negative inputs, the input itself otherwise.',
    formula: 'relu(x) = max(0, x)',
    derivative: 'relu\'(x) = 1 for x > 0, 0 for x < 0',
    fits: 'The default for hidden layers, dense or convolutional: cheap to compute, fast to converge, and its slope of exactly 1 on the positive side does not shrink gradients with depth. Zero for negative inputs makes activations sparse.',
    hurts: '"Dying ReLU": a unit pushed to the negative side outputs 0 and gets a zero gradient, so it may never recover. It happens most with a high learning rate or a large negative bias. Pair it with He initialisation.',
    frameworks: 'Keras `relu`; PyTorch `nn.ReLU()`. No arguments.',
  },
  leaky_relu: {
    summary: 'ReLU with a small fixed slope for negative inputs, so units never die.',
    formula: 'f(x) = x for x > 0, alpha · x otherwise',
    derivative: 'f\'(x) = 1 for x > 0, alpha otherwise',
    fits: 'Where plain ReLU units die or training drags: the negative side keeps a gradient, which also tends to speed training up a little.',
    hurts: 'Little in practice; alpha is one more hyper-parameter, and the frameworks disagree on its default.',
    frameworks: 'Keras `LeakyReLU` layer: slope 0.3 (`negative_slope`, formerly `alpha`); PyTorch `nn.LeakyReLU`: `negative_slope=0.01`. Axon defaults to 0.01, like PyTorch.',
    example: 'dense(64, activation: leaky_relu(alpha: 0.01))',
  },
  prelu: {
    summary: 'Parametric ReLU: like leaky_relu, but the negative slope is learned (one per unit, per channel for conv).',
    formula: 'f(x) = x for x > 0, a · x otherwise (a is trained)',
    derivative: 'f\'(x) = 1 for x > 0, a otherwise; ∂f/∂a = x for x ≤ 0',
    fits: 'Where ReLU units die and you would rather let training choose the slope than guess it.',
    hurts: 'It adds trainable parameters (one slope per unit) and can overfit on small data sets.',
    frameworks: 'Keras `PReLU`: `alpha_initializer="zeros"` (slope starts at 0); PyTorch `nn.PReLU`: `init=0.25`. Axon starts at 0.25, like PyTorch.',
    example: 'dense(64, activation: prelu(init: 0.25))',
  },
  elu: {
    summary: 'Exponential linear unit: identity for positive inputs, a smooth exponential curve down to −alpha for negative ones.',
    formula: 'f(x) = x for x > 0, alpha · (e^x − 1) otherwise',
    derivative: 'f\'(x) = 1 for x > 0, f(x) + alpha otherwise',
    fits: 'Hidden layers where you want ReLU\'s behaviour without dead units: small negative outputs pull the mean activation towards zero, which can speed learning.',
    hurts: 'It costs an exponential per unit, and for large negative inputs it flattens out at −alpha, so those units stop passing gradient.',
    frameworks: 'Keras `elu` / `ELU`: `alpha=1.0`; PyTorch `nn.ELU`: `alpha=1.0`.',
    example: 'dense(32, activation: elu(alpha: 1.0))',
  },
  selu: {
    summary: 'Scaled ELU with fixed constants chosen so that activations keep mean 0 and variance 1 through a deep stack (self-normalising).',
    formula: 'f(x) = scale · x for x > 0, scale · alpha · (e^x − 1) otherwise',
    derivative: 'f\'(x) = scale for x > 0, f(x) + scale · alpha otherwise',
    fits: 'Deep plain dense stacks without batch normalisation, with `init: lecun_normal` on every layer.',
    hurts: 'It only self-normalises under its conditions: other initialisers, ordinary dropout (use alpha dropout) or batch_norm next to it break the property.',
    frameworks: 'Keras `selu` and PyTorch `nn.SELU()` use the same fixed constants (below). No arguments.',
    example: 'dense(64, activation: selu, init: lecun_normal)',
  },
};
