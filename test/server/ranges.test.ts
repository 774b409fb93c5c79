/**
 * Byte ranges and validators over real sockets (RFC 9110 §13, §14), each case against a
 * cached small file (ranges are slices of the cached buffer) and a streamed 2 MiB file
 * (ranges read from the file's offset): 206 with Content-Range, multipart/byteranges, 416,
 * ignored ranges, 304/412, If-Range, HEAD = GET, what listings and errors do not get, the
 * log's size, and the methods a subclass overrides.
 */
import { stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimpleHTTPRequestHandler } from '../../main/server/simple-handler.js';
import {
  header,
  parseResponse,
  readResponse,
  type ParsedResponse,
} from '../helpers/http-response.js';
import { RawConnection, rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const MTIME = 1_700_000_000; // Tue, 14 Nov 2023 22:13:20 GMT
const MTIME_HTTP = 'Tue, 14 Nov 2023 22:13:20 GMT';

/** Deterministic bytes that differ at every offset a test looks at. */
function content(size: number, seed: number): Buffer {
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = (i * 7 + (i >> 9) * 13 + seed) & 0xff;
  return buf;
}

const FILES = {
  small: { name: 'small.txt', data: content(10_000, 1), type: 'text/plain' },
  big: {
    name: 'big.bin',
    data: content(2 * 1024 * 1024 + 123, 2),
    type: 'application/octet-stream',
  },
};

let root = '';
let srv: TestServer;

beforeAll(async () => {
  root = await makeTempDir({
    [FILES.small.name]: FILES.small.data,
    [FILES.big.name]: FILES.big.data,
    'empty.txt': '',
    'folder/x.txt': 'x\n',
  });
  for (const f of [FILES.small.name, FILES.big.name])
    await utimes(path.join(root, f), MTIME, MTIME);
  srv = await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } });
});

afterAll(async () => {
  await srv?.close();
  await removeDir(root);
});

async function request(
  target: string,
  headers: string[] = [],
  method = 'GET',
  port = srv.port,
): Promise<ParsedResponse> {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: x', 'Connection: close', ...headers];
  const { bytes } = await rawRequest(port, `${lines.join('\r\n')}\r\n\r\n`, { timeoutMs: 5_000 });
  return parseResponse(bytes, method === 'HEAD');
}

