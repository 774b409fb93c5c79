/**
 * The IPC contract between the control panel (renderer) and the main process.
 * docs/architecture.md § IPC contract: one map of renderer → main requests, each answering a Promise of a plain
 * JSON value, and one map of main → renderer events. No class instances, no Error objects.
 */
import type { BodyView } from './body-view.js';
import type { MessageRecord, RequestRecord } from './log.js';
import type { AppSettings, ConfigField, ProtocolVersion, ServerConfig } from './settings.js';

export type ServerStatus = 'stopped' | 'starting' | 'running' | 'failed';

/** Why a start failed, in words a person understands, and which field to fix. */
export interface ServerFailure {
  code:
    | 'port-in-use'
    | 'port-permission'
    | 'address-not-available'
    | 'folder-missing'
    | 'folder-unreadable'
    | 'invalid-settings'
    | 'certificate'
    | 'unknown';
  message: string;
  field?: ConfigField;
  /** For 'port-in-use': a port that was free when we looked. */
  freePort?: number;
  /** For 'port-in-use': the folder name of this app's own tab that holds the port. */
  usedByTab?: string;
}

export interface ServerState {
  id: string;
  config: ServerConfig;
  status: ServerStatus;
  /** Once running: the address and port actually bound (port 0 → the chosen one). */
  boundAddress?: string;
  boundPort?: number;
  /** Every URL a browser can use to reach it (each LAN address when bound to all). */
  urls: string[];
  /** The same URLs with their interface, network ones first (what a phone can use). */
  links?: ServerLink[];
  failure?: ServerFailure;
  /** ms since the epoch. */
  startedAt?: number;
  /** Once running: this start's run number (its log records carry the same). */
  run?: number;
  /** Over HTTPS: the certificate the server presents. */
  certificate?: ServerCertificate;
}

/** The certificate of a server running HTTPS, as the panel shows it next to the URLs. */
export interface ServerCertificate {
  /** SHA-256 of the certificate (DER) as AB:CD:…, what a browser's certificate viewer shows. */
  fingerprint: string;
  /** Made by the app for this computer, or the person's own files. */
  generated: boolean;
  /** ISO date after which browsers refuse it. */
  validUntil: string;
  /** Set when this start made a new certificate for this computer: why, in a sentence. */
  renewal?: string;
}

export interface ServerLink {
  url: string;
  /** Interface name, e.g. 'wlan0', 'eth0', 'lo' ('' when unknown). */
  interface: string;
  /** Loopback: only this computer can open it. */
  internal: boolean;
}

export interface NetworkAddress {
  /** Interface name, e.g. 'eth0', 'lo'. */
  name: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  internal: boolean;
}

export type Result<T = undefined> =
  | (T extends undefined ? { ok: true } : { ok: true; value: T })
  | { ok: false; error: string; fieldErrors?: Partial<Record<ConfigField, string>> };

export interface LoadedSettings {
  settings: AppSettings;
  /** Set when the file was missing fields, corrupt or unreadable and defaults were used. */
  warning?: string;
}

export interface LogExport {
  suggestedName: string;
  /** The log lines to write; capped by main at MAX_EXPORT_BYTES. */
  text: string;
}

export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

/** "Try a request": raw requests for the selected server, checked again by main. */
export interface ComposerPayload {
  serverId: string;
  /** Must be loopback or the address the server listens on; `port` its own port. */
  host: string;
  port: number;
  /** Each a whole raw request (CRLF line ends), sent as Latin-1 bytes. */
  requests: string[];
  /** All on one connection (keep-alive), or a new connection each. */
  sameConnection: boolean;
}

/** One request the composer sent and the response as it arrived. */
export interface ComposedExchange {
  sent: string;
  /** Status line and headers as received (interim 1xx heads first), CRLF line ends. */
  responseHead: string;
  body: BodyView;
  bodyBytes: number;
  /** From writing the request to the end of its response. */
  ms: number;
  /** The server had closed the connection by the end of this response. */
  closedAfter: boolean;
  /** Why there is no (complete) response. */
  error?: string;
}

/** Which exchange's bodies the inspector asks for (its record's ids). */
export interface BodyQuery {
  serverId: string;
  connectionId: number;
  requestIndex: number;
}

/** A kept body as shown: its first 64 KiB as text or hex, and its whole length. */
export interface ShownBody extends BodyView {
  total: number;
}

/** One exchange's bodies, as main kept them (docs/architecture.md § Desktop app: bodies in the inspector). */
export interface ExchangeBodyView {
  /** Null when the request announced no body. */
  request: ShownBody | null;
  response: ShownBody;
}

