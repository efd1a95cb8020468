/** The language-server worker, started by boot.ts before the page's main script loads (its script downloads and parses meanwhile). */
import ServerWorker from './lsp/server.worker.ts?worker';

export const serverWorker: Worker = new ServerWorker();
