/**
 * Turns `axon diagnose --format json` output into editor diagnostics (plain data, 0-based positions as
 * VS Code wants them). No `vscode` import: the extension maps these onto vscode.Diagnostic.
 *
 * The CLI's JSON format is the linter's: a list of findings (or `{ files: [{ file, findings }] }`),
 * each with `ruleId`/`code`, `severity`, `message` and a `range` whose positions are 1-based line/column.
 */

export interface EditorFinding {
  /** The file the finding belongs to, when the report names one. */
  file?: string;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  severity: 'error' | 'warning' | 'info';
  code?: string;
  message: string;
  /** Other places that explain the finding (e.g. the static rule it confirms). */
  related?: { startLine: number; startCharacter: number; endLine: number; endCharacter: number; message: string }[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: Json): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: Json): string | undefined => (typeof v === 'string' ? v : undefined);

function severityOf(v: Json): EditorFinding['severity'] {
  if (v === 'error' || v === 2) return 'error';
  if (v === 'warning' || v === 'warn' || v === 1) return 'warning';
  return 'info';
}

/** Converts a 1-based `{ line, column }` (or 0-based `{ line, character }`) position. */
function position(v: Json): { line: number; character: number } | undefined {
  if (!isObject(v)) return undefined;
  const line = num(v.line);
  if (line === undefined) return undefined;
  const column = num(v.column);
  if (column !== undefined) return { line: Math.max(0, line - 1), character: Math.max(0, column - 1) };
  const character = num(v.character);
  if (character !== undefined) return { line: Math.max(0, line), character: Math.max(0, character) };
  return undefined;
}

type Span = { startLine: number; startCharacter: number; endLine: number; endCharacter: number };

/** The range of a finding: `range: { start, end }` or ESLint-style `line`, `column`, `endLine`, `endColumn`. */
function span(v: Record<string, Json>): Span | undefined {
  let start: { line: number; character: number } | undefined;
  let end: { line: number; character: number } | undefined;
  if (isObject(v.range)) {
    start = position(v.range.start);
    end = position(v.range.end);
  } else if (num(v.line) !== undefined) {
    start = position({ line: v.line, column: v.column ?? 1 });
    end = num(v.endLine) !== undefined ? position({ line: v.endLine, column: v.endColumn ?? 1 }) : undefined;
  }
  if (!start) return undefined;
  end ??= { line: start.line, character: start.character + 1 };
  return { startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character };
}

function finding(v: Json, file: string | undefined): EditorFinding | undefined {
  if (!isObject(v)) return undefined;
  const message = str(v.message);
  if (message === undefined) return undefined;
  const where = span(v);
  if (!where) return undefined;
  const code = str(v.ruleId) ?? str(v.code) ?? str(v.check) ?? str(v.id);
  const out: EditorFinding = { ...where, severity: severityOf(v.severity), message };
  if (code !== undefined) out.code = code;
  const inFile = str(v.file) ?? str(v.filePath) ?? file;
  if (inFile !== undefined) out.file = inFile;
  if (Array.isArray(v.related)) {
    const related = v.related.flatMap((r) => {
      if (!isObject(r) || str(r.message) === undefined) return [];
      const at = span(r);
      return at ? [{ ...at, message: r.message as string }] : [];
    });
    if (related.length > 0) out.related = related;
  }
  return out;
}

function collect(v: Json, file: string | undefined, out: EditorFinding[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const f = finding(item, file);
      if (f) out.push(f);
      else collect(item, file, out);
    }
    return;
  }
  if (!isObject(v)) return;
  const here = str(v.file) ?? str(v.filePath) ?? str(v.path) ?? file;
  for (const key of ['files', 'results', 'findings', 'messages', 'diagnostics']) {
    if (key in v) collect(v[key], here, out);
  }
}

/** Parses the CLI's stdout. Throws an Error with a readable message when it is not JSON. */
export function parseDiagnoseOutput(stdout: string): EditorFinding[] {
  const text = stdout.trim();
  if (text === '') return [];
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    // Progress lines may precede the JSON document; take the last top-level JSON value.
    const at = Math.max(text.lastIndexOf('\n{'), text.lastIndexOf('\n['));
    if (at < 0) throw new Error(`axon diagnose did not print JSON: ${text.slice(0, 200)}`);
    json = JSON.parse(text.slice(at + 1));
  }
  const out: EditorFinding[] = [];
  collect(json, undefined, out);
  return out;
}
