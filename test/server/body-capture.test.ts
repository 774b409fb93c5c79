/**
 * Body capture for the desktop inspector (docs/architecture.md § Engine: body capture), on
 * real sockets: a sink that asks for bodies gets the first 64 KiB of each request and
 * response body exactly as they crossed the wire (heads left out), with their lengths; a
 * sink that does not ask gets none.
 */
import { createHash } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeBodies, RequestRecord } from '../../shared/log.js';
import { BODY_VIEW_BYTES } from '../../shared/body-view.js';
import { RawConnection, rawRequest } from '../helpers/raw-socket.js';
import { RecordingSink, waitUntil } from '../helpers/recording-sink.js';
import { makeTempDir, removeDir, startTestServer } from '../helpers/test-server.js';
import { makeHandlerClass } from '../../main/server/configure.js';
import { ThreadingHTTPServer } from '../../main/server/http-server.js';
import { BodyCapture } from '../../main/server/body-capture.js';
import { writePatternedFile } from '../helpers/patterned-file.js';

/** Records each exchange's bodies next to its record; `captureBodies` can be turned off. */
class BodySink extends RecordingSink {
  captureBodies = true;
  readonly bodies: Array<ExchangeBodies | undefined> = [];

  override request(record: RequestRecord, bodies?: ExchangeBodies): void {
    super.request(record);
    this.bodies.push(bodies);
  }

  async bodiesOf(count: number): Promise<Array<ExchangeBodies | undefined>> {
    await this.waitForRequests(count);
    return this.bodies;
  }
}

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('latin1');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let dir = '';
let server: ThreadingHTTPServer;
let served: Promise<void>;
let sink: BodySink;
const notes = 'Line one\nLine two\n';
const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);

beforeAll(async () => {
  dir = await makeTempDir({
    'notes.txt': notes,
    'pic.png': binary,
    'folder/a.txt': 'a',
    // Echoes its request body after its own header block (RFC 3875 §6).
    'cgi-bin/echo.sh':
      '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\nX-Script: yes\\r\\n\\r\\n"\ncat\n',
  });
  await chmod(dir, 0o755);
  await chmod(path.join(dir, 'cgi-bin'), 0o755);
  await chmod(path.join(dir, 'cgi-bin/echo.sh'), 0o755);
  await writePatternedFile(path.join(dir, 'big.bin'), 2);
  sink = new BodySink();
  server = new ThreadingHTTPServer(
    ['127.0.0.1', 0],
    makeHandlerClass({ directory: dir, cgi: true, protocolVersion: 'HTTP/1.1' }),
    { logSink: sink, allowedHosts: ['*'] },
  );
  await server.ready;
  served = server.serveForever();
});

afterAll(async () => {
  await server?.shutdown();
  await server?.serverClose();
  await served;
  await removeDir(dir);
});

async function exchange(request: string | Buffer): Promise<ExchangeBodies> {
  const before = sink.requests.length;
  await rawRequest(server.serverPort, request);
  const all = await sink.bodiesOf(before + 1);
  const bodies = all[before];
  expect(bodies).toBeDefined();
  return bodies!;
}

