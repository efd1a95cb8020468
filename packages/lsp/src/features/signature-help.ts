/** Signature help for layer, block and other calls, with the active parameter. */
import { MarkupKind, type SignatureHelp } from 'vscode-languageserver';
import { cursorContext } from '../text/context.js';
import type { AxonDocument } from '../workspace/document.js';
import { formatDefault, signatureLabel } from '../vocabulary.js';
import { calleeArgs } from './completion.js';

export function signatureHelp(doc: AxonDocument, offset: number): SignatureHelp | null {
  const ctx = cursorContext(doc.text, offset, doc.tokens());
  const call = ctx.call;
  if (!call) return null;
  const owner = calleeArgs(doc.outline(), call);
  if (!owner) return null;
  const { label, params } = owner.kind === 'block' ? blockLabel(owner.owner, owner.args.map((a) => a.name)) : signatureLabel(owner.owner, owner.args);
  let active: number;
  if (call.currentName !== undefined) active = owner.args.findIndex((a) => a.name === call.currentName);
  // A positional argument cannot follow named ones (the language's `positional-after-named`): after one, nothing positional is active.
  else if (call.given.length > 0) active = -1;
  else active = owner.args.findIndex((a) => a.position === call.positionalBefore);
  const activeParameter = active >= 0 ? active : owner.args.length; // out of range: nothing highlighted
  return {
    signatures: [
      {
        label,
        documentation: owner.kind === 'block' ? `block ${owner.owner}` : undefined,
        parameters: owner.args.map((a, i) => {
          const def = formatDefault(a);
          return {
            label: params[i]!,
            documentation: { kind: MarkupKind.Markdown, value: `${a.doc}${a.required ? ' Required.' : def !== undefined ? ` Default \`${def}\`.` : ''}` },
          };
        }),
        activeParameter,
      },
    ],
    activeSignature: 0,
    activeParameter,
  };
}

function blockLabel(name: string, params: string[]): { label: string; params: [number, number][] } {
  let label = `${name}(`;
  const offsets: [number, number][] = [];
  params.forEach((p, i) => {
    if (i > 0) label += ', ';
    offsets.push([label.length, label.length + p.length]);
    label += p;
  });
  return { label: `${label})`, params: offsets };
}
