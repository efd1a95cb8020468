import { describe, expect, it } from 'vitest';
import { parse } from '../src/index.js';
import {
  bare,
  bool,
  callSetting,
  diags,
  expectConsistentRanges,
  id,
  layer,
  list,
  name,
  named,
  num,
  ok,
  repeat,
  setting,
  str,
  strip,
  textAt,
} from './parse-helpers.js';

const IRIS = `// iris.axon: three-class classifier
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
    source: "iris.csv"          // relative to this file
    target: "species"
    validation_split: 0.2
  }
}

block elu_block(width) {
  dense(width, activation: elu(alpha: 1.0), init: he_normal)
  batch_norm()
}
`;

function net(body: string): string {
  return `network N {\n${body}\n}\n`;
}

function members(src: string) {
  const ast = ok(src);
  const first = ast.items[0];
  if (first?.kind !== 'Network') throw new Error('expected a network');
  return strip(first.members) as unknown[];
}

function layersOf(body: string) {
  const m = members(net(`  layers {\n${body}\n  }`));
  return (m[0] as { items: unknown[] }).items;
}

describe('parse: the language.md example', () => {
  it('parses to the full expected tree', () => {
    const ast = ok(IRIS);
    expect(strip(ast.items)).toEqual([
      {
        kind: 'Network',
        name: id('Iris'),
        members: [
          { kind: 'Input', dims: [num('4')] },
          { kind: 'Task', value: name('classification', named('classes', num('3'))) },
          {
            kind: 'Layers',
            items: [
              layer('dense', num('16'), named('activation', name('relu'))),
              layer('dense', num('16'), named('activation', name('leaky_relu', named('alpha', num('0.01'))))),
              layer('dropout', num('0.2')),
              repeat('2', layer('elu_block', num('32'))),
              layer('dense', num('3'), named('activation', name('softmax'))),
            ],
          },
          {
            kind: 'Train',
            settings: [
              setting('loss', name('categorical_crossentropy')),
              setting('optimizer', name('adam', named('learning_rate', num('1e-3')))),
              setting('epochs', num('200')),
              setting('batch_size', num('16')),
              setting('seed', num('42')),
            ],
          },
          {
            kind: 'Data',
            settings: [
              setting('source', str('"iris.csv"', 'iris.csv')),
              setting('target', str('"species"', 'species')),
              setting('validation_split', num('0.2')),
            ],
          },
        ],
      },
      {
        kind: 'Block',
        name: id('elu_block'),
        params: [id('width')],
        body: [
          layer('dense', name('width'), named('activation', name('elu', named('alpha', num('1.0')))), named('init', name('he_normal'))),
          { kind: 'LayerCall', name: id('batch_norm'), args: { kind: 'ArgList', args: [] } },
        ],
      },
    ]);
    expect(ast.comments.map((c) => [c.text, c.block, c.range.start.line, c.range.start.column])).toEqual([
      ['// iris.axon: three-class classifier', false, 1, 1],
      ['// relative to this file', false, 25, 33],
    ]);
  });

  it('gives every node a range that matches the text', () => {
    const ast = parse(IRIS).ast;
    expectConsistentRanges(IRIS, ast);
    const iris = ast.items[0]!;
    expect(textAt(IRIS, iris.range).startsWith('network Iris {')).toBe(true);
    expect(textAt(IRIS, iris.range).endsWith('}')).toBe(true);
    expect(iris.range.start).toEqual({ offset: 37, line: 2, column: 1 });
    expect(iris.range.end).toEqual({ offset: IRIS.indexOf('\n\nblock'), line: 29, column: 2 });
    expect(ast.range.start).toEqual({ offset: 0, line: 1, column: 1 });
    expect(ast.range.end).toEqual({ offset: IRIS.length, line: 35, column: 1 });
  });

  it('ranges of names, calls, argument lists, settings and the repeat keyword', () => {
    const ast = parse(IRIS).ast;
    const iris = ast.items[0];
    if (iris?.kind !== 'Network') throw new Error('network expected');
    const layers = iris.members[2];
    if (layers?.kind !== 'Layers') throw new Error('layers expected');
    const second = layers.items[1];
    if (second?.kind !== 'LayerCall') throw new Error('call expected');
    expect(textAt(IRIS, second.range)).toBe('dense(16, activation: leaky_relu(alpha: 0.01))');
    expect(second.range.start).toEqual({ offset: IRIS.indexOf('dense(16, activation: leaky'), line: 8, column: 5 });
    expect(textAt(IRIS, second.name.range)).toBe('dense');
    expect(textAt(IRIS, second.args!.range)).toBe('(16, activation: leaky_relu(alpha: 0.01))');
    const act = second.args!.args[1]!;
    expect(textAt(IRIS, act.range)).toBe('activation: leaky_relu(alpha: 0.01)');
    expect(textAt(IRIS, act.value!.range)).toBe('leaky_relu(alpha: 0.01)');
    const rep = layers.items[3];
    if (rep?.kind !== 'Repeat') throw new Error('repeat expected');
    expect(textAt(IRIS, rep.keywordRange)).toBe('repeat');
    expect(textAt(IRIS, rep.range)).toBe('repeat 2 {\n      elu_block(32)\n    }');
    expect(textAt(IRIS, rep.count!.range)).toBe('2');
    const train = iris.members[3];
    if (train?.kind !== 'Train') throw new Error('train expected');
    expect(textAt(IRIS, train.settings[1]!.range)).toBe('optimizer: adam(learning_rate: 1e-3)');
    expect(textAt(IRIS, train.settings[1]!.key.range)).toBe('optimizer');
    const input = iris.members[0]!;
    expect(textAt(IRIS, input.range)).toBe('input [4]');
    const task = iris.members[1]!;
    expect(textAt(IRIS, task.range)).toBe('task classification(classes: 3)');
  });
});