describe('body capture', () => {
  it('keeps a file body, not its head, on each request of a keep-alive connection', async () => {
    const before = sink.requests.length;
    const conn = await RawConnection.open(server.serverPort);
    conn.write(
      'GET /notes.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /pic.png HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    const all = await sink.bodiesOf(before + 2);
    conn.destroy();
    const [first, second] = all.slice(before);
    expect(text(first!.response.bytes)).toBe(notes);
    expect(first!.response.total).toBe(notes.length);
    expect(first!.request).toBeNull();
    expect(Buffer.from(second!.response.bytes)).toEqual(binary);
    expect(sink.requests[before + 1]!.connectionId).toBe(sink.requests[before]!.connectionId);
  });

  it('keeps only the first 64 KiB of a 2 MiB file and counts the rest', async () => {
    const bodies = await exchange('GET /big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const file = await readFile(path.join(dir, 'big.bin'));
    expect(bodies.response.total).toBe(2 * 1024 * 1024);
    expect(bodies.response.bytes.length).toBe(BODY_VIEW_BYTES);
    expect(sha(bodies.response.bytes)).toBe(sha(file.subarray(0, BODY_VIEW_BYTES)));
  });

  it('keeps the bytes a range sent', async () => {
    const bodies = await exchange(
      'GET /notes.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=5-7\r\nConnection: close\r\n\r\n',
    );
    expect(text(bodies.response.bytes)).toBe('one');
    expect(bodies.response.total).toBe(3);
  });

  it('has an empty body for HEAD and 304', async () => {
    const head = await exchange('HEAD /notes.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(head.response.bytes.length).toBe(0);
    expect(head.response.total).toBe(0);
    const lastModified = new Date(Date.now() + 60_000).toUTCString();
    const notModified = await exchange(
      `GET /notes.txt HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: ${lastModified}\r\nConnection: close\r\n\r\n`,
    );
    expect(sink.requests.at(-1)!.status).toBe(304);
    expect(notModified.response.total).toBe(0);
  });

  it('keeps error pages and listings', async () => {
    const missing = await exchange('GET /nope HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(text(missing.response.bytes)).toContain('<p>Message: File not found.</p>');
    const listing = await exchange('GET /folder/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(text(listing.response.bytes)).toContain('<a href="a.txt">a.txt</a>');
  });

  it('keeps a request body the server never read (a POST to a file: 501)', async () => {
    const bodies = await exchange(
      'POST /notes.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nname=class',
    );
    expect(sink.requests.at(-1)!.status).toBe(501);
    expect(text(bodies.request!.bytes)).toBe('name=class');
    expect(bodies.request!.total).toBe(10);
  });

  it('keeps a CGI POST body and the script output after its header block', async () => {
    const bodies = await exchange(
      'POST /cgi-bin/echo.sh HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nname=class',
    );
    expect(text(bodies.request!.bytes)).toBe('name=class');
    expect(text(bodies.response.bytes)).toBe('name=class');
    expect(bodies.response.total).toBe(10);
    expect(sink.requests.at(-1)!.script?.head).toEqual([
      'Content-Type: text/plain',
      'X-Script: yes',
    ]);
  });

  it('keeps the first 64 KiB of a large request body and its announced length', async () => {
    const payload = Buffer.alloc(200_000, 'x');
    const bodies = await exchange(
      Buffer.concat([
        Buffer.from(
          `POST /cgi-bin/echo.sh HTTP/1.1\r\nHost: x\r\nContent-Length: ${payload.length}\r\n\r\n`,
        ),
        payload,
      ]),
    );
    expect(bodies.request!.total).toBe(payload.length);
    expect(bodies.request!.bytes.length).toBe(BODY_VIEW_BYTES);
    expect(bodies.response.total).toBe(payload.length);
    expect(bodies.response.bytes.length).toBeLessThanOrEqual(BODY_VIEW_BYTES);
  });

  it('captures nothing while the sink does not ask, and again once it does', async () => {
    sink.captureBodies = false;
    const before = sink.requests.length;
    await rawRequest(server.serverPort, 'GET /notes.txt HTTP/1.0\r\n\r\n');
    await sink.bodiesOf(before + 1);
    expect(sink.bodies[before]).toBeUndefined();
    sink.captureBodies = true;
    const bodies = await exchange('GET /notes.txt HTTP/1.0\r\n\r\n');
    expect(text(bodies.response.bytes)).toBe(notes);
  });
});

describe('a sink without captureBodies (the CLI, the library default)', () => {
  it('is called with the record alone', async () => {
    const plain = await startTestServer({ directory: dir });
    try {
      const seen: unknown[][] = [];
      const recording = plain.sink;
      const original = recording.request.bind(recording);
      recording.request = (...args: [RequestRecord]) => {
        seen.push(args);
        original(...args);
      };
      await rawRequest(plain.port, 'POST /notes.txt HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc');
      await waitUntil(() => seen.length === 1);
      expect(seen[0]![1]).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('BodyCapture', () => {
  it('keeps at most its limit, counts every byte, and leaves out a prefix across chunks', () => {
    const capture = new BodyCapture(Infinity, 5);
    for (const chunk of ['ab', 'cd', 'ef', 'gh']) capture.add(Buffer.from(chunk));
    expect(text(capture.result().bytes)).toBe('abcde');
    expect(capture.result().total).toBe(8);
    expect(text(capture.result(3).bytes)).toBe('de');
    expect(capture.result(3).total).toBe(5);
  });

  it('takes no byte past the expected length (the next pipelined request)', () => {
    const capture = new BodyCapture(3);
    capture.add(Buffer.from('abGET /'));
    capture.add(Buffer.from('x'));
    expect(text(capture.result().bytes)).toBe('abG');
    expect(capture.complete).toBe(true);
  });
});
