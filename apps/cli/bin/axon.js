#!/usr/bin/env node
import { main } from '../dist/main.js';
import { dropOutputAfterClosedPipe } from '../dist/closed-pipe.js';

// `axon … | head`: the reader went away. Keep working (a training run still saves its model), drop the output.
const output = dropOutputAfterClosedPipe();

const code = await main(process.argv);
// A write error (a full disk, /dev/full) is reported a tick after the write: wait for it, then exit 2.
await output.settled();
process.exitCode = output.failure() ? 2 : code;
