/**
 * `rfile`: the buffered input side of a connection. Bytes are held only up to a bound: when
 * more than HIGH_WATER bytes wait unread, the socket is paused (TCP backpressure), so no
 * client can make the server buffer without limit.
 */
import type { Socket } from 'node:net';

/** Unread bytes above which the socket is paused until a reader consumes them. */
const HIGH_WATER = 256 * 1024;

/** The smallest buffer allocated when two reads must be joined. */
const MIN_JOIN_BYTES = 16 * 1024;

export class SocketReader {
  readonly #socket: Socket;
  /**
   * Unread bytes are `#store[#start, #end)`, always contiguous, so `peek()` never copies. A
   * read that arrives while bytes are unread is appended into spare room, or the unread bytes
   * move to a store twice their size: each byte is copied O(1) times on average, where joining
   * every chunk on each peek cost a copy of the whole buffer per read (quadratic for a
   * trickled head). A store is never written below `#end`, so slices handed out stay intact.
   */
  #store: Buffer = Buffer.alloc(0);
  #start = 0;
  #end = 0;
  /** True when `#store` is ours (its room past `#end` may be written); false for a socket's chunk. */
  #owned = false;
  #ended = false;
  #error: Error | null = null;
  #wake: (() => void) | null = null;
  /** Total bytes consumed by readers so far. */
  consumed = 0;
  /**
   * Sees every run of bytes as a reader consumes it (the app's body capture,
   * docs/architecture.md § Engine: body capture); null by default.
   */
  tap: ((bytes: Buffer) => void) | null = null;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#append(chunk);
      if (this.buffered > HIGH_WATER) socket.pause();
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

  #append(chunk: Buffer): void {
    const unread = this.#end - this.#start;
    if (unread === 0) {
      // The common case: nothing waiting, so the chunk itself is the store (no copy).
      this.#store = chunk;
      this.#start = 0;
      this.#end = chunk.length;
      this.#owned = false;
      return;
    }
    if (this.#owned && this.#store.length - this.#end >= chunk.length) {
      chunk.copy(this.#store, this.#end);
      this.#end += chunk.length;
      return;
    }
    const store = Buffer.allocUnsafe(Math.max(MIN_JOIN_BYTES, 2 * (unread + chunk.length)));
    this.#store.copy(store, 0, this.#start, this.#end);
    chunk.copy(store, unread);
    this.#store = store;
    this.#start = 0;
    this.#end = unread + chunk.length;
    this.#owned = true;
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
    return this.#end - this.#start;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Everything buffered, without consuming it and without copying. */
  peek(): Buffer {
    return this.#store.subarray(this.#start, this.#end);
  }

  /** Drops `n` buffered bytes (n ≤ buffered). */
  skip(n: number): void {
    this.#take(n);
  }

  #take(n: number): Buffer {
    const out = this.#store.subarray(this.#start, this.#start + Math.min(n, this.buffered));
    this.#start += out.length;
    this.consumed += out.length;
    if (this.tap !== null) this.tap(out);
    if (this.#start === this.#end) {
      // Drop the reference: an idle connection holds no buffer (and a handed-out slice keeps
      // its own reference to the memory it needs).
      this.#store = Buffer.alloc(0);
      this.#start = this.#end = 0;
      this.#owned = false;
    }
    if (this.buffered <= HIGH_WATER && this.#socket.isPaused() && !this.#ended)
      this.#socket.resume();
    return out;
  }

  /** Waits for at least one more byte (or the end). Resolves false at the end. */
  async fill(): Promise<boolean> {
    if (this.#error) throw this.#error;
    if (this.#ended) return false;
    const before = this.buffered;
    while (this.buffered === before && !this.#ended) await this.#waitForData();
    return this.buffered > before;
  }

  /** Python's `rfile.read(n)`: exactly n bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    while (this.buffered < n && !this.#ended) await this.#waitForData();
    return this.#take(Math.min(n, this.buffered));
  }

  /** Python's `rfile.readline(limit)`: up to and including LF, at most `limit` bytes. */
  async readline(limit = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
    let scanned = 0;
    for (;;) {
      const whole = this.peek();
      const lf = whole.indexOf(0x0a, scanned);
      if (lf !== -1 && lf + 1 <= limit) return this.#take(lf + 1);
      if (whole.length >= limit) return this.#take(limit);
      if (this.#ended) return this.#take(whole.length);
      scanned = whole.length; // the bytes searched already hold no LF
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
      if (this.buffered === 0) {
        if (this.#ended) return;
        await this.#waitForData();
        continue;
      }
      const chunk = this.#take(Math.min(left, this.buffered));
      left -= chunk.length;
      yield chunk;
    }
  }
}
