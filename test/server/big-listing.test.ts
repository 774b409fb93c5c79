/**
 * Big listings are rendered in slices and streamed from one shared render: the bytes are
 * exactly those of the one-buffer path and of `python3 -m http.server`, Content-Length is
 * right, and many requests for a big folder share its render instead of holding a page each.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandlerClass } from '../../main/server/configure.js';
import { parseResponse } from '../helpers/http-response.js';
import { startPythonServer, type PythonServer } from '../helpers/python-server.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { waitUntil } from '../helpers/recording-sink.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

/** Python 3.11's page lacks the 3.14 colour-scheme block the engine sends. */
const LISTING_STYLE = '<style type="text/css">\n:root {\ncolor-scheme: light dark;\n}\n</style>\n';

/** Names that exercise escaping, quoting, case-folded sorting and multi-byte characters. */
function mixedName(i: number): string {
  const kinds = [
    `file-${i}.txt`,
    `Caps ${i} <&>"'.html`,
    `café-${i}-ünïcödé`,
    `per%cent-${i}%41`,
    `a${i}`,
    `B${i}`,
  ];
  return kinds[i % kinds.length] as string;
}

const MIXED_ENTRIES = 3_000;

let dir = '';
let buffered: TestServer;
let streamed: TestServer;
let python: PythonServer;

beforeAll(async () => {
  dir = await makeTempDir();
  const mixed = path.join(dir, 'mixed');
  await mkdir(mixed);
  for (let i = 0; i < MIXED_ENTRIES; i += 500) {
    await Promise.all(
      Array.from({ length: 500 }, (_, k) => {
        const at = path.join(mixed, mixedName(i + k));
        return (i + k) % 7 === 0 ? mkdir(at) : writeFile(at, '');
      }),
    );
  }
  await symlink('file-6.txt', path.join(mixed, 'link-to-file'));
  await symlink('a4', path.join(mixed, 'link-to-folder'));
  const Default = makeHandlerClass({ directory: dir });
  const Streaming = class extends Default {
    override listingBufferBytes = 0; // every listing streams from its slices
  };
  [buffered, streamed, python] = await Promise.all([
    startTestServer({ Handler: Default }),
    startTestServer({ Handler: Streaming }),
    startPythonServer(dir),
  ]);
});

afterAll(async () => {
  await Promise.all([buffered?.close(), streamed?.close(), python?.stop()]);
  await removeDir(dir);
});

async function fetchListing(port: number, target: string, method = 'GET') {
  const { bytes } = await rawRequest(port, `${method} ${target} HTTP/1.0\r\n\r\n`, {
    timeoutMs: 20_000,
  });
  return parseResponse(bytes, method === 'HEAD');
}

describe('a listing rendered in slices and streamed', () => {
  it('is byte for byte the one-buffer page and Python’s, with a right Content-Length', async () => {
    const [ours, sliced, theirs] = await Promise.all([
      fetchListing(buffered.port, '/mixed/'),
      fetchListing(streamed.port, '/mixed/'),
      fetchListing(python.port, '/mixed/'),
    ]);
    expect(ours.status).toBe(200);
    expect(sliced.status).toBe(200);
    expect(sliced.body.equals(ours.body)).toBe(true);
    expect(ours.body.toString('utf8').replace(LISTING_STYLE, '')).toBe(
      theirs.body.toString('utf8'),
    );
    expect(sliced.body.toString().match(/<li>/g)?.length).toBe(MIXED_ENTRIES + 2);
    for (const res of [ours, sliced]) {
      expect(Number(res.headers.find(([n]) => n === 'Content-Length')?.[1])).toBe(res.body.length);
    }
  });

  it('keeps each request’s own title, and HEAD promises the length GET sends', async () => {
    const [page, head] = await Promise.all([
      fetchListing(streamed.port, '/mixed/?q=1'),
      fetchListing(streamed.port, '/mixed//', 'HEAD'),
    ]);
    expect(page.body.toString()).toContain('<title>Directory listing for /mixed/</title>');
    const full = await fetchListing(streamed.port, '/mixed//');
    expect(full.body.toString()).toContain('<title>Directory listing for /mixed//</title>');
    expect(head.headers.find(([n]) => n === 'Content-Length')?.[1]).toBe(String(full.body.length));
  });

  it('shows an entry added since the last request', async () => {
    await fetchListing(streamed.port, '/mixed/');
    await writeFile(path.join(dir, 'mixed', 'zz-late.txt'), '');
    const after = await fetchListing(streamed.port, '/mixed/');
    expect(after.body.toString()).toContain('<li><a href="zz-late.txt">zz-late.txt</a></li>');
  });
});

// A real gc() without --expose-gc on the command line, to measure live memory.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('many requests for one big folder', () => {
  it('hold one shared render between them, not a page each', async () => {
    const big = path.join(dir, 'big');
    await mkdir(big);
    const names = Array.from(
      { length: 45_000 },
      (_, i) => `entry-${String(i).padStart(6, '0')}-with-a-fairly-long-name.txt`,
    );
    for (let i = 0; i < names.length; i += 2_000) {
      await Promise.all(names.slice(i, i + 2_000).map((n) => writeFile(path.join(big, n), '')));
    }
    const clients = 16;
    gc();
    const before = process.memoryUsage().arrayBuffers;
    // Clients that ask (each with its own query, so no two share a cache entry) and never
    // read: whatever the server queued for them stays queued while we measure.
    const sockets = Array.from({ length: clients }, (_, i) => {
      const socket = net.connect(buffered.port, '127.0.0.1', () =>
        socket.write(`GET /big/?client=${i} HTTP/1.0\r\n\r\n`),
      );
      socket.pause();
      socket.on('error', () => undefined);
      return socket;
    });
    try {
      const logged = () =>
        buffered.sink.texts().filter((t) => t.startsWith('"GET /big/?client=')).length;
      await waitUntil(() => logged() === clients, 30_000, 'every listing to be answered');
      let held = 0;
      for (let sample = 0; sample < 5; sample++) {
        await new Promise((r) => setTimeout(r, 100));
        gc();
        held = Math.max(held, process.memoryUsage().arrayBuffers - before);
      }
      const page = (await fetchListing(buffered.port, '/big/')).body.length;
      expect(page).toBeGreaterThan(4 * 1024 * 1024); // over the cache's cap: it streams
      // One page's worth shared, plus socket buffers; a page each would be 16 pages.
      expect(held).toBeLessThan(4 * page);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 60_000);
});
