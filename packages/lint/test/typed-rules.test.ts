/**
 * `defineRule` ties `context.report`'s message ids to the rule's `messages`: a misspelt id does not
 * compile. vitest does not typecheck, so besides the `@ts-expect-error` below (checked by
 * `tsc -p packages/lint`), the TypeScript compiler is run here on small snippets and its errors asserted.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { defineRule } from '../src/rule-kit.js';
import type { ReportDescriptor } from '../src/index.js';

const example = defineRule(
  {
    id: 'example-rule',
    type: 'suggestion',
    description: 'An example that reports with each of its message ids.',
    defaultSeverity: 'info',
    recommended: false,
    fixable: false,
    messages: { first: 'first {{n}}', second: 'second' },
  },
  (context) => {
    context.report({ messageId: 'first', data: { n: 1 } });
    context.report({ messageId: 'second' });
    // @ts-expect-error 'third' is not one of this rule's message ids
    context.report({ messageId: 'third' });
  },
);

test('a rule reports with its message ids (the misspelt one only runs because the test forced it)', () => {
  const seen: ReportDescriptor[] = [];
  example.check({ network: {} as never, networks: [], ast: {} as never, text: '', options: {}, report: (d) => seen.push(d) });
  expect(seen.map((d) => d.messageId)).toEqual(['first', 'second', 'third']);
  expect(Object.keys(example.meta.messages)).toEqual(['first', 'second']);
  expect(example.meta.docs).toBe('docs/rules/example-rule.md');
});

const testDir = fileURLToPath(new URL('./', import.meta.url));
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type-checks `source` as a file beside this one; returns "line: TScode message" for each error. */
function typeErrors(source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const file = `${testDir}snippet.ts`;
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  // Library and package files are parsed once for all snippets.
  host.getSourceFile = (name, version, onError, create) => {
    if (name === file) return ts.createSourceFile(name, source, version);
    if (!parsed.has(name)) parsed.set(name, read(name, version, onError, create));
    return parsed.get(name);
  };
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
  const sf = program.getSourceFile(file)!;
  return ts.getPreEmitDiagnostics(program, sf).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

const rule = (meta: string, body: string) => `import { defineRule } from '../src/rule-kit.js';
export default defineRule${meta}(
  { id: 'x', type: 'problem', description: 'x', defaultSeverity: 'error', recommended: true, fixable: false,
    messages: { known: 'known', other: 'other' }${meta ? ', defaultOptions: { max: 1 }' : ''} },
  (context) => {
    ${body}
  },
);
`;

test('the compiler accepts the message ids a rule defines', { timeout: 60_000 }, () => {
  expect(typeErrors(rule('', "context.report({ messageId: 'known' });\n    context.report({ messageId: 'other' });"))).toEqual([]);
  expect(typeErrors(rule("<{ max: number }, 'known' | 'other'>", "context.report({ messageId: context.options.max > 0 ? 'known' : 'other' });"))).toEqual([]);
});

test('the compiler rejects a message id the rule does not define with TS2322 (TS2820 when one is close)', { timeout: 60_000 }, () => {
  expect(typeErrors(rule('', "context.report({ messageId: 'vanishing' });"))).toEqual([
    `6: TS2322 Type '"vanishing"' is not assignable to type '"known" | "other"'.`,
  ]);
  expect(typeErrors(rule('', "context.report({ messageId: 'knwon' });"))).toEqual([
    `6: TS2820 Type '"knwon"' is not assignable to type '"known" | "other"'. Did you mean '"known"'?`,
  ]);
});

test('with the options type given, the message ids must be given too (no silent `string`)', { timeout: 60_000 }, () => {
  const errors = typeErrors(rule('<{ max: number }>', "context.report({ messageId: 'known' });"));
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((e) => / TS2322 /.test(e) || / TS2353 /.test(e))).toBe(true);
  expect(errors.join('\n')).toMatch(/not assignable to type 'never'|may only specify known properties/);
});
