/**
 * Property-based tests (fast-check): parse, analyze and format never throw — on arbitrary strings,
 * on valid programs, and on valid programs with random token edits — every range is consistent,
 * formatting is idempotent and never changes what a program means (tree and resolved networks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, format, KEYWORDS, parse, tokenize } from '../src/index.js';
import { expectConsistentRanges, strip } from './parse-helpers.js';

// ---- a generator of valid programs, printed with random layout and comments ----------------

const RESERVED = new Set<string>(KEYWORDS);
const identArb = fc
  .oneof(
    fc.constantFrom('dense', 'dropout', 'relu', 'elu', 'width', 'adam', 'x', 'res_block', 'he_normal', 'same', 'flatten'),
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/),
  )
  .filter((s) => !RESERVED.has(s));

const numberArb = fc.oneof(
  fc.nat(5000).map(String),
  fc.tuple(fc.nat(99), fc.stringMatching(/^[0-9]{1,3}$/)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), fc.nat(9)).map(([a, e, s, k]) => `${a}${e}${s}${k}`),
  fc.tuple(fc.nat(9), fc.stringMatching(/^[0-9]{1,2}$/)).map(([a, b]) => `-${a}.${b}`),
);

const stringArb = fc
  .array(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9 ._\-/é✓]{0,6}$/), fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\u0041')), { maxLength: 4 })
  .map((parts) => `"${parts.join('')}"`);

/** A program as a list of lines of tokens; `SEP` marks where entries need a line break or comma. */
type Tok = string;
const SEP = '\u0001';
/** Between top-level declarations: a line break (commas are for entries only). */
const TOP_SEP = '\u0002';

const { expr } = fc.letrec<{ expr: Tok[]; args: Tok[] }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberArb.map((n) => [n]),
    stringArb.map((s) => [s]),
    fc.constantFrom('true', 'false').map((b) => [b]),
    identArb.map((n) => [n]),
    fc.tuple(identArb, tie('args')).map(([n, a]) => [n, ...a]),
    fc.array(tie('expr'), { maxLength: 3 }).map((items) => ['[', ...items.flatMap((it, i) => (i ? [',', ...it] : it)), ']']),
  ),
  args: fc
    .array(fc.tuple(fc.option(identArb, { nil: undefined }), tie('expr')), { maxLength: 3 })
    .chain((list) => fc.boolean().map((trailing) => [list, trailing] as const))
    .map(([list, trailing]) => [
      '(',
      ...list.flatMap(([name, value], i) => [...(i ? [','] : []), ...(name ? [name, ':'] : []), ...value]),
      ...(trailing && list.length ? [','] : []),
      ')',
    ]),
}));

const argsArb = fc.array(fc.tuple(fc.option(identArb, { nil: undefined }), expr), { maxLength: 3 }).map((list) => [
  '(',
  ...list.flatMap(([name, value], i) => [...(i ? [','] : []), ...(name ? [name, ':'] : []), ...value]),
  ')',
]);

const { layerStmt } = fc.letrec<{ layerStmt: Tok[] }>((tie) => ({
  layerStmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(identArb, fc.option(argsArb, { nil: undefined })).map(([n, a]) => [n, ...(a ?? [])]),
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(tie('layerStmt'), { maxLength: 3 })).map(([n, body]) => ['repeat', String(n), '{', ...entries(body), '}']),
    fc
      .tuple(fc.array(tie('layerStmt'), { maxLength: 3 }), fc.option(fc.array(tie('layerStmt'), { maxLength: 2 }), { nil: undefined }))
      .map(([body, shortcut]) => ['residual', '{', ...entries(body), '}', ...(shortcut ? ['shortcut', '{', ...entries(shortcut), '}'] : [])]),
    fc
      .tuple(fc.option(argsArb, { nil: undefined }), fc.array(fc.array(tie('layerStmt'), { maxLength: 2 }), { maxLength: 3 }))
      .map(([args, branches]) => ['parallel', ...(args ?? []), '{', ...entries(branches.map((b) => ['branch', '{', ...entries(b), '}'])), '}']),
  ),
}));

function entries(list: Tok[][]): Tok[] {
  return list.flatMap((e, i) => (i ? [SEP, ...e] : e));
}

const settingArb = fc.oneof(
  fc.tuple(identArb, expr).map(([k, v]) => [k, ':', ...v]),
  fc.tuple(identArb, fc.option(argsArb, { nil: undefined })).map(([k, a]) => [k, ...(a ?? [])]),
);

const memberArb = fc.oneof(
  fc.array(fc.nat(64).map(String), { maxLength: 3 }).map((dims) => ['input', '[', ...dims.flatMap((d, i) => (i ? [',', d] : [d])), ']']),
  fc.tuple(identArb, fc.option(argsArb, { nil: undefined })).map(([n, a]) => ['task', n, ...(a ?? [])]),
  fc.array(layerStmt, { maxLength: 4 }).map((items) => ['layers', '{', ...entries(items), '}']),
  fc.tuple(fc.constantFrom('train', 'data'), fc.array(settingArb, { maxLength: 3 })).map(([kw, s]) => [kw, '{', ...entries(s), '}']),
);

const topArb = fc.oneof(
  fc.tuple(identArb, fc.array(memberArb, { maxLength: 4 })).map(([n, ms]) => ['network', n, '{', ...entries(ms), '}']),
  fc
    .tuple(identArb, fc.option(fc.array(identArb, { maxLength: 3 }), { nil: undefined }), fc.array(layerStmt, { maxLength: 3 }))
    .map(([n, ps, body]) => ['block', n, ...(ps ? ['(', ...ps.flatMap((p, i) => (i ? [',', p] : [p])), ')'] : []), '{', ...entries(body), '}']),
);

