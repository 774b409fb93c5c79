/**
 * `wfile`: the output side of a connection. Writes made in the same tick are corked into one
 * `writev` (so a small response's head and body leave in one segment, never Python's
 * head-then-body trap with delayed ACKs), and every write resolves only once the socket has
 * room again (backpressure). A peer that stops reading for `stallTimeoutMs` is dropped.
 */
import type { Socket } from 'node:net';

export class ConnectionClosedError extends Error {
  constructor(message = 'connection closed by peer') {
    super(message);
    this.name = 'ConnectionClosedError';
  }
}

export class SocketWriter {
  readonly #socket: Socket;
  readonly #stallTimeoutMs: number;
  #corked = false;
  /** Total bytes handed to the socket. */
  bytesWritten = 0;
  /**
   * Sees every chunk as it is queued (the app's body capture, docs/architecture.md § Engine:
   * body capture); null, the default, costs one comparison per write.
   */
  tap: ((chunk: Buffer) => void) | null = null;

  constructor(socket: Socket, stallTimeoutMs: number) {
    this.#socket = socket;
    this.#stallTimeoutMs = stallTimeoutMs;
  }

  get closed(): boolean {
    return this.#socket.destroyed || !this.#socket.writable;
  }

  /** Queues `data` and resolves once the socket can take more. Never rejects unobserved. */
  write(data: Buffer | string): Promise<void> {
    if (this.closed) return handled(Promise.reject(new ConnectionClosedError()));
    const chunk = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    if (chunk.length === 0) return Promise.resolve();
    this.#cork();
    this.bytesWritten += chunk.length;
    if (this.tap !== null) this.tap(chunk);
    const hasRoom = this.#socket.write(chunk);
    return hasRoom ? Promise.resolve() : handled(this.#drained());
  }

  /**
   * Queues `chunk` and resolves once the socket has handed it to the kernel, so the caller
   * may reuse the buffer (file streaming reads into two buffers in turn). A peer that takes
   * nothing for `stallTimeoutMs` is dropped.
   */
  writeReleased(chunk: Buffer): Promise<void> {
    if (this.closed) return handled(Promise.reject(new ConnectionClosedError()));
    this.#cork();
    this.bytesWritten += chunk.length;
    if (this.tap !== null) this.tap(chunk);
    const socket = this.#socket;
    return handled(
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new ConnectionClosedError('client stopped reading (write stall timeout)'));
        }, this.#stallTimeoutMs);
        socket.write(chunk, (err) => {
          clearTimeout(timer);
          if (err) reject(new ConnectionClosedError(err.message));
          else resolve();
        });
      }),
    );
  }

  /** Resolves when everything queued so far has reached the kernel (Python's `flush`). */
  flush(): Promise<void> {
    if (this.closed || this.#socket.writableLength === 0) return Promise.resolve();
    if (this.#corked) {
      this.#corked = false;
      this.#socket.uncork();
      if (this.#socket.writableLength === 0) return Promise.resolve();
    }
    // Not 'drain': it only fires after a write() that returned false. A TLS socket keeps
    // bytes queued after writes that fit (encryption is asynchronous), so flush waits for an
    // empty write's callback, which runs once everything before it was handed on.
    return this.writeReleased(EMPTY);
  }

  /** Ends the output: what is queued goes out, then the FIN, with no wait in between. */
  end(): void {
    if (this.#socket.destroyed || this.#socket.writableEnded) return;
    if (this.#corked) {
      this.#corked = false;
      this.#socket.uncork();
    }
    this.#socket.end();
  }

  /**
   * Resolves once everything and the FIN were handed to the kernel after `end()`. A peer that
   * takes nothing for `stallTimeoutMs` is dropped.
   */
  finished(): Promise<void> {
    const socket = this.#socket;
    if (socket.destroyed || socket.writableFinished) return Promise.resolve();
    return handled(this.#until('finish'));
  }

  #cork(): void {
    if (this.#corked) return;
    this.#corked = true;
    this.#socket.cork();
    process.nextTick(() => {
      if (!this.#corked) return;
      this.#corked = false;
      this.#socket.uncork();
    });
  }

  #drained(): Promise<void> {
    return this.#until('drain');
  }

  /** Resolves on `event`; rejects if the socket closes first or the peer stalls. */
  #until(event: 'drain' | 'finish'): Promise<void> {
    const socket = this.#socket;
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        socket.off(event, onEvent);
        socket.off('close', onClose);
      };
      const onEvent = () => {
        cleanup();
        resolve();
      };
      const onClose = () => {
        cleanup();
        reject(new ConnectionClosedError());
      };
      const timer = setTimeout(() => {
        cleanup();
        socket.destroy();
        reject(new ConnectionClosedError('client stopped reading (write stall timeout)'));
      }, this.#stallTimeoutMs);
      socket.on(event, onEvent);
      socket.on('close', onClose);
    });
  }
}

const EMPTY = Buffer.alloc(0);

/** Marks a promise as observed so an un-awaited Python-style `wfile.write()` cannot crash. */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
