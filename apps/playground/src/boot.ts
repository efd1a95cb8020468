/**
 * The page's entry: starts the language session (server worker, handshake, the document) first, then
 * loads the rest of the page (Monaco and the panels), so the server works while the editor loads.
 */
import './session.js';

void import('./main.js');

// The built site caches itself for offline use (not in `vite` dev, where files change as you edit).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('[axon] offline cache unavailable:', error));
  });
}
