/**
 * Completion for clients without snippet support (`completionItem.snippetSupport` false or absent,
 * e.g. Neovim 0.7–0.9's built-in client, many minimal clients): snippet items become plain text, so a
 * client never inserts `${1:units}` literally. Placeholders keep their text, tab stops vanish, a
 * snippet's `\t` indentation becomes Axon's canonical two spaces.
 */
import { InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver';

/** The text a snippet inserts when nothing is typed into it (LSP snippet syntax: `$1`, `${1}`, `${1:text}`, `${1|a,b|}`, `\$`). */
export function snippetToPlainText(snippet: string): string {
  let out = '';
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let s = '';
    while (i < snippet.length) {
      const ch = snippet[i]!;
      if (ch === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1]!)) {
        s += snippet[i + 1];
        i += 2;
      } else if (stopAtBrace && ch === '}') {
        return s;
      } else if (ch === '$') {
        const simple = /^\$(\d+|[A-Za-z_]\w*)/.exec(snippet.slice(i));
        const braced = /^\$\{(\d+|[A-Za-z_]\w*)/.exec(snippet.slice(i));
        if (simple) {
          i += simple[0].length; // a bare tab stop or variable: inserts nothing
        } else if (braced) {
          i += braced[0].length;
          if (snippet[i] === ':') {
            i++;
            s += parse(true);
          } else if (snippet[i] === '|') {
            const end = snippet.indexOf('|', i + 1);
            s += snippet.slice(i + 1, end < 0 ? undefined : end).split(',')[0] ?? '';
            i = end < 0 ? snippet.length : end + 1;
          }
          if (snippet[i] === '}') i++;
        } else {
          s += ch;
          i++;
        }
      } else {
        s += ch === '\t' ? '  ' : ch;
        i++;
      }
    }
    return s;
  };
  out = parse(false);
  return out;
}

/** The same list with every snippet item turned into plain text (items without snippets untouched). */
export function withoutSnippets(list: CompletionList): CompletionList {
  const items = list.items.map((item): CompletionItem => {
    if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
    const plain: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText };
    if (plain.insertText !== undefined) plain.insertText = snippetToPlainText(plain.insertText);
    if (plain.textEdit) plain.textEdit = { ...plain.textEdit, newText: snippetToPlainText(plain.textEdit.newText) };
    return plain;
  });
  return { ...list, items };
}
