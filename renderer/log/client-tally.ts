/**
 * Who connected to one server: a running count per client (address and device), kept as
 * rows arrive, so the summary covers every request since the last Clear even after the
 * log's ring has let old rows go. Bounded: at most MAX_CLIENTS entries, the one seen
 * longest ago is forgotten first (docs/architecture.md § Desktop app: log pipeline).
 */

/** Far more than a classroom or a LAN demo; a scan of the whole internet is cut here. */
export const MAX_CLIENTS = 500;

export interface ClientSummary {
  address: string;
  /** shared/user-agent.ts's short name: "iPhone · Safari", "curl 8.5". */
  device: string;
  requests: number;
  /** ms since the epoch of its latest request. */
  lastSeen: number;
}

export class ClientTally {
  /** Insertion order is "least recently seen first", so eviction takes the first key. */
  readonly #clients = new Map<string, ClientSummary>();
  /** Clients forgotten to stay within MAX_CLIENTS since the last clear. */
  forgotten = 0;

  count(address: string, device: string, time: number): void {
    const key = `${address}\n${device}`;
    const known = this.#clients.get(key);
    if (known) this.#clients.delete(key);
    const entry = known ?? { address, device, requests: 0, lastSeen: time };
    entry.requests += 1;
    entry.lastSeen = Math.max(entry.lastSeen, time);
    this.#clients.set(key, entry);
    if (this.#clients.size <= MAX_CLIENTS) return;
    const oldest = this.#clients.keys().next().value;
    if (oldest !== undefined) this.#clients.delete(oldest);
    this.forgotten += 1;
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Most recently seen first. */
  list(): ClientSummary[] {
    return [...this.#clients.values()].reverse().map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.#clients.clear();
    this.forgotten = 0;
  }
}
