/**
 * The log record of a CGI exchange: the response head as the client got it (our status
 * line and headers, then the script's own header block) and how the script ended, so the
 * panel can show the whole head and mark a script that failed.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scriptFailed } from '../../shared/log.js';
import { CGIHTTPRequestHandler } from '../../main/server/cgi-handler.js';
import { ThreadingHTTPServer } from '../../main/server/http-server.js';
import { RecordingSink } from '../helpers/recording-sink.js';
import { get, makeSite, rawRequest, removeSite } from './cgi-site.js';

let root = '';
let server: ThreadingHTTPServer;
let serving: Promise<void>;
const sink = new RecordingSink();

beforeAll(async () => {
  root = await makeSite();
  const site = root;
  const Handler = class extends CGIHTTPRequestHandler {
    override directory = site;
  };
  server = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, {
    logSink: sink,
    allowedHosts: ['*'],
  });
  await server.ready;
  serving = server.serveForever();
});

afterAll(async () => {
  await server.shutdown();
  await server.serverClose();
  await serving;
  await removeSite(root);
});

describe('CGI request records', () => {
  it('carry the script’s header block and a clean exit', async () => {
    sink.clear();
    const res = await rawRequest(server.serverPort, get('/cgi-bin/hello.sh'));
    expect(res.body.toString()).toBe('Hello World\n');
    const [record] = await sink.waitForRequests(1);
    expect(record?.responseStatusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(record?.script).toEqual({
      head: ['Content-type: text/html'],
      exitCode: 0,
      killedBecause: null,
    });
    expect(scriptFailed(record?.script)).toBe(false);
  });

  it('mark a script that exited non-zero as failed', async () => {
    sink.clear();
    await rawRequest(server.serverPort, get('/cgi-bin/exit3.sh'));
    const [record] = await sink.waitForRequests(1);
    expect(record?.status).toBe(200);
    expect(record?.script?.head).toEqual(['Content-type: text/plain']);
    expect(record?.script?.exitCode).toBe(3);
    expect(scriptFailed(record?.script)).toBe(true);
    await sink.waitForMessages(2);
    expect(sink.texts()).toContain('something went wrong');
  });

  for (const hangUp of ['end', 'destroy'] as const) {
    it(`keep a clean exit when the client hangs up (${hangUp}) once the declared length arrived`, async () => {
      sink.clear();
      // As curl and browsers do: stop at Content-Length, while the script is still exiting.
      const body = await readDeclaredThenHangUp(server.serverPort, '/cgi-bin/sized.sh', hangUp);
      expect(body).toBe('sized\n');
      const [record] = await sink.waitForRequests(1);
      expect(record?.script?.killedBecause).toBeNull();
      expect(record?.script?.exitCode).toBe(0);
      expect(scriptFailed(record?.script)).toBe(false);
    });
  }

  it('leave static files without a script outcome', async () => {
    sink.clear();
    await rawRequest(server.serverPort, get('/'));
    const [record] = await sink.waitForRequests(1);
    expect(record?.script).toBeUndefined();
  });
});

/** Reads the head and Content-Length body bytes, then ends or destroys the connection. */
function readDeclaredThenHangUp(
  port: number,
  target: string,
  hangUp: 'end' | 'destroy',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(get(target)));
    let received = Buffer.alloc(0);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd === -1) return;
      const length = /content-length: *(\d+)/i.exec(received.subarray(0, headEnd).toString());
      const body = received.subarray(headEnd + 4);
      if (length === null || body.length < Number(length[1])) return;
      if (hangUp === 'end') socket.end();
      else socket.destroy();
      resolve(body.toString());
    });
  });
}
