/**
 * Escaping for every target. Names and strings from the user's `.axon` file (network, block and column
 * names, file paths) only ever reach generated code through these functions, so a name holding quotes,
 * newlines or code stays data.
 */

const PY_KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from ' +
    'global if import in is lambda nonlocal not or pass raise return try while with yield match case type _')
    .split(' '),
);

const JS_RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined NaN Infinity')
    .split(' '),
);

/** A Python string literal (double-quoted) holding exactly `s`: every non-printable or non-ASCII code point escaped. */
export function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out + '"';
}

/** A JavaScript string literal (double-quoted) holding exactly `s`, ASCII only (safe in any JS or JSON context). */
export function jsString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c >= 0x20 && c < 0x7f && ch !== '<' && ch !== '>') out += ch;
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}

function identifier(s: string, reserved: Set<string>, fallback: string): string {
  let id = s.normalize('NFKD').replace(/[^A-Za-z0-9_]/g, '_');
  if (id === '' || /^_*$/.test(id)) id = fallback;
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (reserved.has(id)) id = `${id}_`;
  return id;
}

/** A valid, non-keyword Python identifier derived from `s` (letters, digits, underscores only). */
export function pyIdentifier(s: string, fallback = 'Network'): string {
  return identifier(s, PY_KEYWORDS, fallback);
}

/**
 * Python's built-in names: a module-level name that shadows one (a class called `super`, `print`,
 * `len`) breaks the code that calls it.
 */
const PY_BUILTINS = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
    'delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help ' +
    'hex id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord ' +
    'pow print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type ' +
    'vars zip __import__ __name__ __file__ __doc__ __builtins__ Exception ValueError TypeError KeyError ' +
    'RuntimeError NotImplemented Ellipsis'
  ).split(' '),
);

/**
 * A Python identifier for a name defined at a generated module's top level: never a keyword, never
 * one of Python's built-ins, and never one of `taken` (what the module itself imports and defines,
 * e.g. `os`, `nn`, `rt`, `OrderedDict`, `build_model`). A clash gets a trailing underscore.
 */
export function pyModuleIdentifier(s: string, taken: readonly string[], fallback = 'Network'): string {
  let id = pyIdentifier(s, fallback);
  while (PY_BUILTINS.has(id) || taken.includes(id)) id = `${id}_`;
  return id;
}

/** A valid, non-reserved JavaScript identifier derived from `s`. */
export function jsIdentifier(s: string, fallback = 'network'): string {
  return identifier(s, JS_RESERVED, fallback);
}

/** A file-name-safe stem derived from `s`. */
export function fileStem(s: string, fallback = 'network'): string {
  const stem = s.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '');
  return stem === '' ? fallback : stem;
}

/**
 * A Python float or int literal for a finite number, round-tripping exactly (shortest repr, as JS prints it).
 * Non-finite values are refused: no target accepts them as constants.
 */
export function pyNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal: non-finite constant ${n}`);
  return String(n);
}

/** Python `True`/`False`. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** A Python literal for JSON-like data (dicts, lists, strings, finite numbers, booleans, null → None). */
export function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return pyString(v);
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'boolean') return pyBool(v);
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.map(([k, x]) => `${pyString(k)}: ${pyLiteral(x)}`).join(', ')}}`;
  }
  throw new Error(`internal: cannot write ${typeof v} as a Python literal`);
}

/** A Python tuple literal of numbers. */
export function pyTuple(ns: readonly number[]): string {
  return ns.length === 1 ? `(${pyNumber(ns[0]!)},)` : `(${ns.map(pyNumber).join(', ')})`;
}

/**
 * JSON with two-space indentation where arrays of numbers, strings, booleans or nulls stay on one line
 * (shapes, kernels, feature lists), so diffs of the IR show one changed line per changed setting.
 */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${prettyJson(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A Python literal like `pyLiteral`, laid out over several lines (four-space indent) when it holds a
 * dict or a list of containers; lists of scalars stay on one line.
 */
export function pyLiteralPretty(v: unknown, indent = ''): string {
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return pyLiteral(v);
    return `[\n${v.map((x) => `${inner}${pyLiteralPretty(x, inner)},`).join('\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${pyString(k)}: ${pyLiteralPretty(x, inner)},`).join('\n')}\n${indent}}`;
  }
  return pyLiteral(v);
}
