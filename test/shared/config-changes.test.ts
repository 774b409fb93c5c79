/** shared/config-changes.ts: the words for what changed between two settings of a server. */
import { describe, expect, it } from 'vitest';
import { configChanges } from '../../shared/config-changes.js';
import { defaultServerConfig, type ServerConfig } from '../../shared/settings.js';

const base: ServerConfig = {
  ...defaultServerConfig('srv-1', '/home/ann/site'),
  port: 8000,
  protocol: 'HTTP/1.0',
};

describe('configChanges', () => {
  it.each<[Partial<ServerConfig>, string[]]>([
    [{}, []],
    [{ protocol: 'HTTP/1.1' }, ['HTTP/1.0 → HTTP/1.1']],
    [{ port: 8001 }, ['port 8000 → 8001']],
    [{ bind: '' }, ['127.0.0.1 → all interfaces']],
    [{ folder: '/home/ann/docs' }, ['folder site → docs']],
    [{ cgi: true }, ['CGI on']],
    [{ followSymlinks: true }, ['following outside links on']],
    [{ allowedHosts: ['example.test'] }, ['allowed host names changed']],
    [{ authPassword: 'secret' }, ['password changed']],
    [{ tlsCertFile: '/tmp/c.pem' }, ['tls cert file changed']],
    [
      { port: 8080, protocol: 'HTTP/1.1', cgi: true },
      ['port 8000 → 8080', 'HTTP/1.0 → HTTP/1.1', 'CGI on'],
    ],
  ])('%j → %j', (patch, expected) => {
    // Whatever order the form lists them in, the same set of changes.
    expect(configChanges(base, { ...base, ...patch }).sort()).toEqual([...expected].sort());
  });

  it('ignores spaces around text the person typed, and the id', () => {
    expect(configChanges(base, { ...base, bind: ` ${base.bind} `, id: 'srv-2' })).toEqual([]);
  });

  it('never shows a password', () => {
    const words = configChanges(base, { ...base, authPassword: 'hunter2' }).join(' ');
    expect(words).not.toContain('hunter2');
  });
});
