import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze, format, formatEdits, formatRange, parse } from '../src/index.js';
import { strip } from './parse-helpers.js';

/** The meaning of a text: its tree without ranges, comments included. */
function meaning(src: string) {
  const r = parse(src);
  return { items: strip(r.ast.items), comments: r.ast.comments.map((c) => c.text) };
}

function expectFormats(input: string, expected: string) {
  const out = format(input);
  expect(out).toBe(expected);
  expect(format(out)).toBe(out);
  expect(meaning(out)).toEqual(meaning(input));
}

describe('format: canonical layout', () => {
  it('the language.md example, written messily', () => {
    const input = `// iris.axon: three-class classifier
network   Iris{ input [ 4 ]
  task classification( classes : 3 )
    layers {
dense(16,activation:relu), dense(16 , activation: leaky_relu(alpha: 0.01),)
    dropout(0.2)
    repeat 2 { elu_block(32) }
    dense(3, activation: softmax)
  }
  train { loss: categorical_crossentropy, optimizer: adam(learning_rate: 1e-3)
    epochs: 200
    batch_size: 16
    seed: 42 }
  data {
    source: "iris.csv"          // relative to this file
    target: "species"
    validation_split: 0.2
  }
}
block elu_block( width ) {
  dense(width, activation: elu(alpha: 1.0), init: he_normal)
  batch_norm( )
}`;
    const expected = `// iris.axon: three-class classifier
network Iris {
  input [4]
  task classification(classes: 3)
  layers {
    dense(16, activation: relu)
    dense(16, activation: leaky_relu(alpha: 0.01))
    dropout(0.2)
    repeat 2 {
      elu_block(32)
    }
    dense(3, activation: softmax)
  }
  train {
    loss: categorical_crossentropy
    optimizer: adam(learning_rate: 1e-3)
    epochs: 200
    batch_size: 16
    seed: 42
  }
  data {
    source: "iris.csv" // relative to this file
    target: "species"
    validation_split: 0.2
  }
}

block elu_block(width) {
  dense(width, activation: elu(alpha: 1.0), init: he_normal)
  batch_norm()
}
`;
    expectFormats(input, expected);
  });

  it('keeps numbers and strings exactly as written', () => {
    expectFormats(
      'network A { data { x: [1e-3, 0.20, -0.5, 2.5E+4, 007], y: "a\\"b\\u0041" } }',
      'network A {\n  data {\n    x: [1e-3, 0.20, -0.5, 2.5E+4, 007]\n    y: "a\\"b\\u0041"\n  }\n}\n',
    );
  });

  it('one blank line between top-level declarations; at most one kept between entries', () => {
    expectFormats(
      'network A {\n\n\n  input [1]\n\n\n\n  task binary_classification\n\n}\nnetwork B {} block c { flatten }',
      'network A {\n  input [1]\n\n  task binary_classification\n}\n\nnetwork B {}\n\nblock c {\n  flatten\n}\n',
    );
  });

  it('joins an entry that spans lines; drops separating and trailing commas', () => {
    expectFormats(
      'network A {\n  layers {\n    dense(\n      16,\n      activation: relu,\n    ), flatten,\n  }\n}',
      'network A {\n  layers {\n    dense(16, activation: relu)\n    flatten\n  }\n}\n',
    );
  });

  it('an empty file and whitespace become empty; a file with only comments keeps them', () => {
    expect(format('')).toBe('');
    expect(format('  \n\n ')).toBe('');
    expectFormats('  // a\n\n\n/* b */   // c\n', '// a\n\n/* b */ // c\n');
  });
});

