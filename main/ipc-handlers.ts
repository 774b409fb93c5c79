/**
 * What each request of shared/ipc.ts does in main, after main/ipc.ts has checked the sender:
 * validate the payload again with the panel's own validators, then call the service.
 * No electron here, so the renderer's Playwright bridge (e2e/support) can answer the page
 * with exactly these handlers.
 *
 * A payload that fails validation means a buggy or hijacked renderer (the panel validates
 * first), so the request is rejected; requests whose answer is a Result answer
 * { ok: false, error } instead.
 */
import {
  TLS_FILE_PURPOSES,
  type BodyQuery,
  type IpcRequests,
  type NetworkAddress,
  type RequestChannel,
  type Result,
  type TlsFilePurpose,
} from '../shared/ipc.js';
import {
  isServerId,
  validateBindAddress,
  validateServerConfig,
  type AppSettings,
} from '../shared/settings.js';
import { isRecord } from '../shared/values.js';
import { createComposer } from './request-composer.js';
import type { ServerHost } from './server-host.js';
import type { SettingsStore } from './settings-store.js';

/** What the handlers call; main.ts wires the real ones, tests may wire their own. */
export interface IpcServices {
  host: Pick<
    ServerHost,
    'start' | 'stop' | 'list' | 'recentLog' | 'clearLog' | 'keepBodiesFor' | 'exchangeBodies'
  >;
  settings: Pick<SettingsStore, 'load' | 'save' | 'settings'>;
  pickFolder(): Promise<string | null>;
  pickTlsFile(purpose: TlsFilePurpose): Promise<string | null>;
  openUrl(raw: unknown): Promise<Result>;
  exportLog(raw: unknown): Promise<Result<string | null>>;
  listAddresses(): NetworkAddress[];
  findFreePort(bind: string): Promise<number>;
  /** Where the bundled sample site is (main resolves packaged resources). */
  sampleSiteFolder(): string;
}

export type IpcHandlers = {
  [C in RequestChannel]: (arg: unknown) => Promise<ReturnType<IpcRequests[C]>>;
};

function invalid(what: string): never {
  throw new Error(`Refused: ${what}`);
}

/** The inspector's body request, checked again: a server id and an exchange's two counters. */
function parseBodyQuery(raw: unknown): BodyQuery {
  if (!isRecord(raw)) invalid('the body query must be an object');
  const { serverId, connectionId, requestIndex } = raw;
  const counter = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!isServerId(serverId) || !counter(connectionId) || !counter(requestIndex)) {
    invalid('invalid body query');
  }
  return { serverId, connectionId, requestIndex };
}

/** Every channel's handler, after the sender check. The mapped type forces one per channel. */
export function createHandlers(services: IpcServices): IpcHandlers {
  const compose = createComposer(() => services.host.list());
  return {
    'server:start': async (raw) => {
      const checked = validateServerConfig(raw);
      if (!checked.ok) {
        const why = Object.entries(checked.errors).map(
          ([field, message]) => `${field}: ${message}`,
        );
        invalid(`invalid server settings (${why.join(' ')})`);
      }
      // The host checks the folder exists and is readable, and answers a 'failed' state
      // ('folder-missing' / 'folder-unreadable') the panel shows next to the field.
      return services.host.start(checked.value);
    },
    'server:stop': async (id) => {
      if (!isServerId(id)) invalid('invalid server id');
      return services.host.stop(id);
    },
    'server:list': async () => services.host.list(),
    'dialog:pickFolder': async () => services.pickFolder(),
    'dialog:pickTlsFile': async (purpose) => {
      if (!(TLS_FILE_PURPOSES as readonly unknown[]).includes(purpose))
        invalid('invalid file purpose');
      return services.pickTlsFile(purpose as TlsFilePurpose);
    },
    'net:addresses': async () => services.listAddresses(),
    'net:freePort': async (bind) => {
      if (typeof bind !== 'string' || validateBindAddress(bind.trim()) !== null) {
        invalid('invalid bind address');
      }
      return services.findFreePort(bind.trim());
    },
    'shell:openUrl': async (url) => services.openUrl(url),
    'settings:load': async () => services.settings.load(),
    'settings:save': async (raw) => {
      if (!isRecord(raw)) return { ok: false, error: 'Settings must be an object.' };
      // Main owns the window size (it saves it on resize); the panel's copy may be stale.
      const settings = { ...raw, window: services.settings.settings.window };
      return services.settings.save(settings as unknown as AppSettings);
    },
    'log:export': async (payload) => services.exportLog(payload),
    // Checked again in main: only the selected, running server's own address and port.
    'composer:send': async (payload) => compose(payload),
    'app:sampleSite': async () => services.sampleSiteFolder(),
    'log:recent': async () => services.host.recentLog(),
    'log:clear': async (id) => {
      if (!isServerId(id)) invalid('invalid server id');
      services.host.clearLog(id);
      return { ok: true };
    },
    'body:keepFor': async (id) => {
      if (!isServerId(id)) invalid('invalid server id');
      services.host.keepBodiesFor(id);
      return { ok: true };
    },
    'body:get': async (raw) => services.host.exchangeBodies(parseBodyQuery(raw)),
  };
}
