/**
 * main/preload.ts against a mocked `electron`: it exposes exactly one function per message
 * under `httpdesk`, each invoking its own channel, and listeners get payloads, never events.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_REQUESTS, type DeskBridge } from '../../shared/ipc.js';
import { fake, sendToRenderer } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

let bridge: DeskBridge & { pathForFile(file: unknown): string };

beforeAll(async () => {
  await import('../../main/preload.js');
  bridge = fake.exposed.get('httpdesk') as typeof bridge;
});

describe('the preload bridge', () => {
  it('exposes only window.httpdesk', () => {
    expect([...fake.exposed.keys()]).toEqual(['httpdesk']);
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
      fake.invoked.length = 0;
      const fn = (bridge as unknown as Record<string, (arg?: unknown) => Promise<unknown>>)[name];
      expect(await fn?.('the-argument')).toEqual({ answered: channel });
      const expectedArgs = fn?.length === 0 ? [] : ['the-argument'];
      expect(fake.invoked).toEqual([{ channel, args: expectedArgs }]);
    },
  );

  it('hands listeners the payload only, and unsubscribes', () => {
    const logs: unknown[] = [];
    const states: unknown[] = [];
    const offLog = bridge.onLog((batch) => logs.push(batch));
    const offState = bridge.onServerState((state) => states.push(state));
    sendToRenderer('server:log', { dropped: 1 });
    sendToRenderer('server:state', { id: 'a' });
    expect(logs).toEqual([{ dropped: 1 }]);
    expect(states).toEqual([{ id: 'a' }]);
    offLog();
    offState();
    sendToRenderer('server:log', { dropped: 2 });
    expect(logs).toHaveLength(1);
    expect(fake.rendererListeners.get('server:log')?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onLog('nope' as never)).toThrow('A listener function is required.');
  });

  it('reads a dropped file path through webUtils', () => {
    expect(bridge.pathForFile({ name: 'site' })).toBe('/dropped/site');
  });
});
