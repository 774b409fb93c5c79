/**
 * The bodies main keeps for the inspector (docs/architecture.md § Desktop app: bodies in
 * the inspector): only the selected server's, its newest `MAX_EXCHANGES` exchanges, within
 * `MAX_BYTES` in all; each body is at most the engine's first 64 KiB. Only the selected
 * server's sink asks the engine to capture, so other servers copy no byte. Bodies reach the
 * window one exchange at a time, when it opens a row, never with the log batches.
 */
import { bodyView } from '../shared/body-view.js';
import type { BodyQuery, ExchangeBodyView, ShownBody } from '../shared/ipc.js';
import type { CapturedBody, ExchangeBodies, LogSink, RequestRecord } from '../shared/log.js';

export const BODY_STORE_MAX_EXCHANGES = 200;
export const BODY_STORE_MAX_BYTES = 16 * 1024 * 1024;

function keyOf(connectionId: number, requestIndex: number): string {
  return `${connectionId}:${requestIndex}`;
}

function sizeOf(bodies: ExchangeBodies): number {
  return bodies.response.bytes.length + (bodies.request?.bytes.length ?? 0);
}

function shown(body: CapturedBody): ShownBody {
  return { ...bodyView(body.bytes, body.total), total: body.total };
}

export class BodyStore {
  #serverId: string | null = null;
  /** Oldest first (Map keeps insertion order), so eviction takes from the front. */
  readonly #kept = new Map<string, ExchangeBodies>();
  #bytes = 0;

  constructor(
    private readonly maxExchanges = BODY_STORE_MAX_EXCHANGES,
    private readonly maxBytes = BODY_STORE_MAX_BYTES,
  ) {}

  /** Bytes of body held now (for tests and the memory figure). */
  get bytes(): number {
    return this.#bytes;
  }

  get selected(): string | null {
    return this.#serverId;
  }

  /** Keeps the bodies of `serverId` from now on; another server's kept bodies are let go. */
  select(serverId: string): void {
    if (serverId === this.#serverId) return;
    this.#serverId = serverId;
    this.#forgetAll();
  }

  /** Forgets a server's bodies (Clear, Remove). */
  clear(serverId: string): void {
    if (serverId === this.#serverId) this.#forgetAll();
  }

  keep(serverId: string, record: RequestRecord, bodies: ExchangeBodies): void {
    if (serverId !== this.#serverId) return;
    const size = sizeOf(bodies);
    if (size > this.maxBytes) return;
    const key = keyOf(record.connectionId, record.requestIndex);
    this.#drop(key);
    this.#kept.set(key, bodies);
    this.#bytes += size;
    for (const [oldest] of this.#kept) {
      if (this.#kept.size <= this.maxExchanges && this.#bytes <= this.maxBytes) break;
      this.#drop(oldest);
    }
  }

  /** One exchange's bodies as the inspector shows them, or null when they are not kept. */
  view(query: BodyQuery): ExchangeBodyView | null {
    if (query.serverId !== this.#serverId) return null;
    const bodies = this.#kept.get(keyOf(query.connectionId, query.requestIndex));
    if (bodies === undefined) return null;
    return {
      request: bodies.request === null ? null : shown(bodies.request),
      response: shown(bodies.response),
    };
  }

  /**
   * Wraps a server's log sink: the engine captures bodies only while this server is the
   * selected one, and the record goes on to `inner` without them.
   */
  sinkFor(serverId: string, inner: LogSink): LogSink {
    const isSelected = () => this.#serverId === serverId;
    return {
      maxMessageChars: inner.maxMessageChars,
      message: (record) => inner.message(record),
      request: (record, bodies) => {
        inner.request?.(record);
        if (bodies !== undefined) this.keep(serverId, record, bodies);
      },
      get captureBodies() {
        return isSelected();
      },
    };
  }

  #drop(key: string): void {
    const old = this.#kept.get(key);
    if (old === undefined) return;
    this.#kept.delete(key);
    this.#bytes -= sizeOf(old);
  }

  #forgetAll(): void {
    this.#kept.clear();
    this.#bytes = 0;
  }
}
