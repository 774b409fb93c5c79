import { describe, expect, it } from 'vitest';
import { nobodyFromPasswd, nobodyIdentity } from '../../main/server/cgi/nobody.js';

describe('nobodyFromPasswd (nobody_uid)', () => {
  it('reads the nobody entry', () => {
    const passwd = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65533:nobody:/:/bin/false\n';
    expect(nobodyFromPasswd(passwd)).toEqual({ uid: 65534, gid: 65533 });
  });

  it('falls back to one above the highest uid, as Python does', () => {
    const passwd = 'root:x:0:0::/:/bin/sh\n# comment\nbad line\nuser:x:1000:1000::/:/bin/sh\n';
    expect(nobodyFromPasswd(passwd)).toEqual({ uid: 1001, gid: 1001 });
  });

  it('finds this machine’s nobody', async () => {
    const identity = await nobodyIdentity();
    expect(identity.uid).toBeGreaterThan(0);
  });
});
