/** Code lenses on each network: Summary, Train, Compile, Diagnose. The extension runs them through the CLI. */
import type { CodeLens } from 'vscode-languageserver';
import { networks } from '../ast/walk.js';
import type { AxonDocument } from '../workspace/document.js';

export const LENS_COMMANDS = [
  { title: 'Summary', command: 'axon.summary' },
  { title: 'Train', command: 'axon.train' },
  { title: 'Compile', command: 'axon.compile' },
  { title: 'Diagnose', command: 'axon.diagnose' },
] as const;

export function codeLenses(doc: AxonDocument): CodeLens[] {
  const out: CodeLens[] = [];
  for (const net of networks(doc.parsed().ast)) {
    if (!net.name) continue;
    const range = doc.range(net.name.range);
    for (const c of LENS_COMMANDS) out.push({ range, command: { title: c.title, command: c.command, arguments: [doc.uri, net.name.name] } });
  }
  return out;
}
