/**
 * The log record of a CGI exchange: the response head as the client got it (our status
 * line and headers, then the script's own header block) and how the script ended, so the
 * panel can show the whole head and mark a script that failed.
 */
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

  it('leave static files without a script outcome', async () => {
    sink.clear();
    await rawRequest(server.serverPort, get('/'));
    const [record] = await sink.waitForRequests(1);
    expect(record?.script).toBeUndefined();
  });
});