describe('format: comments stay where they were', () => {
  it('trailing, own-line, inline block and multi-line comments', () => {
    const input = `/* header
   keeps its inner lines */
network A { // the network
  // before input
  input [4] /* four */
  layers {


    // first layer
    dense(/* units */ 8, // eight
          activation: relu)
    dropout(0.5), // comma dropped, comment kept

    // last words
  }
} // end A
// between
network B {}`;
    const expected = `/* header
   keeps its inner lines */
network A { // the network
  // before input
  input [4] /* four */
  layers {
    // first layer
    dense(/* units */ 8, // eight
      activation: relu)
    dropout(0.5) // comma dropped, comment kept

    // last words
  }
} // end A

// between
network B {}
`;
    expectFormats(input, expected);
  });

  it('trailing line comments on consecutive lines are aligned in one column; a line without one ends the run', () => {
    const input = 'network A {\n  layers {\n    conv2d(8, kernel: 3) // [26, 26, 8]\n    max_pool2d(2)   // [13, 13, 8]\n    flatten()\n    dense(3)  // out\n  }\n}\n';
    const expected =
      'network A {\n  layers {\n    conv2d(8, kernel: 3) // [26, 26, 8]\n    max_pool2d(2)        // [13, 13, 8]\n    flatten()\n    dense(3) // out\n  }\n}\n';
    expectFormats(input, expected);
  });

  it('a comment between a key and its value', () => {
    expectFormats('network A { train { loss /* why */ : mse } }', 'network A {\n  train {\n    loss /* why */: mse\n  }\n}\n');
    expectFormats('network A { train { loss: // why\n mse } }', 'network A {\n  train {\n    loss: // why\n      mse\n  }\n}\n');
  });

  it('comment text is never changed, not even trailing spaces inside a line comment', () => {
    expectFormats('network A {   // spaced   \n}', 'network A { // spaced   \n}\n');
  });

  it('an empty section with a comment inside', () => {
    expectFormats('network A { layers { // none yet\n } }', 'network A {\n  layers { // none yet\n  }\n}\n');
  });
});

describe('format: text with errors is left alone', () => {
  it('returns the input unchanged when it does not parse', () => {
    for (const bad of ['network A { layers { dense(1) }', 'network A { data { source: "x }}', '@', 'network A { layers { dense(1) dense(2) } }']) {
      expect(format(bad)).toBe(bad);
      expect(formatEdits(bad)).toEqual([]);
    }
  });
});

describe('format: edits for editors', () => {
  it('formatEdits returns one minimal edit, none when already formatted', () => {
    const src = 'network A {\n  input [ 4 ]\n}\n';
    expect(formatEdits(src)).toEqual([
      { range: { start: { offset: 21, line: 2, column: 10 }, end: { offset: 24, line: 2, column: 13 } }, newText: '4' },
    ]);
    const fixed = format(src);
    expect(fixed).toBe('network A {\n  input [4]\n}\n');
    expect(formatEdits(fixed)).toEqual([]);
    // applying the edits gives the formatted text
    const [e] = formatEdits(src);
    expect(src.slice(0, e!.range.start.offset) + e!.newText + src.slice(e!.range.end.offset)).toBe(fixed);
  });

  it('formatRange formats only the declarations the range touches', () => {
    const src = 'network A {input [1]}\n\nnetwork B {input [2]}\n';
    const at = src.indexOf('B');
    const edits = formatRange(src, { start: { offset: at }, end: { offset: at } });
    expect(edits).toEqual([
      {
        range: { start: { offset: 23, line: 3, column: 1 }, end: { offset: 44, line: 3, column: 22 } },
        newText: 'network B {\n  input [2]\n}',
      },
    ]);
    expect(formatRange(src, { start: { offset: 0 }, end: { offset: src.length } })).toHaveLength(2);
    expect(formatRange('network A {', { start: { offset: 0 }, end: { offset: 3 } })).toEqual([]);
  });
});

describe('format: the bundled examples', () => {
  const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.axon'));

  it('there are examples to format', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s is already in the canonical layout (axon fmt --check passes)', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    expect(format(src)).toBe(src);
  });

  it.each(files)('%s: formatting is idempotent and resolves to the same networks', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    const out = format(src);
    expect(format(out)).toBe(out);
    expect(meaning(out)).toEqual(meaning(src));
    const before = analyze(parse(src).ast);
    const after = analyze(parse(out).ast);
    expect(after.diagnostics.map((d) => d.code)).toEqual(before.diagnostics.map((d) => d.code));
    expect(after.networks.map((n) => [n.name, n.layers.map((l) => [l.name, l.outputShape, l.params])])).toEqual(
      before.networks.map((n) => [n.name, n.layers.map((l) => [l.name, l.outputShape, l.params])]),
    );
  });
});
