/**
 * Each server's recent log, kept in main so a reloaded window (View › Reload, a renderer
 * crash) gets it back: the servers keep running in main, and their log should too
 * (docs/architecture.md § Desktop app: log replay). Bounded like the panel's own ring:
 * at most HISTORY_REQUESTS request records and HISTORY_MESSAGES messages per server, for
 * at most MAX_HISTORY_SERVERS servers (the least recently logging one is forgotten first).
 */
import type { LogBatch, RestartMarker } from '../shared/ipc.js';
import { RingBuffer } from '../shared/ring-buffer.js';

export const HISTORY_REQUESTS = 2_000;
export const HISTORY_MESSAGES = 500;
const MAX_HISTORY_SERVERS = 64;
/** Restart dividers kept per server: more than the requests' ring can separate anyway. */
export const HISTORY_RESTARTS = 100;

interface ServerHistory {
  requests: RingBuffer<LogBatch['requests'][number]>;
  messages: RingBuffer<LogBatch['messages'][number]>;
  restarts: RingBuffer<RestartMarker>;
}

export class LogHistory {
  readonly #servers = new Map<string, ServerHistory>();
  /** The seq of the last batch recorded: a replay covers every batch up to it. */
  #lastSeq = 0;

  record(batch: LogBatch & { seq: number }): void {
    this.#lastSeq = batch.seq;
    for (const record of batch.requests) this.#of(record.serverId).requests.push(record);
    for (const record of batch.messages) this.#of(record.serverId).messages.push(record);
    for (const marker of batch.restarts ?? []) this.#of(marker.serverId).restarts.push(marker);
  }

  /** Everything kept, oldest first, as one batch stamped with the last recorded seq. */
  replay(): LogBatch & { seq: number } {
    const batch: LogBatch & { seq: number } = {
      requests: [],
      messages: [],
      dropped: 0,
      seq: this.#lastSeq,
    };
    for (const history of this.#servers.values()) {
      for (let i = 0; i < history.requests.length; i++) {
        const record = history.requests.at(i);
        if (record) batch.requests.push(record);
      }
      for (let i = 0; i < history.messages.length; i++) {
        const record = history.messages.at(i);
        if (record) batch.messages.push(record);
      }
      for (let i = 0; i < history.restarts.length; i++) {
        const marker = history.restarts.at(i);
        if (marker) (batch.restarts ??= []).push(marker);
      }
    }
    batch.requests.sort((a, b) => a.time - b.time);
    return batch;
  }

  /** The person cleared this server's log (or removed the server): do not bring it back. */
  clear(serverId: string): void {
    this.#servers.delete(serverId);
  }

  #of(serverId: string): ServerHistory {
    let history = this.#servers.get(serverId);
    if (history) {
      // Re-insert: Map order becomes "most recently logging last".
      this.#servers.delete(serverId);
    } else {
      history = {
        requests: new RingBuffer(HISTORY_REQUESTS),
        messages: new RingBuffer(HISTORY_MESSAGES),
        restarts: new RingBuffer(HISTORY_RESTARTS),
      };
    }
    this.#servers.set(serverId, history);
    if (this.#servers.size > MAX_HISTORY_SERVERS) {
      const oldest = this.#servers.keys().next().value;
      if (oldest !== undefined) this.#servers.delete(oldest);
    }
    return history;
  }
}
