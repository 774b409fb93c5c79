/**
 * Plain words for a logged exchange, for teaching: what its status code means, why this
 * server sent it here (read from the record alone), and why the connection closed. Pure:
 * the inspector and the log grid show these on hover and focus.
 */
import type { RequestRecord } from './log.js';

/** One line each: what the status means in general (RFC 9110 §15). */
const MEANINGS: Record<number, string> = {
  100: 'Continue: go on and send the body.',
  200: 'OK: the request worked and the body is what was asked for.',
  206: 'Partial Content: only the byte ranges the client asked for are sent, each with where it lies in the file.',
  301: 'Moved Permanently: the thing lives at another URL, given in Location.',
  304: 'Not Modified: the copy the client already has is still current, so no body is sent.',
  400: 'Bad Request: the server could not make sense of what was sent.',
  401: 'Unauthorized: a user name and password are needed.',
  403: 'Forbidden: the server understood but will not answer this.',
  404: 'Not Found: there is nothing at this path.',
  408: 'Request Timeout: the request did not arrive in time.',
  412: 'Precondition Failed: a condition the client set (If-Match…) was not met.',
  413: 'Content Too Large: the request body is bigger than the server accepts.',
  414: 'URI Too Long: the request line is longer than the server reads.',
  416: 'Range Not Satisfiable: none of the asked-for bytes are in the file; Content-Range says how long it is.',
  417: 'Expectation Failed: the server cannot meet the Expect header.',
  431: 'Request Header Fields Too Large: a header line, or all of them, is too big.',
  500: 'Internal Server Error: the server failed while answering.',
  501: 'Not Implemented: the server has no handler for this method.',
  505: 'HTTP Version Not Supported: the server does not speak this version of HTTP.',
};

export interface StatusExplanation {
  /** What the code means in general. */
  meaning: string;
  /** Why this server sent it for this request. */
  why: string;
}

function header(fields: Array<[string, string]>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return fields.find(([n]) => n.toLowerCase() === wanted)?.[1];
}

/** The reason phrase the server put on its status line ("File not found"…). */
function reasonPhrase(record: RequestRecord): string {
  return record.responseStatusLine.replace(/^\S+\s+\d{3}\s*/, '');
}

function isCgi(record: RequestRecord): boolean {
  return /^\/(cgi-bin|htbin)\//.test(record.path);
}

/** RFC 9110 §14.2: one range gets Content-Range; several, a multipart/byteranges body. */
function whyPartial(record: RequestRecord): string {
  const range = header(record.requestHeaders, 'Range') ?? '?';
  const type = header(record.responseHeaders, 'Content-Type') ?? '';
  const ifRange = header(record.requestHeaders, 'If-Range');
  const kept = ifRange === undefined ? '' : ` If-Range (${ifRange}) still matched the file.`;
  if (type.startsWith('multipart/byteranges')) {
    return `The client sent Range: ${range}: several ranges, so each comes as one part of a multipart/byteranges body, with its own Content-Range, between boundary lines.${kept}`;
  }
  return `The client sent Range: ${range}; Content-Range (${header(record.responseHeaders, 'Content-Range') ?? '?'}) says which bytes these are and the file's whole length.${kept}`;
}

/** The file's length from a 416's `Content-Range: bytes *\/length`. */
function fileLength(record: RequestRecord): string {
  return /\/(\d+)$/.exec(header(record.responseHeaders, 'Content-Range') ?? '')?.[1] ?? '?';
}

/** A Range that got the whole file: a stale If-Range, or ranges the server declines. */
function whyWholeDespiteRange(record: RequestRecord): string | null {
  const range = header(record.requestHeaders, 'Range');
  if (range === undefined || header(record.responseHeaders, 'Accept-Ranges') === undefined) {
    return null;
  }
  const ifRange = header(record.requestHeaders, 'If-Range');
  if (ifRange !== undefined) {
    return `The client sent Range with If-Range (${ifRange}), which does not match the file any more, so the whole file was sent instead of a part that might not fit the client's copy.`;
  }
  return `The client sent Range: ${range}, but the server sent the whole file: the ranges overlap, are too many, or would cost more than the file (or the field is not valid).`;
}

function whyOk(record: RequestRecord): string {
  if (record.method === 'HEAD') return 'HEAD: the headers a GET would get, without the body.';
  const whole = whyWholeDespiteRange(record);
  if (whole !== null) return whole;
  if (isCgi(record)) return 'A CGI script ran and this is its output.';
  const type = header(record.responseHeaders, 'Content-Type') ?? '';
  const listing = record.path.split('?')[0]!.endsWith('/');
  if (listing && header(record.responseHeaders, 'Last-Modified') === undefined) {
    return 'The folder has no index.html, so the server made this listing of its files.';
  }
  if (listing) return "The folder's index.html was sent in its place.";
  return `The file at ${record.path} was found and sent${type ? ` as ${type}` : ''}.`;
}

