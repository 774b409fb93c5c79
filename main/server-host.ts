/**
 * Owns the desktop app's running servers (docs/architecture.md § Desktop app: server host):
 * starts and stops engine servers, reports each one's state, and batches their log records.
 * Node and the engine only — no electron — so the renderer's Playwright bridge runs the
 * very same host.
 *
 * Operations on one server id run one after another (a start while a stop is in progress
 * waits for the port to be free); different ids run independently.
 */
import { configChanges } from '../shared/config-changes.js';
import { folderName } from '../shared/folder-name.js';
import type {
  BodyQuery,
  ExchangeBodyView,
  LogBatch,
  ServerFailure,
  ServerState,
} from '../shared/ipc.js';
import { responseHeaderPairs } from '../shared/response-header-settings.js';
import { MAX_SERVERS, validateServerConfig, type ServerConfig } from '../shared/settings.js';
import { BodyStore } from './body-store.js';
import { checkFolder, expandHome } from './folder-check.js';
import { listenFailure } from './listen-failure.js';
import { DEFAULT_BATCH_INTERVAL_MS, DEFAULT_MAX_BATCH, LogBatcher } from './log-batcher.js';
import { LogHistory } from './log-history.js';
import { findFreePort, linksFor, normalizeBind } from './network.js';
import { sameTlsSettings } from '../shared/tls-settings.js';
import type { CertificateStore } from './certificate-store.js';
import { prepareTls } from './server-tls.js';
import {
  ThreadingHTTPSServer,
  ThreadingHTTPServer,
  makeHandlerClass,
  type HTTPServer,
} from './server/index.js';

export interface ServerHostEvents {
  onState(state: ServerState): void;
  onLog(batch: LogBatch): void;
}

export interface ServerHostOptions {
  /** How often log records are sent on (ms). Default 50. */
  batchIntervalMs?: number;
  /** Records per batch at most; the rest are counted as dropped. Default 2000. */
  maxBatch?: number;
  /** Where "a certificate for this computer" is kept (the app's user-data folder). */
  certificates?: CertificateStore;
}

/** States of stopped or failed servers are kept (for list()) up to this many. */
const MAX_REMEMBERED = 64;

interface Entry {
  state: ServerState;
  server: HTTPServer | null;
  /** The settings of this id's last successful start: a restart names what changed since. */
  lastRun?: ServerConfig;
}

function sameConfig(a: ServerConfig, b: ServerConfig): boolean {
  return (
    a.folder === b.folder &&
    normalizeBind(a.bind) === normalizeBind(b.bind) &&
    a.port === b.port &&
    a.protocol === b.protocol &&
    a.cgi === b.cgi &&
    a.followSymlinks === b.followSymlinks &&
    a.allowedHosts.join('\n') === b.allowedHosts.join('\n') &&
    JSON.stringify([a.responseHeaders, a.spa, a.authUser, a.authPassword]) ===
      JSON.stringify([b.responseHeaders, b.spa, b.authUser, b.authPassword]) &&
    sameTlsSettings(a, b)
  );
}

function isActive(entry: Entry | undefined): entry is Entry {
  return (
    entry !== undefined && (entry.state.status === 'running' || entry.state.status === 'starting')
  );
}

export class ServerHost {
  readonly #entries = new Map<string, Entry>();
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #batcher: LogBatcher;
  readonly #history = new LogHistory();
  readonly #certificates: CertificateStore | null;
  readonly #bodies = new BodyStore();
  #batchSeq = 0;
  /** Every start gets the next run number, so records of a restarted server are told apart. */
  #lastRun = 0;

  constructor(
    private readonly events: ServerHostEvents,
    options: ServerHostOptions = {},
  ) {
    this.#certificates = options.certificates ?? null;
    this.#batcher = new LogBatcher(
      (batch) => {
        const numbered = { ...batch, seq: ++this.#batchSeq };
        this.#history.record(numbered);
        events.onLog(numbered);
      },
      options.batchIntervalMs ?? DEFAULT_BATCH_INTERVAL_MS,
      options.maxBatch ?? DEFAULT_MAX_BATCH,
    );
  }