describe('parse: network members', () => {
  it('input shapes: one or more numbers, trailing comma allowed, empty kept empty', () => {
    expect(members(net('  input [4]'))).toEqual([{ kind: 'Input', dims: [num('4')] }]);
    expect(members(net('  input [28, 28, 1]'))).toEqual([{ kind: 'Input', dims: [num('28'), num('28'), num('1')] }]);
    expect(members(net('  input [28, 28, 1,]'))).toEqual([{ kind: 'Input', dims: [num('28'), num('28'), num('1')] }]);
    expect(members(net('  input []'))).toEqual([{ kind: 'Input', dims: [] }]);
  });

  it('every task form', () => {
    expect(members(net('  task binary_classification'))).toEqual([{ kind: 'Task', value: name('binary_classification') }]);
    expect(members(net('  task regression(outputs: 2)'))).toEqual([{ kind: 'Task', value: name('regression', named('outputs', num('2'))) }]);
    expect(members(net('  task classification(classes: 10)'))).toEqual([
      { kind: 'Task', value: name('classification', named('classes', num('10'))) },
    ]);
    expect(members(net('  task multilabel(labels: 5)'))).toEqual([{ kind: 'Task', value: name('multilabel', named('labels', num('5'))) }]);
  });

  it('members may be separated by commas and appear in any order, duplicates kept', () => {
    expect(members(net('  layers { flatten }, input [2], input [3]'))).toEqual([
      { kind: 'Layers', items: [bare('flatten')] },
      { kind: 'Input', dims: [num('2')] },
      { kind: 'Input', dims: [num('3')] },
    ]);
  });

  it('empty sections', () => {
    expect(members(net('  layers {}\n  train {}\n  data { }'))).toEqual([
      { kind: 'Layers', items: [] },
      { kind: 'Train', settings: [] },
      { kind: 'Data', settings: [] },
    ]);
  });
});

describe('parse: layers', () => {
  it('calls with positional and named arguments, empty argument lists and bare names', () => {
    expect(layersOf('    dense(16, activation: relu, init: he_normal, bias_init: constant(0.1))\n    batch_norm()\n    flatten\n    flatten()')).toEqual([
      layer('dense', num('16'), named('activation', name('relu')), named('init', name('he_normal')), named('bias_init', name('constant', num('0.1')))),
      { kind: 'LayerCall', name: id('batch_norm'), args: { kind: 'ArgList', args: [] } },
      bare('flatten'),
      { kind: 'LayerCall', name: id('flatten'), args: { kind: 'ArgList', args: [] } },
    ]);
  });

  it('every activation with its arguments, and stand-alone activation layers', () => {
    const acts = ['linear', 'sigmoid', 'tanh', 'softmax', 'relu', 'selu'];
    const src = acts.map((a) => `    activation(${a})`).join('\n') + '\n    dense(4, activation: prelu(init: 0.25))\n    dense(4, activation: elu(alpha: 1.0))';
    expect(layersOf(src)).toEqual([
      ...acts.map((a) => layer('activation', name(a))),
      layer('dense', num('4'), named('activation', name('prelu', named('init', num('0.25'))))),
      layer('dense', num('4'), named('activation', name('elu', named('alpha', num('1.0'))))),
    ]);
  });

  it('convolution and pooling with lists, names and numbers', () => {
    expect(layersOf('    conv2d(32, kernel: [3, 3], stride: 1, padding: same, activation: relu)\n    max_pool2d(2)\n    avg_pool2d([2, 2])')).toEqual([
      layer('conv2d', num('32'), named('kernel', list(num('3'), num('3'))), named('stride', num('1')), named('padding', name('same')), named('activation', name('relu'))),
      layer('max_pool2d', num('2')),
      layer('avg_pool2d', list(num('2'), num('2'))),
    ]);
  });

  it('repeat, nested repeat and block uses', () => {
    expect(layersOf('    repeat 3 {\n      repeat 2 { dense(8) }\n      res(8, rate: 0.1)\n    }')).toEqual([
      repeat('3', repeat('2', layer('dense', num('8'))), layer('res', num('8'), named('rate', num('0.1')))),
    ]);
  });

  it('layers on one line separated by commas; trailing commas in argument lists', () => {
    expect(layersOf('    dense(4,), dropout(0.5), flatten,')).toEqual([layer('dense', num('4')), layer('dropout', num('0.5')), bare('flatten')]);
  });

  it('a word that merely starts with a keyword is a name', () => {
    expect(layersOf('    repeated(2)\n    networks\n    data_layer(true)')).toEqual([
      layer('repeated', num('2')),
      bare('networks'),
      layer('data_layer', bool(true)),
    ]);
  });
});

