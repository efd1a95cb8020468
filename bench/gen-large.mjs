// The large benchmark program: ~1 MB, 10,000 written layers in networks that use blocks, repeats
// and comments. bench/language.mjs and bench/lint.mjs both time this program.
//
//   import { generate } from './gen-large.mjs';  const { text, layers, networks } = generate();

/** ~1 MB: networks of 200 written layers each (plain layers, block uses, repeats), 50 networks. */
export function generate(targetLayers = 10_000) {
  const out = [];
  out.push('// generated benchmark program');
  out.push('block res_unit(width, rate) {');
  out.push('  dense(width, activation: relu, init: he_normal)');
  out.push('  batch_norm()');
  out.push('  dropout(rate)');
  out.push('}');
  out.push('');
  let layers = 3;
  let n = 0;
  while (layers < targetLayers) {
    out.push(`network Net${n} {`);
    out.push('  input [64]');
    out.push('  task classification(classes: 10)');
    out.push('  layers {');
    for (let i = 0; i < 40 && layers < targetLayers; i++) {
      out.push(`    // group ${i} of network ${n}: a dense layer, a residual unit (dense, batch norm, dropout), then a repeated pair`);
      out.push(`    dense(64, activation: leaky_relu(alpha: 0.01), init: he_normal, bias_init: zeros) // layer ${layers}`);
      out.push(`    /* block use */ res_unit(64, 0.1)`);
      out.push(`    repeat 2 {`);
      out.push(`      dense(64, activation: elu(alpha: 1.0), init: glorot_uniform, bias_init: constant(0.1))`);
      out.push(`      dropout(0.25) /* between 0 and 1 */`);
      out.push(`    }`);
      layers += 4;
    }
    out.push('    dense(10, activation: softmax)');
    layers++;
    out.push('  }');
    out.push('  train {');
    out.push('    loss: categorical_crossentropy');
    out.push('    optimizer: adam(learning_rate: 1e-3, beta1: 0.9, beta2: 0.999)');
    out.push('    epochs: 20, batch_size: 32, seed: 7');
    out.push('    early_stopping(patience: 5)');
    out.push('  }');
    out.push('  data {');
    out.push('    source: "data.csv"');
    out.push('    target: "label"');
    out.push('    validation_split: 0.2');
    out.push('  }');
    out.push('}');
    out.push('');
    n++;
  }
  return { text: out.join('\n'), layers, networks: n };
}
