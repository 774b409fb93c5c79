/**
 * The preload bridge: `window.httpdesk`, one function per message of shared/ipc.ts and
 * nothing else: no generic send(channel) (docs/architecture.md § IPC contract). It runs
 * sandboxed, so esbuild bundles it as CommonJS with only `electron` left external.
 *
 * Listeners get the payload only, never Electron's event object (which would hand the page
 * `event.sender`, i.e. ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type {
  DeskBridge,
  EventChannel,
  IpcEvents,
  IpcRequests,
  RequestChannel,
} from '../shared/ipc.js';

function invoke<C extends RequestChannel>(
  channel: C,
  ...args: Parameters<IpcRequests[C]>
): Promise<ReturnType<IpcRequests[C]>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<ReturnType<IpcRequests[C]>>;
}

function subscribe<C extends EventChannel>(
  channel: C,
  listener: (payload: IpcEvents[C]) => void,
): () => void {
  if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
  const forward = (_event: IpcRendererEvent, payload: IpcEvents[C]) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

export const bridge = {
  startServer: (config) => invoke('server:start', config),
  stopServer: (id) => invoke('server:stop', id),
  listServers: () => invoke('server:list'),
  pickFolder: () => invoke('dialog:pickFolder'),
  pickTlsFile: (purpose) => invoke('dialog:pickTlsFile', purpose),
  listAddresses: () => invoke('net:addresses'),
  suggestFreePort: (bind) => invoke('net:freePort', bind),
  openUrl: (url) => invoke('shell:openUrl', url),
  loadSettings: () => invoke('settings:load'),
  saveSettings: (settings) => invoke('settings:save', settings),
  exportLog: (payload) => invoke('log:export', payload),
  recentLog: () => invoke('log:recent'),
  sendComposed: (payload) => invoke('composer:send', payload),
  sampleSiteFolder: () => invoke('app:sampleSite'),
  clearLog: (id) => invoke('log:clear', id),
  keepBodiesFor: (id) => invoke('body:keepFor', id),
  exchangeBodies: (query) => invoke('body:get', query),
  onLog: (listener) => subscribe('server:log', listener),
  onServerState: (listener) => subscribe('server:state', listener),
  /**
   * Not a message: a dropped folder's path is only readable here (renderer/bridge.ts
   * DropSupport). Main still checks the folder when a server starts.
   */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
} satisfies DeskBridge & { pathForFile(file: File): string };

contextBridge.exposeInMainWorld('httpdesk', bridge);
