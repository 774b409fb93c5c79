/**
 * main/ipc-handlers.ts loads WITHOUT electron (no vi.mock here: importing electron would
 * fail), so the Playwright bridge can use the very handlers main uses.
 */
import { describe, expect, it } from 'vitest';
import { BRIDGE_REQUESTS } from '../../shared/ipc.js';
import { createHandlers, type IpcServices } from '../../main/ipc-handlers.js';

function services(calls: string[]): IpcServices {
  const record =
    <T>(name: string, value: T) =>
    async (...args: unknown[]) => (calls.push(`${name}(${JSON.stringify(args)})`), value);
  return {
    host: {
      start: record('start', {}),
      stop: record('stop', {}),
      list: () => [],
      exchangeBodies: (query: unknown) => (calls.push(`bodies(${JSON.stringify(query)})`), null),
    } as never,
    settings: {
      load: record('load', {}),
      save: record('save', { ok: true }),
      settings: { window: { width: 500, height: 600 } },
    } as never,
    pickFolder: record('pickFolder', null) as never,
    pickTlsFile: record('pickTlsFile', null) as never,
    openUrl: record('openUrl', { ok: true }) as never,
    exportLog: record('exportLog', { ok: true, value: null }) as never,
    listAddresses: () => [],
    findFreePort: record('findFreePort', 9000) as never,
    sampleSiteFolder: () => '/sample-site',
  };
}

describe('createHandlers without electron', () => {
  it('has one handler per channel', () => {
    expect(Object.keys(createHandlers(services([]))).sort()).toEqual(
      Object.values(BRIDGE_REQUESTS).sort(),
    );
  });

  it('passes validated, trimmed payloads on and refuses bad ones before any service runs', async () => {
    const calls: string[] = [];
    const handlers = createHandlers(services(calls));
    await handlers['net:freePort'](' 127.0.0.1 ');
    await expect(handlers['net:freePort']('localhost:80')).rejects.toThrow('invalid bind address');
    await expect(handlers['server:stop']('Nope!')).rejects.toThrow('invalid server id');
    await handlers['settings:save']({ version: 1, window: { width: 1, height: 1 } });
    await handlers['dialog:pickTlsFile']('tlsKeyFile');
    await expect(handlers['dialog:pickTlsFile']('/etc/shadow')).rejects.toThrow(
      'invalid file purpose',
    );
    expect(calls).toEqual([
      'findFreePort(["127.0.0.1"])',
      'save([{"version":1,"window":{"width":500,"height":600}}])',
      'pickTlsFile(["tlsKeyFile"])',
    ]);
  });

  it('checks an inspector body query again and passes only its three fields on', async () => {
    const calls: string[] = [];
    const handlers = createHandlers(services(calls));
    const good = { serverId: 'site', connectionId: 4, requestIndex: 2, extra: 'dropped' };
    expect(await handlers['body:get'](good)).toBeNull();
    for (const bad of [
      null,
      { ...good, serverId: 'Nope!' },
      { ...good, connectionId: -1 },
      { ...good, requestIndex: 1.5 },
      { ...good, connectionId: '4' },
    ]) {
      await expect(handlers['body:get'](bad)).rejects.toThrow('Refused');
    }
    await expect(handlers['body:keepFor']('../x')).rejects.toThrow('invalid server id');
    expect(calls).toEqual(['bodies({"serverId":"site","connectionId":4,"requestIndex":2})']);
  });
});
