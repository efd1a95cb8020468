/**
 * Reading an .axon file as text. A folder, a binary file (NUL bytes) or bytes that are not UTF-8
 * are refused with a message naming file:line:col, so a code frame never echoes raw binary to the
 * terminal. A UTF-8 byte-order mark is kept (the parser skips it).
 */
import { readFile, stat } from 'node:fs/promises';
import { describeFsError } from './fs-errors.js';

/** Why `bytes` is not an .axon text file (with a 1-based line:col), or undefined when it is text. */
export function notTextReason(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidUtf8(bytes);
  if (nul < 0 && invalid < 0) return undefined;
  const useNul = nul >= 0 && (invalid < 0 || nul <= invalid);
  const at = useNul ? nul : invalid;
  const what = useNul ? 'a NUL byte: this looks like a binary file' : `byte 0x${bytes[at]!.toString(16).padStart(2, '0')} is not valid UTF-8`;
  const { line, col } = position(bytes, at);
  return `${line}:${col}: not a UTF-8 text file (${what}); expected Axon source text`;
}

/** Byte offset of (about) the first byte that breaks UTF-8 (-1 when all of it is valid UTF-8). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    // Binary search for the longest prefix without a definite error (a sequence cut at the end is fine).
  }
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validPrefix(bytes, mid)) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo, bytes.length - 1);
}

function validPrefix(bytes: Uint8Array, end: number): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** 1-based line and column (in characters of the valid text before it) of byte `offset`. */
function position(bytes: Uint8Array, offset: number): { line: number; col: number } {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, col: [...lines[lines.length - 1]!].length + 1 };
}

/** Reads `file` as Axon source; throws `SourceReadError` with a user-facing message. */
export class SourceReadError extends Error {}

export async function readSourceText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).isDirectory()) throw new SourceReadError(`${file} is a folder; expected an .axon file`);
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof SourceReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new SourceReadError(code === 'ENOENT' ? `${file}: file not found` : `cannot read ${describeFsError(err, file)}`);
  }
  const reason = notTextReason(bytes);
  if (reason) throw new SourceReadError(`${file}:${reason}`);
  return bytes.toString('utf8');
}

/**
 * Reads a file named on the command line (`file` as the user wrote it, `absolute` resolved):
 * the text, or undefined after writing `axon: <why>` (naming `file`, not `absolute`) to `stderr`.
 */
export async function readListedSource(file: string, absolute: string, stderr: { write(s: string): unknown }): Promise<string | undefined> {
  try {
    return await readSourceText(absolute);
  } catch (err) {
    if (!(err instanceof SourceReadError)) throw err;
    stderr.write(`axon: ${err.message.split(absolute).join(file)}\n`);
    return undefined;
  }
}