const programTokens = fc.array(topArb, { maxLength: 3 }).map((tops) => tops.flatMap((t) => [...t, TOP_SEP]));

/** Whitespace (and comments) between two tokens of one entry, and between entries. */
const gapArb = fc.constantFrom(' ', ' ', ' ', '\n', '  \n    ', '\t', ' /* c */ ', ' // note\n', '\r\n');
const sepArb = fc.constantFrom('\n', '\n\n', ', ', ',\n', ' // end\n', '\r\n');

const programArb = programTokens.chain((toks) =>
  fc.tuple(fc.array(gapArb, { minLength: toks.length, maxLength: toks.length }), fc.array(sepArb, { minLength: toks.length, maxLength: toks.length })).map(
    ([gaps, seps]) => {
      let out = '';
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i] as string;
        if (t === SEP) {
          out += seps[i];
          continue;
        }
        if (t === TOP_SEP) {
          out += seps[i] === '\r\n' ? '\r\n' : '\n';
          continue;
        }
        if (out.length > 0 && !/[\s,]$/.test(out)) out += gaps[i];
        out += t;
      }
      return out;
    },
  ),
);

// ---- what "the same meaning" is ----------------------------------------------------------------

const POSITIONAL = new Set(['range', 'keywordRange', 'bodyRange', 'construct', 'nameRange', 'inputRange', 'taskRange', 'trainRange', 'dataRange', 'headerRange', 'useRange', 'definitionRange', 'ranges', 'argRanges', 'node']);

function withoutPositions(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutPositions);
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) if (!POSITIONAL.has(k) && v !== undefined) out[k] = withoutPositions(v);
    return out;
  }
  return x;
}

function meaning(src: string) {
  const r = parse(src);
  const a = analyze(r.ast);
  return {
    tree: strip(r.ast.items),
    comments: r.ast.comments.map((c) => c.text),
    networks: withoutPositions(a.networks),
    analysisCodes: a.diagnostics.map((d) => d.code),
  };
}

function expectDiagnosticsInside(src: string, ds: { range: { start: { offset: number }; end: { offset: number } } }[]): void {
  for (const d of ds) {
    expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
    expect(d.range.end.offset).toBeLessThanOrEqual(src.length);
  }
}

/** Runs everything on a text and checks the invariants that hold for any input. */
function checkAnyText(src: string): void {
  const r = parse(src);
  expectConsistentRanges(src, r.ast);
  expectDiagnosticsInside(src, r.diagnostics);
  const analysis = analyze(r.ast);
  expectDiagnosticsInside(src, analysis.diagnostics);
  expect(analysis.diagnostics.map((d) => d.code)).not.toContain('analysis/internal-error');
  const out = format(src);
  if (r.diagnostics.length > 0) {
    expect(out).toBe(src);
  } else {
    expect(format(out)).toBe(out);
    expect(meaning(out)).toEqual(meaning(src));
  }
}

/** AXON_FC_SCALE=10 runs ten times as many cases (for hunting bugs locally). */
const SCALE = Math.max(1, Number(process.env['AXON_FC_SCALE'] ?? 1) || 1);
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE) });

// ---- the properties --------------------------------------------------------------------------

describe('properties', () => {
  it('generated valid programs parse without errors; formatting is idempotent and keeps the meaning', () => {
    fc.assert(
      fc.property(programArb, (src) => {
        const r = parse(src);
        expect(r.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([]);
        expectConsistentRanges(src, r.ast);
        const out = format(src);
        expect(format(out)).toBe(out);
        expect(parse(out).diagnostics).toEqual([]);
        expect(meaning(out)).toEqual(meaning(src));
      }),
      runs(200),
    );
  });

  it('arbitrary strings: parse, analyze and format never throw; ranges stay consistent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (src) => {
        checkAnyText(src);
      }),
      runs(300),
    );
  });

  it('strings of Axon tokens in random order', () => {
    const piece = fc.constantFrom(
      'network', 'block', 'input', 'task', 'layers', 'train', 'data', 'repeat', 'residual', 'shortcut', 'parallel', 'branch', 'true', 'false',
      '{', '}', '(', ')', '[', ']', ',', ':', 'dense', 'x', '16', '-0.5', '1e-3', '"s"', '"open', '/* c */', '// c\n', '/*', '\n', ' ', '@',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        checkAnyText(pieces.join(' '));
      }),
      runs(300),
    );
  });

  it('valid programs with random token edits (delete, duplicate, insert)', () => {
    const vocab = ['{', '}', '(', ')', '[', ']', ',', ':', 'network', 'block', 'layers', 'repeat', 'residual', 'shortcut', 'parallel', 'branch', 'dense', '3', '"s"', '"open', '/*', '@', '-'];
    const editArb = fc.record({ op: fc.constantFrom('delete', 'duplicate', 'insert'), at: fc.nat(), tok: fc.constantFrom(...vocab) });
    fc.assert(
      fc.property(programArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (src, edits, lines) => {
        const toks = tokenize(src).map((t) => t.text);
        for (const e of edits) {
          const i = toks.length ? e.at % toks.length : 0;
          if (e.op === 'delete') toks.splice(i, 1);
          else if (e.op === 'duplicate' && toks.length) toks.splice(i, 0, toks[i] as string);
          else toks.splice(i, 0, e.tok);
        }
        // line comments must end their line, so join with newlines or spaces accordingly
        const edited = toks.map((t, i) => (t.startsWith('//') ? `${t}\n` : i % 5 === 4 && lines ? `${t}\n` : `${t} `)).join('');
        checkAnyText(edited);
      }),
      runs(150),
    );
  });
});
