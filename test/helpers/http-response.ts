/**
 * Splits received bytes into HTTP responses, the way a client reads them: a head up to the
 * blank line, then a body framed by Content-Length (or, without one, everything to the
 * close). HEAD responses and 1xx/204/304 have no body whatever their headers say.
 */

export interface ParsedResponse {
  statusLine: string;
  /** 'HTTP/1.1' … */
  version: string;
  status: number;
  reason: string;
  /** Header lines in order, names as sent. */
  headers: Array<[string, string]>;
  body: Buffer;
  /** The whole response as received (head and body). */
  raw: Buffer;
}

/** The first value of header `name` (any case). */
export function header(response: ParsedResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return response.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function headerNames(response: ParsedResponse): string[] {
  return response.headers.map(([key]) => key);
}

export interface ParseOptions {
  /** For each response in order: was it the answer to a HEAD request? */
  head?: boolean[];
}

/** Parses every complete response in `bytes`; throws if bytes are left that are not one. */
export function parseResponses(bytes: Buffer, options: ParseOptions = {}): ParsedResponse[] {
  const out: ParsedResponse[] = [];
  let pos = 0;
  let finals = 0;
  while (pos < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', pos, 'latin1');
    if (headEnd === -1)
      throw new Error(`incomplete response head: ${bytes.toString('latin1', pos, pos + 200)}`);
    const lines = bytes.toString('latin1', pos, headEnd).split('\r\n');
    const statusLine = lines[0] ?? '';
    const match = /^(HTTP\/\d+\.\d+) (\d{3}) ?(.*)$/.exec(statusLine);
    if (!match) throw new Error(`not a status line: ${JSON.stringify(statusLine)}`);
    const status = Number(match[2]);
    const headers = lines.slice(1).map((line): [string, string] => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1).trim()];
    });
    let end = headEnd + 4;
    const informational = status >= 100 && status < 200;
    const isHead = !informational && (options.head?.[finals] ?? false);
    const bodyless = informational || status === 204 || status === 304 || isHead;
    const response: ParsedResponse = {
      statusLine,
      version: match[1] as string,
      status,
      reason: match[3] as string,
      headers,
      body: Buffer.alloc(0),
      raw: Buffer.alloc(0),
    };
    if (!bodyless) {
      const length = header(response, 'Content-Length');
      end = length === undefined ? bytes.length : Math.min(bytes.length, end + Number(length));
      response.body = bytes.subarray(headEnd + 4, end);
    }
    response.raw = bytes.subarray(pos, end);
    out.push(response);
    if (!informational) finals++;
    pos = end;
  }
  return out;
}

/** Exactly one response in `bytes`. */
export function parseResponse(bytes: Buffer, head = false): ParsedResponse {
  const responses = parseResponses(bytes, { head: [head] });
  if (responses.length !== 1) throw new Error(`expected one response, got ${responses.length}`);
  return responses[0] as ParsedResponse;
}

/** Something that accumulates received bytes (RawConnection). */
interface ByteSource {
  readonly closed: boolean;
  received(): Buffer;
  waitFor(check: (received: Buffer) => boolean, timeoutMs?: number): Promise<boolean>;
  take(n: number): Buffer;
}

export interface ReadResponse extends ParsedResponse {
  /** 1xx responses that came before it (e.g. `100 Continue`). */
  interim: ParsedResponse[];
}

/**
 * Waits for one complete final response on a kept-open connection and consumes it. A body
 * without Content-Length runs to the close, as HTTP/1.0 framing says.
 */
export async function readResponse(
  conn: ByteSource,
  options: { head?: boolean; timeoutMs?: number } = {},
): Promise<ReadResponse> {
  const head = options.head ?? false;
  await conn.waitFor(
    (buf) => completeResponse(buf, head, conn.closed) !== null,
    options.timeoutMs ?? 3_000,
  );
  const found = completeResponse(conn.received(), head, conn.closed);
  if (!found) {
    const text = conn.received().toString('latin1').slice(0, 300);
    throw new Error(`no complete response; received ${JSON.stringify(text)}`);
  }
  conn.take(found.length);
  return found.response;
}

function completeResponse(
  buf: Buffer,
  head: boolean,
  closed: boolean,
): { response: ReadResponse; length: number } | null {
  const interim: ParsedResponse[] = [];
  let pos = 0;
  for (;;) {
    const headEnd = buf.indexOf('\r\n\r\n', pos, 'latin1');
    if (headEnd === -1) return null;
    const [response] = parseResponses(buf.subarray(pos, headEnd + 4), { head: [true] });
    if (!response) return null;
    if (response.status >= 100 && response.status < 200) {
      interim.push(response);
      pos = headEnd + 4;
      continue;
    }
    const bodyless = head || response.status === 204 || response.status === 304;
    const length = header(response, 'Content-Length');
    let end = headEnd + 4;
    if (!bodyless) {
      if (length !== undefined) end += Number(length);
      else if (closed) end = buf.length;
      else return null;
      if (buf.length < end) return null;
    }
    const body = bodyless ? Buffer.alloc(0) : buf.subarray(headEnd + 4, end);
    return {
      response: { ...response, body, raw: buf.subarray(pos, end), interim },
      length: end,
    };
  }
}
