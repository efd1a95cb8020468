#!/usr/bin/env node
// The bundle (dist/bundle/, built by bundle.mjs): one file to load instead of hundreds (docs/cli.md#startup).
import { main } from '../dist/bundle/main.js';
import { dropOutputAfterClosedPipe } from '../dist/bundle/closed-pipe.js';

// `axon … | head`: the reader went away. Keep working (a training run still saves its model), drop the output.
const output = dropOutputAfterClosedPipe();

const code = await main(process.argv);
// A write error (a full disk, /dev/full) is reported a tick after the write: wait for it, then exit 2.
await output.settled();
process.exitCode = output.failure() ? 2 : code;
