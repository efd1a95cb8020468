/**
 * The documentation tells the truth about the language: every ```axon block in README.md and docs/
 * parses and analyzes without errors, blocks marked as errors really produce the error they name,
 * and every relative link in the Markdown points at a file (and heading) that exists.
 *
 * Fence info strings understood here (the first word stays `axon`, so highlighters still colour them):
 * - ```axon                      a whole file: zero parse and analysis errors.
 * - ```axon fragment             a section on its own (`layers { }`, `train { }`, `data { }`, `task …`
 *                                lines, layer lines): wrapped in a minimal network, then zero errors.
 * - ```axon error <code>…        must produce errors with exactly these codes (e.g. analysis/out-of-range).
 * - ```axon schematic            a syntax outline with `...` placeholders; must contain `...`.
 * Rule pages' "Example" and "Use instead" blocks are checked by packages/lint/test/registry.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { analyze, parse, type Diagnostic } from '../src/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

const packageReadmes = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => join(root, group, name, 'README.md'))
    .filter((p) => existsSync(p)),
);
const docFiles = [join(root, 'README.md'), join(root, 'DEVELOPERS.md'), ...markdownFiles(join(root, 'docs')), ...packageReadmes];

interface Block {
  file: string; // relative to the repository root
  line: number; // 1-based line of the opening fence
  info: string[]; // the words after ```
  section: string; // the nearest `## ` heading above
  text: string;
}

function blocks(path: string): Block[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: Block[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const open = /^```(\S+)(.*)$/.exec(line);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    out.push({ file: relative(root, path), line: start + 1, info: [open[1]!, ...open[2]!.trim().split(/\s+/).filter(Boolean)], section, text: body.join('\n') + '\n' });
  }
  return out;
}

const isRulePage = (file: string) => /^docs\/rules\/(?!README)[a-z-]+\.md$/.test(file);
const axonBlocks = docFiles
  .flatMap(blocks)
  .filter((b) => b.info[0] === 'axon')
  .filter((b) => !(isRulePage(b.file) && (b.section === 'Example' || b.section === 'Use instead')));

/** Puts a section-level fragment into the smallest network around it, one program per `task` line. */
function wrap(fragment: string): string[] {
  const first = fragment.trim().split(/[\s({]/)[0];
  const input = 'input [4]';
  const layers = 'layers {\n dense(3, activation: softmax)\n}';
  switch (first) {
    case 'task':
      return fragment
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => `network N {\n${input}\n${l}\n${layers}\n}\n`);
    case 'layers':
      return [`network N {\n${input}\n${fragment}\n}\n`];
    case 'train':
    case 'data':
      return [`network N {\n${input}\ntask classification(classes: 3)\n${layers}\n${fragment}\n}\n`];
    default: // layer lines
      return [`network N {\n${input}\nlayers {\n${fragment}\n}\n}\n`];
  }
}

function errors(text: string): Diagnostic[] {
  const parsed = parse(text);
  const analysed = analyze(parsed.ast);
  return [...parsed.diagnostics, ...analysed.diagnostics].filter((d) => d.severity === 'error');
}
const show = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code}: ${d.message}`);

test('the documentation has axon examples to check (the extraction works)', () => {
  expect(axonBlocks.length).toBeGreaterThan(5);
  expect(axonBlocks.some((b) => b.file === 'docs/language.md')).toBe(true);
  expect(axonBlocks.some((b) => b.file === 'README.md')).toBe(true);
});

test('every axon fence uses a known marker', () => {
  const unknown = axonBlocks.filter((b) => b.info.length > 1 && !['fragment', 'error', 'schematic'].includes(b.info[1]!));
  expect(unknown.map((b) => `${b.file}:${b.line} ${b.info.join(' ')}`)).toEqual([]);
});

describe.each(axonBlocks.map((b) => [`${b.file}:${b.line}${b.info.length > 1 ? ` (${b.info.slice(1).join(' ')})` : ''}`, b] as const))('%s', (_name, b) => {
  const mode = b.info[1] ?? 'file';
  if (mode === 'schematic') {
    test('is an outline with ... placeholders (not a real example hiding from the checks)', () => {
      expect(b.text).toContain('...');
      expect(errors(b.text).length).toBeGreaterThan(0);
    });
  } else if (mode === 'error') {
    test(`produces the errors ${b.info.slice(2).join(', ') || '(no code given)'}, and no others`, () => {
      const codes = b.info.slice(2);
      expect(codes.length, 'an `axon error` block must name the codes it shows').toBeGreaterThan(0);
      for (const code of codes) expect(code).toMatch(/^(parse|analysis)\/[a-z-]+$/);
      expect([...new Set(errors(b.text).map((d) => d.code))].sort()).toEqual([...new Set(codes)].sort());
    });
  } else if (mode === 'fragment') {
    test('parses and analyzes without errors inside a minimal network', () => {
      const programs = wrap(b.text);
      expect(programs.length).toBeGreaterThan(0);
      for (const program of programs) expect(show(errors(program)), program).toEqual([]);
    });
  } else {
    test('parses and analyzes without errors', () => {
      expect(show(errors(b.text))).toEqual([]);
      expect(parse(b.text).ast.items.length).toBeGreaterThan(0);
    });
  }
});

/** GitHub's heading anchors: lower case, punctuation dropped (except - and _), spaces to dashes. */
function anchors(path: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let inFence = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const h = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!h) continue;
    const base = h[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

interface Link {
  file: string;
  line: number;
  target: string;
}

function links(path: string): Link[] {
  const out: Link[] = [];
  let inFence = false;
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.startsWith('```')) inFence = !inFence;
      if (inFence) return;
      const line = raw.replace(/`[^`]*`/g, '``'); // links are not looked for inside inline code
      for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ file: relative(root, path), line: i + 1, target: m[1]! });
    });
  return out;
}

const relativeLinks = docFiles.flatMap(links).filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l.target));

test('the documentation has relative links to check (the extraction works)', () => {
  expect(relativeLinks.length).toBeGreaterThan(20);
});

test('every relative link points at an existing file, and every #anchor at a heading', () => {
  const broken: string[] = [];
  for (const l of relativeLinks) {
    const [pathPart, anchor] = l.target.split('#') as [string, string | undefined];
    const target = pathPart === '' ? join(root, l.file) : resolve(dirname(join(root, l.file)), decodeURI(pathPart));
    if (!existsSync(target)) {
      broken.push(`${l.file}:${l.line} ${l.target}: no such file`);
      continue;
    }
    if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(`${l.file}:${l.line} ${l.target}: no heading #${anchor}`);
  }
  expect(broken).toEqual([]);
});
