/**
 * What `data { text: "column" }` asks of the network: a `[n]` input of token ids, read by
 * embeddings only, each with room for the data's whole vocabulary.
 */
import { NETWORK_INPUT } from './graph.js';
import type { ResolvedNetwork } from './network.js';
import type { Reporter } from './report.js';

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/**
 * Checks a resolved network with text data. `layersClean`: the layers resolved without errors (when
 * one was dropped, which layer reads the input is not known, so that check is skipped).
 */
export function checkTextData(network: ResolvedNetwork, layersClean: boolean, r: Reporter): void {
  const data = network.data;
  if (data?.text === undefined) return;
  const at = data.ranges['text'] ?? network.dataRange ?? network.nameRange;
  const column = JSON.stringify(data.text);
  if (network.inputRange && network.input.length !== 1) {
    r.error(
      'analysis/text-data',
      at,
      `\`text: ${column}\` fills a rank-1 input with token ids (\`input [n]\`: n ids per sample), but the input is ${fmt(network.input)}`,
    );
    return;
  }
  if (layersClean) {
    const reader = network.layers.find((l) => l.inputs.includes(NETWORK_INPUT) && l.kind !== 'embedding');
    if (reader) {
      r.error(
        'analysis/text-data',
        at,
        `\`text: ${column}\` gives the network token ids, which only an embedding can read, but \`${reader.name}\` (line ${reader.origin.range.start.line}) reads the input: start \`layers\` with \`embedding(${data.vocabulary}, …)\``,
      );
    }
  }
  const vocabulary = data.vocabulary;
  if (vocabulary === undefined) return;
  for (const layer of network.layers) {
    if (layer.kind !== 'embedding' || layer.inputDim >= vocabulary) continue;
    const written = data.ranges['vocabulary'] ? 'the data\'s `vocabulary`' : 'the data\'s default `vocabulary`';
    const before = r.diagnostics.length;
    r.error(
      'analysis/text-data',
      layer.argRanges?.['input_dim'] ?? layer.origin.range,
      `\`input_dim\` of \`${layer.name}\` is ${layer.inputDim}, smaller than ${written} ${vocabulary}: token ids run up to ${vocabulary - 1}; make it at least ${vocabulary} (or lower \`vocabulary\`)`,
    );
    const d = r.diagnostics[before];
    if (d) d.related = [{ range: data.ranges['vocabulary'] ?? at, message: `the vocabulary has ${vocabulary} ids` }];
  }
}
