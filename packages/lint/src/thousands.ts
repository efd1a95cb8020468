/**
 * An integer with thousands separators, as `toLocaleString('en-US')` writes it ("49,999"), without
 * `toLocaleString`: its first call loads ICU's number formats, about 10 ms of CPU — a third of what
 * `axon lint` costs beyond Node's own start (docs/cli.md#startup).
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
