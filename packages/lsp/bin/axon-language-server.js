#!/usr/bin/env node
// The Axon language server. Editors start it with `--stdio`; the VS Code extension uses `--node-ipc`.
import { startServer } from '../dist/index.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: axon-language-server --stdio | --node-ipc | --socket=<port>\n\nThe Axon language server (LSP). Editors start it; see docs/editors.md.\n');
  process.exit(0);
}
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write('0.1.0\n');
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('axon-language-server: choose a transport: --stdio (any editor), --node-ipc (VS Code) or --socket=<port>\n');
  process.exit(2);
}
startServer();
