/**
 * Where a JSON.parse failure is, as a 1-based line and column. V8's message gives "at position N"
 * for some errors and only the offending text for others, so the place is found by parsing
 * prefixes: the first prefix whose error is no longer "the input ended early" ends at the bad character.
 */
export function jsonErrorPosition(text: string, err: unknown): { line: number; column: number } {
  const message = err instanceof Error ? err.message : String(err);
  const stated = /at position (\d+)/.exec(message);
  let offset: number;
  if (stated) offset = Number(stated[1]);
  else if (/Unexpected end of JSON input/.test(message)) offset = text.length;
  else offset = firstBadOffset(text);
  return lineColumn(text, offset);
}

function endedEarly(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true; // a complete value so far: the error comes later
  } catch (e) {
    // V8 reports a cut-off input either as "Unexpected end" or at a position just past the end.
    const message = (e as Error).message;
    const stated = /at position (\d+)/.exec(message);
    return /Unexpected end of JSON input/.test(message) || (stated !== null && Number(stated[1]) >= prefix.length);
  }
}

function firstBadOffset(text: string): number {
  let lo = 0; // text.slice(0, lo) ends early (or parses)
  let hi = text.length; // text.slice(0, hi) fails for another reason
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (endedEarly(text.slice(0, mid))) lo = mid;
    else hi = mid;
  }
  return hi - 1;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
