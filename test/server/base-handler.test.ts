/**
 * BaseHTTPRequestHandler on real sockets, beyond the cases of CPython's suite: dispatch,
 * sendError bodies and overrides, header injection refused, sendResponseOnly, flushHeaders,
 * failures inside a handler, and the log calls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseHTTPRequestHandler } from '../../main/server/base-handler.js';
import { header, parseResponse, readResponse } from '../helpers/http-response.js';
import { pythonLogLine } from '../helpers/log-line.js';
import { RawConnection, rawRequest, sleep } from '../helpers/raw-socket.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let release: (() => void) | null = null;

class Handler extends BaseHTTPRequestHandler {
  override protocolVersion = 'HTTP/1.1';

  async do_GET() {
    this.sendResponse(200);
    this.sendHeader('Content-Length', 2);
    await this.endHeaders();
    await this.wfile.write('ok');
  }
  async ['do_M-SEARCH']() {
    this.sendResponse(204);
    await this.endHeaders();
  }
  async do_ERRHTML() {
    await this.sendError(400, '<b>bold & "quoted"</b>', 'explain <i>this</i>');
  }
  async do_INJECTVALUE() {
    this.sendResponse(200);
    this.sendHeader('X-Evil', 'a\r\nSet-Cookie: session=stolen');
    await this.endHeaders();
  }
  async do_INJECTNAME() {
    this.sendResponse(200);
    this.sendHeader('X-Evil\r\nSet-Cookie', 'x');
    await this.endHeaders();
  }
  async do_INJECTLF() {
    this.sendResponse(200);
    this.sendHeader('X-Evil', 'a\nb');
    await this.endHeaders();
  }
  async do_INJECTSTATUS() {
    await this.sendError(400, 'nope\r\nSet-Cookie: session=stolen');
  }
  async do_ONLY() {
    this.sendResponseOnly(200, 'Fine');
    this.sendHeader('Content-Length', 0);
    await this.endHeaders();
  }
  async do_FLUSH() {
    this.sendResponse(200);
    this.sendHeader('Content-Length', 4);
    await this.flushHeaders();
    // The test sees the head without its blank line before we go on.
    await new Promise<void>((resolve) => (release = resolve));
    await this.endHeaders();
    await this.wfile.write('done');
  }
  async do_THROW() {
    throw new Error('boom');
  }
  async do_THROWLATE() {
    this.sendResponse(200);
    this.sendHeader('Content-Length', 100);
    await this.endHeaders();
    await this.wfile.write('partial');
    throw new Error('late boom');
  }
  async do_ERRORLATE() {
    this.sendResponse(200);
    this.sendHeader('Content-Length', 0);
    await this.endHeaders();
    await this.sendError(500, 'too late'); // no second response may go out
  }
  async do_LOG() {
    this.logRequest(201, 1234);
    this.logError('problem %s with %r: %d%%', 'here', "it's", 42.9);
    this.logMessage('plain %s', 'text');
    this.sendResponse(204);
    await this.endHeaders();
  }
}

class CustomErrorPage extends BaseHTTPRequestHandler {
  override errorMessageFormat = 'E%(code)d|%(message)s|%(explain)s|%%';
  override errorContentType = 'text/plain; charset=utf-8';
}

let srv: TestServer;
let custom: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ Handler });
  custom = await startTestServer({ Handler: CustomErrorPage });
});
afterAll(async () => {
  await srv.close();
  await custom.close();
});

async function once(request: string, server = srv) {
  server.sink.clear();
  const result = await rawRequest(server.port, request);
  return { result, res: parseResponse(result.bytes, request.startsWith('HEAD')) };
}

describe('dispatch', () => {
  it('do_<METHOD> is called for the method as sent, even with a hyphen', async () => {
    const { res } = await once('M-SEARCH * HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(204);
  });

  it('a method without do_ gets 501 and closes; methods are case-sensitive', async () => {
    for (const method of ['get', 'POST', 'CONSTRUCTOR', 'constructor', 'toString']) {
      const { res, result } = await once(`${method} / HTTP/1.1\r\n\r\n`);
      expect(res.statusLine).toBe(`HTTP/1.1 501 Unsupported method ('${method}')`);
      expect(result.closed).toBe(true);
    }
  });
});

describe('sendError', () => {
  it('escapes the message and explanation in the page, not in the status line', async () => {
    const { res } = await once('ERRHTML / HTTP/1.1\r\n\r\n');
    expect(res.statusLine).toBe('HTTP/1.1 400 <b>bold & "quoted"</b>');
    const page = res.body.toString();
    expect(page).toContain('<p>Message: &lt;b&gt;bold &amp; "quoted"&lt;/b&gt;.</p>');
    expect(page).toContain('<p>Error code explanation: 400 - explain &lt;i&gt;this&lt;/i&gt;.</p>');
    expect(Number(header(res, 'Content-Length'))).toBe(res.body.length);
  });

  it('HEAD gets the headers of the page but no body', async () => {
    const { res, result } = await once('HEAD / HTTP/1.1\r\n\r\n');
    expect(res.status).toBe(501);
    expect(Number(header(res, 'Content-Length'))).toBeGreaterThan(0);
    expect(result.text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('errorMessageFormat and errorContentType overrides are used', async () => {
    const { res } = await once('FOO / HTTP/1.0\r\n\r\n', custom);
    expect(header(res, 'Content-Type')).toBe('text/plain; charset=utf-8');
    expect(res.body.toString()).toBe(
      "E501|Unsupported method ('FOO')|Server does not support this operation|%",
    );
  });

  it('after the head went out, a second response is never written', async () => {
    const { result, res } = await once('ERRORLATE / HTTP/1.1\r\n\r\n');
    expect(res.status).toBe(200);
    expect(result.text.match(/HTTP\/1\.1/g)?.length).toBe(1);
    expect(result.closed).toBe(true);
    await srv.sink.waitForMessages(2);
    expect(srv.sink.texts()).toEqual([
      '"ERRORLATE / HTTP/1.1" 200 -',
      'code 500, message too late',
    ]);
  });
});

describe('header injection is refused', () => {
  for (const method of ['INJECTVALUE', 'INJECTNAME', 'INJECTLF', 'INJECTSTATUS']) {
    it(`${method}: 500, no injected line, the reason logged`, async () => {
      const { result, res } = await once(`${method} / HTTP/1.1\r\n\r\n`);
      expect(res.status).toBe(500);
      expect(result.text).not.toMatch(/\r\nSet-Cookie:/i);
      expect(result.text).not.toContain('\r\nb\r\n');
      expect(result.closed).toBe(true);
      await srv.sink.waitForMessages(2);
      expect(srv.sink.texts().some((t) => t.startsWith('Error handling request: Invalid'))).toBe(
        true,
      );
    });
  }
});

describe('sendResponseOnly, flushHeaders', () => {
  it('sendResponseOnly adds no Server or Date and logs nothing', async () => {
    const conn = await RawConnection.open(srv.port);
    srv.sink.clear();
    conn.write('ONLY / HTTP/1.1\r\n\r\n');
    const res = await readResponse(conn);
    expect(res.raw.toString()).toBe('HTTP/1.1 200 Fine\r\nContent-Length: 0\r\n\r\n');
    conn.destroy();
    await sleep(20);
    expect(srv.sink.texts()).toEqual([]);
  });

  it('flushHeaders writes the head so far, without the blank line', async () => {
    const conn = await RawConnection.open(srv.port);
    conn.write('FLUSH / HTTP/1.1\r\n\r\n');
    expect(await conn.waitFor((b) => b.includes('Content-Length: 4\r\n'))).toBe(true);
    await sleep(30);
    expect(conn.received().toString()).not.toContain('\r\n\r\n');
    release?.();
    const res = await readResponse(conn);
    expect(res.body.toString()).toBe('done');
    conn.destroy();
  });
});

describe('a handler that throws', () => {
  it('before the head: 500 with the standard page, logged', async () => {
    const { res, result } = await once('THROW / HTTP/1.1\r\n\r\n');
    expect(res.statusLine).toBe('HTTP/1.1 500 Internal Server Error');
    expect(result.closed).toBe(true);
    await srv.sink.waitForMessages(3);
    expect(srv.sink.texts()).toEqual([
      'Error handling request: boom',
      'code 500, message Internal Server Error',
      '"THROW / HTTP/1.1" 500 -',
    ]);
  });

  it('after the head: what was written arrives, then the connection ends; no second status line', async () => {
    srv.sink.clear();
    const result = await rawRequest(srv.port, 'THROWLATE / HTTP/1.1\r\n\r\n');
    expect(result.closed).toBe(true);
    expect(result.text.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(result.text.match(/HTTP\/1\.1 /g)?.length).toBe(1);
    expect(result.text.endsWith('partial')).toBe(true);
  });

  it('the server keeps serving afterwards', async () => {
    const { res } = await once('GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(res.body.toString()).toBe('ok');
  });
});

describe('logging', () => {
  it('logRequest, logError and logMessage format like Python and reach the sink', async () => {
    await once('LOG / HTTP/1.1\r\nConnection: close\r\n\r\n');
    await srv.sink.waitForMessages(4);
    const lines = srv.sink.lines();
    expect(lines[0]).toMatch(pythonLogLine('"LOG / HTTP/1.1" 201 1234'));
    expect(lines[1]).toMatch(pythonLogLine(`problem here with "it's": 42%`));
    expect(lines[2]).toMatch(pythonLogLine('plain text'));
    expect(lines[3]).toMatch(pythonLogLine('"LOG / HTTP/1.1" 204 -'));
    expect(srv.sink.messages.map((m) => m.level)).toEqual(['info', 'error', 'info', 'info']);
    expect(srv.sink.messages.every((m) => m.client === '127.0.0.1' && m.clientPort > 0)).toBe(true);
  });

  it('a request line with control characters is logged escaped', async () => {
    const { res } = await once('GET /\x1b[2J\x7f HTTP/1.1\r\n\r\n');
    expect(res.status).toBe(400); // controls in the target are refused…
    await srv.sink.waitForMessages(2);
    // …and the log line shows them as \xNN, never raw (Python 3.12 log_message).
    for (const line of srv.sink.lines()) expect(line).not.toMatch(/[\x00-\x1f\x7f]/); // eslint-disable-line no-control-regex
    expect(srv.sink.texts()[1]).toBe('"GET /\\x1b[2J\\x7f HTTP/1.1" 400 -');
  });
});
