/**
 * The JSON Schema is static data, so it restates names the language's catalog owns. This test pins
 * every such list to the catalog: a layer, activation, initialiser, loss, optimizer or task added to
 * the language fails here until the schema (and so the IR's documentation) knows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, INITIALIZERS, LAYERS, LOSSES, OPTIMIZERS, TASKS, type MergeMode, type Signature } from '@axon/language';
import { ROOT } from './helpers.js';

type Json = Record<string, any>;
const schema = JSON.parse(readFileSync(join(ROOT, 'packages/compile/schema/axon-network.schema.json'), 'utf8')) as Json;
const defs = schema.definitions as Json;

/** Every name a `oneOf` of objects allows for `name` (or `kind`), by `enum` or `const`. */
function names(oneOf: Json[], key = 'name'): string[] {
  return oneOf.flatMap((o) => {
    const p = o.properties?.[key];
    if (!p) return [];
    return p.enum ?? (p.const !== undefined ? [p.const] : []);
  });
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('the schema names what the catalog names', () => {
  it('layer kinds: every layer call and merge', () => {
    expect(sorted(defs.layer.properties.kind.enum)).toEqual(sorted([...Object.keys(LAYERS), 'merge']));
  });

  it('merge modes', () => {
    const merge = (defs.layer.allOf as Json[]).find((c) => c.if.properties.kind.const === 'merge')!;
    const modes: MergeMode[] = ['add', 'concat', 'multiply', 'average', 'maximum'];
    expect(sorted(merge.then.properties.config.properties.mode.enum)).toEqual(sorted(modes));
  });

  it.each([
    ['activation', ACTIVATIONS],
    ['initializer', INITIALIZERS],
  ] as const)('%s names, each with the arguments the catalog gives it', (definition, catalog) => {
    const oneOf = defs[definition].oneOf as Json[];
    expect(sorted(names(oneOf))).toEqual(sorted(Object.keys(catalog)));
    const signatures = catalog as Record<string, Signature>;
    for (const o of oneOf) {
      for (const name of names([o])) {
        expect(sorted((o.required as string[]).filter((r) => r !== 'name')), name).toEqual(sorted(signatures[name]!.args.map((a) => a.name)));
      }
    }
  });

  it('losses, optimizers and tasks', () => {
    const train = schema.properties.train.properties as Json;
    expect(sorted(train.loss.properties.name.enum)).toEqual(sorted(Object.keys(LOSSES)));
    expect(sorted(names(train.optimizer.oneOf))).toEqual(sorted(Object.keys(OPTIMIZERS)));
    expect(sorted(names(schema.properties.task.oneOf, 'kind'))).toEqual(sorted(Object.keys(TASKS)));
  });
});
