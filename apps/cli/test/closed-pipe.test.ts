import { describe, expect, it } from 'vitest';
import { dropOutputAfterClosedPipe } from '../src/closed-pipe.js';
import { capture } from './capture.js';

describe('output stream failures', () => {
  it('a closed pipe drops that stream\'s output quietly and is not a failure', () => {
    const out = capture();
    const err = capture();
    const guard = dropOutputAfterClosedPipe([out.stream as unknown as NodeJS.WritableStream, err.stream as unknown as NodeJS.WritableStream]);
    out.stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(out.stream.write('lost')).toBe(true);
    expect(out.text()).toBe('');
    expect(err.text()).toBe('');
    expect(guard.failure()).toBeUndefined();
  });

  it('any other failure is reported once on the other stream, as a message, and remembered for the exit code', () => {
    const out = capture();
    const err = capture();
    const guard = dropOutputAfterClosedPipe([out.stream as unknown as NodeJS.WritableStream, err.stream as unknown as NodeJS.WritableStream]);
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    out.stream.emit('error', enospc);
    out.stream.emit('error', enospc);
    expect(err.text()).toBe('axon: could not write the output (ENOSPC)\n');
    expect(guard.failure()).toBe(enospc);
    out.stream.write('dropped');
    expect(out.text()).toBe('');
  });
});
