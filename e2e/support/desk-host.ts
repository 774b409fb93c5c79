/**
 * The test process's side of the bridge: every DeskBridge request answered by the REAL
 * main-process modules that have no electron in them (the server host, network helpers,
 * settings store, URL opener and log export). Only the three things that are Electron UI —
 * the folder dialog, the save dialog and shell.openExternal — are played by the test:
 * `nextFolder`, `exportFile` and `opened` below.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeskBridge, LogBatch, ServerState, TlsFilePurpose } from '../../shared/ipc.js';
import { createHandlers } from '../../main/ipc-handlers.js';
import { exportLog } from '../../main/log-export.js';
import { findFreePort, listAddresses } from '../../main/network.js';
import { createUrlOpener } from '../../main/open-url.js';
import { CertificateStore } from '../../main/certificate-store.js';
import { ServerHost } from '../../main/server-host.js';
import { SettingsStore } from '../../main/settings-store.js';

/** The request half of DeskBridge: what the page's `window.httpdesk` forwards here. */
export type DeskRequests = Omit<DeskBridge, 'onLog' | 'onServerState'>;

export interface DeskEvents {
  onLog(batch: LogBatch): void;
  onServerState(state: ServerState): void;
}

export class DeskHost {
  readonly host: ServerHost;
  readonly settings: SettingsStore;
  /** "A certificate for this computer", kept in the test's folder instead of user data. */
  readonly certificates: CertificateStore;
  /** What the "native" folder dialog answers next (null = cancelled). */
  nextFolder: string | null = null;
  /** What the "native" file dialog answers next for each HTTPS file (absent = cancelled). */
  nextTlsFile: Partial<Record<TlsFilePurpose, string>> = {};
  /** URLs the panel asked to open in the browser, after main's checks let them through. */
  readonly opened: string[] = [];
  /** Where the "native" save dialog puts an exported log. */
  readonly exportFile: string;
  readonly requests: DeskRequests;
  /** Log records (requests and messages) the host's batcher dropped because a batch was full. */
  droppedRecords = 0;
  /** Request records the host sent on to the page. */
  requestRecords = 0;
  /** Calls from the page still running: close() lets them finish before the folder goes. */
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;
  #listeners: DeskEvents | null = null;

  constructor(dir: string) {
    this.exportFile = path.join(dir, 'exported.log');
    this.settings = new SettingsStore(path.join(dir, 'settings.json'));
    this.certificates = new CertificateStore(path.join(dir, 'certificates'));
    this.host = new ServerHost(
      {
        onState: (state) => this.#listeners?.onServerState(state),
        onLog: (batch) => {
          this.droppedRecords += batch.dropped;
          this.requestRecords += batch.requests.length;
          this.#listeners?.onLog(batch);
        },
      },
      { certificates: this.certificates },
    );
    const openUrl = createUrlOpener({
      listServers: () => this.host.list(),
      openExternal: async (url) => {
        this.opened.push(url);
      },
      now: () => Date.now() + this.opened.length * 1000, // no rate limit between test clicks
    });
    // The page is not trusted: every request goes through main's own handlers
    // (main/ipc-handlers.ts), so these specs exercise exactly main's payload validation.
    const handlers = createHandlers({
      host: this.host,
      settings: this.settings,
      pickFolder: async () => this.nextFolder,
      pickTlsFile: async (purpose) => this.nextTlsFile[purpose] ?? null,
      openUrl: (url) => openUrl(url),
      exportLog: (payload) => exportLog(payload, { askSavePath: async () => this.exportFile }),
      listAddresses,
      findFreePort,
      sampleSiteFolder: () =>
        path.resolve(fileURLToPath(import.meta.url), '../../../app/sample-site'),
    });
    this.requests = {
      startServer: (config) => handlers['server:start'](config),
      stopServer: (id) => handlers['server:stop'](id),
      listServers: () => handlers['server:list'](undefined),
      pickFolder: () => handlers['dialog:pickFolder'](undefined),
      pickTlsFile: (purpose) => handlers['dialog:pickTlsFile'](purpose),
      listAddresses: () => handlers['net:addresses'](undefined),
      suggestFreePort: (bind) => handlers['net:freePort'](bind),
      openUrl: (url) => handlers['shell:openUrl'](url),
      loadSettings: () => handlers['settings:load'](undefined),
      saveSettings: (settings) => handlers['settings:save'](settings),
      exportLog: (payload) => handlers['log:export'](payload),
      recentLog: () => handlers['log:recent'](undefined),
      sendComposed: (payload) => handlers['composer:send'](payload),
      sampleSiteFolder: () => handlers['app:sampleSite'](undefined),
      clearLog: (id) => handlers['log:clear'](id),
      keepBodiesFor: (id) => handlers['body:keepFor'](id),
      exchangeBodies: (query) => handlers['body:get'](query),
    } satisfies DeskRequests;
  }

  /** Events go to one page at a time (the bridge re-attaches after a reload). */
  attach(listeners: DeskEvents): void {
    this.#listeners = listeners;
  }

  /** Runs one request from the page, tracked until it settles. */
  call(run: () => Promise<unknown>): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('The test is over.'));
    const promise = run();
    this.#pending.add(promise);
    const forget = () => this.#pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  async close(): Promise<void> {
    // The page may outlive this fixture for a moment: refuse its late calls.
    this.#closed = true;
    this.#listeners = null;
    // A debounced settings save may still be writing into the test's folder.
    await Promise.allSettled([...this.#pending]);
    await this.host.stopAll();
  }
}
