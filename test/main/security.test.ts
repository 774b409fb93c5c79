/** main/security.ts: web preferences, CSP, path and URL checks, session and contents hardening, sender check. */
import path from 'node:path';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  isInside,
  isRendererUrl,
  isTrustedSender,
  secureWebPreferences,
  type TrustedWindow,
} from '../../main/security.js';
import {
  FakeContents,
  eventFrom,
  fakeWindow,
  fileUrl,
  preventable,
  type FakeBrowserWindow,
} from './fake-electron.js';

const rendererDir = path.resolve('/opt/HTTP Desk/resources/app.asar/dist/renderer');
const rendererFile = path.join(rendererDir, 'index.html');
const rendererUrl = fileUrl(rendererFile);

/** Each web preference the window must have, with the risk it closes (Electron's security checklist). */
const REQUIRED_PREFERENCES: Array<[string, boolean, string]> = [
  ['contextIsolation', true, 'the page cannot reach the preload’s objects'],
  ['sandbox', true, 'the renderer process runs in the OS sandbox'],
  ['nodeIntegration', false, 'no require() in the page'],
  ['nodeIntegrationInWorker', false, 'no Node in web workers'],
  ['nodeIntegrationInSubFrames', false, 'no Node in frames'],
  ['webSecurity', true, 'same-origin policy stays on'],
  ['allowRunningInsecureContent', false, 'no http: scripts in the page'],
  ['experimentalFeatures', false, 'no unfinished Blink features'],
  ['webviewTag', false, 'no <webview> to embed another site with other rules'],
  ['navigateOnDragDrop', false, 'a dropped file does not replace the panel'],
  ['safeDialogs', true, 'a page cannot loop alert() to lock the window'],
  ['spellcheck', false, 'typed text is not sent to a spelling service'],
];

