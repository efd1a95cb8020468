/**
 * Prepares a training report (`<out>/report.html`, one self-contained file the CLI writes) for a VS Code
 * webview: adds a Content-Security-Policy that allows its inline styles, scripts and data: images but no
 * network access. Pure (no `vscode` import).
 */

export function reportCsp(cspSource: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `script-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource} data:`,
  ].join('; ');
}

/**
 * Inserts the CSP meta tag (and a `<base>` so relative links such as the chart SVGs beside the report
 * resolve through the webview) at the start of `<head>`, creating one when the document has none.
 */
export function htmlForWebview(html: string, cspSource: string, baseHref?: string): string {
  const base = baseHref ? `<base href="${baseHref.endsWith('/') ? baseHref : `${baseHref}/`}">` : '';
  const meta = `<meta http-equiv="Content-Security-Policy" content="${reportCsp(cspSource)}">${base}`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  const htmlTag = /<html(\s[^>]*)?>/i.exec(html);
  if (htmlTag) {
    const at = htmlTag.index + htmlTag[0].length;
    return `${html.slice(0, at)}<head>${meta}</head>${html.slice(at)}`;
  }
  return `<!DOCTYPE html><html><head>${meta}</head><body>${html}</body></html>`;
}

/** What the webview shows before the CLI has written the report. */
export function waitingHtml(reportPath: string, cspSource: string): string {
  const escaped = reportPath.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  return htmlForWebview(
    `<!DOCTYPE html><html><head><title>Axon report</title></head><body style="font-family: var(--vscode-font-family); padding: 1em">` +
      `<p>Waiting for the training run to write <code>${escaped}</code>…</p><p>The report refreshes as training goes.</p></body></html>`,
    cspSource,
  );
}
