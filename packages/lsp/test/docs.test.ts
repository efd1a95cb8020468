import { ACTIVATIONS, INITIALIZERS, LAYERS, LOSSES, OPTIMIZERS, TASKS } from '@axon/language';
import { describe, expect, it } from 'vitest';
import { activationDocs, initializerDocs, layerDocs, lossDocs, optimizerDocs, taskDocs } from '../src/docs/index.js';

describe('docs data', () => {
  it('documents every name of the language catalog, and nothing else', () => {
    const names = (docs: readonly { name: string }[]) => docs.map((d) => d.name).sort();
    expect(names(activationDocs)).toEqual(Object.keys(ACTIVATIONS).sort());
    expect(names(layerDocs)).toEqual(Object.keys(LAYERS).sort());
    expect(names(initializerDocs)).toEqual(Object.keys(INITIALIZERS).sort());
    expect(names(lossDocs)).toEqual(Object.keys(LOSSES).sort());
    expect(names(optimizerDocs)).toEqual(Object.keys(OPTIMIZERS).sort());
    expect(names(taskDocs)).toEqual(Object.keys(TASKS).sort());
  });

  it('gives every activation a formula, range, derivative, fit, hurt and framework defaults', () => {
    for (const d of activationDocs) {
      for (const field of [d.formula, d.range, d.derivative]) expect(field.length).toBeGreaterThan(4);
      for (const field of [d.fits, d.hurts, d.frameworks]) expect(field.length).toBeGreaterThan(30);
    }
  });

  it('agrees with the catalog on each loss\'s tasks and each task\'s default loss', () => {
    for (const t of taskDocs) expect(t.defaultLoss).toBe((TASKS as Record<string, { defaultLoss: string }>)[t.name]!.defaultLoss);
    for (const t of Object.values(TASKS)) expect(lossDocs.find((l) => l.name === t.defaultLoss)!.tasks).toContain(t.name);
  });
});
