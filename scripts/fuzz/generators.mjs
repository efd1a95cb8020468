/**
 * Seeded generators of hostile Axon input, shared by `npm run fuzz` (scripts/fuzz/run.mjs) and the
 * short run in the tests (packages/language/test/hostile-fuzz.test.ts). Every generator takes a
 * `Random` and returns a string; the same seed gives the same inputs on every machine.
 */

/** A small, fast, seeded PRNG (mulberry32). */
export class Random {
  constructor(seed) {
    this.state = seed >>> 0;
  }
  next() {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
}

const LAYERS = ['dense', 'dropout', 'batch_norm', 'activation', 'flatten', 'conv2d', 'max_pool2d', 'avg_pool2d', 'global_avg_pool2d', 'zero_padding2d', 'desne', 'layrs', 'blk'];
const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'softmax', 'linear', 'elu', 'selu', 'gelu', 'rleu', 'swish'];
const HUGE = ['0', '-1', '1e308', '1e999', '1000000000', '4294967297', '9007199254740993', '0.5', '-0', '1e-400', '00012', '3.', '.5', 'NaN', 'Infinity'];

/** A number a hostile user would write: mostly small, sometimes huge, negative or malformed. */
export function number(r) {
  return r.chance(0.7) ? String(r.int(1, 64)) : r.pick(HUGE);
}

function argument(r, depth) {
  switch (r.int(0, 6)) {
    case 0:
      return number(r);
    case 1:
      return `activation: ${r.pick(ACTIVATIONS)}`;
    case 2:
      return `kernel: ${r.chance(0.5) ? number(r) : `[${number(r)}, ${number(r)}]`}`;
    case 3:
      return `units: ${number(r)}`;
    case 4:
      return `padding: ${r.pick(['same', 'valid', '"same"', 'full'])}`;
    case 5:
      return depth < 3 ? `init: ${r.pick(['he_normal', 'glorot_uniform', 'zeros'])}(${argument(r, depth + 1)})` : 'rate: 0.5';
    default:
      return `${r.pick(['rate', 'stride', 'width', 'merge'])}: ${number(r)}`;
  }
}

function call(r, blocks) {
  const name = blocks.length > 0 && r.chance(0.25) ? r.pick(blocks) : r.pick(LAYERS);
  const n = r.int(0, 3);
  return `${name}(${Array.from({ length: n }, () => argument(r, 0)).join(', ')})`;
}

function statements(r, depth, blocks, budget) {
  const out = [];
  const n = r.int(1, 4);
  for (let i = 0; i < n && budget.left-- > 0; i++) {
    const k = depth < 6 ? r.int(0, 9) : 0;
    if (k <= 5) out.push(call(r, blocks));
    else if (k === 6) out.push(`repeat ${number(r)} { ${statements(r, depth + 1, blocks, budget)} }`);
    else if (k === 7) out.push(`residual { ${statements(r, depth + 1, blocks, budget)} }${r.chance(0.5) ? ` shortcut { ${statements(r, depth + 1, blocks, budget)} }` : ''}`);
    else if (k === 8) out.push(`parallel(merge: ${r.pick(['add', 'concat', 'average', 'mul'])}) { ${Array.from({ length: r.int(0, 3) }, () => `branch { ${statements(r, depth + 1, blocks, budget)} }`).join(' ')} }`);
    else out.push(`repeat ${r.pick(['1000000000', '50001', '100000'])} { ${r.chance(0.5) ? '' : call(r, blocks)} }`);
  }
  return out.join(r.chance(0.5) ? ', ' : '\n    ');
}

