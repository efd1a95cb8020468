/**
 * The page's entry: starts the language session (server worker, handshake, the document) first, then
 * loads the rest of the page (Monaco and the panels) once the first diagnostics are shown.
 */
import { firstDiagnosticsShown } from './session.js';

// Monaco's script is large and its start holds the main thread: load it once the first findings are
// on the page (they are in the Problems tab within the server's first second), or after 1 s at most (a slow server does not hold the editor back).
void Promise.race([firstDiagnosticsShown, new Promise((resolve) => setTimeout(resolve, 1000))]).then(() => import('./main.js'));

// The built site caches itself for offline use (not in `vite` dev, where files change as you edit).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('[axon] offline cache unavailable:', error));
  });
}
