/** `node:path` in the browser: the POSIX functions the Axon packages call, on '/'-separated paths. */
export const sep = '/';
export const delimiter = ':';

function normalizeParts(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function join(...ps: string[]): string {
  const joined = ps.filter((p) => p !== '').join('/');
  const parts = normalizeParts(joined.split('/'));
  return (isAbsolute(joined) ? '/' : '') + (parts.join('/') || (isAbsolute(joined) ? '' : '.'));
}

export function resolve(...ps: string[]): string {
  let path = '';
  for (let i = ps.length - 1; i >= 0 && !isAbsolute(path); i--) path = ps[i] + (path ? `/${path}` : '');
  if (!isAbsolute(path)) path = `/${path}`;
  return `/${normalizeParts(path.split('/')).join('/')}`;
}

export function dirname(p: string): string {
  const parts = normalizeParts(p.split('/'));
  parts.pop();
  return (isAbsolute(p) ? '/' : '') + (parts.join('/') || (isAbsolute(p) ? '' : '.'));
}

export function basename(p: string, ext?: string): string {
  const base = p.split('/').filter(Boolean).pop() ?? '';
  return ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}

export function extname(p: string): string {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

export function normalize(p: string): string {
  return join(p);
}

export function parse(p: string): { root: string; dir: string; base: string; ext: string; name: string } {
  const base = basename(p);
  const ext = extname(p);
  return { root: isAbsolute(p) ? '/' : '', dir: dirname(p), base, ext, name: ext ? base.slice(0, -ext.length) : base };
}

export function relative(from: string, to: string): string {
  const a = normalizeParts(resolve(from).split('/'));
  const b = normalizeParts(resolve(to).split('/'));
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

const api = { sep, delimiter, isAbsolute, join, resolve, normalize, parse, dirname, basename, extname, relative };
export const posix = api;
export default api;
