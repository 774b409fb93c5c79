/**
 * The main side of shared/ipc.ts: registers one handler per request channel with ipcMain,
 * and sends the two events. The only file that touches ipcMain and webContents.send (lint
 * wall: docs/architecture.md § Walls and lint zones).
 *
 * Never trust the renderer: every message is checked to come from our window's main frame
 * showing our renderer file before its handler (main/ipc-handlers.ts) validates the payload.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { EventChannel, IpcEvents, RequestChannel } from '../shared/ipc.js';
import { createHandlers, type IpcServices } from './ipc-handlers.js';
import { isRendererUrl, isTrustedSender, type TrustedWindow } from './security.js';
import type { ServerHostEvents } from './server-host.js';

export type { IpcServices } from './ipc-handlers.js';

export const REJECTED_SENDER = 'Refused: this message did not come from the HTTP Desk window.';

export interface IpcWindow {
  /** Our window, or null before it exists / after it closed. */
  get(): TrustedWindow | null;
  /** Absolute path of dist/renderer/index.html: the only page allowed to talk to main. */
  rendererFile: string;
}

/** Registers every handler with ipcMain.handle; returns a function that removes them. */
export function registerIpc(services: IpcServices, window: IpcWindow): () => void {
  const handlers = createHandlers(services);
  const channels = Object.keys(handlers) as RequestChannel[];
  for (const channel of channels) {
    const handler = handlers[channel] as (arg: unknown) => Promise<unknown>;
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event, window.get(), window.rendererFile)) {
        return Promise.reject(new Error(REJECTED_SENDER));
      }
      return handler(args[0]);
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/**
 * The server host's events, sent to our window — and only while it shows our renderer, so
 * logs never reach a page we did not load.
 */
export function createEventSender(window: IpcWindow): ServerHostEvents {
  const send = <C extends EventChannel>(channel: C, payload: IpcEvents[C]) => {
    const win = window.get();
    if (win === null || win.isDestroyed()) return;
    const contents = win.webContents;
    if (contents.isDestroyed() || !isRendererUrl(contents.getURL(), window.rendererFile)) return;
    contents.send(channel, payload);
  };
  return {
    onState: (state) => send('server:state', state),
    onLog: (batch) => send('server:log', batch),
  };
}
