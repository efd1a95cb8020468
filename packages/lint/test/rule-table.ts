/**
 * The valid/invalid table of one rule (ESLint's RuleTester, in small): for each invalid spec, the
 * message ids, the exact range ("line:column covered-text"), the data the message was filled
 * with, and the text after the rule's fixes; for each valid spec, no finding of that rule. Specs
 * are linted with the `all` preset (unless `config` says otherwise) so rules see each other's company.
 */
import { describe, expect, test } from 'vitest';
import { interpolate, ruleById, type RawConfig } from '../src/index.js';
import { at, dataFiles, fixed, lint, only } from './helpers.js';

export interface ExpectedFinding {
  messageId: string;
  /** "line:column covered-text". */
  at: string;
  severity?: 'error' | 'warning' | 'info';
  /** The placeholders' values: the message must be the template filled with exactly these. */
  data?: Record<string, string | number>;
  /** The expansion note the engine appends ("layers 2–7 of 8, from `repeat 6` at line 5"). */
  expansion?: string;
}

export interface InvalidCase {
  name: string;
  code: string;
  errors: ExpectedFinding[];
  /** The text after applying this rule's fixes; undefined = the rule offers no fix here. */
  output?: string;
  config?: RawConfig;
  /** Data files (name → content) written into a temporary project folder beside the spec. */
  files?: Record<string, string>;
}

export interface RuleTable {
  valid: (string | { code: string; config?: RawConfig; files?: Record<string, string> })[];
  invalid: InvalidCase[];
}

/** Registers the tests of `ruleId`'s table. */
export function ruleTable(ruleId: string, table: RuleTable): void {
  const rule = ruleById(ruleId);
  describe(ruleId, () => {
    test('is a registered rule with a valid and an invalid case', () => {
      expect(rule?.meta.id).toBe(ruleId);
      expect(table.valid.length).toBeGreaterThan(0);
      expect(table.invalid.length).toBeGreaterThan(0);
    });
    test.each(table.valid.map((v, i) => [i, typeof v === 'string' ? { code: v } : v] as const))('valid #%i has no finding', (_i, v) => {
      expect(only(lint(v.code, v.config, v.files ? dataFiles(v.files) : undefined), ruleId).map((f) => `${f.messageId} ${at(v.code, f.range)}`)).toEqual([]);
    });
    for (const c of table.invalid) {
      test(`invalid: ${c.name}`, () => {
        const reader = c.files ? dataFiles(c.files) : undefined;
        const found = only(lint(c.code, c.config, reader), ruleId);
        expect(found.map((f) => ({ messageId: f.messageId, at: at(c.code, f.range) }))).toEqual(
          c.errors.map((e) => ({ messageId: e.messageId, at: e.at })),
        );
        c.errors.forEach((e, i) => {
          const f = found[i]!;
          if (e.severity) expect(f.severity).toBe(e.severity);
          expect(f.message.length).toBeGreaterThan(20);
          expect(f.message).not.toMatch(/\{\{/);
          const template = rule!.meta.messages[e.messageId]!;
          const filled = interpolate(template, e.data);
          expect(filled, 'data fills every placeholder').not.toMatch(/\{\{/);
          expect(f.message).toBe(e.expansion ? `${filled} (${e.expansion})` : filled);
          expect(f.expansion?.text).toBe(e.expansion);
        });
        const withFix = found.filter((f) => f.fix);
        if (c.output === undefined) {
          expect(withFix).toEqual([]);
        } else {
          expect(fixed(c.code, found)).toBe(c.output);
          // The fixed text keeps only this rule's findings that had no fix.
          expect(only(lint(c.output, c.config, reader), ruleId).map((f) => f.messageId)).toEqual(found.filter((f) => !f.fix).map((f) => f.messageId));
        }
      });
    }
  });
}
