/**
 * Collects the engine's log records from every server and hands them on in batches
 * (docs/architecture.md § Desktop app: log pipeline), so 10,000
 * requests a second become 20 messages a second, not 20,000. A batch holds at most
 * `maxBatch` records; the rest are counted in `dropped` so the panel can say so, and memory
 * stays bounded however fast clients are.
 */
import type { LogBatch, RestartMarker } from '../shared/ipc.js';
import type { LogSink, MessageRecord, RequestRecord } from '../shared/log.js';
import { LOG_MESSAGE_MAX_CHARS } from '../shared/scrub.js';
import { redactCredentialFields } from './server/basic-auth.js';

export const DEFAULT_BATCH_INTERVAL_MS = 50;
export const DEFAULT_MAX_BATCH = 2_000;

export class LogBatcher {
  #requests: LogBatch['requests'] = [];
  #messages: LogBatch['messages'] = [];
  #dropped = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: (batch: LogBatch) => void,
    private readonly intervalMs = DEFAULT_BATCH_INTERVAL_MS,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {}

  /** A sink for one run of one server: its records are tagged with the server's id and the run. */
  sinkFor(serverId: string, run?: number): LogSink {
    const origin = run === undefined ? { serverId } : { serverId, run };
    return {
      // A message quotes the request line (log_request); the record holds it already.
      maxMessageChars: LOG_MESSAGE_MAX_CHARS,
      message: (record: MessageRecord) => {
        if (this.#hasRoom()) this.#messages.push({ ...record, ...origin });
      },
      request: (record: RequestRecord) => {
        if (!this.#hasRoom()) return;
        // Credentials never reach the window, its history or an exported log, whether or not
        // this server checks them (docs/architecture.md § Desktop app: log pipeline).
        const requestHeaders = redactCredentialFields(record.requestHeaders);
        this.#requests.push({ ...record, requestHeaders, ...origin });
      },
    };
  }

  #hasRoom(): boolean {
    if (this.#timer === null) {
      this.#timer = setTimeout(() => this.flush(), this.intervalMs);
      this.#timer.unref();
    }
    if (this.#requests.length + this.#messages.length < this.maxBatch) return true;
    this.#dropped++;
    return false;
  }

  /**
   * A server started again: what the old run logged goes out first, then the marker in a
   * batch of its own, so it lands between the two runs' records.
   */
  restart(marker: RestartMarker): void {
    this.flush();
    try {
      this.emit({ requests: [], messages: [], dropped: 0, restarts: [marker] });
    } catch {
      // A closed window must not break the server that is starting.
    }
  }

  /** Emits what is pending now (also used when servers stop, so the last lines arrive). */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#requests.length === 0 && this.#messages.length === 0 && this.#dropped === 0) return;
    const batch: LogBatch = {
      requests: this.#requests,
      messages: this.#messages,
      dropped: this.#dropped,
    };
    this.#requests = [];
    this.#messages = [];
    this.#dropped = 0;
    try {
      this.emit(batch);
    } catch {
      // A closed window must not break the servers that are logging.
    }
  }
}