describe('parse: blocks', () => {
  it('with parameters, without parentheses, and with an empty parameter list', () => {
    const ast = ok('block a(width, rate,) { dense(width)\n dropout(rate) }\nblock b { flatten }\nblock c() {}\n');
    expect(strip(ast.items)).toEqual([
      { kind: 'Block', name: id('a'), params: [id('width'), id('rate')], body: [layer('dense', name('width')), layer('dropout', name('rate'))] },
      { kind: 'Block', name: id('b'), params: [], body: [bare('flatten')] },
      { kind: 'Block', name: id('c'), params: [], body: [] },
    ]);
  });

  it('several networks and blocks, in source order', () => {
    const ast = ok('block x { flatten }\nnetwork A { input [1] }\nnetwork B { input [2] }\nblock y { flatten }');
    expect(ast.items.map((i) => `${i.kind} ${i.name?.name}`)).toEqual(['Block x', 'Network A', 'Network B', 'Block y']);
  });
});

describe('parse: train and data', () => {
  it('key: value settings, bare call settings and bare names', () => {
    const m = members(
      net(`  train {
    loss: categorical_crossentropy(from_logits: true)
    optimizer: sgd(learning_rate: 0.01, momentum: 0.9, nesterov: true)
    epochs: 10, batch_size: 32
    early_stopping(patience: 10)
    early_stopping
  }`),
    );
    expect(m).toEqual([
      {
        kind: 'Train',
        settings: [
          setting('loss', name('categorical_crossentropy', named('from_logits', bool(true)))),
          setting('optimizer', name('sgd', named('learning_rate', num('0.01')), named('momentum', num('0.9')), named('nesterov', bool(true)))),
          setting('epochs', num('10')),
          setting('batch_size', num('32')),
          callSetting('early_stopping', named('patience', num('10'))),
          { kind: 'Setting', key: id('early_stopping'), value: name('early_stopping'), colon: false },
        ],
      },
    ]);
  });

  it('data with a features list and booleans', () => {
    const m = members(net('  data {\n    source: "iris.csv"\n    target: "species"\n    features: ["a", "b"]\n    validation_split: 0.2\n    standardize: false\n  }'));
    expect(m).toEqual([
      {
        kind: 'Data',
        settings: [
          setting('source', str('"iris.csv"', 'iris.csv')),
          setting('target', str('"species"', 'species')),
          setting('features', list(str('"a"', 'a'), str('"b"', 'b'))),
          setting('validation_split', num('0.2')),
          setting('standardize', bool(false)),
        ],
      },
    ]);
  });

  it('a bare call setting spans the key and its arguments', () => {
    const src = net('  train {\n    early_stopping(patience: 3)\n  }');
    const ast = ok(src);
    const train = (ast.items[0] as unknown as { members: { settings: { range: never; value: { range: never } }[] }[] }).members[0]!;
    expect(textAt(src, train.settings[0]!.range)).toBe('early_stopping(patience: 3)');
    expect(textAt(src, train.settings[0]!.value.range)).toBe('early_stopping(patience: 3)');
  });
});

