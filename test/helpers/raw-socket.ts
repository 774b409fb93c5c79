/**
 * Raw TCP clients for tests: bytes go out exactly as given (a URL object would normalise
 * `..` away and prove nothing), and everything the server sends comes back as bytes.
 */
import net from 'node:net';

export interface RawResult {
  /** Every byte received until the server closed or the timeout. */
  bytes: Buffer;
  /** The bytes as latin-1 text (one char per byte). */
  text: string;
  /** True when the server closed (FIN or reset) before the timeout. */
  closed: boolean;
}

export interface RawOptions {
  host?: string;
  /** Give up waiting for the close after this long (ms). */
  timeoutMs?: number;
  /** Pause between chunks (ms) when `data` is an array: split writes. */
  chunkDelayMs?: number;
  /** Half-close (send FIN) after writing. */
  end?: boolean;
}

/** Sends `data` (one write, or one write per array item) and collects the reply. */
export async function rawRequest(
  port: number,
  data: string | Buffer | Array<string | Buffer>,
  options: RawOptions = {},
): Promise<RawResult> {
  const conn = await RawConnection.open(port, options.host);
  const chunks = Array.isArray(data) ? data : [data];
  for (const chunk of chunks) {
    conn.write(chunk);
    if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
  }
  if (options.end) conn.end();
  const closed = await conn.waitForClose(options.timeoutMs ?? 2_000);
  conn.destroy();
  const bytes = conn.received();
  return { bytes, text: bytes.toString('latin1'), closed };
}

/**
 * How long a test waits for something that must happen (a close, a timeout firing). Not a
 * performance bound: far above any timeout a test server sets, so that a busy machine
 * delays the test rather than failing it (CONTRIBUTING § Test).
 */
export const EVENTUALLY_MS = 10_000;

/**
 * A server timeout set so long that no test outlives it: when a test sets one timer to
 * this, a close within EVENTUALLY_MS can only have come from the other timer under test.
 */
export const NEVER_MS = 10 * 60_000;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A long-lived raw connection, for keep-alive, pipelining and timing tests. */
export class RawConnection {
  readonly socket: net.Socket;
  #chunks: Buffer[] = [];
  #closed = false;
  #waiters = new Set<() => void>();

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#wake();
    });
    socket.on('error', () => undefined); // a reset counts as closed
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  #wake(): void {
    for (const waiter of this.#waiters) waiter();
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(data: string | Buffer): void {
    if (!this.socket.destroyed)
      this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** All bytes received so far (not consumed). */
  received(): Buffer {
    return Buffer.concat(this.#chunks);
  }

  /** Removes and returns the first `n` received bytes. */
  take(n: number): Buffer {
    const all = this.received();
    this.#chunks = [all.subarray(n)];
    return all.subarray(0, n);
  }

  /** Waits until `check(received)` holds; false on timeout or when the peer closed first. */
  async waitFor(check: (received: Buffer) => boolean, timeoutMs = EVENTUALLY_MS): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (check(this.received())) return true;
      if (this.#closed) return check(this.received());
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#waiters.add(done);
      }).finally(() => this.#waiters.clear());
    }
  }

  /** True when the server closed within `timeoutMs`. */
  async waitForClose(timeoutMs = EVENTUALLY_MS): Promise<boolean> {
    await this.waitFor(() => this.#closed, timeoutMs);
    return this.#closed;
  }
}