describe('secureWebPreferences', () => {
  const preferences = secureWebPreferences('/x/preload.cjs') as Record<string, unknown>;

  it.each(REQUIRED_PREFERENCES)('%s is %s: %s', (name, value) => {
    expect(preferences[name]).toBe(value);
  });

  it('sets the preload and nothing else', () => {
    expect(preferences.preload).toBe('/x/preload.cjs');
    expect(Object.keys(preferences).sort()).toEqual(
      ['preload', ...REQUIRED_PREFERENCES.map(([name]) => name)].sort(),
    );
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only our own scripts and styles, data: images, and no connections', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [
        d.split(' ')[0],
        d.split(' ').slice(1).join(' '),
      ]),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('connect-src')).toBe("'none'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('path and URL checks', () => {
  it('isInside compares by path.relative, not by prefix', () => {
    expect(isInside(path.join(rendererDir, 'assets/a.js'), rendererDir)).toBe(true);
    expect(isInside(rendererDir, rendererDir)).toBe(true);
    expect(isInside(path.join(rendererDir, '..foo'), rendererDir)).toBe(true);
    expect(isInside(`${rendererDir}-evil/a.js`, rendererDir)).toBe(false);
    expect(isInside(path.join(rendererDir, '../main/main.js'), rendererDir)).toBe(false);
    expect(isInside('/etc/passwd', rendererDir)).toBe(false);
  });

  it('isRendererUrl accepts our page (with fragment or query) and nothing else', () => {
    expect(isRendererUrl(rendererUrl, rendererFile)).toBe(true);
    expect(isRendererUrl(`${rendererUrl}#/log`, rendererFile)).toBe(true);
    expect(isRendererUrl(`${rendererUrl}?x=1`, rendererFile)).toBe(true);
    expect(rendererUrl).toContain('HTTP%20Desk'); // decoded before comparing
    expect(isRendererUrl(fileUrl(path.join(rendererDir, 'other.html')), rendererFile)).toBe(false);
    expect(isRendererUrl('https://example.com/index.html', rendererFile)).toBe(false);
    expect(isRendererUrl('about:blank', rendererFile)).toBe(false);
    expect(isRendererUrl('not a url', rendererFile)).toBe(false);
  });

  it('isAllowedRequest blocks network schemes and files outside the renderer', () => {
    expect(isAllowedRequest(fileUrl(path.join(rendererDir, 'assets/index.js')), rendererDir)).toBe(
      true,
    );
    expect(isAllowedRequest('data:image/png;base64,AAAA', rendererDir)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', rendererDir)).toBe(true);
    for (const url of [
      'http://127.0.0.1:8000/',
      'https://example.com/x.js',
      'ws://127.0.0.1:1/',
      'wss://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
      fileUrl(path.join(rendererDir, '../main/main.js')),
      'garbage',
    ]) {
      expect(isAllowedRequest(url, rendererDir), url).toBe(false);
    }
  });
});

describe('hardenSession', () => {
  type Callback = (value: unknown) => void;
  function fakeSession() {
    const hooks: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (fn: never) => (hooks.request = fn),
      setPermissionCheckHandler: (fn: never) => (hooks.check = fn),
      setDevicePermissionHandler: (fn: never) => (hooks.device = fn),
      webRequest: {
        onBeforeRequest: (fn: never) => (hooks.beforeRequest = fn),
        onHeadersReceived: (fn: never) => (hooks.headers = fn),
      },
    };
    return { session: session as unknown as Session, hooks };
  }

  function answer(hook: (...args: never[]) => unknown, args: unknown[], at: number): unknown {
    let result: unknown = 'not answered';
    const all = [...args];
    all.splice(at, 0, ((value: unknown) => (result = value)) as Callback);
    (hook as (...a: unknown[]) => unknown)(...all);
    return result;
  }

  it('denies every permission request and check', () => {
    const { session, hooks } = fakeSession();
    hardenSession(session, rendererDir);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      expect(answer(hooks.request!, [{}, permission, {}], 2)).toBe(false);
      expect((hooks.check as (...a: unknown[]) => unknown)({}, permission, 'file://', {})).toBe(
        false,
      );
    }
    expect((hooks.device as () => unknown)()).toBe(false);
  });

  it('cancels network and stray file requests, lets the renderer load', () => {
    const { session, hooks } = fakeSession();
    hardenSession(session, rendererDir);
    expect(answer(hooks.beforeRequest!, [{ url: 'https://example.com/' }], 1)).toEqual({
      cancel: true,
    });
    expect(answer(hooks.beforeRequest!, [{ url: rendererUrl }], 1)).toEqual({ cancel: false });
  });

  it('adds the CSP to every response and keeps the other headers', () => {
    const { session, hooks } = fakeSession();
    hardenSession(session, rendererDir);
    const result = answer(hooks.headers!, [{ responseHeaders: { Server: ['x'] } }], 1) as {
      responseHeaders: Record<string, string[]>;
    };
    expect(result.responseHeaders).toEqual({
      Server: ['x'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });
});

describe('hardenWebContents', () => {
  function hardened() {
    const contents = new FakeContents(rendererUrl);
    hardenWebContents(contents as unknown as WebContents, rendererFile);
    return contents;
  }

  it('denies every new window', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: rendererUrl })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    'prevents %s away from the panel and allows it to the panel itself',
    (eventName) => {
      const contents = hardened();
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:8000/']) {
        const away = preventable({ url });
        contents.emit(eventName, away);
        expect(away.defaultPrevented, url).toBe(true);
      }
      const home = preventable({ url: `${rendererUrl}#x` });
      contents.emit(eventName, home);
      expect(home.defaultPrevented).toBe(false);
    },
  );

  it('uses the legacy url argument when the event has none, and fails closed without one', () => {
    const contents = hardened();
    const legacy = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    contents.emit('will-navigate', legacy, 'https://example.com/');
    expect(legacy.defaultPrevented).toBe(true);
    const none = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    contents.emit('will-navigate', none);
    expect(none.defaultPrevented).toBe(true);
  });

  it('prevents attaching a <webview>', () => {
    const contents = hardened();
    const event = preventable({ url: '' });
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('isTrustedSender', () => {
  const check = (event: unknown, win: FakeBrowserWindow | null) =>
    isTrustedSender(
      event as Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
      win as unknown as TrustedWindow | null,
      rendererFile,
    );

  it('trusts our window main frame showing our renderer', () => {
    const win = fakeWindow(rendererUrl);
    expect(check(eventFrom(win), win)).toBe(true);
  });

  it('refuses another window, a subframe, another page, a gone frame, a closed or missing window', () => {
    const win = fakeWindow(rendererUrl);
    const other = fakeWindow(rendererUrl);
    expect(check(eventFrom(other), win)).toBe(false);

    const subframe = {
      ...win.webContents.mainFrame,
      routingId: 99,
      parent: win.webContents.mainFrame,
    };
    expect(check({ sender: win.webContents, senderFrame: subframe }, win)).toBe(false);

    const sameIdsButChild = { ...win.webContents.mainFrame, parent: win.webContents.mainFrame };
    expect(check({ sender: win.webContents, senderFrame: sameIdsButChild }, win)).toBe(false);

    const otherProcess = { ...win.webContents.mainFrame, processId: 42 };
    expect(check({ sender: win.webContents, senderFrame: otherProcess }, win)).toBe(false);

    const navigated = fakeWindow('https://evil.example/');
    expect(check(eventFrom(navigated), navigated)).toBe(false);

    expect(check({ sender: win.webContents, senderFrame: null }, win)).toBe(false);
    const throwing = {
      sender: win.webContents,
      get senderFrame() {
        throw new Error('Render frame was disposed');
      },
    };
    expect(check(throwing, win)).toBe(false);

    expect(check(eventFrom(win), null)).toBe(false);
    win.destroyed = true;
    expect(check(eventFrom(win), win)).toBe(false);
  });
});
