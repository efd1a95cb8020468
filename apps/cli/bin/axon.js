#!/usr/bin/env node
import { main } from '../dist/main.js';
import { dropOutputAfterClosedPipe } from '../dist/closed-pipe.js';

// `axon … | head`: the reader went away. Keep working (a training run still saves its model), drop the output.
dropOutputAfterClosedPipe();

process.exitCode = await main(process.argv);
