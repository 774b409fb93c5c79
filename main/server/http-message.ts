/**
 * `MessageClass` / `http.client.HTTPMessage`: the request's header fields with the
 * case-insensitive, first-match `get` that server.py relies on (`headers.get('Connection')`).
 */
export class HTTPMessage {
  readonly #fields: ReadonlyArray<readonly [string, string]>;

  constructor(fields: ReadonlyArray<readonly [string, string]> = []) {
    this.#fields = fields;
  }

  /** The first value of `name` (any case), or `fallback`. */
  get(name: string): string | undefined;
  get(name: string, fallback: string): string;
  get(name: string, fallback?: string): string | undefined {
    const lower = name.toLowerCase();
    for (const [key, value] of this.#fields) if (key.toLowerCase() === lower) return value;
    return fallback;
  }

  /** Every value of `name`, in order (Python's `get_all`). */
  getAll(name: string): string[] {
    const lower = name.toLowerCase();
    return this.#fields.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  }

  /** Python's `name in headers`. */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  keys(): string[] {
    return this.#fields.map(([key]) => key);
  }

  /** Field lines in order, as received. */
  items(): Array<[string, string]> {
    return this.#fields.map(([key, value]) => [key, value]);
  }

  get size(): number {
    return this.#fields.length;
  }

  /** The head as text, one `Name: value` line each (like `str(HTTPMessage)`). */
  toString(): string {
    return this.#fields.map(([key, value]) => `${key}: ${value}\n`).join('') + '\n';
  }
}