/** A whole program: blocks and networks built from the grammar, with hostile numbers and names. */
export function program(r) {
  const blocks = Array.from({ length: r.int(0, 3) }, (_, i) => `b${i}`);
  const budget = { left: 60 };
  const parts = blocks.map((b) => `block ${b}(${r.chance(0.5) ? 'width' : ''}) { ${statements(r, 1, blocks, budget)} }`);
  for (let n = r.int(1, 3); n > 0; n--) {
    const dims = Array.from({ length: r.int(0, 3) }, () => number(r)).join(', ');
    const task = r.pick(['', 'task classification(classes: 3)', 'task regression(outputs: 1)', 'task binary', 'task classification(classes: 0)']);
    const train = r.chance(0.4) ? `train { epochs: ${number(r)}, optimizer: adam(lr: ${number(r)}), loss: ${r.pick(['mse', 'crossentropy', 'bce'])} }` : '';
    parts.push(`network N${n} {\n  input [${dims}]\n  ${task}\n  layers {\n    ${statements(r, 0, blocks, budget)}\n  }\n  ${train}\n}`);
  }
  return parts.join('\n');
}

/** Structures that are cheap to write and were expensive to analyse or print (issue 15). */
export function blowUp(r) {
  const k = r.int(0, 9);
  const net = (layers) => `network N { input [4], layers { ${layers} } }`;
  switch (k) {
    case 0:
      return net(`repeat ${r.pick(['1000000000', '99999999999', '1e308'])} { ${r.chance(0.5) ? '' : 'desne(4)'} }`);
    case 1: {
      const depth = r.int(2, 6);
      return net(`${'repeat 1000 { '.repeat(depth)}dense(4)${' }'.repeat(depth)}`);
    }
    case 2:
      return `${net(Array.from({ length: r.int(1000, 10_000) }, () => 'dense(4)').join(', '))}`;
    case 3:
      return net(`dense(${Array.from({ length: r.int(1000, 20_000) }, () => 'units: 1').join(', ')})`);
    case 4:
      return net(`${'residual { '.repeat(r.int(50, 400))}dense(4)${' }'.repeat(400)}`);
    case 5:
      return net(`${'['.repeat(r.int(100, 3000))}`);
    case 6:
      return `block e() {}\n${Array.from({ length: r.int(2, 12) }, (_, i) => `network N${i} { input [4], layers { repeat 1000000000 { e(), desne(4) } } }`).join('\n')}`;
    case 7:
      return net(`dense(${'9'.repeat(r.int(20, 2000))})`);
    case 8: {
      // a long chain of blocks, each using the next (a cycle at the end, sometimes)
      const n = r.int(200, 3000);
      const last = r.chance(0.5) ? 'dense(4)' : 'b0()';
      return `${Array.from({ length: n }, (_, i) => `block b${i}() { ${i === n - 1 ? last : `b${i + 1}()`} }`).join('\n')}\n${net('b0()')}`;
    }
    default:
      return `block two() { dense(4), dense(4) }\n${net(`repeat ${r.int(20_000, 30_000)} { two() }`)}`;
  }
}

/** Pieces inserted between tokens. */
export const PIECES = ['{', '}', '(', ')', '[', ']', ',', ':', '"', '/*', '//', '\n', 'repeat', '1000000000', '-1', 'dense', 'block', 'network', 'layers', 'residual', 'shortcut', 'parallel', 'branch', '\u0000', '\u001b[2J', '\ufeff', '\r', 'é', '💥'];

/** Every position between two tokens (word and punctuation boundaries) of `text`. */
export function boundaries(text) {
  const out = [0];
  for (let i = 1; i < text.length; i++) {
    const a = text[i - 1];
    const b = text[i];
    const word = (c) => /[A-Za-z0-9_.]/.test(c);
    if (word(a) !== word(b) || !word(a)) out.push(i);
  }
  out.push(text.length);
  return out;
}

/** One random edit of `text`: delete, duplicate or insert a piece at a random offset. */
export function mutate(r, text) {
  const at = r.int(0, text.length);
  const len = r.int(0, Math.min(40, text.length - at));
  switch (r.int(0, 3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + len);
    case 1:
      return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    case 2:
      return text.slice(0, at) + r.pick(PIECES) + text.slice(at);
    default:
      return text.slice(0, at) + number(r) + text.slice(at);
  }
}
