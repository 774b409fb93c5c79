/**
 * main/preload.ts against a mocked `electron`: it exposes exactly one function per message
 * under `httpdesk`, each invoking its own channel, and listeners get payloads, never events.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_REQUESTS, type DeskBridge } from '../../shared/ipc.js';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invoked: [] as Array<{ channel: string; args: unknown[] }>,
    listeners,
    emit(channel: string, payload: unknown) {
      const fakeEvent = { sender: 'ipcRenderer itself', senderId: 0 };
      for (const fn of listeners.get(channel) ?? []) fn(fakeEvent, payload);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args });
      return { answered: channel };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!electron.listeners.has(channel)) electron.listeners.set(channel, new Set());
      electron.listeners.get(channel)?.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
      electron.listeners.get(channel)?.delete(fn);
    },
  },
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

let bridge: DeskBridge & { pathForFile(file: unknown): string };

beforeAll(async () => {
  await import('../../main/preload.js');
  bridge = electron.exposed.get('httpdesk') as typeof bridge;
});

describe('the preload bridge', () => {
  it('exposes only window.httpdesk', () => {
    expect([...electron.exposed.keys()]).toEqual(['httpdesk']);
  });

  it('offers one function per message and nothing generic', () => {
    expect(Object.keys(bridge).sort()).toEqual(
      [...Object.keys(BRIDGE_REQUESTS), 'onLog', 'onServerState', 'pathForFile'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('invoke');
  });

  it.each(Object.entries(BRIDGE_REQUESTS))(
    '%s invokes %s with its argument',
    async (name, channel) => {
      electron.invoked.length = 0;
      const fn = (bridge as unknown as Record<string, (arg?: unknown) => Promise<unknown>>)[name];
      expect(await fn?.('the-argument')).toEqual({ answered: channel });
      const expectedArgs = fn?.length === 0 ? [] : ['the-argument'];
      expect(electron.invoked).toEqual([{ channel, args: expectedArgs }]);
    },
  );

  it('hands listeners the payload only, and unsubscribes', () => {
    const logs: unknown[] = [];
    const states: unknown[] = [];
    const offLog = bridge.onLog((batch) => logs.push(batch));
    const offState = bridge.onServerState((state) => states.push(state));
    electron.emit('server:log', { dropped: 1 });
    electron.emit('server:state', { id: 'a' });
    expect(logs).toEqual([{ dropped: 1 }]);
    expect(states).toEqual([{ id: 'a' }]);
    offLog();
    offState();
    electron.emit('server:log', { dropped: 2 });
    expect(logs).toHaveLength(1);
    expect(electron.listeners.get('server:log')?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onLog('nope' as never)).toThrow('A listener function is required.');
  });

  it('reads a dropped file path through webUtils', () => {
    expect(bridge.pathForFile({ name: 'site' })).toBe('/dropped/site');
  });
});
