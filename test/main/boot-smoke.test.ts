/**
 * Boot smoke (docs/architecture.md § Testing tiers, tier 5): the BUILT main bundle,
 * dist/main/main.js, runs under Node with the one fake `electron` (fake-electron.ts, wired
 * in by a module resolve hook, fixtures/register-fake-electron.mjs). fixtures/boot-scenario.ts
 * drives it as Electron and the renderer would; this test checks what it recorded: the window's security settings, every IPC handler, the files the
 * window points at, sender checks, a real server started through IPC, and a clean quit.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_REQUESTS } from '../../shared/ipc.js';
import { secureWebPreferences } from '../../main/security.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const mainBundle = path.join(root, 'dist/main/main.js');
const register = path.join(root, 'test/main/fixtures/register-fake-electron.mjs');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = any;

let report: Report;
let temp: string;

beforeAll(async () => {
  if (!existsSync(mainBundle)) {
    throw new Error(`${mainBundle} is missing: run "npm run build" first (npm test does).`);
  }
  temp = mkdtempSync(path.join(os.tmpdir(), 'httpdesk-boot-'));
  const site = path.join(temp, 'site');
  const userData = path.join(temp, 'user-data');
  const reportFile = path.join(temp, 'report.json');
  await import('node:fs/promises').then((fs) => fs.mkdir(site));
  writeFileSync(path.join(site, 'hello.txt'), 'hello from the boot smoke\n');
  const env = {
    ...process.env,
    HTTPDESK_USER_DATA: userData,
    STUB_REPORT: reportFile,
    STUB_SITE: site,
  };
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', register, mainBundle],
      { cwd: root, env, timeout: 15_000 },
      (error, stdout, stderr) => resolve(`${error ?? ''}\n${stdout}\n${stderr}`),
    );
  });
  if (!existsSync(reportFile)) throw new Error(`The stubbed app wrote no report:\n${output}`);
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
  report.userData = userData;
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the built main process under a recording electron stub', () => {
  it('boots without errors, asking for the single-instance lock and using the given user data', () => {
    expect(report.errors).toEqual([]);
    expect(report.singleInstanceLockRequested).toBe(true);
    expect(report.setPaths.userData).toBe(report.userData);
  });

  it('creates one window with the security settings', () => {
    expect(report.windows).toHaveLength(1);
    // Every setting security.test.ts pins, exactly: the bundle did not lose or add one.
    const prefs = report.windows[0].options.webPreferences;
    expect(prefs).toEqual(secureWebPreferences(prefs.preload));
    expect(report.windows[0].options.show).toBe(false);
  });

  it('points the window at a preload that exists in the build', () => {
    const preload = report.windows[0].options.webPreferences.preload;
    expect(preload).toBe(path.join(root, 'dist/main/preload.cjs'));
    expect(existsSync(preload)).toBe(true);
    expect(readFileSync(preload, 'utf8')).toContain('exposeInMainWorld("httpdesk"');
  });

  it('loads the renderer file that Vite built', (context) => {
    const loaded = report.windows[0].loadedFile;
    expect(loaded).toBe(path.join(root, 'dist/renderer/index.html'));
    if (!existsSync(path.join(root, 'renderer/index.html'))) {
      context.skip('renderer/index.html does not exist yet, so there is no built renderer to find');
    }
    expect(existsSync(loaded)).toBe(true);
    expect(report.windows[0].loadedUrl).toBeNull();
  });

  it('registers a handler for every request channel of shared/ipc.ts, and nothing else', () => {
    expect([...report.handlers].sort()).toEqual(Object.values(BRIDGE_REQUESTS).sort());
  });

  it('installs a menu with the usual roles and an About box', () => {
    expect(report.menuTemplateLabels).toEqual(
      expect.arrayContaining(['File', 'Edit', 'View', 'windowMenu', 'help']),
    );
    expect(report.menuHasAbout).toBe(true);
  });

  it('answers our window and refuses other senders and bad payloads', () => {
    const s = report.scenario;
    expect(s.list).toEqual({ value: [] });
    expect(s.addresses.value.length).toBeGreaterThan(0);
    expect(s.fromStranger.rejected).toMatch(/did not come from the HTTP Desk window/);
    expect(s.fromSubframe.rejected).toMatch(/did not come from the HTTP Desk window/);
    expect(s.badPayload.rejected).toMatch(/invalid server settings.*port/);
    expect(s.badBind.rejected).toMatch(/invalid bind address/);
  });

  it('offers the bundled sample site on first run', () => {
    const settings = report.scenario.settings.value.settings;
    expect(settings.servers[0]).toMatchObject({
      id: 'sample-site',
      folder: path.join(root, 'app/sample-site'),
      cgi: true,
    });
    expect(existsSync(path.join(settings.servers[0].folder, 'index.html'))).toBe(true);
  });

  it('starts a real server through IPC, serves a file and sends state and log events', () => {
    const s = report.scenario;
    expect(s.start.value).toMatchObject({
      id: 'smoke',
      status: 'running',
      boundAddress: '127.0.0.1',
    });
    expect(s.fetched).toEqual({ status: 200, body: 'hello from the boot smoke\n' });
    const states = s.eventsSent.filter((e: Report) => e.channel === 'server:state');
    expect(states.map((e: Report) => e.payload.status)).toEqual(['starting', 'running']);
    const logs = s.eventsSent.filter((e: Report) => e.channel === 'server:log');
    const requests = logs.flatMap((e: Report) => e.payload.requests);
    expect(requests).toEqual([
      expect.objectContaining({ serverId: 'smoke', path: '/hello.txt', status: 200 }),
    ]);
  });

  it('saves settings atomically into the user-data folder, keeping the window size main owns', () => {
    expect(report.scenario.saved).toEqual({ value: { ok: true } });
    const saved = JSON.parse(readFileSync(path.join(report.userData, 'settings.json'), 'utf8'));
    expect(saved.servers[0].id).toBe('smoke');
    expect(saved.window).toEqual({ width: 1100, height: 760 });
  });

  it('denies new windows, navigation away, permissions and network requests; sets the CSP', () => {
    const s = report.scenario;
    expect(s.windowOpen).toEqual({ action: 'deny' });
    expect(s.navigateAwayPrevented).toBe(true);
    expect(s.navigateHomePrevented).toBe(false);
    expect(s.permissionGranted).toBe(false);
    expect(s.permissionCheck).toBe(false);
    expect(s.httpRequest).toEqual({ cancel: true });
    expect(s.ownFileRequest).toEqual({ cancel: false });
    expect(s.strayFileRequest).toEqual({ cancel: true });
    expect(s.headers.responseHeaders['X-A']).toEqual(['1']);
    expect(s.headers.responseHeaders['Content-Security-Policy'][0]).toMatch(/default-src 'none'/);
  });

  it('stops every server before quitting, freeing its port', () => {
    const s = report.scenario;
    expect(s.quitCompleted).toBe(true);
    expect(s.stateAfterQuit).toBe('stopped');
    expect(s.portFreeAfterQuit).toBe(true);
  });
});
