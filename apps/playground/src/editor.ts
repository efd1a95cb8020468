/**
 * Monaco, set up for Axon: the editor core and the contributions in monaco-features.ts (no bundled languages), the
 * editor worker from this site, the `axon` language's brackets and comments, and a theme for the
 * server's semantic tokens (the colouring comes from the language server, as in VS Code).
 */
import './monaco-features.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { LANGUAGE_ID } from './lsp/monaco-lsp.js';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.axon'], aliases: ['Axon'] });
monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
  comments: { lineComment: '//' },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string', 'comment'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
  ],
  indentationRules: { increaseIndentPattern: /\{[^}]*$/, decreaseIndentPattern: /^\s*\}/ },
});

monaco.editor.defineTheme('axon-light', {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword', foreground: '0550ae', fontStyle: 'bold' },
    { token: 'class', foreground: '116329', fontStyle: 'bold' },
    { token: 'function', foreground: '8250df' },
    { token: 'parameter', foreground: '953800' },
    { token: 'property', foreground: '0a3069' },
    { token: 'variable', foreground: '1f2328' },
    { token: 'number', foreground: '0550ae' },
    { token: 'string', foreground: '0a3069' },
    { token: 'comment', foreground: '6e7781', fontStyle: 'italic' },
    { token: 'enumMember', foreground: 'cf222e' },
    { token: 'type', foreground: '116329' },
  ],
  colors: {},
});

export { monaco };

export function createEditor(container: HTMLElement, uri: string, text: string): monaco.editor.IStandaloneCodeEditor {
  const model = monaco.editor.createModel(text, LANGUAGE_ID, monaco.Uri.parse(uri));
  return monaco.editor.create(container, {
    model,
    theme: 'axon-light',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    insertSpaces: true,
    'semanticHighlighting.enabled': true,
    inlayHints: { enabled: 'on' },
    lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
    fixedOverflowWidgets: true,
    scrollBeyondLastLine: false,
  });
}
