/**
 * The connection life cycle on real loopback sockets: malformed input (status line, headers,
 * body, exact log lines, closed or not), split and pipelined input, HTTP/1.0 vs 1.1
 * keep-alive rules, HTTP/0.9, and the idle / head-deadline timeouts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseHTTPRequestHandler } from '../../main/server/base-handler.js';
import { header, parseResponse, parseResponses, readResponse } from '../helpers/http-response.js';
import { pythonLogLine } from '../helpers/log-line.js';
import { EVENTUALLY_MS, RawConnection, rawRequest, sleep } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const HELLO = 'hello, world\n';
let root = '';
let http10: TestServer;
let http11: TestServer;

beforeAll(async () => {
  root = await makeTempDir({ 'hello.txt': HELLO, 'other.txt': 'other\n' });
  http10 = await startTestServer({ directory: root });
  http11 = await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } });
});

afterAll(async () => {
  await http10.close();
  await http11.close();
  await removeDir(root);
});

/** Sends `request` on a new connection; the response and whether the server kept it open. */
async function keptAlive(server: TestServer, request: string) {
  const conn = await RawConnection.open(server.port);
  conn.write(request);
  const response = await readResponse(conn);
  const closed = await conn.waitForClose(150);
  let second: number | null = null;
  if (!closed) {
    // Prove it is really usable: a second request on it is answered.
    conn.write('GET /other.txt HTTP/1.1\r\nConnection: close\r\n\r\n');
    second = (await readResponse(conn)).status;
  }
  conn.destroy();
  return { response, kept: !closed, second };
}

