/**
 * Splits a script's stderr into log lines. server.py lets the script inherit the server's
 * stderr, so its messages land in the terminal unbounded; here they go through
 * `log_error` (scrubbed) one line at a time, with a cap so one noisy script cannot flood
 * the log window.
 */

/** A longer line is logged in pieces of this many bytes. */
export const MAX_STDERR_LINE_BYTES = 4 * 1024;
/** Per script; the rest of its stderr is read and dropped, with one notice. */
export const MAX_STDERR_LOG_BYTES = 64 * 1024;

export class StderrLines {
  #partial = Buffer.alloc(0);
  #logged = 0;
  #truncated = false;
  readonly #emit: (line: string) => void;

  constructor(emit: (line: string) => void) {
    this.#emit = emit;
  }

  push(chunk: Buffer): void {
    let data = this.#partial.length > 0 ? Buffer.concat([this.#partial, chunk]) : chunk;
    for (;;) {
      const newline = data.indexOf(0x0a);
      if (newline === -1) break;
      this.#line(data.subarray(0, newline));
      data = data.subarray(newline + 1);
    }
    while (data.length >= MAX_STDERR_LINE_BYTES) {
      this.#line(data.subarray(0, MAX_STDERR_LINE_BYTES));
      data = data.subarray(MAX_STDERR_LINE_BYTES);
    }
    this.#partial = Buffer.from(data);
  }

  /** Logs what is left without a final newline. */
  end(): void {
    if (this.#partial.length > 0) this.#line(this.#partial);
    this.#partial = Buffer.alloc(0);
  }

  #line(bytes: Buffer): void {
    if (this.#truncated) return;
    const text = bytes.toString('utf8').replace(/\r$/, '');
    if (this.#logged + bytes.length > MAX_STDERR_LOG_BYTES) {
      this.#truncated = true;
      this.#emit(`(more stderr output dropped after ${MAX_STDERR_LOG_BYTES} bytes)`);
      return;
    }
    this.#logged += bytes.length;
    this.#emit(text);
  }
}
