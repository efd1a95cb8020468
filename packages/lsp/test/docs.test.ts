import {
  ACTIVATIONS,
  ACTIVATION_DOCS,
  INITIALIZERS,
  INITIALIZER_DOCS,
  KEYWORDS,
  KEYWORD_DOCS,
  LAYERS,
  LAYER_DOCS,
  LOSSES,
  LOSS_DOCS,
  OPTIMIZERS,
  OPTIMIZER_DOCS,
  SELU_ALPHA,
  SELU_SCALE,
  TASKS,
  TASK_DOCS,
} from '@axon/language';
import { describe, expect, it } from 'vitest';
import { activationMarkdown, entryMarkdown } from '../src/features/docs-markdown.js';

describe('docs data (the language package\'s records)', () => {
  it('documents every name of the language catalog, and nothing else', () => {
    const names = (docs: object) => Object.keys(docs).sort();
    expect(names(ACTIVATION_DOCS)).toEqual(Object.keys(ACTIVATIONS).sort());
    expect(names(LAYER_DOCS)).toEqual(Object.keys(LAYERS).sort());
    expect(names(INITIALIZER_DOCS)).toEqual(Object.keys(INITIALIZERS).sort());
    expect(names(LOSS_DOCS)).toEqual(Object.keys(LOSSES).sort());
    expect(names(OPTIMIZER_DOCS)).toEqual(Object.keys(OPTIMIZERS).sort());
    expect(names(TASK_DOCS)).toEqual(Object.keys(TASKS).sort());
    expect(names(KEYWORD_DOCS)).toEqual(KEYWORDS.filter((k) => k !== 'true' && k !== 'false').sort());
  });

  it('gives every activation a formula, derivative, fit, hurt and framework defaults', () => {
    for (const d of Object.values(ACTIVATION_DOCS)) {
      for (const field of [d.formula, d.derivative]) expect(field.length).toBeGreaterThan(4);
      for (const field of [d.fits, d.hurts, d.frameworks]) expect(field.length).toBeGreaterThan(30);
    }
  });

  it('agrees with the catalog on each task\'s default loss (a default loss suits its task)', () => {
    for (const t of Object.values(TASKS)) expect(LOSS_DOCS[t.defaultLoss].tasks).toContain(t.name);
  });

  it('does not repeat catalog facts in prose: SELU constants, defaults, recommended initialisers', () => {
    const prose = JSON.stringify([ACTIVATION_DOCS, INITIALIZER_DOCS, LOSS_DOCS, OPTIMIZER_DOCS, TASK_DOCS]);
    expect(prose).not.toContain(String(SELU_ALPHA).slice(0, 6));
    expect(prose).not.toContain(String(SELU_SCALE).slice(0, 6));
    expect(prose).not.toMatch(/[Dd]efault (for `|loss for|for (regression|binary|classification)|optimizer)/);
    expect(prose).not.toContain('The usual choice for');
  });
});

describe('rendering reads the facts from the catalog', () => {
  it('an activation\'s output range and constants', () => {
    for (const [name, info] of Object.entries(ACTIVATIONS)) {
      expect(activationMarkdown(info.name, info)).toContain(`- Output range: ${info.outputRange}`);
      expect(name).toBe(info.name);
    }
    const selu = activationMarkdown('selu', ACTIVATIONS.selu);
    expect(selu).toContain('- Output range: (−scale·alpha, ∞) ≈ (−1.7581, ∞)');
    expect(selu).toContain(`- Constants: alpha = ${SELU_ALPHA}, scale = ${SELU_SCALE}`);
  });

  it('defaults and recommended initialisers, from LAYERS, TASKS, TRAIN_SETTINGS and ACTIVATIONS', () => {
    expect(entryMarkdown('initializer', 'glorot_uniform', INITIALIZERS.glorot_uniform)).toContain('(initialiser): Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fan_in + fan_out)). The default for `init:`.');
    expect(entryMarkdown('initializer', 'zeros', INITIALIZERS.zeros)).toContain('(initialiser): All zeros. The default for `bias_init:`.');
    expect(entryMarkdown('initializer', 'lecun_normal', INITIALIZERS.lecun_normal)).toContain('\n\nThe usual choice for selu layers.');
    expect(entryMarkdown('initializer', 'he_uniform', INITIALIZERS.he_uniform)).not.toContain('usual choice');
    expect(entryMarkdown('loss', 'binary_crossentropy', LOSSES.binary_crossentropy)).toContain('averaged over outputs. The default loss for binary_classification and multilabel.');
    expect(entryMarkdown('loss', 'mae', LOSSES.mae)).not.toContain('The default loss');
    expect(entryMarkdown('optimizer', 'adam', OPTIMIZERS.adam)).toContain('its square. The default optimizer.');
    expect(entryMarkdown('optimizer', 'sgd', OPTIMIZERS.sgd)).not.toContain('The default optimizer');
    expect(entryMarkdown('task', 'regression', TASKS.regression)).toContain('Output layer: `outputs` units with no activation (linear). Default loss: `mse`.');
  });
});
