/** The colour functions formatters use; the CLI passes picocolors (coloured only on a TTY). */
export interface Colors {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  underline(s: string): string;
}

const id = (s: string) => s;
export const noColors: Colors = { bold: id, dim: id, red: id, yellow: id, blue: id, green: id, underline: id };
