import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, parse } from '@axon/language';

// Every snippet, expanded with its default choices, must be valid Axon: it parses and analyses with no
// errors once placed where it belongs (a whole network, a block at top level, a layer inside `layers`,
// a section inside a network).
const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
type Snippet = { prefix: string; body: string | string[]; description: string };
const snippets = JSON.parse(readFileSync(join(extensionDir, 'snippets', 'axon.json'), 'utf8')) as Record<string, Snippet>;

/** Expands TextMate snippet syntax the way accepting every default does. */
function expandDefaults(body: string): string {
  let text = body;
  for (let i = 0; i < 10; i++) {
    const next = text
      .replace(/\$\{\d+\|([^,|}]*)[^|}]*\|\}/g, '$1') // ${1|a,b|} → a
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1') // ${1:text} → text (innermost first)
      .replace(/\$\{\d+\}|\$\d+/g, ''); // $0, ${2} → nothing
    if (next === text) break;
    text = next;
  }
  return text.replace(/\t/g, '  ');
}

const network = (layers: string, extra = '') =>
  `network N {\n  input [4]\n  task classification(classes: 3)\n  layers {\n${layers}\n    dense(3, activation: softmax)\n  }\n${extra}}\n`;

/** Where each snippet goes to form a whole document. */
function documentFor(prefix: string, code: string): string {
  switch (prefix) {
    case 'network':
      return code;
    case 'block':
      return `${network('    name(16)')}\n${code}\n`;
    case 'dense':
    case 'repeat':
      return network(`    ${code.replace(/\n/g, '\n    ')}`);
    case 'conv2d':
      return `network C {\n  input [8, 8, 1]\n  task classification(classes: 3)\n  layers {\n    ${code}\n    flatten()\n    dense(3, activation: softmax)\n  }\n}\n`;
    case 'residual':
    case 'parallel':
      // After a convolution of the residual's width, so the identity shortcut's shape matches the body's.
      return `network G {\n  input [8, 8, 1]\n  task classification(classes: 3)\n  layers {\n    conv2d(64, kernel: 3, padding: same)\n    ${code.replace(/\n/g, '\n    ')}\n    global_avg_pool2d()\n    dense(3, activation: softmax)\n  }\n}\n`;
    case 'train':
    case 'data':
      return network('    dense(8, activation: relu)', `  ${code.replace(/\n/g, '\n  ')}\n`);
    default:
      throw new Error(`no placement for snippet ${prefix}`);
  }
}

describe('snippets', () => {
  it('expands placeholders and choices to their defaults', () => {
    expect(expandDefaults('dense(${1:64}, activation: ${2|relu,elu|}${3:, init: ${4|he_normal,zeros|}})$0')).toBe(
      'dense(64, activation: relu, init: he_normal)',
    );
  });

  it('offers network, block, dense, conv2d, repeat, residual, parallel, train and data', () => {
    expect(Object.values(snippets).map((s) => s.prefix).sort()).toEqual(['block', 'conv2d', 'data', 'dense', 'network', 'parallel', 'repeat', 'residual', 'train']);
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" expands to valid Axon`, () => {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const text = documentFor(snippet.prefix, expandDefaults(body));
      expect(text).not.toMatch(/\$/);
      const parsed = parse(text);
      expect(parsed.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([]);
      const analysed = analyze(parsed.ast);
      expect(analysed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
      expect(analysed.networks.length).toBeGreaterThan(0);
    });
  }
});
