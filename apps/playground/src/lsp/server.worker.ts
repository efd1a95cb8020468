/** The language-server worker: the Axon server (the same code as in VS Code) on this worker's message port. */
import { startBrowserServer } from '@axon/lsp/browser';

startBrowserServer({ debounceMs: 50 });
