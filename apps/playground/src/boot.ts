/**
 * The page's entry: starts the language-server worker first, then loads the rest of the page (Monaco
 * and the panels), so the server and the editor get ready at the same time rather than one after the other.
 */
import './server-worker.js';

void import('./main.js');