function whyNotModified(record: RequestRecord): string {
  const since = header(record.requestHeaders, 'If-Modified-Since');
  const tag = header(record.requestHeaders, 'If-None-Match');
  if (tag !== undefined) return `The client's If-None-Match (${tag}) matches the file's ETag.`;
  if (since !== undefined) {
    return `The file has not changed since the client's If-Modified-Since (${since}).`;
  }
  return 'The client already holds a current copy.';
}

function whyNotImplemented(record: RequestRecord): string {
  if (record.method === 'POST' && !isCgi(record)) {
    return 'Files are only read here: there is no do_POST for files (only CGI scripts take POST).';
  }
  return `This server has no do_${record.method || '?'}: it answers GET and HEAD (and POST to CGI scripts).`;
}

/** Why this server sent `record.status` here, from what the record shows. */
function whyHere(record: RequestRecord): string {
  const reason = reasonPhrase(record);
  switch (record.status) {
    case 200:
      return whyOk(record);
    case 206:
      return whyPartial(record);
    case 416:
      return `The client sent Range: ${header(record.requestHeaders, 'Range') ?? '?'}, but the file has only ${fileLength(record)} bytes (Content-Range: ${header(record.responseHeaders, 'Content-Range') ?? '?'}).`;
    case 301:
      return `${record.path} is a folder but the URL lacked its trailing slash: Location (${header(record.responseHeaders, 'Location') ?? '?'}) adds it, so links inside the folder resolve.`;
    case 304:
      return whyNotModified(record);
    case 404:
      return `No file or folder at ${record.path} in the served folder.`;
    case 408:
      return 'The request head was not complete before the deadline (20 s by default).';
    case 414:
      return 'The request line is over 65,536 bytes (server.py reads at most that).';
    case 431:
      return `${reason}: a header line is over 64 KiB, or there are over 100 of them.`;
    case 501:
      return whyNotImplemented(record);
    case 505:
      // requestVersion holds the version of the reply; the request line holds the client's.
      return `The request said ${record.requestLine.split(' ').at(-1) || '?'}; this server speaks HTTP/1.x.`;
    default:
      return reason === '' ? 'See the response head.' : `The server said: ${reason}.`;
  }
}

/** Plain words for the record's status, or null when no status was sent. */
export function explainStatus(record: RequestRecord): StatusExplanation | null {
  if (record.status === null) return null;
  const meaning = MEANINGS[record.status] ?? `${record.status}: ${reasonPhrase(record)}.`;
  return { meaning, why: whyHere(record) };
}

/** One line: what the status means and why it was sent (a tooltip's text). */
export function statusTooltip(record: RequestRecord): string {
  const explained = explainStatus(record);
  if (explained === null) return 'No status: the connection ended before a response was sent.';
  return `${explained.meaning} Here: ${explained.why}`;
}

/** Why the connection stayed open or closed after this exchange (RFC 9112 §9.3, §9.6). */
export function connectionFate(record: RequestRecord): string {
  if (record.keptAlive) {
    return 'Kept alive: the connection stayed open, so the next request could reuse it without a new TCP handshake.';
  }
  const asked = header(record.requestHeaders, 'Connection')?.toLowerCase();
  const said = header(record.responseHeaders, 'Connection')?.toLowerCase();
  if (record.responseStatusLine === '') {
    return 'Closed before a response: the client went away, or sent nothing in time (a timeout).';
  }
  if (record.status === 408) return 'Closed: the request did not arrive in time (a timeout).';
  if (asked === 'close') return 'Closed: the client asked for it with "Connection: close".';
  if (record.status !== null && record.status >= 400 && said === 'close') {
    return 'Closed after an error: the server does not trust what might follow a request it refused, so it says "Connection: close".';
  }
  if (record.requestLine.endsWith('HTTP/1.0') && asked !== 'keep-alive') {
    return 'Closed: HTTP/1.0 closes after each response unless the client asks for keep-alive.';
  }
  if (record.responseStatusLine.startsWith('HTTP/1.0')) {
    return 'Closed: this server speaks HTTP/1.0 (its protocol setting), so it closes after each response.';
  }
  if (said === 'close') return 'Closed: the response said "Connection: close".';
  return 'Closed: the connection ended after this response.';
}

/**
 * For a 301: the request that followed it from the same client (the browser following
 * Location), among `later` (oldest first), or undefined.
 */
export function followedBy<T extends { record: RequestRecord }>(
  redirect: RequestRecord,
  later: Iterable<T>,
): T | undefined {
  if (redirect.status !== 301) return undefined;
  const location = header(redirect.responseHeaders, 'Location');
  if (location === undefined) return undefined;
  const target = location.replace(/^[a-z]+:\/\/[^/]+/i, '');
  for (const candidate of later) {
    const { record } = candidate;
    if (record.client === redirect.client && record.path === target) return candidate;
  }
  return undefined;
}
