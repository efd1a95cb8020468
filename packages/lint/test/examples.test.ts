/** The "done": on examples/, the deep sigmoid stack gets saturating-deep-stack, the good examples nothing above info. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lintText, resolveConfig } from '../src/index.js';
import { plainDepthPath } from '../src/rules/deep-plain-stack.js';

const dir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const examples = readdirSync(dir).filter((f) => f.endsWith('.axon')).sort();

test('the examples folder has the deep sigmoid stack and good examples', () => {
  expect(examples).toContain('deep-sigmoid.axon');
  expect(examples.length).toBeGreaterThanOrEqual(5);
});

test('deep-sigmoid.axon gets saturating-deep-stack at its first sigmoid layer', () => {
  const path = `${dir}deep-sigmoid.axon`;
  const text = readFileSync(path, 'utf8');
  const r = lintText(text, { filePath: path });
  expect(r.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const deep = r.findings.filter((f) => f.ruleId === 'saturating-deep-stack');
  expect(deep).toHaveLength(1);
  expect(deep[0]!.severity).toBe('warning');
  expect(text.slice(deep[0]!.range.start.offset, deep[0]!.range.end.offset)).toBe('activation: sigmoid');
  expect(deep[0]!.message).toMatch(/^19 hidden layers apply sigmoid/);
});

test.each(examples.filter((f) => f !== 'deep-sigmoid.axon'))('%s: nothing above info', (name) => {
  const path = `${dir}${name}`;
  const r = lintText(readFileSync(path, 'utf8'), { filePath: path });
  expect(r.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.range.start.line}`)).toEqual([]);
});

/**
 * The graph examples (issue 11): Keras's ResNet50 and DenseNet121, a CIFAR ResNet-20 and an Inception
 * block. They follow the reference designs, so every rule (the `all` preset) is silent on the first
 * three; the Inception block keeps Keras's default glorot_uniform under relu, which only the
 * info-level init-activation-mismatch (off in `recommended`) mentions. deep-plain-stack sees their
 * shortcuts: a gradient crosses at most 7 of ResNet50's 54 weighted layers, 6 of DenseNet121's 121.
 */
describe('graph examples', () => {
  const lintExample = (name: string, preset: 'recommended' | 'all') => {
    const text = readFileSync(`${dir}${name}`, 'utf8');
    const r = lintText(text, { config: resolveConfig({ presets: [preset] }) });
    expect(r.parseAndAnalysisDiagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return r;
  };
  test.each([
    ['resnet50.axon', 54, 7],
    ['densenet121.axon', 121, 6],
    ['resnet20.axon', 22, 5],
  ])('%s: no finding under recommended or all; %i weighted layers, a gradient crosses at most %i', (name, weighted, crossed) => {
    expect(lintExample(name, 'recommended').findings).toEqual([]);
    const r = lintExample(name, 'all');
    expect(r.findings.map((f) => `${f.ruleId} ${f.range.start.line}`)).toEqual([]);
    const network = r.networks[0]!;
    expect(network.layers.filter((l) => l.kind === 'dense' || l.kind === 'conv2d')).toHaveLength(weighted);
    expect(plainDepthPath(network)).toHaveLength(crossed);
  });

  test('inception-block.axon: only init-activation-mismatch (info, relu under glorot_uniform) under all', () => {
    expect(lintExample('inception-block.axon', 'recommended').findings).toEqual([]);
    const findings = lintExample('inception-block.axon', 'all').findings;
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.range.start.line}`)).toEqual(
      [13, 16, 17, 20, 21, 25].map((line) => `init-activation-mismatch info ${line}`),
    );
  });

  test('deep-sigmoid.axon: 20 plain weighted layers, one below deep-plain-stack\'s default', () => {
    const r = lintExample('deep-sigmoid.axon', 'all');
    expect(plainDepthPath(r.networks[0]!)).toHaveLength(20);
    expect(r.findings.filter((f) => f.ruleId === 'deep-plain-stack')).toEqual([]);
  });
});
