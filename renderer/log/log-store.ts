/**
 * Where log batches from main land: one capped ring buffer per server, kept outside React
 * so thousands of records a second cost a push each, and React re-renders at most once
 * per animation frame (docs/architecture.md § Desktop app: log pipeline).
 */
import type { LogBatch } from '../../shared/ipc.js';
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
import { displayText, formatClock, formatDuration, formatSize } from './format.js';

/** Rows kept per server. At ~1 KB a row this bounds the log near 20 MB per server. */
export const LOG_CAPACITY = 20_000;
/** Engine messages (e.g. "code 404, message File not found"), shown in the inspector. */
const MESSAGE_CAPACITY = 2_000;

/** A record with its display strings computed once, on arrival, not on every scroll. */
export interface LogRow {
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
  add(row: LogRow): void {
    this.rows.push(row);
    this.clients.count(row.client, row.device, row.record.time);
  }
  clear(): void {
    this.rows.clear();
    this.messages.clear();
    this.clients.clear();
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
    seq,
    serverId,
    run,
    record,
    time: formatClock(record.time),
    client,
    device,
    request: request === '' ? '(no request line)' : request,
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
    for (const record of batch.requests) {
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
