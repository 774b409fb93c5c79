/**
 * The composer's presets: requests a teacher can send to show one thing each, with what to
 * look for. Paths are the sample site's (app/sample-site); for another folder, edit them.
 * Pure: the panel shows them, the e2e specs send them and check the statuses they name.
 */
import type { ServerState } from './ipc.js';

export interface ComposerPreset {
  id: string;
  name: string;
  /** One paragraph: what the request shows and what to look for in the answer. */
  explanation: string;
  /** Raw requests, `\n` line ends (sent as CRLF). */
  requests: string[];
  sameConnection: boolean;
  /** The status each request should get; null where no response is expected. */
  expect: Array<number | null>;
}

/** Where the composer connects for a server: loopback unless it listens on one address. */
export function composerTarget(state: ServerState): { host: string; port: number } | null {
  if (state.status !== 'running' || state.boundPort === undefined) return null;
  const bound = state.boundAddress ?? '127.0.0.1';
  const wildcard = bound === '0.0.0.0' || bound === '::' || bound === '';
  return { host: wildcard ? '127.0.0.1' : bound, port: state.boundPort };
}

/** Turns the text area's line ends into the CRLF HTTP requires (RFC 9112 §2.2). */
export function toWire(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function hostField(target: { host: string; port: number }): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `Host: ${host}:${target.port}`;
}

