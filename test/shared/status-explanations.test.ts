/**
 * Plain words for statuses (shared/status-explanations.ts), fed with the records a real
 * server on loopback logs: each status says what it means and why this server sent it,
 * a 301 finds the request that followed it, and each close says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../shared/log.js';
import {
  connectionFate,
  explainStatus,
  followedBy,
  statusTooltip,
} from '../../shared/status-explanations.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

let root = '';
let srv: TestServer;
let srv10: TestServer;

beforeAll(async () => {
  root = await makeTempDir({ 'a.txt': 'aaaa', 'dir/b.txt': 'b', 'long.txt': 'x'.repeat(1000) });
  srv = await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } });
  srv10 = await startTestServer({ directory: root });
});
afterAll(async () => {
  await srv.close();
  await srv10.close();
  await removeDir(root);
});

async function exchange(server: TestServer, raw: string): Promise<RequestRecord> {
  const before = server.sink.requests.length;
  await rawRequest(server.port, raw);
  const records = await server.sink.waitForRequests(before + 1);
  return records[before]!;
}

describe('explainStatus', () => {
  it('explains ranges: one part, several parts, past the end, a stale If-Range', async () => {
    const one = await exchange(
      srv,
      'GET /a.txt HTTP/1.1\r\nRange: bytes=0-1\r\nConnection: close\r\n\r\n',
    );
    expect(one.status).toBe(206);
    expect(explainStatus(one)?.why).toBe(
      "The client sent Range: bytes=0-1; Content-Range (bytes 0-1/4) says which bytes these are and the file's whole length.",
    );
    const big = await exchange(
      srv,
      'GET /long.txt HTTP/1.1\r\nRange: bytes=0-9,500-509\r\nConnection: close\r\n\r\n',
    );
    expect(big.status).toBe(206);
    expect(explainStatus(big)?.why).toMatch(
      /several ranges, so each comes as one part of a multipart\/byteranges body/,
    );
    const past = await exchange(
      srv,
      'GET /a.txt HTTP/1.1\r\nRange: bytes=10-\r\nConnection: close\r\n\r\n',
    );
    expect(past.status).toBe(416);
    expect(explainStatus(past)?.why).toBe(
      'The client sent Range: bytes=10-, but the file has only 4 bytes (Content-Range: bytes */4).',
    );
    const stale = await exchange(
      srv,
      'GET /a.txt HTTP/1.1\r\nRange: bytes=1-\r\nIf-Range: Thu, 01 Jan 1970 00:00:00 GMT\r\nConnection: close\r\n\r\n',
    );
    expect(stale.status).toBe(200);
    expect(explainStatus(stale)?.why).toMatch(
      /^The client sent Range with If-Range \(Thu, 01 Jan 1970 00:00:00 GMT\), which does not match/,
    );
  });

  it('says why each status was sent, from the record', async () => {
    const ok = await exchange(srv, 'GET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(explainStatus(ok)?.why).toMatch(
      /^The file at \/a\.txt was found and sent as text\/plain/,
    );

    const listing = await exchange(srv, 'GET /dir/ HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(explainStatus(listing)?.why).toMatch(/no index\.html, so the server made this listing/);

    const moved = await exchange(srv, 'GET /dir HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(moved.status).toBe(301);
    expect(explainStatus(moved)?.why).toMatch(
      /^\/dir is a folder but the URL lacked its trailing slash: Location \(\/dir\/\)/,
    );

    const missing = await exchange(srv, 'GET /nope HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(explainStatus(missing)).toEqual({
      meaning: 'Not Found: there is nothing at this path.',
      why: 'No file or folder at /nope in the served folder.',
    });

    const post = await exchange(
      srv,
      'POST /a.txt HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    );
    expect(post.status).toBe(501);
    expect(explainStatus(post)?.why).toMatch(/no do_POST for files/);

    const lastModified = ok.responseHeaders.find(([n]) => n === 'Last-Modified')![1];
    const cached = await exchange(
      srv,
      `GET /a.txt HTTP/1.1\r\nIf-Modified-Since: ${lastModified}\r\nConnection: close\r\n\r\n`,
    );
    expect(cached.status).toBe(304);
    expect(explainStatus(cached)?.why).toContain(`If-Modified-Since (${lastModified})`);

    const bad = await exchange(srv, 'GARBAGE\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(explainStatus(bad)?.meaning).toMatch(/^Bad Request/);
    expect(explainStatus(bad)?.why).toMatch(/^The server said: Bad request/);

    const version = await exchange(srv, 'GET / HTTP/2.0\r\n\r\n');
    expect(version.status).toBe(505);
    expect(statusTooltip(version)).toMatch(
      /^HTTP Version Not Supported.* Here: The request said HTTP\/2\.0/,
    );
  });

  it('finds the request that followed a 301 from the same client', async () => {
    const moved = await exchange(srv, 'GET /dir HTTP/1.1\r\nConnection: close\r\n\r\n');
    const other = await exchange(srv, 'GET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n');
    const followed = await exchange(srv, 'GET /dir/ HTTP/1.1\r\nConnection: close\r\n\r\n');
    const rows = [other, followed].map((record) => ({ record }));
    expect(followedBy(moved, rows)?.record).toBe(followed);
    expect(followedBy(other, rows)).toBeUndefined();
  });
});

describe('connectionFate', () => {
  it('says why a connection closed or stayed open', async () => {
    const kept = await exchange(
      srv,
      'GET /a.txt HTTP/1.1\r\n\r\nGET /a.txt HTTP/1.1\r\nConnection: close\r\n\r\n',
    );
    expect(connectionFate(kept)).toMatch(/^Kept alive/);
    const asked = srv.sink.requests.at(-1)!;
    await srv.sink.waitForRequests(srv.sink.requests.length);
    expect(connectionFate(asked)).toMatch(/client asked for it with "Connection: close"/);

    const old = await exchange(srv, 'GET /a.txt HTTP/1.0\r\n\r\n');
    expect(old.keptAlive).toBe(false);
    expect(connectionFate(old)).toMatch(/^Closed: HTTP\/1\.0 closes after each response/);
    const server10 = await exchange(srv10, 'GET /a.txt HTTP/1.1\r\n\r\n');
    expect(connectionFate(server10)).toMatch(/this server speaks HTTP\/1\.0/);

    const bad = await exchange(srv, 'GARBAGE\r\n\r\n');
    expect(connectionFate(bad)).toMatch(/^Closed after an error/);
  });
});