describe('malformed requests: status, page, log lines, close', () => {
  const ERROR_CASES: Array<{
    name: string;
    request: string;
    statusLine: string;
    log: string[];
    /** A fragment of the HTML body (escaped). */
    page?: string;
  }> = [
    {
      name: 'bad version',
      request: 'GET / HTTP/1.x\r\n',
      statusLine: "HTTP/1.1 400 Bad request version ('HTTP/1.x')",
      log: ["code 400, message Bad request version ('HTTP/1.x')", '"GET / HTTP/1.x" 400 -'],
      page: "<p>Message: Bad request version ('HTTP/1.x').</p>",
    },
    {
      name: 'HTTP/2.0',
      request: 'GET / HTTP/2.0\r\n',
      statusLine: 'HTTP/1.1 505 Invalid HTTP version (2.0)',
      log: ['code 505, message Invalid HTTP version (2.0)', '"GET / HTTP/2.0" 505 -'],
      page: '<p>Error code explanation: 505 - Cannot fulfill request.</p>',
    },
    {
      name: 'four words',
      request: 'GET /a b HTTP/1.1\r\n',
      statusLine: "HTTP/1.1 400 Bad request syntax ('GET /a b HTTP/1.1')",
      log: [
        "code 400, message Bad request syntax ('GET /a b HTTP/1.1')",
        '"GET /a b HTTP/1.1" 400 -',
      ],
    },
    {
      name: 'HTTP/0.9 POST',
      request: 'POST /x\r\n',
      statusLine: "HTTP/1.1 400 Bad HTTP/0.9 request type ('POST')",
      log: ["code 400, message Bad HTTP/0.9 request type ('POST')", '"POST /x" 400 -'],
    },
    {
      name: 'HTML in the method is escaped in the page',
      request: '<b>&</b> / HTTP/1.0\r\n\r\n',
      statusLine: "HTTP/1.1 501 Unsupported method ('<b>&</b>')",
      log: ["code 501, message Unsupported method ('<b>&</b>')", '"<b>&</b> / HTTP/1.0" 501 -'],
      page: "<p>Message: Unsupported method ('&lt;b&gt;&amp;&lt;/b&gt;').</p>",
    },
    {
      name: 'obs-fold',
      request: 'GET / HTTP/1.1\r\nA: 1\r\n folded\r\n',
      statusLine: "HTTP/1.1 400 Bad header (' folded')",
      log: ["code 400, message Bad header (' folded')", '"GET / HTTP/1.1" 400 -'],
    },
    {
      name: 'space before the colon',
      request: 'GET / HTTP/1.1\r\nHost : x\r\n',
      statusLine: "HTTP/1.1 400 Bad header ('Host : x')",
      log: ["code 400, message Bad header ('Host : x')", '"GET / HTTP/1.1" 400 -'],
    },
    {
      name: 'a control character in a header is logged escaped',
      request: 'GET / HTTP/1.1\r\nA: \x1b[31mred\r\n',
      statusLine: "HTTP/1.1 400 Bad header ('A: \\x1b[31mred')",
      log: ["code 400, message Bad header ('A: \\\\x1b[31mred')", '"GET / HTTP/1.1" 400 -'],
    },
    {
      name: 'Transfer-Encoding',
      request: 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n',
      statusLine: 'HTTP/1.1 501 Transfer-Encoding not supported',
      log: ['code 501, message Transfer-Encoding not supported', '"POST / HTTP/1.1" 501 -'],
    },
    {
      name: 'two Content-Length fields',
      request: 'POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      statusLine: "HTTP/1.1 400 Bad Content-Length ('2')",
      log: ["code 400, message Bad Content-Length ('2')", '"POST / HTTP/1.1" 400 -'],
    },
    {
      name: 'request line over the limit',
      request: 'GET /' + 'a'.repeat(65_536),
      statusLine: 'HTTP/1.1 414 Request-URI Too Long',
      log: ['code 414, message Request-URI Too Long', '"" 414 -'],
    },
    {
      name: 'unknown method on a good request',
      request: 'BREW /pot HTTP/1.1\r\nConnection: keep-alive\r\n\r\n',
      statusLine: "HTTP/1.1 501 Unsupported method ('BREW')",
      log: ["code 501, message Unsupported method ('BREW')", '"BREW /pot HTTP/1.1" 501 -'],
    },
  ];

  for (const c of ERROR_CASES) {
    it(c.name, async () => {
      http11.sink.clear();
      const result = await rawRequest(http11.port, c.request);
      expect(result.closed, 'an error response closes the connection').toBe(true);
      const res = parseResponse(result.bytes);
      expect(res.statusLine).toBe(c.statusLine);
      expect(res.headers.map(([n]) => n)).toEqual([
        'Server',
        'Date',
        'Connection',
        'Content-Type',
        'Content-Length',
      ]);
      expect(header(res, 'Connection')).toBe('close');
      expect(header(res, 'Content-Type')).toBe('text/html;charset=utf-8');
      expect(Number(header(res, 'Content-Length'))).toBe(res.body.length);
      if (c.page) expect(res.body.toString()).toContain(c.page);
      await http11.sink.waitForMessages(c.log.length);
      const lines = http11.sink.lines();
      expect(lines.length).toBe(c.log.length);
      c.log.forEach((text, i) => expect(lines[i]).toMatch(pythonLogLine(text)));
    });
  }

  it('an empty connection closes without a response or a log line', async () => {
    http11.sink.clear();
    const result = await rawRequest(http11.port, '', { end: true });
    expect(result.bytes.length).toBe(0);
    expect(result.closed).toBe(true);
    await sleep(20);
    expect(http11.sink.messages).toEqual([]);
  });

  it('a head cut short by EOF closes without a response', async () => {
    const result = await rawRequest(http11.port, 'GET / HTTP/1.1\r\nHost: x\r\n', { end: true });
    expect(result.bytes.length).toBe(0);
    expect(result.closed).toBe(true);
  });
});