/** The parts of a multipart/byteranges body: each part's headers and bytes. */
function multipartParts(
  response: ParsedResponse,
): Array<{ range: string; type: string; data: Buffer }> {
  const boundary = /boundary=(\S+)$/.exec(header(response, 'Content-type') ?? '')?.[1];
  if (!boundary) throw new Error('no boundary');
  const body = response.body.toString('latin1');
  expect(body.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  const inner = body.slice(0, -`\r\n--${boundary}--\r\n`.length);
  return inner
    .split(new RegExp(`(?:^|\\r\\n)--${boundary}\\r\\n`))
    .slice(1)
    .map((part) => {
      const end = part.indexOf('\r\n\r\n');
      const head = part.slice(0, end);
      return {
        type: /^Content-Type: (.*)$/m.exec(head)?.[1] ?? '',
        range: /^Content-Range: (.*)$/m.exec(head)?.[1] ?? '',
        data: Buffer.from(part.slice(end + 4), 'latin1'),
      };
    });
}

async function etagOf(file: string): Promise<string> {
  return header(await request(`/${file}`, [], 'HEAD'), 'ETag') as string;
}

for (const [kind, file] of Object.entries(FILES)) {
  const size = file.data.length;
  const slice = (start: number, end: number) => file.data.subarray(start, end + 1);

  describe(`${kind} file (${size} bytes)`, () => {
    const single: Array<[string, number, number]> = [
      ['bytes=0-499', 0, 499],
      ['bytes=500-999', 500, 999],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=${size - 500}-`, size - 500, size - 1],
      ['bytes=0-0', 0, 0],
      [`bytes=${size - 1}-`, size - 1, size - 1],
      [`bytes=100-${size * 2}`, 100, size - 1],
      ['bytes=-99999999', 0, size - 1],
      ['bytes=0-', 0, size - 1],
    ];
    for (const [range, start, end] of single) {
      it(`${range} → 206 with exactly those bytes`, async () => {
        const r = await request(`/${file.name}`, [`Range: ${range}`]);
        expect(r.status).toBe(206);
        expect(r.reason).toBe('Partial Content');
        expect(header(r, 'Content-Range')).toBe(`bytes ${start}-${end}/${size}`);
        expect(header(r, 'Content-Length')).toBe(String(end - start + 1));
        expect(header(r, 'Content-type')).toBe(file.type);
        expect(header(r, 'Last-Modified')).toBe(MTIME_HTTP);
        expect(header(r, 'Accept-Ranges')).toBe('bytes');
        expect(header(r, 'ETag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+-[0-9a-f]+"$/);
        expect(r.body.equals(slice(start, end))).toBe(true);
      });
    }

    it('bytes=0-0,-1 → multipart/byteranges with the first and last byte', async () => {
      const r = await request(`/${file.name}`, ['Range: bytes=0-0,-1']);
      expect(r.status).toBe(206);
      expect(header(r, 'Content-Range')).toBeUndefined();
      expect(Number(header(r, 'Content-Length'))).toBe(r.body.length);
      expect(multipartParts(r)).toEqual([
        { type: file.type, range: `bytes 0-0/${size}`, data: slice(0, 0) },
        {
          type: file.type,
          range: `bytes ${size - 1}-${size - 1}/${size}`,
          data: slice(size - 1, size - 1),
        },
      ]);
    });

    it('three ranges keep the order they were asked in', async () => {
      const r = await request(`/${file.name}`, ['Range: bytes= -1000, 0-999, 4500-5499']);
      expect(multipartParts(r).map((p) => p.range)).toEqual([
        `bytes ${size - 1000}-${size - 1}/${size}`,
        `bytes 0-999/${size}`,
        `bytes 4500-5499/${size}`,
      ]);
      expect(multipartParts(r)[2]?.data.equals(slice(4500, 5499))).toBe(true);
    });

    const whole: Array<[string, string]> = [
      ['an invalid Range (last before first)', 'Range: bytes=500-400'],
      ['another unit', 'Range: items=0-1'],
      ['garbage', 'Range: bytes=all'],
      ['overlapping ranges', 'Range: bytes=0-999,500-1499'],
      ['the same range 50 times', `Range: bytes=${Array(50).fill('0-').join(',')}`],
      [
        '101 ranges',
        `Range: bytes=${Array.from({ length: 101 }, (_, i) => `${i * 3}-${i * 3}`).join(',')}`,
      ],
    ];
    for (const [name, field] of whole) {
      it(`${name} → 200 with the whole file`, async () => {
        const r = await request(`/${file.name}`, [field]);
        expect(r.status).toBe(200);
        expect(header(r, 'Content-Range')).toBeUndefined();
        expect(header(r, 'Accept-Ranges')).toBe('bytes');
        expect(r.body.equals(file.data)).toBe(true);
      });
    }

    it('two Range lines are not one range set → ignored', async () => {
      const r = await request(`/${file.name}`, ['Range: bytes=0-1', 'Range: bytes=2-3']);
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(size);
    });

    for (const range of [`bytes=${size}-`, `bytes=${size}-${size + 10}`, 'bytes=-0']) {
      it(`${range} → 416 with Content-Range: bytes */${size}`, async () => {
        const r = await request(`/${file.name}`, [`Range: ${range}`]);
        expect(r.status).toBe(416);
        expect(header(r, 'Content-Range')).toBe(`bytes */${size}`);
        expect(header(r, 'ETag')).toBeUndefined();
        expect(r.body.toString()).toContain('Error code: 416');
      });
    }

    it('HEAD answers exactly the headers GET does, ranges included', async () => {
      for (const field of [
        [],
        ['Range: bytes=10-20'],
        ['Range: bytes=0-0,-1'],
        [`Range: bytes=${size}-`],
      ]) {
        const get = await request(`/${file.name}`, field);
        const head = await request(`/${file.name}`, field, 'HEAD');
        const comparable = (r: ParsedResponse) =>
          r.headers.filter(([n, v]) => n !== 'Date' && !/^multipart/.test(v));
        expect(head.statusLine).toBe(get.statusLine);
        expect(comparable(head)).toEqual(comparable(get));
        expect(head.raw.length).toBe(head.raw.indexOf('\r\n\r\n') + 4); // no body
      }
    });

    it('If-None-Match with the current ETag → 304 carrying the ETag', async () => {
      const etag = await etagOf(file.name);
      const r = await request(`/${file.name}`, [`If-None-Match: "nope", ${etag}`]);
      expect(r.status).toBe(304);
      expect(header(r, 'ETag')).toBe(etag);
      expect(r.raw.length).toBe(r.raw.indexOf('\r\n\r\n') + 4);
    });

    it('If-None-Match takes precedence over If-Modified-Since', async () => {
      const r = await request(`/${file.name}`, [
        'If-None-Match: "other"',
        'If-Modified-Since: Wed, 15 Nov 2023 00:00:00 GMT',
      ]);
      expect(r.status).toBe(200);
    });

    it('If-Match with another tag, or an earlier If-Unmodified-Since → 412', async () => {
      for (const field of [
        'If-Match: "other"',
        'If-Unmodified-Since: Tue, 14 Nov 2023 22:13:19 GMT',
      ]) {
        const r = await request(`/${file.name}`, [field, 'Range: bytes=0-1']);
        expect(r.status).toBe(412);
        expect(header(r, 'ETag')).toBeUndefined();
      }
    });

    it('If-Match with the current tag (or *) lets the range through', async () => {
      const etag = await etagOf(file.name);
      for (const value of [etag, '*']) {
        const r = await request(`/${file.name}`, [`If-Match: ${value}`, 'Range: bytes=0-1']);
        expect(r.status).toBe(206);
      }
    });

    it('If-Range: the current ETag or Last-Modified → 206; stale ones → the whole file', async () => {
      const etag = await etagOf(file.name);
      const cases: Array<[string, number]> = [
        [etag, 206],
        [MTIME_HTTP, 206],
        ['"stale"', 200],
        [`W/${etag}`, 200],
        ['Tue, 14 Nov 2023 22:13:21 GMT', 200],
      ];
      for (const [value, status] of cases) {
        const r = await request(`/${file.name}`, [`If-Range: ${value}`, 'Range: bytes=5-9']);
        expect([value, r.status]).toEqual([value, status]);
        expect(r.body.equals(status === 206 ? slice(5, 9) : file.data)).toBe(true);
      }
    });
  });
}

describe('files changing and edge cases', () => {
  it('rewriting a file with the same size gives a new ETag; the old one no longer 304s', async () => {
    await writeFile(path.join(root, 'edit.txt'), 'version one\n');
    const before = await etagOf('edit.txt');
    await writeFile(path.join(root, 'edit.txt'), 'version two\n');
    const after = await etagOf('edit.txt');
    expect(after).not.toBe(before);
    const r = await request('/edit.txt', [`If-None-Match: ${before}`]);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('version two\n');
    const ranged = await request('/edit.txt', [`If-Range: ${before}`, 'Range: bytes=0-6']);
    expect([ranged.status, ranged.body.toString()]).toEqual([200, 'version two\n']);
  });

  it('a date If-Range is weak while the file changed less than a second ago → whole file', async () => {
    await writeFile(path.join(root, 'fresh.txt'), 'just written\n');
    const lastModified = new Date(
      Math.floor((await stat(path.join(root, 'fresh.txt'))).mtimeMs / 1000) * 1000,
    ).toUTCString();
    const r = await request('/fresh.txt', [`If-Range: ${lastModified}`, 'Range: bytes=0-3']);
    expect(r.status).toBe(200);
  });

  it('an empty file: bytes=0- is 416, a suffix the whole (empty) file', async () => {
    expect((await request('/empty.txt', ['Range: bytes=0-'])).status).toBe(416);
    const r = await request('/empty.txt', ['Range: bytes=-5']);
    expect([r.status, header(r, 'Content-Length')]).toEqual([200, '0']);
  });

  it('listings and errors get no validators, and ignore Range and If-None-Match', async () => {
    const listing = await request('/folder/', ['Range: bytes=0-5', 'If-None-Match: *']);
    expect(listing.status).toBe(200);
    expect(header(listing, 'ETag')).toBeUndefined();
    expect(header(listing, 'Accept-Ranges')).toBeUndefined();
    const missing = await request('/missing.txt', ['Range: bytes=0-5', 'If-Match: "x"']);
    expect(missing.status).toBe(404);
    expect(header(missing, 'ETag')).toBeUndefined();
  });

  it('a 416 keeps the connection; the next request on it is answered', async () => {
    const conn = await RawConnection.open(srv.port);
    try {
      conn.write('GET /small.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=99999-\r\n\r\n');
      expect((await readResponse(conn)).status).toBe(416);
      conn.write('GET /small.txt HTTP/1.1\r\nHost: x\r\nRange: bytes=0-2\r\n\r\n');
      const next = await readResponse(conn);
      expect([next.status, next.body.equals(FILES.small.data.subarray(0, 3))]).toEqual([206, true]);
    } finally {
      conn.destroy();
    }
  });

  it('the log: "206 -" as Python writes it, and the record size is the bytes sent', async () => {
    srv.sink.clear();
    await request('/big.bin', ['Range: bytes=1000-1999']);
    await request('/big.bin', ['Range: bytes=0-0,-1']);
    const [one, two] = await srv.sink.waitForRequests(2);
    expect(srv.sink.texts()).toContain('"GET /big.bin HTTP/1.1" 206 -');
    expect(one?.status).toBe(206);
    expect(one?.size).toBe(1000);
    expect(one?.requestHeaders).toContainEqual(['Range', 'bytes=1000-1999']);
    expect(one?.responseHeaders).toContainEqual([
      'Content-Range',
      `bytes 1000-1999/${FILES.big.data.length}`,
    ]);
    expect(two?.size).toBe(Number(two?.responseHeaders.find(([n]) => n === 'Content-Length')?.[1]));
  });
});

describe('a subclass changes the policy through fields and methods', () => {
  it('maxRanges = 0 turns ranges off (Accept-Ranges: none); fileETag null sends no ETag', async () => {
    class NoRanges extends SimpleHTTPRequestHandler {
      override directory = root;
      override maxRanges = 0;
      override fileETag(): string | null {
        return null;
      }
    }
    const own = await startTestServer({ Handler: NoRanges });
    try {
      const r = await request('/small.txt', ['Range: bytes=0-1'], 'GET', own.port);
      expect(r.status).toBe(200);
      expect(header(r, 'Accept-Ranges')).toBe('none');
      expect(header(r, 'ETag')).toBeUndefined();
      expect((await request('/small.txt', ['If-Match: *'], 'GET', own.port)).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('parseRange decides what a Range selects', async () => {
    class FirstByteOnly extends SimpleHTTPRequestHandler {
      override directory = root;
      override parseRange() {
        return { kind: 'partial' as const, ranges: [{ start: 0, end: 0 }] };
      }
    }
    const own = await startTestServer({ Handler: FirstByteOnly });
    try {
      const r = await request('/big.bin', [], 'GET', own.port);
      expect([r.status, header(r, 'Content-Range')]).toEqual([
        206,
        `bytes 0-0/${FILES.big.data.length}`,
      ]);
    } finally {
      await own.close();
    }
  });
});
