/**
 * Playwright fixtures: the built panel served on loopback, and a page whose
 * `window.httpdesk` is a DeskBridge that forwards every call to a DeskHost in this process
 * (page.exposeBinding) and receives its events (page.evaluate) — so clicks in Chromium
 * start real servers on real sockets.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeskBridge, IpcEvents } from '../../shared/ipc.js';
import { DeskHost, type DeskRequests } from './desk-host.js';
import { serveStatic } from './static-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Channel = keyof IpcEvents;

interface PageHooks {
  __deskCall(name: keyof DeskRequests, args: unknown[]): Promise<unknown>;
  __deskEmit(channel: Channel, payload: unknown): void;
  httpdesk?: DeskBridge;
}

/** Runs in the page before its scripts: defines window.httpdesk over the two hooks. */
function installBridge(): void {
  const w = window as unknown as PageHooks;
  const listeners: Record<Channel, Set<(payload: never) => void>> = {
    'server:log': new Set(),
    'server:state': new Set(),
  };
  const call =
    <N extends keyof DeskRequests>(name: N) =>
    (...args: Parameters<DeskRequests[N]>) =>
      w.__deskCall(name, args) as ReturnType<DeskRequests[N]>;
  const on = (channel: Channel) => (listener: (payload: never) => void) => {
    listeners[channel].add(listener);
    return () => {
      listeners[channel].delete(listener);
    };
  };
  const bridge: DeskBridge = {
    startServer: call('startServer'),
    stopServer: call('stopServer'),
    listServers: call('listServers'),
    pickFolder: call('pickFolder'),
    pickTlsFile: call('pickTlsFile'),
    listAddresses: call('listAddresses'),
    suggestFreePort: call('suggestFreePort'),
    openUrl: call('openUrl'),
    loadSettings: call('loadSettings'),
    saveSettings: call('saveSettings'),
    exportLog: call('exportLog'),
    recentLog: call('recentLog'),
    sendComposed: call('sendComposed'),
    sampleSiteFolder: call('sampleSiteFolder'),
    clearLog: call('clearLog'),
    keepBodiesFor: call('keepBodiesFor'),
    exchangeBodies: call('exchangeBodies'),
    onLog: on('server:log'),
    onServerState: on('server:state'),
  };
  w.__deskEmit = (channel, payload) => {
    for (const listener of listeners[channel]) listener(payload as never);
  };
  w.httpdesk = Object.freeze(bridge);
}

/** Bridges `page` to `desk`, opens the panel and waits until it has loaded its settings. */
export async function openPanel(page: Page, desk: DeskHost, panelUrl: string): Promise<void> {
  await connect(page, desk);
  await page.goto(panelUrl);
  await expect(page.getByRole('heading', { name: 'HTTP Desk' })).toBeVisible();
}

/** Script errors and console errors (CSP violations land there too) seen on `page`. */
export function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  return problems;
}

async function connect(page: Page, desk: DeskHost): Promise<void> {
  await page.exposeBinding('__deskCall', (_source, name: keyof DeskRequests, args: unknown[]) => {
    const fn = desk.requests[name] as (...a: unknown[]) => Promise<unknown>;
    if (typeof fn !== 'function') throw new Error(`No bridge function ${String(name)}`);
    return desk.call(() => fn(...args));
  });
  await page.addInitScript(installBridge);
  // Payloads travel as one JSON string: plain JSON is all the contract allows anyway, and it
  // is far cheaper than Playwright's value-by-value serialisation for 2,000-record batches.
  const emit = (channel: Channel, payload: unknown) => {
    page
      .evaluate(([c, json]) => (window as unknown as PageHooks).__deskEmit(c, JSON.parse(json)), [
        channel,
        JSON.stringify(payload),
      ] as const)
      .catch(() => undefined); // the page is reloading or closed: like a closed window, drop it
  };
  desk.attach({
    onLog: (batch) => emit('server:log', batch),
    onServerState: (state) => emit('server:state', state),
  });
}

interface WorkerFixtures {
  panelUrl: string;
}

interface TestFixtures {
  /** A fresh temporary directory for this test (folders to serve, settings, exports). */
  tmp: string;
  desk: DeskHost;
  /** The page, bridged to `desk`, showing the loaded panel. */
  panel: Page;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  panelUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveStatic(path.join(root, 'dist/renderer'));
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  tmp: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  desk: async ({ tmp }, use) => {
    const desk = new DeskHost(tmp);
    await use(desk);
    await desk.close();
  },
  panel: async ({ page, desk, panelUrl }, use) => {
    const problems = watchErrors(page);
    await openPanel(page, desk, panelUrl);
    await use(page);
    // Any script error or CSP violation during the test fails it.
    expect(problems, problems.join('\n')).toEqual([]);
  },
});

export { expect };
