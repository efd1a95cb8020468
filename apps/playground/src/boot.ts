/**
 * The page's entry: starts the language session (server worker, handshake, the document) first, then
 * loads the rest of the page (Monaco and the panels), so the server works while the editor loads.
 */
import './session.js';

void import('./main.js');
