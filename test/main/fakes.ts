/**
 * Stand-ins for the few Electron objects the main modules touch (a window, its web contents
 * and main frame, an IPC event). Plain objects: tests use them where Electron would pass its
 * own, with `as unknown as` at the call site.
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

export interface FakeFrame {
  processId: number;
  routingId: number;
  parent: FakeFrame | null;
  url: string;
}

export class FakeContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeContents.nextId++;
  readonly mainFrame: FakeFrame;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;

  constructor(url: string) {
    super();
    this.mainFrame = { processId: 3, routingId: this.id, parent: null, url };
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeWindow {
  destroyed = false;
  readonly webContents: FakeContents;
  constructor(url: string) {
    this.webContents = new FakeContents(url);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}

/** An IPC event as our window's main frame would send it. */
export function eventFrom(win: FakeWindow): { sender: FakeContents; senderFrame: FakeFrame } {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame };
}

export function preventable(url: string): {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
} {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}