describe('split and pipelined input', () => {
  it('a request written one byte at a time', async () => {
    const request = 'GET /hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';
    const conn = await RawConnection.open(http11.port);
    conn.socket.setNoDelay(true);
    for (const byte of Buffer.from(request)) {
      conn.write(Buffer.from([byte]));
      await sleep(1);
    }
    expect(await conn.waitForClose()).toBe(true);
    const res = parseResponse(conn.received());
    expect(res.statusLine).toBe('HTTP/1.1 200 OK');
    expect(res.body.toString()).toBe(HELLO);
  });

  it('a request split inside the CRLF CRLF', async () => {
    const result = await rawRequest(
      http11.port,
      ['GET /hello.txt HTTP/1.1\r', '\nConnection: close\r\n\r', '\n'],
      { chunkDelayMs: 20 },
    );
    expect(parseResponse(result.bytes).body.toString()).toBe(HELLO);
  });

  it('three pipelined requests in one write are answered in order', async () => {
    http11.sink.clear();
    const result = await rawRequest(
      http11.port,
      'GET /hello.txt HTTP/1.1\r\n\r\n' +
        'HEAD /other.txt HTTP/1.1\r\n\r\n' +
        'GET /missing HTTP/1.1\r\nConnection: close\r\n\r\n',
    );
    expect(result.closed).toBe(true);
    const [a, b, c] = parseResponses(result.bytes, { head: [false, true, false] });
    expect([a?.status, b?.status, c?.status]).toEqual([200, 200, 404]);
    expect(a?.body.toString()).toBe(HELLO);
    expect(header(b!, 'Content-Length')).toBe('6');
    expect(b?.body.length).toBe(0);
    await http11.sink.waitForMessages(4);
    expect(http11.sink.texts()).toEqual([
      '"GET /hello.txt HTTP/1.1" 200 -',
      '"HEAD /other.txt HTTP/1.1" 200 -',
      'code 404, message File not found',
      '"GET /missing HTTP/1.1" 404 -',
    ]);
  });

  it('a body the handler did not read is skipped, not parsed as the next request', async () => {
    const result = await rawRequest(
      http11.port,
      'GET /hello.txt HTTP/1.1\r\nContent-Length: 27\r\n\r\nGET /other.txt HTTP/1.1\r\n\r\n' +
        'GET /other.txt HTTP/1.1\r\nConnection: close\r\n\r\n',
    );
    const responses = parseResponses(result.bytes);
    expect(responses.map((r) => r.body.toString())).toEqual([HELLO, 'other\n']);
  });

  it('a malformed request after a good one: the good one is answered, then 400 and close', async () => {
    const result = await rawRequest(
      http11.port,
      'GET /hello.txt HTTP/1.1\r\n\r\nGET / HTTP/1.x\r\n\r\nGET /other.txt HTTP/1.1\r\n\r\n',
    );
    expect(result.closed).toBe(true);
    expect(parseResponses(result.bytes).map((r) => r.status)).toEqual([200, 400]);
  });
});

describe('keep-alive rules (server.py parse_request)', () => {
  const RULES: Array<[string, 'http10' | 'http11', string, boolean]> = [
    ['1.0 server, 1.1 request', 'http10', 'GET /hello.txt HTTP/1.1\r\n\r\n', false],
    [
      '1.0 server, 1.1 request, Connection: keep-alive',
      'http10',
      'GET /hello.txt HTTP/1.1\r\nConnection: keep-alive\r\n\r\n',
      false,
    ],
    ['1.1 server, 1.1 request', 'http11', 'GET /hello.txt HTTP/1.1\r\n\r\n', true],
    [
      '1.1 server, 1.1 request, Connection: close',
      'http11',
      'GET /hello.txt HTTP/1.1\r\nConnection: close\r\n\r\n',
      false,
    ],
    [
      '1.1 server, 1.1 request, Connection: CLOSE (any case)',
      'http11',
      'GET /hello.txt HTTP/1.1\r\nconnection: CLOSE\r\n\r\n',
      false,
    ],
    ['1.1 server, 1.0 request', 'http11', 'GET /hello.txt HTTP/1.0\r\n\r\n', false],
    [
      '1.1 server, 1.0 request, Connection: keep-alive',
      'http11',
      'GET /hello.txt HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n',
      true,
    ],
  ];
  for (const [name, which, request, expected] of RULES) {
    it(`${name} → ${expected ? 'kept alive' : 'closed'}`, async () => {
      const server = which === 'http10' ? http10 : http11;
      const { kept, second } = await keptAlive(server, request);
      expect(kept).toBe(expected);
      if (expected) expect(second).toBe(200);
    });
  }

  it('the status line carries protocol_version, not the request version', async () => {
    const res10 = parseResponse(
      (await rawRequest(http10.port, 'GET /hello.txt HTTP/1.1\r\n\r\n')).bytes,
    );
    expect(res10.statusLine).toBe('HTTP/1.0 200 OK');
    const { response } = await keptAlive(http11, 'GET /hello.txt HTTP/1.0\r\n\r\n');
    expect(response.statusLine).toBe('HTTP/1.1 200 OK');
  });

  it('HTTP/0.9: the body alone, no status line, no headers, then close', async () => {
    http11.sink.clear();
    const result = await rawRequest(http11.port, 'GET /hello.txt\r\n');
    expect(result.text).toBe(HELLO);
    expect(result.closed).toBe(true);
    await http11.sink.waitForMessages(1);
    expect(http11.sink.lines()[0]).toMatch(pythonLogLine('"GET /hello.txt" 200 -'));
  });

  it('HTTP/0.9 error: the page alone', async () => {
    const result = await rawRequest(http11.port, 'GET /missing\r\n');
    expect(result.text.startsWith('<!DOCTYPE HTML>')).toBe(true);
    expect(result.text).toContain('<p>Error code: 404</p>');
  });
});