  /**
   * Validates, then starts: 'starting' → 'running' (bound address, port and URLs) or
   * 'failed' with a reason. An id already running with the same settings is left alone;
   * with different settings it is restarted.
   */
  start(config: ServerConfig): Promise<ServerState> {
    const key = typeof config?.id === 'string' ? config.id : '';
    return this.#serially(key, () => this.#start(config));
  }

  /** Stops the server and resolves once its port is free. */
  stop(id: string): Promise<ServerState> {
    return this.#serially(id, () => this.#stop(id));
  }

  /** Every server this host knows: running, starting, and recently stopped or failed. */
  list(): ServerState[] {
    return [...this.#entries.values()].map((entry) => structuredClone(entry.state));
  }

  /**
   * Each server's recent log, for a window that reloaded. Pending records are sent first,
   * so the replay and the live batches after it neither overlap nor leave a gap.
   */
  recentLog(): LogBatch {
    this.#batcher.flush();
    return this.#history.replay();
  }

  clearLog(id: string): void {
    this.#history.clear(id);
    this.#bodies.clear(id);
  }

  /** The inspector's bodies come from this server from now on (main/body-store.ts). */
  keepBodiesFor(id: string): void {
    this.#bodies.select(id);
  }

  exchangeBodies(query: BodyQuery): ExchangeBodyView | null {
    return this.#bodies.view(query);
  }

  /** Stops every server (the app is quitting) and sends the last log records. */
  async stopAll(): Promise<void> {
    // Active servers, and ids with an operation in progress (a start still checking its folder).
    const active = [...this.#entries].filter(([, entry]) => isActive(entry)).map(([id]) => id);
    const ids = new Set([...active, ...this.#queues.keys()]);
    await Promise.all([...ids].map((id) => this.stop(id).catch(() => undefined)));
    this.#batcher.flush();
  }

  #serially<T>(id: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const next = previous.then(operation, operation);
    const settled = next.catch(() => undefined);
    this.#queues.set(id, settled);
    void settled.then(() => {
      if (this.#queues.get(id) === settled) this.#queues.delete(id);
    });
    return next;
  }

  #setState(entry: Entry, state: ServerState): ServerState {
    entry.state = state;
    try {
      this.events.onState(structuredClone(state));
    } catch {
      // A closed window must not stop a server from starting or stopping.
    }
    return structuredClone(state);
  }

  #remember(id: string, entry: Entry): void {
    this.#entries.delete(id); // re-insert: Map order becomes "most recently used last"
    this.#entries.set(id, entry);
    if (this.#entries.size <= MAX_REMEMBERED) return;
    for (const [oldId, old] of this.#entries) {
      if (this.#entries.size <= MAX_REMEMBERED) break;
      if (!isActive(old)) this.#entries.delete(oldId);
    }
  }

  async #start(raw: ServerConfig): Promise<ServerState> {
    const checked = validateServerConfig(raw);
    if (!checked.ok) {
      const [field, message] = Object.entries(checked.errors)[0] ?? ['id', 'Invalid settings.'];
      return {
        id: typeof raw?.id === 'string' ? raw.id : '',
        config: raw,
        status: 'failed',
        urls: [],
        failure: { code: 'invalid-settings', field: field as keyof ServerConfig, message },
      };
    }
    const config = { ...checked.value, folder: expandHome(checked.value.folder) };
    const existing = this.#entries.get(config.id);
    if (isActive(existing)) {
      if (sameConfig(existing.state.config, config)) return structuredClone(existing.state);
      await this.#stop(config.id);
    }
    const entry: Entry = {
      state: { id: config.id, config, status: 'stopped', urls: [] },
      server: null,
      lastRun: existing?.lastRun,
    };
    this.#remember(config.id, entry);

    const running = [...this.#entries.values()].filter(isActive).length;
    if (running >= MAX_SERVERS) {
      return this.#fail(entry, {
        code: 'invalid-settings',
        message: `At most ${MAX_SERVERS} servers can run at once. Stop one first.`,
      });
    }
    const folderProblem = await checkFolder(config.folder);
    if (folderProblem) return this.#fail(entry, folderProblem);

    const tls = config.tls === 'off' ? null : await prepareTls(config, this.#certificates);
    if (tls !== null && 'failure' in tls) return this.#fail(entry, tls.failure);

    this.#setState(entry, { id: config.id, config, status: 'starting', urls: [] });
    const bind = normalizeBind(config.bind);
    const run = ++this.#lastRun;
    let server: HTTPServer | undefined;
    try {
      const Handler = makeHandlerClass({
        directory: config.folder,
        protocolVersion: config.protocol,
        cgi: config.cgi,
        followSymlinks: config.followSymlinks,
        responseHeaders: responseHeaderPairs(config.responseHeaders),
        spa: config.spa,
        auth:
          config.authUser === '' ? null : { user: config.authUser, password: config.authPassword },
      });
      const serverOptions = {
        logSink: this.#bodies.sinkFor(config.id, this.#batcher.sinkFor(config.id, run)),
        allowedHosts: config.allowedHosts,
      };
      server =
        tls === null
          ? new ThreadingHTTPServer([bind, config.port], Handler, serverOptions)
          : new ThreadingHTTPSServer([bind, config.port], Handler, {
              ...serverOptions,
              ...tls.options,
            });
      await server.ready;
    } catch (error) {
      await server?.serverClose().catch(() => undefined);
      const failure = listenFailure(error, config.bind, config.port);
      if (failure.code === 'port-in-use') this.#nameTheHolder(failure, config);
      if (failure.code === 'port-in-use') {
        const freePort = await findFreePort(bind, config.port).catch(() => undefined);
        if (freePort !== undefined) {
          failure.freePort = freePort;
          failure.message += ` Port ${freePort} is free.`;
        }
      }
      return this.#fail(entry, failure);
    }
    const listening = server;
    entry.server = listening;
    this.#markRestart(entry, config, run);
    listening.serveForever().catch((error: unknown) => {
      // serveForever only rejects if the socket broke; report it rather than hide it.
      if (entry.server !== listening) return;
      entry.server = null;
      void listening.serverClose();
      this.#fail(entry, listenFailure(error, config.bind, config.port));
    });
    const [boundAddress, boundPort] = listening.boundAddress();
    const links = linksFor(config.bind, boundPort, tls === null ? 'http' : 'https');
    return this.#setState(entry, {
      id: config.id,
      config,
      status: 'running',
      boundAddress,
      boundPort,
      urls: links.map((link) => link.url),
      links,
      startedAt: Date.now(),
      run,
      ...(tls !== null ? { certificate: tls.certificate } : {}),
    });
  }

  /** A second or later start of this id: the log gets a divider naming what changed. */
  #markRestart(entry: Entry, config: ServerConfig, run: number): void {
    const before = entry.lastRun;
    entry.lastRun = config;
    if (before === undefined) return;
    this.#batcher.restart({
      serverId: config.id,
      run,
      time: Date.now(),
      protocol: config.protocol,
      changes: configChanges(before, config),
    });
  }

  /**
   * When the port is held by another of this app's servers, say which tab: "another
   * program" would send the person looking outside the app for what sits in the next tab.
   */
  #nameTheHolder(failure: ServerFailure, config: ServerConfig): void {
    if (config.port === 0) return;
    for (const [id, other] of this.#entries) {
      if (id === config.id || !isActive(other) || other.state.boundPort !== config.port) continue;
      const name = folderName(other.state.config.folder);
      failure.usedByTab = name;
      failure.message = `Port ${config.port} is used by the tab '${name}' in this app. Stop that server or choose another port.`;
      return;
    }
  }

  #fail(entry: Entry, failure: ServerFailure): ServerState {
    const { id, config } = entry.state;
    return this.#setState(entry, { id, config, status: 'failed', urls: [], failure });
  }

  async #stop(id: string): Promise<ServerState> {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw new Error(`There is no server "${id}".`);
    const server = entry.server;
    entry.server = null;
    if (server !== null) {
      // shutdown(): in-flight responses finish (bounded); serverClose(): the port is free.
      await server.shutdown();
      await server.serverClose();
    }
    const { config } = entry.state;
    return this.#setState(entry, { id, config, status: 'stopped', urls: [] });
  }
}
