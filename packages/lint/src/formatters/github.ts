/**
 * GitHub Actions workflow commands, one line per message:
 *   ::error file=a.axon,line=9,col=15,endLine=9,endColumn=34,title=saturating-deep-stack::message
 * (info → ::notice). Properties and data are escaped as the runner expects.
 */
import type { FileResult } from '../file-results.js';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      const command = m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(r.filePath)}`,
        `line=${m.range.start.line}`,
        `col=${m.range.start.column}`,
        `endLine=${m.range.end.line}`,
        `endColumn=${m.range.end.column}`,
        `title=${escapeProperty(m.code)}`,
      ].join(',');
      lines.push(`::${command} ${props}::${escapeData(m.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