describe('parse: literals', () => {
  const value = (v: string) => {
    const m = members(net(`  data {\n    x: ${v}\n  }`));
    return ((m[0] as { settings: { value: unknown }[] }).settings[0] as { value: unknown }).value;
  };

  it('numbers: integers, decimals, exponents, negatives — raw text kept', () => {
    expect(value('42')).toEqual(num('42'));
    expect(value('0.20')).toEqual({ kind: 'Number', value: 0.2, raw: '0.20' });
    expect(value('1e-3')).toEqual({ kind: 'Number', value: 0.001, raw: '1e-3' });
    expect(value('2.5E+4')).toEqual({ kind: 'Number', value: 25000, raw: '2.5E+4' });
    expect(value('-0.5')).toEqual({ kind: 'Number', value: -0.5, raw: '-0.5' });
    expect(value('007')).toEqual({ kind: 'Number', value: 7, raw: '007' });
  });

  it('strings with escapes', () => {
    expect(value(String.raw`"a\"b\\c\n\t\u0041\/"`)).toEqual({ kind: 'String', value: 'a"b\\c\n\tA/', raw: String.raw`"a\"b\\c\n\t\u0041\/"` });
    expect(value('""')).toEqual(str('""', ''));
    expect(value('"héllo ✓"')).toEqual(str('"héllo ✓"', 'héllo ✓'));
  });

  it('booleans, names, nested lists', () => {
    expect(value('true')).toEqual(bool(true));
    expect(value('false')).toEqual(bool(false));
    expect(value('he_normal')).toEqual(name('he_normal'));
    expect(value('[[1, 2], [], "x"]')).toEqual(list(list(num('1'), num('2')), list(), str('"x"', 'x')));
  });
});

describe('parse: comments and layout', () => {
  it('line and block comments anywhere go to Program.comments with exact ranges', () => {
    const src = 'network /* name */ A { // open\n  layers {\n    dense(/* units */ 4, // four\n      activation: relu)\n  }\n}\n/* multi\n   line */';
    const ast = ok(src);
    expect(ast.comments.map((c) => ({ text: c.text, block: c.block, at: `${c.range.start.line}:${c.range.start.column}-${c.range.end.line}:${c.range.end.column}` }))).toEqual([
      { text: '/* name */', block: true, at: '1:9-1:19' },
      { text: '// open', block: false, at: '1:24-1:31' },
      { text: '/* units */', block: true, at: '3:11-3:22' },
      { text: '// four', block: false, at: '3:26-3:33' },
      { text: '/* multi\n   line */', block: true, at: '7:1-8:11' },
    ]);
    expect(strip(ast.items)).toEqual([
      { kind: 'Network', name: id('A'), members: [{ kind: 'Layers', items: [layer('dense', num('4'), named('activation', name('relu')))] }] },
    ]);
  });

  it('CRLF and CR line endings count as one line break each', () => {
    const src = 'network A {\r\n  input [4]\r\n\r\n  task binary_classification\r}';
    const ast = ok(src);
    const a = ast.items[0] as { members: { range: { start: { line: number; column: number } } }[] };
    expect(a.members.map((m) => [m.range.start.line, m.range.start.column])).toEqual([
      [2, 3],
      [4, 3],
    ]);
    expect(ast.range.end).toEqual({ offset: src.length, line: 5, column: 2 });
  });

  it('newlines are free inside an entry: a call may span lines', () => {
    expect(layersOf('    dense(\n      16,\n      activation: relu\n    )')).toEqual([layer('dense', num('16'), named('activation', name('relu')))]);
  });

  it('two entries on one line need a comma', () => {
    expect(diags(net('  layers {\n    dense(4) dropout(0.5)\n  }'))).toEqual([
      { code: 'parse/missing-separator', at: '3:14-3:21', text: 'dropout', message: "expected a line break or ',' between layers" },
    ]);
    expect(diags(net('  input [4] task binary_classification'))).toEqual([
      { code: 'parse/missing-separator', at: '2:13-2:17', text: 'task', message: "expected a line break or ',' between members" },
    ]);
  });

  it('an empty file and a file of only whitespace give an empty program', () => {
    for (const src of ['', '   \n\t\n']) {
      const r = parse(src);
      expect(r.diagnostics).toEqual([]);
      expect(r.ast.items).toEqual([]);
      expect(r.ast.range.end.offset).toBe(src.length);
    }
  });

  it('never throws, even on input that is not a string', () => {
    for (const bad of [undefined, null, 42, {}] as unknown as string[]) {
      const r = parse(bad);
      expect(r.ast.kind).toBe('Program');
      expect(Array.isArray(r.diagnostics)).toBe(true);
    }
    expect(parse(undefined as unknown as string).ast.items).toEqual([]);
  });
});
