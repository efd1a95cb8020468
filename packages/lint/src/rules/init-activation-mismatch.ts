import { isWeighted } from '../facts.js';
import { namedArg, setNamedArg } from '../edits.js';
import { INITIALIZERS } from '@axon/language';
import { defineRule, fix } from '../rule-kit.js';
import { initScaleVerdict } from './init-scale.js';
import { initializerOf, isSaturating, wantedInitFamily } from '../vocabulary.js';

/** Initialisers are derived for a family of activations: He for relu-like, Glorot for sigmoid/tanh. */
export default defineRule(
  {
    id: 'init-activation-mismatch',
    type: 'suggestion',
    description: 'Weights initialised for another activation family (He for relu-like, Glorot for sigmoid/tanh).',
    defaultSeverity: 'info',
    recommended: false,
    fixable: true,
    messages: {
      needHe:
        '{{activation}} zeroes (or shrinks) half of its inputs, so {{init}} starts the signal too small and it fades layer by layer; He initialisation (variance 2/fan_in) is derived for relu-like activations. Use init: {{suggested}}.',
      needGlorot:
        '{{init}} is scaled for relu (variance 2/fan_in); with {{activation}} it starts too many units in the flat, saturated part of the curve. Glorot initialisation is derived for sigmoid and tanh. Use init: {{suggested}}.',
    },
  },
  (context) => {
    for (const layer of context.network.layers) {
      if (!isWeighted(layer)) continue;
      const act = layer.activation.name;
      const init = layer.init.name;
      const info = INITIALIZERS[init];
      if (info.family === 'constant') continue; // constant-weight-init's finding
      // A scale set by arguments (variance_scaling, orthogonal's gain) is judged by init-scale, from the fan-in.
      if (info.family === 'variance_scaling' || info.family === 'orthogonal') continue;
      if (initScaleVerdict(context.network, layer)) continue; // init-scale reports it, with the same fix and the numbers
      const distribution = info.distribution ?? 'uniform';
      let messageId: 'needHe' | 'needGlorot' | undefined;
      let suggested: string | undefined;
      if (wantedInitFamily(act) === 'he' && info.family !== 'he') {
        messageId = 'needHe';
        suggested = initializerOf('he', distribution);
      } else if (isSaturating(act) && info.family === 'he') {
        messageId = 'needGlorot';
        suggested = initializerOf('glorot', distribution);
      }
      if (!messageId || !suggested) continue;
      const arg = namedArg(layer.origin.node, 'init');
      context.report({
        messageId,
        data: { activation: act, init, suggested },
        layer,
        range: arg?.range ?? layer.origin.range,
        fix: fix(`use ${suggested}`, setNamedArg(layer, 'init', suggested)),
      });
    }
  },
);
