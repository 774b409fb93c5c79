/**
 * Finds where a CGI script's header block ends (the first empty line, RFC 3875 §6.2) in
 * its stdout, chunk by chunk, so a HEAD response can stop after the script's headers.
 * server.py hands the socket itself to the script and sends its body even for HEAD; RFC
 * 9110 §9.3.2 says a server MUST NOT send content in response to HEAD, so the port cuts it.
 *
 * Scripts end lines with LF (Python's print) or CRLF; both, mixed, are accepted.
 */

const LF = 0x0a;
const CR = 0x0d;

/** A header block this long without an empty line is not one; forward no more for HEAD. */
export const MAX_CGI_HEADER_BYTES = 64 * 1024;

type State = 'lineStart' | 'afterCr' | 'inLine';

export class CgiHeaderEndFinder {
  #state: State = 'lineStart';
  #seen = 0;
  /** True once the empty line went by (or the header cap was reached). */
  done = false;

  /**
   * Returns how many bytes of `chunk` belong to the header block (all of them while it has
   * not ended). After `done`, every later chunk answers 0.
   */
  feed(chunk: Buffer): number {
    if (this.done) return 0;
    let pos = 0;
    while (pos < chunk.length) {
      if (this.#state === 'inLine') {
        const newline = chunk.indexOf(LF, pos);
        if (newline === -1) break; // the line goes on in the next chunk
        pos = newline + 1;
        this.#state = 'lineStart';
        continue;
      }
      const byte = chunk[pos];
      if (byte === LF) return this.#finish(pos + 1);
      if (byte === CR && this.#state === 'lineStart') {
        this.#state = 'afterCr';
        pos++;
        continue;
      }
      // Any other byte (or a CR after a CR) starts a non-empty line: re-read it in 'inLine'.
      this.#state = 'inLine';
    }
    return this.#account(chunk.length);
  }

  #finish(length: number): number {
    this.done = true;
    return length;
  }

  #account(length: number): number {
    const room = MAX_CGI_HEADER_BYTES - this.#seen;
    this.#seen += length;
    if (length >= room) return this.#finish(Math.max(room, 0));
    return length;
  }
}
