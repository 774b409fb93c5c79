/** main/listen-failure.ts: each listen error code becomes a reason a person understands. */
import { describe, expect, it } from 'vitest';
import { listenErrorLine, listenFailure } from '../../main/listen-failure.js';

const err = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('listenFailure', () => {
  it('port in use names the port and the address', () => {
    expect(listenFailure(err('EADDRINUSE'), '', 8000)).toEqual({
      code: 'port-in-use',
      field: 'port',
      message:
        'Port 8000 is already in use on all interfaces (by another program or another server here).',
    });
  });

  it('permission below 1024 explains the rule; above it, says what was refused', () => {
    expect(listenFailure(err('EACCES'), '127.0.0.1', 80)).toMatchObject({
      code: 'port-permission',
      field: 'port',
      message: expect.stringContaining('Ports below 1024 need administrator rights'),
    });
    expect(listenFailure(err('EPERM'), '127.0.0.1', 5000).message).toBe(
      'This system does not allow listening on port 5000 at 127.0.0.1.',
    );
  });

  it.each(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'ENOTFOUND', 'EAI_AGAIN'])(
    '%s → address-not-available',
    (code) => {
      expect(listenFailure(err(code), '10.9.8.7', 8000)).toMatchObject({
        code: 'address-not-available',
        field: 'bind',
        message: expect.stringContaining('10.9.8.7 is not an address of this computer'),
      });
    },
  );

  it('anything else is unknown, with the error text', () => {
    expect(listenFailure(err('EMFILE'), '', 1)).toEqual({
      code: 'unknown',
      message: 'The server could not start: listen EMFILE',
    });
    expect(listenFailure('weird', '', 1).message).toBe('The server could not start: weird');
    expect(listenFailure(null, '', 1).code).toBe('unknown');
  });
});

describe('listenErrorLine (the CLI face of the same table)', () => {
  it.each([
    ['EADDRINUSE', '127.0.0.1', 8000, 'port 8000 is already in use on 127.0.0.1'],
    ['EADDRINUSE', '', 8000, 'port 8000 is already in use on all interfaces'],
    [
      'EACCES',
      '',
      80,
      'no permission to use port 80: ports below 1024 need administrator rights; try 8000',
    ],
    ['EPERM', '::1', 5000, 'no permission to listen on ::1 port 5000'],
    [
      'EADDRNOTAVAIL',
      '10.9.8.7',
      8000,
      'cannot bind to 10.9.8.7: that address does not belong to this machine',
    ],
    ['ENOTFOUND', 'nowhere.invalid', 8000, 'cannot bind to nowhere.invalid: no such host'],
    ['EMFILE', '', 1, 'cannot listen on all interfaces port 1: listen EMFILE'],
  ])('%s on %j port %d → %s', (code, bind, port, line) => {
    expect(listenErrorLine(err(code), bind, port)).toBe(line);
  });
});
