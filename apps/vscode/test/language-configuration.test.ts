import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The editor behaviour VS Code derives from language-configuration.json: comments, brackets and the
// indentation rules (checked on real Axon lines).
const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(extensionDir, 'language-configuration.json'), 'utf8'));
const manifest = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));

describe('language configuration', () => {
  it('is the one the manifest contributes for .axon files', () => {
    const lang = manifest.contributes.languages.find((l: { id: string }) => l.id === 'axon');
    expect(lang.extensions).toEqual(['.axon']);
    expect(lang.configuration).toBe('./language-configuration.json');
    expect(manifest.contributes.grammars[0]).toEqual({ language: 'axon', scopeName: 'source.axon', path: './syntaxes/axon.tmLanguage.json' });
  });

  it('uses // and /* */ comments and pairs every bracket', () => {
    expect(config.comments).toEqual({ lineComment: '//', blockComment: ['/*', '*/'] });
    expect(config.brackets).toEqual([['{', '}'], ['[', ']'], ['(', ')']]);
    const opens = config.autoClosingPairs.map((p: { open: string }) => p.open);
    expect(opens).toEqual(['{', '[', '(', '"', '/*']);
  });

  it('indents after an opening brace, bracket or parenthesis, but not after one in a comment', () => {
    const increase = new RegExp(config.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
    expect(['network Iris {', '  layers {', '    repeat 2 {', '    dense(64,', 'block b(width) {'].filter((l) => increase.test(l))).toHaveLength(5);
    expect(['    dense(64, activation: relu)', '  input [4]', '// a { in a comment', '  }'].filter((l) => increase.test(l))).toEqual([]);
    expect(['  }', '}', '    )', '  ]'].every((l) => decrease.test(l))).toBe(true);
    expect(decrease.test('    dense(8)')).toBe(false);
  });

  it('treats snake_case names and numbers like 1e-3 as single words', () => {
    const word = new RegExp(config.wordPattern, 'g');
    expect('dense(8, activation: leaky_relu(alpha: 0.01), init: he_normal)'.match(word)).toEqual([
      'dense', '8', 'activation', 'leaky_relu', 'alpha', '0.01', 'init', 'he_normal',
    ]);
  });
});
