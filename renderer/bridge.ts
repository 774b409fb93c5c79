/**
 * The panel's only way out: `window.httpdesk`, the preload bridge typed by shared/ipc.ts.
 * Nothing here talks to Node or Electron directly (lint wall: renderer imports shared/ only).
 */
import type { DeskBridge } from '../shared/ipc.js';

/**
 * Not part of the IPC contract: in Electron a dropped File's path is only readable in the
 * preload (webUtils.getPathForFile). When the preload offers it, a dropped folder fills the
 * folder field; otherwise the panel explains to use "Choose…".
 */
export interface DropSupport {
  pathForFile?: (file: File) => string;
}

export type Bridge = DeskBridge & DropSupport;

declare global {
  interface Window {
    httpdesk?: Bridge;
  }
}

export function getBridge(): Bridge | null {
  return window.httpdesk ?? null;
}
