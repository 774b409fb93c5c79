/**
 * The window's security policy in one place (docs/architecture.md § Desktop app: window and
 * settings): web preferences, the Content-Security-Policy, navigation / new-window /
 * permission denial, the network block, and the IPC sender check. Electron's security checklist is the source for each item:
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldsCaseByDefault, isInside as isInsideFolder } from './server/index.js';
import type { IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';

/**
 * The control panel needs only its own scripts, styles and images (data: for QR codes).
 * It never fetches: the served pages open in the user's browser, not in the app.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Checklist items 2–4, 6, 8, 13: isolated, sandboxed, no Node, web security on. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

const foldCase = foldsCaseByDefault();

function normalized(p: string): string {
  const resolved = path.resolve(p);
  return foldCase ? resolved.toLowerCase() : resolved;
}

function samePath(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}

/**
 * True when `file` is `dir` or below it: the engine's containment proof (path-inside.ts),
 * on paths compared case-insensitively where the OS does.
 */
export function isInside(file: string, dir: string): boolean {
  return isInsideFolder(dir, file, { foldCase });
}

function filePathOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? fileURLToPath(parsed) : null;
  } catch {
    return null;
  }
}

/** True for our renderer page itself (any #fragment or ?query: the panel may use them). */
export function isRendererUrl(url: string, rendererFile: string): boolean {
  const file = filePathOf(url);
  return file !== null && samePath(file, rendererFile);
}

/** Schemes the panel never loads from; http(s) pages open in the user's browser instead. */
const BLOCKED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/** Whether a request from the window may proceed: no network, no files outside the renderer. */
export function isAllowedRequest(url: string, rendererDir: string): boolean {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  if (BLOCKED_SCHEMES.has(scheme)) return false;
  if (scheme === 'file:') {
    const file = filePathOf(url);
    return file !== null && isInside(file, rendererDir);
  }
  return true;
}

/** Checklist 5, 7, 9: deny every permission, add the CSP header, block network and stray files. */
export function hardenSession(session: Session, rendererDir: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, rendererDir) });
  });
  // file:// responses carry no headers, so the renderer's index.html also has the same
  // policy in a <meta http-equiv> tag; this header covers every response that has headers.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

type NavigationEvent = { url?: string; preventDefault(): void };

/** Checklist 13–15: no navigation away from the panel, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents, rendererFile: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayOnPanel = (event: NavigationEvent, legacyUrl?: unknown) => {
    const url = event.url ?? (typeof legacyUrl === 'string' ? legacyUrl : '');
    if (!isRendererUrl(url, rendererFile)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPanel);
  contents.on('will-frame-navigate', stayOnPanel);
  contents.on('will-redirect', stayOnPanel);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface TrustedWindow {
  isDestroyed(): boolean;
  webContents: WebContents;
}

/**
 * An IPC message is ours only if it comes from our window's main frame while that frame
 * shows our renderer file (checklist 17). A subframe, another window, or our window after
 * some navigation we did not expect, is refused.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: TrustedWindow | null,
  rendererFile: string,
): boolean {
  if (win === null || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    frame = event.senderFrame;
  } catch {
    return false; // the frame is gone (navigated or destroyed)
  }
  const main = contents.mainFrame;
  if (frame === null || frame === undefined || frame.parent !== null) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isRendererUrl(frame.url, rendererFile);
}
