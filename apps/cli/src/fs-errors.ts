/**
 * File-system errors in words a user can act on: the path and what went wrong, not an errno code
 * or a stack trace ("results is a file, not a folder" rather than "EEXIST").
 */
export function describeFsError(err: unknown, path: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or folder`;
    case 'EISDIR':
      return `${path}: is a folder, expected a file`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `${path}: part of this path is a file, not a folder`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EROFS':
      return `${path}: read-only file system`;
    case 'ENOSPC':
      return `${path}: no space left on the device`;
    default:
      return `${path}: ${code ?? (err instanceof Error ? err.message : String(err))}`;
  }
}
