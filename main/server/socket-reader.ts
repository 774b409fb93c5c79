/**
 * `rfile`: the buffered input side of a connection. Bytes are held only up to a bound: when
 * more than HIGH_WATER bytes wait unread, the socket is paused (TCP backpressure), so no
 * client can make the server buffer without limit.
 */
import type { Socket } from 'node:net';

/** Unread bytes above which the socket is paused until a reader consumes them. */
const HIGH_WATER = 256 * 1024;

export class SocketReader {
  readonly #socket: Socket;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;
  /** Total bytes consumed by readers so far. */
  consumed = 0;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
      if (this.#buffered > HIGH_WATER) socket.pause();
      this.#notify();
    });
    socket.on('end', () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on('close', () => {
      this.#ended = true;
      this.#notify();
    });
    socket.on('error', (err) => {
      this.#error = err;
      this.#ended = true;
      this.#notify();
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  /** Resolves when more bytes arrive or the stream ends. */
  #waitForData(): Promise<void> {
    if (this.#ended) return Promise.resolve();
    if (this.#socket.isPaused()) this.#socket.resume();
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  /** Bytes buffered but not consumed. */
  get buffered(): number {
    return this.#buffered;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Everything buffered as one Buffer, without consuming it. */
  peek(): Buffer {
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    return this.#chunks[0] ?? Buffer.alloc(0);
  }

  /** Drops `n` buffered bytes (n ≤ buffered). */
  skip(n: number): void {
    this.#take(n);
  }

  #take(n: number): Buffer {
    const first = this.#chunks[0];
    let out: Buffer;
    if (first !== undefined && n <= first.length) {
      // The common case (a head or body slice inside one socket read): no copy.
      out = first.subarray(0, n);
      if (n === first.length) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
    } else {
      const whole = this.peek();
      out = whole.subarray(0, n);
      const rest = whole.subarray(n);
      this.#chunks = rest.length > 0 ? [rest] : [];
    }
    this.#buffered -= out.length;
    this.consumed += out.length;
    if (this.#buffered <= HIGH_WATER && this.#socket.isPaused() && !this.#ended)
      this.#socket.resume();
    return out;
  }

  /** Waits for at least one more byte (or the end). Resolves false at the end. */
  async fill(): Promise<boolean> {
    if (this.#error) throw this.#error;
    if (this.#ended) return false;
    const before = this.#buffered;
    while (this.#buffered === before && !this.#ended) await this.#waitForData();
    return this.#buffered > before;
  }

  /** Python's `rfile.read(n)`: exactly n bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.#buffered < n && !this.#ended) await this.#waitForData();
    return this.#take(Math.min(n, this.#buffered));
  }

  /** Python's `rfile.readline(limit)`: up to and including LF, at most `limit` bytes. */
  async readline(limit = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
    for (;;) {
      const whole = this.peek();
      const lf = whole.indexOf(0x0a);
      if (lf !== -1 && lf + 1 <= limit) return this.#take(lf + 1);
      if (whole.length >= limit) return this.#take(limit);
      if (this.#ended) return this.#take(whole.length);
      await this.#waitForData();
    }
  }

  /**
   * The next `n` bytes as chunks, never holding more than what one socket read delivers:
   * the way to stream a request body (CGI stdin) in constant memory.
   */
  async *readChunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.#buffered === 0) {
        if (this.#ended) return;
        await this.#waitForData();
        continue;
      }
      const chunk = this.#take(Math.min(left, this.#chunks[0]?.length ?? 0));
      left -= chunk.length;
      yield chunk;
    }
  }
}
