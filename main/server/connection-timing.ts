/**
 * The clock of one connection: how long it may wait for a request head, how long a kept-alive
 * connection may sit idle, and how long an unread body may take to drain. server.py has none
 * of this (it blocks on `rfile.readline()` with no timeout); the handler asks this module and
 * reads like server.py's `handle_one_request` (docs/architecture.md § Engine: connection timing).
 *
 * Rules (README "Security"):
 * - a connection waiting for a request — its first, or its next one after keep-alive — waits
 *   `requestHeadTimeoutMs` (first) or `keepAliveTimeoutMs` (next); it is *idle* meanwhile and
 *   may be woken to close (server shutdown);
 * - once the first byte of a head arrived, the whole head must follow within
 *   `requestHeadTimeoutMs` from that byte (slowloris), however slowly it trickles;
 * - a body no handler read is drained within `requestHeadTimeoutMs` (up to
 *   `maxDrainBodyBytes`), else the connection closes.
 */
import type { ServerLimits } from './limits.js';
import type { ParseResult } from './request-parser.js';
import type { SocketReader } from './socket-reader.js';

/** Outcome of waiting for a request head. */
export type HeadWait =
  ParseResult | { kind: 'eof' } | { kind: 'timeout'; partial: boolean } | { kind: 'shutdown' };

type TimingLimits = Pick<
  ServerLimits,
  'requestHeadTimeoutMs' | 'keepAliveTimeoutMs' | 'maxDrainBodyBytes'
>;

/** Looks at everything buffered so far; answers `partial` until a head is complete. */
export type HeadParse = (buffered: Buffer) => ParseResult;

export class ConnectionTiming {
  readonly #reader: SocketReader;
  readonly #limits: TimingLimits;
  readonly #shuttingDown: () => boolean;
  readonly #onIdleChange: (idle: boolean) => void;
  #wakeIdleFn: (() => void) | null = null;

  /**
   * `onIdleChange` hears when the connection starts and stops being idle, so the server can
   * close the longest-idle connection to admit a new one at its connection cap.
   */
  constructor(
    reader: SocketReader,
    limits: TimingLimits,
    shuttingDown: () => boolean,
    onIdleChange: (idle: boolean) => void = () => undefined,
  ) {
    this.#reader = reader;
    this.#limits = limits;
    this.#shuttingDown = shuttingDown;
    this.#onIdleChange = onIdleChange;
  }

  get #wakeIdle(): (() => void) | null {
    return this.#wakeIdleFn;
  }

  set #wakeIdle(wake: (() => void) | null) {
    const changed = (wake === null) !== (this.#wakeIdleFn === null);
    this.#wakeIdleFn = wake;
    if (changed) this.#onIdleChange(wake !== null);
  }

  /** True while waiting for a request head with no byte of it received yet. */
  get isIdle(): boolean {
    return this.#wakeIdle !== null && this.#reader.buffered === 0;
  }

  /** Wakes a wait for the next request that has no byte yet, so the connection can close. */
  interruptIdle(): void {
    this.#wakeIdle?.();
  }

  /**
   * Reads until `parse` answers something other than `partial`, under the deadlines above.
   * `keptAlive`: this is not the connection's first request (the idle wait is the keep-alive
   * timeout).
   */
  waitForHead(keptAlive: boolean, parse: HeadParse): Promise<HeadWait> {
    const limits = this.#limits;
    const reader = this.#reader;
    let started = reader.buffered > 0;
    // One timer per wait, re-armed once at the first byte: a head trickled byte by byte costs
    // a parse step per read, never a timer per read.
    return new Promise<HeadWait>((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (wait: HeadWait) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#wakeIdle = null;
        resolve(wait);
      };
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => finish({ kind: 'timeout', partial: started }), ms);
      };
      arm(started || !keptAlive ? limits.requestHeadTimeoutMs : limits.keepAliveTimeoutMs);
      const step = () => {
        if (settled) return;
        if (reader.buffered > 0) {
          if (!started) {
            started = true;
            this.#wakeIdle = null;
            arm(limits.requestHeadTimeoutMs); // slowloris: the head has a deadline
          }
          const result = parse(reader.peek());
          if (result.kind !== 'partial') return finish(result);
        }
        if (reader.ended) return finish({ kind: 'eof' });
        if (!started) {
          if (this.#shuttingDown()) return finish({ kind: 'shutdown' });
          this.#wakeIdle = () => finish({ kind: 'shutdown' });
        }
        reader.fill().then(step, step);
      };
      step();
    });
  }

  /**
   * Reads and discards `bytes` of a body no handler read. False when the body is larger than
   * `maxDrainBodyBytes`, or did not arrive within the head deadline: the connection must close.
   */
  async drainBody(bytes: number): Promise<boolean> {
    if (bytes === 0) return true;
    if (bytes > this.#limits.maxDrainBodyBytes) return false;
    // A client that announces a body and never sends it must not hold the connection.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.#limits.requestHeadTimeoutMs);
    });
    const drained = (async () => {
      let left = bytes;
      for await (const chunk of this.#reader.readChunks(bytes)) left -= chunk.length;
      return left === 0;
    })().catch(() => false);
    const outcome = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    return outcome;
  }
}