/** RFC 9110 §5.6.7 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
function httpDate(date: Date): string {
  return date.toUTCString();
}

export function composerPresets(
  target: { host: string; port: number },
  options: { cgi: boolean; now: Date },
): ComposerPreset[] {
  const host = hostField(target);
  const body = 'name=class';
  /** Two GETs in `version`, written one after the other on one connection. */
  const twoFiles = (version: string) =>
    ['/files/notes.txt', '/files/data.json'].map((file) => `GET ${file} ${version}\n${host}\n\n`);
  const presets: ComposerPreset[] = [
    {
      id: 'get',
      name: 'Plain GET',
      explanation:
        'The simplest request: a method, a path and a version, then headers and an empty line. Look at the status line (200 OK), Content-type (guessed from the file name), Content-Length (the body’s exact size) and Last-Modified, then the body itself.',
      requests: [`GET /files/notes.txt HTTP/1.1\n${host}\n\n`],
      sameConnection: false,
      expect: [200],
    },
    {
      id: 'head',
      name: 'HEAD',
      explanation:
        'HEAD asks for the headers a GET would get, without the body. Compare with the plain GET: the same Content-Length is announced, but no body bytes follow.',
      requests: [`HEAD /files/notes.txt HTTP/1.1\n${host}\n\n`],
      sameConnection: false,
      expect: [200],
    },
    {
      id: 'missing',
      name: 'Missing file (404)',
      explanation:
        'A path with no file behind it. The server answers 404 File not found with a small HTML error page as the body: the status code is for programs, the page is for people.',
      requests: [`GET /files/no-such-file.txt HTTP/1.1\n${host}\n\n`],
      sameConnection: false,
      expect: [404],
    },
    {
      id: 'folder-redirect',
      name: 'Folder without its slash (301)',
      explanation:
        '/files is a folder, but the URL lacks its trailing slash. The server answers 301 with Location: /files/ so that relative links inside the folder’s page resolve against the folder. A browser follows it on its own; here you see the redirect itself.',
      requests: [`GET /files HTTP/1.1\n${host}\n\n`],
      sameConnection: false,
      expect: [301],
    },
    {
      id: 'conditional',
      name: 'Conditional GET (304)',
      explanation:
        'If-Modified-Since says “I have a copy from this time”. The file has not changed since, so the server answers 304 Not Modified with no body: the browser reuses its cached copy and saves the transfer.',
      requests: [
        `GET /files/notes.txt HTTP/1.1\n${host}\nIf-Modified-Since: ${httpDate(options.now)}\n\n`,
      ],
      sameConnection: false,
      expect: [304],
    },
    {
      id: 'http10-twice',
      name: 'HTTP/1.0: two requests, one connection',
      explanation:
        'Two HTTP/1.0 requests sent on the same connection. HTTP/1.0 closes the connection after each response unless the client asks for keep-alive, so the first gets its answer and the second never does: it has nowhere to go. Compare with the HTTP/1.1 preset.',
      requests: twoFiles('HTTP/1.0'),
      sameConnection: true,
      expect: [200, null],
    },
    {
      id: 'http11-twice',
      name: 'HTTP/1.1: two requests, one connection',
      explanation:
        'The same two requests in HTTP/1.1, where connections stay open by default (keep-alive): both are answered on one TCP connection, which saves a handshake per request. The log shows both under one connection number. (A server set to HTTP/1.0 still closes after the first.)',
      requests: twoFiles('HTTP/1.1'),
      sameConnection: true,
      expect: [200, 200],
    },
    {
      id: 'malformed',
      name: 'Malformed request (400)',
      explanation:
        'A request line that is not “method path version”. The server cannot know what was meant, answers 400 Bad Request and closes the connection, since whatever follows cannot be trusted either.',
      requests: ['HELLO SERVER\n\n'],
      sameConnection: false,
      expect: [400],
    },
    {
      id: 'post-file',
      name: 'POST to a file (501)',
      explanation:
        'POST sends data to the server. A file server has nothing to do with it: Python’s SimpleHTTPRequestHandler has no do_POST, so the answer is 501 Unsupported method. Only CGI scripts take POST.',
      requests: [
        `POST /files/notes.txt HTTP/1.1\n${host}\nContent-Type: application/x-www-form-urlencoded\nContent-Length: ${body.length}\n\n${body}`,
      ],
      sameConnection: false,
      expect: [501],
    },
    {
      id: 'range',
      name: 'A byte range (206)',
      explanation:
        'Range: bytes=0-99 asks for the first 100 bytes only (a video player seeking, a download resuming). The answer is 206 Partial Content: Content-Length is 100, and Content-Range: bytes 0-99/280 says which bytes these are and how long the whole file is. Compare with the plain GET’s Content-Length.',
      requests: [`GET /files/notes.txt HTTP/1.1\n${host}\nRange: bytes=0-99\n\n`],
      sameConnection: false,
      expect: [206],
    },
    {
      id: 'multi-range',
      name: 'Two ranges at once (206, multipart)',
      explanation:
        'Two ranges in one request. One body cannot say where each piece belongs, so the server sends a multipart/byteranges body: a boundary line, then each part with its own Content-Type and Content-Range, then the closing boundary. The boundary is random, chosen so it cannot appear in the file.',
      requests: [`GET /files/notes.txt HTTP/1.1\n${host}\nRange: bytes=0-9,200-219\n\n`],
      sameConnection: false,
      expect: [206],
    },
    {
      id: 'range-unsatisfiable',
      name: 'A range past the end (416)',
      explanation:
        'This range starts at byte 1000 of a 280-byte file, so none of it exists. The server answers 416 Range Not Satisfiable with Content-Range: bytes */280: no bytes, but the file’s length, so the client can ask again for bytes that exist.',
      requests: [`GET /files/notes.txt HTTP/1.1\n${host}\nRange: bytes=1000-\n\n`],
      sameConnection: false,
      expect: [416],
    },
    {
      id: 'if-range',
      name: 'If-Range: resume only if unchanged (200)',
      explanation:
        'If-Range makes a range conditional: “send me the rest, but only if the file is still the version I started with”. This If-Range names a date long before the file was written, so the file has changed since: the server ignores Range and sends the whole file (200), since the rest of a different version would corrupt the client’s copy. Copy the ETag of a plain GET into If-Range and send again: now the range comes back as 206.',
      requests: [
        `GET /files/notes.txt HTTP/1.1\n${host}\nRange: bytes=100-\nIf-Range: Thu, 01 Jan 1970 00:00:00 GMT\n\n`,
      ],
      sameConnection: false,
      expect: [200],
    },
  ];
  if (options.cgi) {
    presets.push(
      {
        id: 'cgi-get',
        name: 'CGI GET',
        explanation:
          'A CGI program runs for each request: the server passes the query string (?name=class) in environment variables and sends back what the program prints. The page did not exist before the request.',
        requests: [`GET /cgi-bin/hello.py?name=class HTTP/1.1\n${host}\n\n`],
        sameConnection: false,
        expect: [200],
      },
      {
        id: 'cgi-post',
        name: 'CGI POST',
        explanation:
          'The same program, now with a POST: the form data travels in the request body (Content-Length says how much), and the program reads it from its standard input.',
        requests: [
          `POST /cgi-bin/hello.py HTTP/1.1\n${host}\nContent-Type: application/x-www-form-urlencoded\nContent-Length: ${body.length}\n\n${body}`,
        ],
        sameConnection: false,
        expect: [200],
      },
    );
  }
  return presets;
}
