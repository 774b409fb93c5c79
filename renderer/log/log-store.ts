/**
 * Where log batches from main land: one capped ring buffer per server, kept outside React
 * so thousands of records a second cost a push each, and React re-renders at most once
 * per animation frame (docs/architecture.md § Desktop app: log pipeline).
 */
import type { LogBatch, RestartMarker } from '../../shared/ipc.js';
import {
  scriptFailed,
  statusClass,
  type MessageRecord,
  type RequestRecord,
  type StatusClass,
} from '../../shared/log.js';
import { RingBuffer } from '../../shared/ring-buffer.js';
import { deviceName, userAgentOf } from '../../shared/user-agent.js';
import { ClientTally } from './client-tally.js';
import { MAX_DIVIDERS, toDivider, type LogDivider } from './restart-divider.js';
import { displayText, formatClock, formatDuration, formatSize } from './format.js';

/** Rows kept per server. At ~1 KB a row this bounds the log near 20 MB per server. */
export const LOG_CAPACITY = 20_000;
/** Engine messages (e.g. "code 404, message File not found"), shown in the inspector. */
const MESSAGE_CAPACITY = 2_000;

/** A record with its display strings computed once, on arrival, not on every scroll. */
export interface LogRow {
  kind: 'request';
  seq: number;
  serverId: string;
  /** Which start of the server answered: connection numbers restart at 1 with each run. */
  run: number | undefined;
  record: RequestRecord;
  time: string;
  client: string;
  /** From the User-Agent: "iPhone · Safari", "curl 8.5". */
  device: string;
  request: string;
  /** The HTTP version that answered, from the status line sent ('1.0', '1.1'; '—' for none). */
  version: string;
  status: string;
  statusClass: StatusClass;
  /** A CGI script that exited non-zero or was ended: marked, though the status was 200. */
  scriptFailed: boolean;
  size: string;
  duration: string;
  /** Lower-cased text the filter box searches. */
  haystack: string;
}

export interface MessageRow {
  run: number | undefined;
  record: MessageRecord;
  text: string;
}

/** One connection is (run, connection number): a restarted server counts from 1 again. */
export function onSameConnection(
  a: { run: number | undefined; record: { connectionId: number } },
  b: { run: number | undefined; record: { connectionId: number } },
): boolean {
  return a.run === b.run && a.record.connectionId === b.record.connectionId;
}

export class ServerLog {
  readonly rows = new RingBuffer<LogRow>(LOG_CAPACITY);
  readonly messages = new RingBuffer<MessageRow>(MESSAGE_CAPACITY);
  readonly clients = new ClientTally();
  /** Where runs part, oldest first; each after the last row of the run before it. */
  dividers: LogDivider[] = [];
  add(row: LogRow): void {
    this.rows.push(row);
    this.clients.count(row.client, row.device, row.record.time);
  }
  /** A restart divides the log only when there is something above it to divide. */
  divide(marker: RestartMarker): void {
    const last = this.rows.at(this.rows.length - 1);
    if (last === undefined) return;
    // Restarted twice with no request between: one divider, saying what holds now.
    if (this.dividers.at(-1)?.afterSeq === last.seq) this.dividers.pop();
    this.dividers.push(toDivider(marker, last.seq));
    if (this.dividers.length > MAX_DIVIDERS) this.dividers.shift();
  }
  clear(): void {
    this.rows.clear();
    this.messages.clear();
    this.clients.clear();
    this.dividers = [];
  }
}

function toRow(
  seq: number,
  serverId: string,
  run: number | undefined,
  record: RequestRecord,
): LogRow {
  const request = displayText(record.requestLine);
  const client = displayText(record.client);
  const status = record.status === null ? '—' : String(record.status);
  const device = deviceName(userAgentOf(record.requestHeaders));
  return {
    kind: 'request',
    seq,
    serverId,
    run,
    record,
    time: formatClock(record.time),
    client,
    device,
    request: request === '' ? '(no request line)' : request,
    version: /^HTTP\/(\d\.\d) /.exec(record.responseStatusLine)?.[1] ?? '—',
    status,
    statusClass: statusClass(record.status),
    scriptFailed: scriptFailed(record.script),
    size: formatSize(record.size),
    duration: formatDuration(record.durationMs),
    haystack: `${client} ${device} ${request} ${status}`.toLowerCase(),
  };
}

export class LogStore {
  readonly #logs = new Map<string, ServerLog>();
  readonly #listeners = new Set<() => void>();
  #version = 0;
  #seq = 0;
  #frame: number | null = null;
  /** Records the host dropped before they reached the window (a batch was full); batches do not say whose. */
  droppedTotal = 0;
  readonly capacity = LOG_CAPACITY;

  log(serverId: string): ServerLog {
    let log = this.#logs.get(serverId);
    if (!log) {
      log = new ServerLog();
      this.#logs.set(serverId, log);
    }
    return log;
  }

  ingest(batch: LogBatch): void {
    // A run's divider goes before its first record (a replay brings both in one batch).
    const restarts = [...(batch.restarts ?? [])].sort((a, b) => a.run - b.run);
    const divideUpTo = (serverId: string, run: number) => {
      for (let i = 0; i < restarts.length;) {
        const marker = restarts[i]!;
        if (marker.serverId === serverId && marker.run <= run) {
          this.log(serverId).divide(marker);
          restarts.splice(i, 1);
        } else i++;
      }
    };
    for (const record of batch.requests) {
      if (restarts.length > 0 && record.run !== undefined) divideUpTo(record.serverId, record.run);
      this.#seq += 1;
      this.log(record.serverId).add(toRow(this.#seq, record.serverId, record.run, record));
    }
    for (const record of batch.messages) {
      this.log(record.serverId).messages.push({
        run: record.run,
        record,
        text: displayText(record.text),
      });
    }
    for (const marker of restarts) this.log(marker.serverId).divide(marker);
    if (batch.dropped > 0) this.droppedTotal += batch.dropped;
    this.#changed();
  }

  clear(serverId: string): void {
    this.log(serverId).clear();
    this.#changed();
  }

  forget(serverId: string): void {
    this.#logs.delete(serverId);
    this.#changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getVersion = (): number => this.#version;

  /** Coalesce: many batches inside one frame cause one render. */
  #changed(): void {
    if (this.#frame !== null) return;
    const notify = () => {
      this.#frame = null;
      this.#version += 1;
      for (const listener of this.#listeners) listener();
    };
    // A hidden window gets no animation frames; the timeout keeps the view current anyway.
    if (document.visibilityState === 'hidden') {
      this.#frame = window.setTimeout(notify, 250);
    } else {
      this.#frame = window.requestAnimationFrame(notify);
    }
  }
}
