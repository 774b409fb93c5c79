/**
 * Knows when a CGI script's answer is complete although its process still runs: the script
 * declared `Content-Length` in its header block (RFC 3875 §6.3.3 lets it) and that many body
 * bytes went out, or the request was a HEAD and the header block ended. Clients such as curl
 * and browsers hang up at exactly that point; a script that has answered in full and is
 * merely exiting is then left to exit on its own (bounded by cgiTimeoutMs) instead of being
 * ended, and logged, as if the client had abandoned it (docs/architecture.md § Engine: CGI).
 */
import { CgiHeaderEndFinder } from './cgi-header-end.js';

/** One `Content-Length` line of the block, digits only (RFC 9110 §8.6); anything else: unknown. */
const CONTENT_LENGTH_LINES = /^content-length[ \t]*:[ \t]*(\d{1,15})[ \t]*\r?$/gim;

export class CgiAnswerLength {
  readonly #finder = new CgiHeaderEndFinder();
  readonly #headOnly: boolean;
  #head: Buffer[] = [];
  #declared: number | null = null;
  #bodySent = 0;

  constructor(headOnly: boolean) {
    this.#headOnly = headOnly;
  }

  /** Takes each chunk of the script's stdout, in order, as it is passed on to the client. */
  feed(chunk: Buffer): void {
    if (this.#finder.done) {
      this.#bodySent += chunk.length;
      return;
    }
    const headPart = this.#finder.feed(chunk);
    this.#head.push(chunk.subarray(0, headPart));
    if (!this.#finder.done) return;
    this.#declared = declaredLength(Buffer.concat(this.#head).toString('latin1'));
    this.#head = [];
    this.#bodySent = chunk.length - headPart;
  }

  /** True once the client has everything the script said it would send. */
  get complete(): boolean {
    if (!this.#finder.done) return false;
    if (this.#headOnly) return true;
    return this.#declared !== null && this.#bodySent >= this.#declared;
  }
}

/** The declared length, or null when there is none or two that disagree. */
function declaredLength(block: string): number | null {
  const values = new Set(
    [...block.matchAll(CONTENT_LENGTH_LINES)].map((match) => Number(match[1])),
  );
  return values.size === 1 ? [...values][0]! : null;
}