describe('timeouts (options.limits)', () => {
  let fast: TestServer;
  beforeAll(async () => {
    fast = await startTestServer({
      directory: root,
      settings: { protocolVersion: 'HTTP/1.1' },
      limits: { requestHeadTimeoutMs: 300, keepAliveTimeoutMs: 150 },
    });
  });
  afterAll(() => fast.close());

  it('an idle kept-alive connection is closed after keepAliveTimeoutMs, silently', async () => {
    fast.sink.clear();
    const conn = await RawConnection.open(fast.port);
    conn.write('GET /hello.txt HTTP/1.1\r\n\r\n');
    await readResponse(conn);
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(conn.received().length).toBe(0); // nothing after the response
    expect(fast.sink.texts()).toEqual(['"GET /hello.txt HTTP/1.1" 200 -']);
  });

  it('a connection that never sends a byte is closed after the head deadline, silently', async () => {
    const conn = await RawConnection.open(fast.port);
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(conn.received().length).toBe(0);
  });

  it('a head that never completes gets 408 at the deadline (slowloris), even while trickling', async () => {
    fast.sink.clear();
    const conn = await RawConnection.open(fast.port);
    conn.write('GET / HTTP/1.1\r\n');
    // One header byte every 50 ms, for as long as the connection lasts: if activity extended
    // the deadline, the connection would never close.
    let trickled = 0;
    const trickle = setInterval(() => (conn.write('X'), trickled++), 50);
    const closed = await conn.waitForClose(EVENTUALLY_MS);
    clearInterval(trickle);
    expect(closed).toBe(true);
    expect(trickled).toBeGreaterThan(0);
    const res = parseResponse(conn.received());
    expect(res.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(header(res, 'Connection')).toBe('close');
    await fast.sink.waitForMessages(2);
    expect(fast.sink.texts()).toEqual(['code 408, message Request Timeout', '"" 408 -']);
  });

  it('the second request on a connection also gets the head deadline', async () => {
    const conn = await RawConnection.open(fast.port);
    conn.write('GET /hello.txt HTTP/1.1\r\n\r\n');
    await readResponse(conn);
    conn.write('GET /hello.txt HTTP/1.1\r\n'); // started, never finished
    expect(await conn.waitForClose(EVENTUALLY_MS)).toBe(true);
    expect(parseResponse(conn.received()).status).toBe(408);
  });
});

describe('handlers on the connection', () => {
  class Echo extends BaseHTTPRequestHandler {
    override protocolVersion = 'HTTP/1.1';
    async do_POST() {
      const body = await this.rfile.read(Number(this.headers.get('Content-Length', '0')));
      this.sendResponse(200);
      this.sendHeader('Content-Length', body.length);
      await this.endHeaders();
      await this.wfile.write(body);
    }
  }
  let echo: TestServer;
  beforeAll(async () => {
    echo = await startTestServer({ Handler: Echo });
  });
  afterAll(() => echo.close());

  it('Expect: 100-continue: 100 goes out before the body is sent, then the final response', async () => {
    const conn = await RawConnection.open(echo.port);
    conn.write('POST /echo HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n');
    // The client holds the body until it sees 100 Continue.
    expect(
      await conn.waitFor((b) => b.toString().startsWith('HTTP/1.1 100 Continue\r\n\r\n')),
    ).toBe(true);
    conn.write('hello');
    const res = await readResponse(conn);
    expect(res.interim.map((r) => r.statusLine)).toEqual(['HTTP/1.1 100 Continue']);
    expect(res.interim[0]?.headers).toEqual([]);
    expect(res.body.toString()).toBe('hello');
    conn.destroy();
  });

  it('a body split across writes is read whole by rfile.read(n)', async () => {
    const result = await rawRequest(
      echo.port,
      ['POST / HTTP/1.1\r\nContent-Length: 10\r\nConnection: close\r\n\r\n01', '234', '56789'],
      { chunkDelayMs: 15 },
    );
    expect(parseResponse(result.bytes).body.toString()).toBe('0123456789');
  });

  it('pipelined POSTs: each body goes to its own request', async () => {
    const result = await rawRequest(
      echo.port,
      'POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc' +
        'POST / HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nde',
    );
    expect(parseResponses(result.bytes).map((r) => r.body.toString())).toEqual(['abc', 'de']);
  });
});
