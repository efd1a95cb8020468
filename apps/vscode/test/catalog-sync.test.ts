import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { catalog, KEYWORDS } from '@axon/language';

// The grammar must colour every name the language knows. This generates a scope-assertion file from
// the language package's catalog and runs it through vscode-tmgrammar-test, so a layer kind,
// activation, initialiser, loss, optimizer or task added to the language fails here until the
// grammar learns it.
const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const grammar = join(extensionDir, 'syntaxes', 'axon.tmLanguage.json');
const require = createRequire(import.meta.url);
const unitTool = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');

/** A source line and an assertion under it marking `name` (found at `at` in the line) with `scope`. */
function assertLine(line: string, name: string, scope: string, at = line.indexOf(name)): string[] {
  if (at < 2) throw new Error(`assertion column too small in ${line}`);
  return [line, `//${' '.repeat(at - 2)}${'^'.repeat(name.length)} ${scope}`];
}

function generated(): { text: string; assertions: number } {
  const out = ['// SYNTAX TEST "source.axon" "generated from @axon/language catalog"', 'network Generated {'];
  for (const kind of Object.keys(catalog.LAYERS)) out.push(...assertLine(`    ${kind}()`, kind, 'support.function.layer.axon'));
  for (const fn of Object.keys(catalog.ACTIVATIONS)) {
    out.push(...assertLine(`    dense(8, activation: ${fn})`, fn, 'support.constant.activation.axon'));
  }
  for (const init of Object.keys(catalog.INITIALIZERS)) {
    out.push(...assertLine(`    dense(8, init: ${init})`, init, 'support.constant.initializer.axon'));
  }
  for (const pad of catalog.PADDINGS) out.push(...assertLine(`    conv2d(8, padding: ${pad})`, pad, 'support.constant.padding.axon'));
  for (const task of Object.keys(catalog.TASKS)) out.push(...assertLine(`  task ${task}`, task, 'support.type.task.axon'));
  for (const section of catalog.NETWORK_SECTIONS) out.push(...assertLine(`  ${section} {`, section, 'keyword.other.section.axon'));
  for (const loss of Object.keys(catalog.LOSSES)) out.push(...assertLine(`    loss: ${loss}`, loss, 'support.constant.loss.axon'));
  for (const opt of Object.keys(catalog.OPTIMIZERS)) {
    out.push(...assertLine(`    optimizer: ${opt}(learning_rate: 0.1)`, opt, 'support.function.optimizer.axon'));
  }
  for (const setting of [...Object.keys(catalog.TRAIN_SETTINGS), ...Object.keys(catalog.DATA_SETTINGS)]) {
    out.push(...assertLine(`    ${setting}: 1`, setting, 'variable.other.property.axon'));
  }
  out.push(...assertLine('    repeat 2 {', 'repeat', 'keyword.control.repeat.axon'));
  for (const k of catalog.GRAPH_KEYWORDS) out.push(...assertLine(`    ${k} {`, k, 'keyword.control.graph.axon'));
  for (const mode of catalog.MERGE_MODES) out.push(...assertLine(`    parallel(merge: ${mode}) {`, mode, 'support.constant.merge.axon', '    parallel(merge: '.length));
  out.push(...assertLine('    dense(8, use_bias: true, flag: false)', 'true', 'constant.language.boolean.axon'));
  out.push('}');
  const text = `${out.join('\n')}\n`;
  return { text, assertions: out.filter((l) => /^\/\/\s*\^/.test(l)).length };
}

describe('grammar ⇄ language catalog', () => {
  it('scopes every layer kind, activation, initialiser, padding, task, section, loss, optimizer, setting, graph keyword and merge mode', () => {
    const { text, assertions } = generated();
    const expected =
      Object.keys(catalog.LAYERS).length +
      Object.keys(catalog.ACTIVATIONS).length +
      Object.keys(catalog.INITIALIZERS).length +
      catalog.PADDINGS.length +
      Object.keys(catalog.TASKS).length +
      catalog.NETWORK_SECTIONS.length +
      Object.keys(catalog.LOSSES).length +
      Object.keys(catalog.OPTIMIZERS).length +
      Object.keys(catalog.TRAIN_SETTINGS).length +
      Object.keys(catalog.DATA_SETTINGS).length +
      catalog.GRAPH_KEYWORDS.length +
      catalog.MERGE_MODES.length +
      2;
    expect(assertions).toBe(expected);
    expect(assertions).toBeGreaterThan(40);
    const file = join(mkdtempSync(join(tmpdir(), 'axon-catalog-')), 'catalog.test.axon');
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [unitTool, '-g', grammar, file], { encoding: 'utf8' });
    expect(`${r.stdout}${r.stderr}`).toContain('run successfuly');
    expect(r.status).toBe(0);
  });

  it('knows every language keyword', () => {
    const source = JSON.stringify(JSON.parse(readFileSync(grammar, 'utf8')));
    for (const k of KEYWORDS) expect(source, k).toMatch(new RegExp(`\\b${k}\\b`));
  });
});
