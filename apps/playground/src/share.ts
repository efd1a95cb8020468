/** The spec in the URL: `#code=` + lz-string's URI-safe compression, so a link shares a network and its findings. */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export function encodeHash(source: string): string {
  return `#code=${compressToEncodedURIComponent(source)}`;
}

/** The spec in a location hash, or undefined when there is none (or it does not decode). */
export function decodeHash(hash: string): string | undefined {
  const m = /(?:^#|&)code=([^&]*)/.exec(hash);
  if (!m) return undefined;
  const text = decompressFromEncodedURIComponent(m[1]!);
  return text === null || text === '' ? undefined : text;
}
