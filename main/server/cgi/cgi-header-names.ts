/**
 * Holds back a CGI script's output until its header block has ended, so the server's
 * configured response headers (`-H`) can join the head unless the script set the same name
 * (docs/architecture.md § Engine: response options). The block ends at the first empty line
 * (RFC 3875 §6.2), LF or CRLF, or at MAX_CGI_HEADER_BYTES; only then is anything released.
 */
import { CgiHeaderEndFinder } from './cgi-header-end.js';

export class CgiHeaderNames {
  readonly #finder = new CgiHeaderEndFinder();
  #held: Buffer[] = [];
  #heldLength = 0;
  #headLength = 0;

  /** True once the header block ended (or was cut at the cap). */
  get done(): boolean {
    return this.#finder.done;
  }

  /**
   * Takes a chunk of stdout; returns every byte held so far once the header block ended,
   * else null (keep feeding).
   */
  feed(chunk: Buffer): Buffer | null {
    this.#headLength += this.#finder.feed(chunk);
    this.#held.push(chunk);
    this.#heldLength += chunk.length;
    return this.#finder.done ? this.release() : null;
  }

  /** Everything held (at the script's end, when no empty line came). */
  release(): Buffer {
    const all = Buffer.concat(this.#held, this.#heldLength);
    this.#held = [];
    this.#heldLength = 0;
    return all;
  }

  /** Lower-case names of the header lines in the block, from the bytes `release` returned. */
  namesIn(output: Buffer): Set<string> {
    const head = output.subarray(0, this.#headLength).toString('latin1');
    const names = new Set<string>();
    for (const line of head.split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) names.add(line.slice(0, colon).trim().toLowerCase());
    }
    return names;
  }
}
