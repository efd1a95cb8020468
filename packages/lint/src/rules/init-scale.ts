import { ACTIVATIONS, type ActivationName, type ResolvedNetwork } from '@axon/language';
import { namedArg, setNamedArg } from '../edits.js';
import { isWeighted, type WeightedLayer } from '../facts.js';
import { defineRule, fix } from '../rule-kit.js';
import { signalScales, type InitScaleVerdict, type LayerScale } from '../signal-scale.js';
import { initializerOf, wantedInitFamily } from '../vocabulary.js';

/** What init-scale says about one weighted layer, if anything (init-activation-mismatch stands down where it speaks). */
export function initScaleVerdict(network: ResolvedNetwork, layer: WeightedLayer): (InitScaleVerdict & { scale: LayerScale }) | undefined {
  const scale = signalScales(network).get(layer.index);
  return scale?.verdict ? { ...scale.verdict, scale } : undefined;
}

/** Two significant figures, a thousands separator past 100, a real minus sign. */
export function figure(x: number): string {
  const text = Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(2)));
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** The variance-preserving initialiser for the activation, in the distribution the user chose. */
function suggestion(act: ActivationName, init: WeightedLayer['init']): string {
  const family = wantedInitFamily(act);
  if (family === 'lecun') return ACTIVATIONS[act].recommendedInit;
  const normal = init.name === 'random_normal' || init.name === 'truncated_normal' || (init.name === 'variance_scaling' && init.distribution !== 'uniform');
  return initializerOf(family, normal ? 'normal' : 'uniform') ?? ACTIVATIONS[act].recommendedInit;
}

/** Initial weights whose scale, for the layer's fan-in, saturates sigmoid/tanh or blows up the relu family. */
export default defineRule(
  {
    id: 'init-scale',
    type: 'problem',
    description: 'Initial weights on the wrong scale for the layer\'s fan-in: sigmoid/tanh units start saturated, or relu activations grow layer by layer.',
    defaultSeverity: 'warning',
    recommended: true,
    fixable: true,
    messages: {
      saturates:
        'init: {{init}} gives {{layer}} (fan-in {{fanIn}}) pre-activations with std ≈ {{std}} and mean ≈ {{mean}} at the first step: about {{percent}} % of its {{activation}} units start saturated (|z| > {{cutoff}}, where the slope is under a tenth of its peak) and barely learn. Use init: {{suggested}}, which keeps the pre-activation scale near 1 for {{activation}}.',
      explodes:
        'init: {{init}} (weight std {{weightStd}}, mean {{weightMean}}, fan-in {{fanIn}}) makes {{layer}}\'s {{activation}} output grow about ×{{gain}} in mean square per layer (pre-activation mean ≈ {{mean}}, std ≈ {{std}}), where a variance-preserving initialiser keeps it near ×1; stacked, activations and gradients explode. Use init: {{suggested}}.',
    },
  },
  (context) => {
    const { network, text } = context;
    for (const layer of network.layers) {
      if (!isWeighted(layer)) continue;
      const verdict = initScaleVerdict(network, layer);
      if (!verdict) continue;
      const arg = namedArg(layer.origin.node, 'init');
      const init = arg?.value ? text.slice(arg.value.range.start.offset, arg.value.range.end.offset) : layer.init.name;
      const act = layer.activation.name;
      const suggested = suggestion(act, layer.init);
      const s = verdict.scale;
      const common = { init, layer: layer.name, fanIn: s.fanIn, std: figure(s.preStd), mean: figure(s.preMean), activation: act, suggested };
      context.report({
        messageId: verdict.kind,
        data:
          verdict.kind === 'saturates'
            ? { ...common, percent: Math.round(verdict.fraction * 100), cutoff: figure(verdict.cutoff) }
            : { ...common, weightStd: figure(s.weightStd), weightMean: figure(s.weightMean), gain: figure(verdict.gain) },
        layer,
        range: arg?.range ?? layer.origin.range,
        fix: fix(`use ${suggested}`, setNamedArg(layer, 'init', suggested)),
      });
    }
  },
);
