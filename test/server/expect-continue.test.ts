/**
 * `Expect: 100-continue` on real sockets and with curl: every request gets its final response
 * after the interim 100 (server.py's send_error after handle_expect_100), the connection is
 * drained or closed afterwards, and an expectation other than 100-continue gets 417
 * (RFC 9110 §10.1.1).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, parseResponses, readResponse } from '../helpers/http-response.js';
import { RawConnection } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const run = promisify(execFile);
let root = '';
let http11: TestServer;
let http10: TestServer;
let cgi11: TestServer;
let bigFile = '';

beforeAll(async () => {
  root = await makeTempDir({ 'file.txt': 'hello\n', 'cgi-bin/.keep': '' });
  bigFile = path.join(root, '2MB.bin');
  await writeFile(bigFile, Buffer.alloc(2_000_000, 0x61));
  http11 = await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } });
  http10 = await startTestServer({ directory: root });
  cgi11 = await startTestServer({
    directory: root,
    settings: { protocolVersion: 'HTTP/1.1', cgi: true },
  });
});

afterAll(async () => {
  await Promise.all([http11.close(), http10.close(), cgi11.close()]);
  await removeDir(root);
});

/** Sends a head with Expect, waits for the 100, sends the body; returns every response. */
async function withContinue(server: TestServer, head: string, body = '') {
  const conn = await RawConnection.open(server.port);
  conn.write(head);
  const sawContinue = await conn.waitFor((b) => b.includes('\r\n\r\n'));
  if (body) conn.write(body);
  const closed = await conn.waitForClose(2_000);
  conn.destroy();
  return { sawContinue, closed, responses: parseResponses(conn.received()) };
}

describe('the final response follows 100 Continue', () => {
  it('POST to a file: 100, then 501, then close', async () => {
    const { responses, closed } = await withContinue(
      http11,
      'POST /file.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n',
      'abcde',
    );
    expect(responses.map((r) => r.statusLine)).toEqual([
      'HTTP/1.1 100 Continue',
      "HTTP/1.1 501 Unsupported method ('POST')",
    ]);
    expect(header(responses[1]!, 'Connection')).toBe('close');
    expect(closed).toBe(true);
  });

  it('GET /missing with Expect: 100, then 404', async () => {
    const { responses } = await withContinue(
      http11,
      'GET /missing HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n',
    );
    expect(responses.map((r) => r.status)).toEqual([100, 404]);
  });

  it('GET with Expect and a small body: 100, 200, the body drained, the connection kept', async () => {
    const conn = await RawConnection.open(http11.port);
    conn.write(
      'GET /file.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n',
    );
    await conn.waitFor((b) => b.includes('\r\n\r\n'));
    conn.write('body');
    const first = await readResponse(conn);
    expect(first.interim.map((r) => r.status)).toEqual([100]);
    expect(first.status).toBe(200);
    expect(first.body.toString()).toBe('hello\n');
    conn.write('GET /file.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const second = await readResponse(conn);
    expect(second.status).toBe(200);
    conn.destroy();
  });

  it('an Expect other than 100-continue → 417, no 100', async () => {
    const { responses, closed } = await withContinue(
      http11,
      'GET /file.txt HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n\r\n',
    );
    expect(responses.map((r) => r.statusLine)).toEqual(['HTTP/1.1 417 Expectation Failed']);
    expect(closed).toBe(true);
  });

  it('100-continue alongside another expectation → 417', async () => {
    const { responses } = await withContinue(
      http11,
      'GET /file.txt HTTP/1.1\r\nHost: x\r\nExpect: 100-continue, x-other\r\n\r\n',
    );
    expect(responses.map((r) => r.status)).toEqual([417]);
  });

  it('an HTTP/1.0 server ignores Expect, as Python does', async () => {
    const { responses } = await withContinue(
      http10,
      'GET /file.txt HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n\r\n',
    );
    expect(responses.map((r) => r.status)).toEqual([200]);
  });
});

describe('curl --data-binary @2MB.bin (curl sends Expect: 100-continue for big bodies)', () => {
  async function curlStatus(url: string): Promise<string> {
    const { stdout } = await run('curl', [
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '--data-binary',
      `@${bigFile}`,
      url,
    ]);
    return stdout;
  }

  it('to a file → 501', async () => {
    expect(await curlStatus(`http://127.0.0.1:${http11.port}/file.txt`)).toBe('501');
  });

  it('to a missing script → 404', async () => {
    expect(await curlStatus(`http://127.0.0.1:${cgi11.port}/cgi-bin/missing.sh`)).toBe('404');
  });
});
