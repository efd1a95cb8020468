/** `node:crypto` in the browser: random bytes from Web Crypto; hashing (model files only) is not needed in the page. */
export function randomBytes(n: number): { toString(enc: 'hex'): string } {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return { toString: () => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') };
}

export function createHash(): never {
  throw new Error('hashing model files is not available in the playground');
}

export default { randomBytes, createHash };
