/**
 * HTTP Basic authentication (RFC 7617) for `--auth` (docs/architecture.md § Engine: response
 * options). Credentials are compared in constant time on SHA-256 digests (equal lengths
 * whatever was sent, so the time says nothing about how much matched); the password is never
 * kept in a record or a log line. Failures are counted per client address: past
 * `maxFailures` in `windowMs`, every answer to that client waits `delayMs` first, which turns
 * guessing from thousands of tries a second into a handful.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface BasicAuthOptions {
  /** Failures per client within `windowMs` before its answers are slowed. Default 10. */
  maxFailures?: number;
  /** Default 60,000 ms. */
  windowMs?: number;
  /** How long a slowed client waits for each answer. Default 1,000 ms. */
  delayMs?: number;
  /** Clients remembered at once; the oldest is forgotten beyond it. Default 10,000. */
  maxClients?: number;
}

/** RFC 7617 §2: the challenge, with §2.1's charset so browsers send UTF-8. */
export const BASIC_CHALLENGE = 'Basic realm="HTTP Desk", charset="UTF-8"';

export type AuthOutcome = { ok: true; user: string } | { ok: false; user: string | null };

interface Failures {
  windowStart: number;
  count: number;
  /** When this client's next slowed answer may go (ms since the epoch). */
  nextAnswer: number;
}

/**
 * Answers a slowed client may have waiting at once. One more is refused unchecked: without
 * the queue, N parallel connections got N guesses per `delayMs` (bench/auth-guessing.mjs).
 */
export const MAX_QUEUED_ANSWERS = 5;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Splits `USER:PASSWORD` (the flag, the file's line); null when there is no colon or user. */
export function parseCredentials(text: string): { user: string; password: string } | null {
  const line = text.replace(/\r?\n$/, '');
  const colon = line.indexOf(':');
  if (colon <= 0 || /[\r\n]/.test(line)) return null;
  return { user: line.slice(0, colon), password: line.slice(colon + 1) };
}

/** The `user:password` text of a `Basic` Authorization value (RFC 7617 §2), or null. */
function decodeBasic(value: string | undefined): string | null {
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(value ?? '');
  return match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : null;
}

/**
 * What stands for the credentials in a masked value. A client cannot send it: header bytes
 * are read as latin-1, which has no U+2022, so a value holding it was masked here.
 */
export const CREDENTIALS_MASK = '\u2022\u2022\u2022\u2022';

/**
 * An Authorization value for the log and the inspector: the scheme and, for Basic, the user
 * name, never the password (`Basic •••• (user "alice")`). A value without a scheme is masked
 * whole: all of it may be the secret. Masking a masked value changes nothing.
 */
export function redactCredentials(value: string): string {
  if (value.includes(CREDENTIALS_MASK)) return value;
  const scheme = /^[ \t]*([A-Za-z][A-Za-z0-9_.+-]{0,31})[ \t]+\S/.exec(value)?.[1];
  if (scheme === undefined) return CREDENTIALS_MASK;
  const decoded = decodeBasic(value);
  const colon = decoded?.indexOf(':') ?? -1;
  return decoded === null || colon === -1
    ? `${scheme} ${CREDENTIALS_MASK}`
    : `${scheme} ${CREDENTIALS_MASK} (user ${JSON.stringify(decoded.slice(0, colon))})`;
}

/** Request header fields as the log may keep them: Authorization and Proxy-Authorization masked. */
export function redactCredentialFields(
  headers: ReadonlyArray<readonly [string, string]>,
): Array<[string, string]> {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    return lower === 'authorization' || lower === 'proxy-authorization'
      ? [name, redactCredentials(value)]
      : [name, value];
  });
}

export class BasicAuth {
  readonly user: string;
  readonly #expected: Buffer;
  readonly #maxFailures: number;
  readonly #windowMs: number;
  readonly delayMs: number;
  readonly #maxClients: number;
  readonly #failures = new Map<string, Failures>();

  constructor(user: string, password: string, options: BasicAuthOptions = {}) {
    if (user === '' || user.includes(':'))
      throw new TypeError('The user name must not be empty or hold ":"');
    this.user = user;
    this.#expected = digest(`${user}:${password}`);
    this.#maxFailures = options.maxFailures ?? 10;
    this.#windowMs = options.windowMs ?? 60_000;
    this.delayMs = options.delayMs ?? 1_000;
    this.#maxClients = options.maxClients ?? 10_000;
  }

  /** Checks an `Authorization` value. The user name it names is returned either way (for the log). */
  check(authorization: string | undefined): AuthOutcome {
    const decoded = decodeBasic(authorization);
    if (decoded === null) return { ok: false, user: null };
    const colon = decoded.indexOf(':');
    const user = colon === -1 ? null : decoded.slice(0, colon);
    const ok = timingSafeEqual(digest(decoded), this.#expected);
    return ok && user !== null ? { ok: true, user } : { ok: false, user };
  }

  /**
   * How long the answer to `client`'s request must wait (ms): 0 unless it failed too often
   * lately; then its answers leave one per `delayMs`, in turn, however many connections it
   * opens. null: `MAX_QUEUED_ANSWERS` are waiting already, so refuse without checking.
   */
  answerDelay(client: string, now = Date.now()): number | null {
    if (!this.isSlowed(client, now)) return 0;
    const entry = this.#failures.get(client) as Failures;
    const slot = Math.max(now, entry.nextAnswer) + this.delayMs;
    if (slot - now > this.delayMs * MAX_QUEUED_ANSWERS) return null;
    entry.nextAnswer = slot;
    return slot - now;
  }

  /** Whether `client` failed too often lately: its answers should wait `delayMs`. */
  isSlowed(client: string, now = Date.now()): boolean {
    const entry = this.#failures.get(client);
    if (!entry) return false;
    if (now - entry.windowStart > this.#windowMs) {
      this.#failures.delete(client);
      return false;
    }
    return entry.count >= this.#maxFailures;
  }

  /** Counts a failure; the map never holds more than `maxClients` addresses. */
  recordFailure(client: string, now = Date.now()): number {
    let entry = this.#failures.get(client);
    if (!entry || now - entry.windowStart > this.#windowMs) {
      entry = { windowStart: now, count: 0, nextAnswer: 0 };
    }
    entry.count++;
    this.#failures.delete(client); // re-insert: Map order is "least recently failed first"
    this.#failures.set(client, entry);
    while (this.#failures.size > this.#maxClients) {
      const oldest = this.#failures.keys().next().value as string;
      this.#failures.delete(oldest);
    }
    return entry.count;
  }

  /** Clients with failures remembered (for tests and status displays). */
  get rememberedClients(): number {
    return this.#failures.size;
  }
}
