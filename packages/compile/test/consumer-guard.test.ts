import { describe, expect, it } from 'vitest';
import { requirePythonModule } from './consumers.js';

describe('consumer guard', () => {
  it('a missing Python consumer fails with the command that installs it (never a skip)', () => {
    expect(() => requirePythonModule('axon_no_such_module')).toThrow(/consumer missing: \/usr\/bin\/python3 cannot import axon_no_such_module .*Install it with: apt-get install -y python3-axon_no_such_module/);
  });

  it('an importable module passes the guard', () => {
    // json is in the standard library, so this passes on any machine with /usr/bin/python3.
    expect(() => requirePythonModule('json')).not.toThrow();
  });
});
