/**
 * File names that are not UTF-8 (Latin-1 `caf\xe9.txt`, `\xff-undecodable.bin`, a folder
 * `d\xfe`), against `python3 -m http.server`: the listing (raw bytes in the text,
 * surrogatepass hrefs), the file and folder each href names, byte for byte. One deliberate
 * difference (README "Differences from Python"): the plain percent-encoding of the raw
 * bytes (`/%FF-undecodable.bin`) serves the file too, where Python answers 404.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { header, parseResponse, type ParsedResponse } from '../helpers/http-response.js';
import { startPythonServer, type PythonServer } from '../helpers/python-server.js';
import { nameBytes } from '../helpers/byte-names.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

/** The `color-scheme` blocks our generated pages carry (Python 3.14), not 3.11's. */
const LISTING_STYLE = '<style type="text/css">\n:root {\ncolor-scheme: light dark;\n}\n</style>\n';
const ERROR_STYLE =
  '        <style type="text/css">\n            :root {\n' +
  '                color-scheme: light dark;\n            }\n        </style>\n';

let dir = '';
let python: PythonServer;
let ours: TestServer;

beforeAll(async () => {
  dir = await makeTempDir({ 'plain.txt': 'plain\n' });
  const at = (...parts: Array<string | number[]>) => nameBytes(dir, '/', ...parts);
  await writeFile(at('caf', [0xe9], '.txt'), 'latin-1\n');
  await writeFile(at([0xff], '-undecodable.bin'), 'undecodable\n');
  await mkdir(at('d', [0xfe]));
  await writeFile(at('d', [0xfe], '/inner', [0x80], '.txt'), 'inner\n');
  python = await startPythonServer(dir, 'HTTP/1.0');
  ours = await startTestServer({ directory: dir });
}, 30_000);

afterAll(async () => {
  await python?.stop();
  await ours?.close();
  await removeDir(dir);
});

async function both(target: string): Promise<{ python: ParsedResponse; ours: ParsedResponse }> {
  const request = `GET ${target} HTTP/1.0\r\n\r\n`;
  const [p, o] = await Promise.all([
    rawRequest(python.port, request),
    rawRequest(ours.port, request),
  ]);
  return { python: parseResponse(p.bytes), ours: parseResponse(o.bytes) };
}

/** Everything but Server, Date, our validators and the 3.14 style block (with its length). */
function comparable(res: ParsedResponse): { statusLine: string; headers: string[]; body: string } {
  const body = res.body.toString('latin1').replace(LISTING_STYLE, '').replace(ERROR_STYLE, '');
  return {
    statusLine: res.statusLine,
    headers: res.headers
      // ETag and Accept-Ranges are ours alone (validators.ts), checked by differential.test.ts.
      .filter(([name]) => !/^(server|date|etag|accept-ranges)$/i.test(name))
      .map(([name, value]) =>
        /^content-length$/i.test(name)
          ? `${name}: ${Buffer.byteLength(body, 'latin1')}`
          : `${name}: ${value}`,
      ),
    body,
  };
}

describe('names that are not UTF-8, against python3 -m http.server', () => {
  it.each([
    ['the listing', '/'],
    ['a listing of a folder named with an undecodable byte', '/d%ED%B3%BE/'],
    ['the Latin-1 file by its href', '/caf%ED%B3%A9.txt'],
    ['the undecodable file by its href', '/%ED%B3%BF-undecodable.bin'],
    ['a file in the undecodable folder', '/d%ED%B3%BE/inner%ED%B2%80.txt'],
    ['the folder without its slash', '/d%ED%B3%BE'],
    ['a name that is not there', '/%ED%B3%BD-missing.bin'],
  ])('%s (%s): the same bytes', async (_name, target) => {
    const x = await both(target);
    expect(comparable(x.ours)).toEqual(comparable(x.python));
  });

  it('the listing holds the raw bytes and the surrogatepass hrefs', async () => {
    const { ours: listing } = await both('/');
    expect(listing.body.includes(nameBytes('>caf', [0xe9], '.txt<'))).toBe(true);
    expect(listing.body.includes(nameBytes('href="%ED%B3%BF-undecodable.bin">', [0xff]))).toBe(
      true,
    );
  });

  it('[deliberate: rawByteSpelling] /%FF-undecodable.bin: Python 404, httpdesk serves it', async () => {
    const x = await both('/%FF-undecodable.bin');
    expect(x.python.status).toBe(404);
    expect(x.ours.status).toBe(200);
    expect(x.ours.body.toString()).toBe('undecodable\n');
    expect(header(x.ours, 'Content-Length')).toBe('12');
    expect((await both('/caf%E9.txt')).ours.body.toString()).toBe('latin-1\n');
  });
});