/** Renderer → main requests: channel → (argument) => answer. */
export interface IpcRequests {
  'server:start': (config: ServerConfig) => ServerState;
  'server:stop': (id: string) => ServerState;
  'server:list': () => ServerState[];
  'dialog:pickFolder': () => string | null;
  /** A native open dialog for one of the HTTPS files; the chosen path or null. */
  'dialog:pickTlsFile': (purpose: TlsFilePurpose) => string | null;
  'net:addresses': () => NetworkAddress[];
  'net:freePort': (bind: string) => number;
  'shell:openUrl': (url: string) => Result;
  'settings:load': () => LoadedSettings;
  'settings:save': (settings: AppSettings) => Result;
  'log:export': (payload: LogExport) => Result<string | null>;
  'composer:send': (payload: ComposerPayload) => Result<ComposedExchange[]>;
  /** The bundled sample site's folder (app/sample-site, or the packaged resource). */
  'app:sampleSite': () => string;
  /** Each server's recent log kept in main, for a window that reloaded. */
  'log:recent': () => LogBatch;
  /** Forget a server's kept log (Clear, Remove), so a reload does not bring it back. */
  'log:clear': (id: string) => Result;
  /** Keep this server's bodies for the inspector from now on (the selected tab). */
  'body:keepFor': (id: string) => Result;
  /** One exchange's kept bodies, or null when main does not hold them. */
  'body:get': (query: BodyQuery) => ExchangeBodyView | null;
}

export type RequestChannel = keyof IpcRequests;

/**
 * Which server a record came from, and which run of it: every start is a new run, whose
 * connections count from 1 again, so a connection is named by (run, connectionId).
 */
export interface LogOrigin {
  serverId: string;
  /** Unique per start in this app session; absent in records from before runs were numbered. */
  run?: number;
}

/** Which HTTPS file a picker is for (its title and file filter); main checks it again. */
export const TLS_FILE_PURPOSES = ['tlsCertFile', 'tlsKeyFile', 'tlsPasswordFile'] as const;
export type TlsFilePurpose = (typeof TLS_FILE_PURPOSES)[number];

/**
 * A server started again after an earlier run: the log shows a divider row there
 * ("Restarted — HTTP/1.0 · changed: HTTP/1.1 → HTTP/1.0").
 */
export interface RestartMarker {
  serverId: string;
  /** The new run; its records carry the same number. */
  run: number;
  time: number;
  protocol: ProtocolVersion;
  /** shared/config-changes.ts's words; [] = started again with the same settings. */
  changes: string[];
}

/** Records batched by the server host (about every 50 ms, capped per batch). */
export interface LogBatch {
  requests: Array<RequestRecord & LogOrigin>;
  messages: Array<MessageRecord & LogOrigin>;
  /** Records the host dropped since the previous batch because a batch was full. */
  dropped: number;
  /** Servers that started again: each comes before the first record of its run. */
  restarts?: RestartMarker[];
  /**
   * Batches are numbered in the order main sends them. A replay ('log:recent') carries the
   * number of the last batch it covers, so the panel skips live batches it already has.
   */
  seq?: number;
}

/** Main → renderer events. */
export interface IpcEvents {
  'server:log': LogBatch;
  'server:state': ServerState;
}

export type EventChannel = keyof IpcEvents;

/** The preload bridge's function names, one per request channel. */
export const BRIDGE_REQUESTS = {
  startServer: 'server:start',
  stopServer: 'server:stop',
  listServers: 'server:list',
  pickFolder: 'dialog:pickFolder',
  pickTlsFile: 'dialog:pickTlsFile',
  listAddresses: 'net:addresses',
  suggestFreePort: 'net:freePort',
  openUrl: 'shell:openUrl',
  loadSettings: 'settings:load',
  saveSettings: 'settings:save',
  exportLog: 'log:export',
  sendComposed: 'composer:send',
  sampleSiteFolder: 'app:sampleSite',
  recentLog: 'log:recent',
  clearLog: 'log:clear',
  keepBodiesFor: 'body:keepFor',
  exchangeBodies: 'body:get',
} as const satisfies Record<string, RequestChannel>;

type RequestFunction<C extends RequestChannel> = (
  ...args: Parameters<IpcRequests[C]>
) => Promise<ReturnType<IpcRequests[C]>>;

/**
 * What `window.httpdesk` offers the renderer. The preload's object `satisfies` this;
 * the Playwright bridge implements the same type against the real server host.
 */
export type DeskBridge = {
  [K in keyof typeof BRIDGE_REQUESTS]: RequestFunction<(typeof BRIDGE_REQUESTS)[K]>;
} & {
  onLog(listener: (batch: LogBatch) => void): () => void;
  onServerState(listener: (state: ServerState) => void): () => void;
};
