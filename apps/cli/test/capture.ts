import { Writable } from 'node:stream';

/** A writable stream that keeps what is written to it, for commands that take their output streams. */
export function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}
