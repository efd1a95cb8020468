import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The esbuild script: the extension always bundles; the server is required only for packaging; and the
// bundled server answers `initialize` over stdio as editors start it.
const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const script = join(extensionDir, 'scripts', 'build.mjs');
const build = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

describe('scripts/build.mjs', () => {
  it('fails clearly under --require-server when the server entry is missing', () => {
    const out = mkdtempSync(join(tmpdir(), 'axon-vscode-build-'));
    const r = build('--out-dir', out, '--lsp-entry', join(out, 'missing', 'index.ts'), '--require-server');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`the language server's entry ${join(out, 'missing', 'index.ts')} does not exist yet`);
    expect(r.stderr).toContain('The .vsix needs it');
    expect(existsSync(join(out, 'server.cjs'))).toBe(false);
  });

  it('still bundles the extension (with a warning) when the server is missing and not required', () => {
    const out = mkdtempSync(join(tmpdir(), 'axon-vscode-build-'));
    const r = build('--out-dir', out, '--lsp-entry', join(out, 'missing.ts'));
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning:');
    expect(existsSync(join(out, 'extension.cjs'))).toBe(true);
    expect(existsSync(join(out, 'server.cjs'))).toBe(false);
  });

  it('bundles a server that answers initialize over --stdio', async () => {
    const out = mkdtempSync(join(tmpdir(), 'axon-vscode-build-'));
    const r = build('--out-dir', out, '--production', '--require-server');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const server = spawn(process.execPath, [join(out, 'server.cjs'), '--stdio']);
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const reply = await new Promise<{ id: number; result: { capabilities: Record<string, unknown>; serverInfo: { name: string } } }>(
        (resolveReply, reject) => {
          let buf = '';
          const timer = setTimeout(() => reject(new Error(`no reply; got ${buf}`)), 20_000);
          server.stdout.on('data', (d: Buffer) => {
            buf += d.toString('utf8');
            const m = /Content-Length: (\d+)\r\n\r\n/.exec(buf);
            if (m) {
              const start = m.index + m[0].length;
              const json = Buffer.from(buf.slice(start));
              if (json.length >= Number(m[1])) {
                clearTimeout(timer);
                resolveReply(JSON.parse(json.subarray(0, Number(m[1])).toString('utf8')));
              }
            }
          });
        },
      );
      expect(reply.id).toBe(1);
      expect(reply.result.serverInfo.name).toBe('axon-language-server');
      for (const cap of ['hoverProvider', 'completionProvider', 'codeLensProvider', 'codeActionProvider', 'inlayHintProvider']) {
        expect(reply.result.capabilities, cap).toHaveProperty(cap);
      }
    } finally {
      server.kill();
    }
  });
});
