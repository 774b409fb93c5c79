/**
 * What a hostile name or request can do to a page or a log.
 *  - Listings: every file name is HTML-escaped in the text and percent-quoted in the link, so
 *    `<script>`, `"`, `'`, `%`, CR/LF, bidi overrides and invalid UTF-8 stay data.
 *  - Logs: control characters (C0, DEL, C1) never reach a log line or a record (Python 3.12+
 *    `\xNN` scrub, backslashes doubled so a scrubbed ESC cannot be faked), and what the window
 *    shows (renderer displayText → shared scrubForDisplay) escapes bidi and invisible
 *    characters too (Trojan Source, CVE-2021-42574).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayText } from '../../renderer/log/format.js';
import { scrubForDisplay } from '../../shared/scrub.js';
import { formatLogLine } from '../../main/server/log-sink.js';
import { percentDecodePath } from '../../main/server/url-path.js';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { HOSTILE_NAMES, makeHostileTree, type HostileTree } from './hostile-tree.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
const BIDI_OR_INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

let tree: HostileTree;
let server: TestServer;

beforeAll(async () => {
  tree = await makeHostileTree();
  server = await startTestServer({ directory: tree.root });
});

afterAll(async () => {
  await server?.close();
  await tree?.close();
});

async function get(target: string | Buffer) {
  const line = Buffer.isBuffer(target)
    ? Buffer.concat([Buffer.from('GET '), target, Buffer.from(' HTTP/1.0\r\n\r\n')])
    : `GET ${target} HTTP/1.0\r\n\r\n`;
  return parseResponse((await rawRequest(server.port, line)).bytes);
}

describe('directory listings of hostile names', () => {
  it('escape every name for HTML and quote every link', async () => {
    const response = await get('/names/');
    expect(response.status).toBe(200);
    const html = response.body.toString('utf8');
    // No markup from a name survives as markup.
    expect(html).not.toMatch(/<script|<svg|<img|<i>dir/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;\\script&gt;.txt');
    expect(html).toContain('&lt;svg onload=alert(3)&gt;.txt');
    const hrefs = [...html.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1] as string);
    expect(hrefs).toHaveLength(HOSTILE_NAMES.length + 1); // + the folder '<i>dir/'
    for (const href of hrefs) expect(href).toMatch(/^[A-Za-z0-9_.~%/-]+$/); // quote() output only
    const decoded = hrefs.map((href) => percentDecodePath(href));
    for (const name of HOSTILE_NAMES) {
      if (Buffer.isBuffer(name)) continue;
      expect(decoded).toContain(name);
    }
    expect(decoded).toContain('<i>dir/');
    // A name that is not UTF-8 keeps its bytes (surrogateescape, as Python): linked as Python
    // quotes it, and the link names the file again.
    expect(hrefs).toContain('bad%ED%B3%BF%ED%B3%BE.txt');
    expect(decoded).toContain('bad\udcff\udcfe.txt');
    // Each line holds exactly one entry: a CR/LF in a name did not break the markup apart.
    expect(html.match(/<li>/g)).toHaveLength(HOSTILE_NAMES.length + 1);
  });

  it('escape the requested path in the title', async () => {
    const response = await get('/names/%3Ci%3Edir/?x=%3Cscript%3E');
    expect(response.status).toBe(200);
    const html = response.body.toString('utf8');
    expect(html).toContain('<title>Directory listing for /names/&lt;i&gt;dir/</title>');
    expect(html).not.toContain('<script');
  });

  it('link files whose names hold CR/LF so that they can be fetched', async () => {
    const response = await get('/names/evil%0D%0ASet-Cookie%3A%20a%3Db');
    expect(response.status).toBe(200);
    expect(response.headers.map(([name]) => name.toLowerCase())).not.toContain('set-cookie');
  });
});

describe('log injection', () => {
  it('keeps control characters out of every log line and record', async () => {
    server.sink.clear();
    const attacks: Array<string | Buffer> = [
      'G\x1bET /x HTTP/1.0\r\n\r\n', // ESC in the method (a 501)
      Buffer.from('GET /\x9b2J\xad HTTP/1.0\r\n\r\n', 'latin1'), // C1 CSI and a soft hyphen
      Buffer.from([
        ...Buffer.from('GET /'),
        0xe2,
        0x80,
        0xae,
        ...Buffer.from('txt.exe HTTP/1.0\r\n\r\n'),
      ]), // U+202E as UTF-8
      'GET /a\\x1b HTTP/1.0\r\n\r\n', // a literal backslash-x-1-b must not read as a scrubbed ESC
      'GET / HTTP/1.0\r\nX-A: \x85\x9b31m\r\nUser-Agent: \xe2\x80\xae\r\n\r\n',
      'GET /\x1b[2J HTTP/1.0\r\n\r\n', // refused (400), still logged
      'GET / HTTP/1.0\r\nX\x1bA: b\r\n\r\n', // refused (400), still logged
    ];
    for (const attack of attacks) await rawRequest(server.port, attack);
    await server.sink.waitForRequests(attacks.length);

    const lines = server.sink.lines();
    expect(lines.length).toBeGreaterThanOrEqual(attacks.length);
    for (const line of lines) expect(line).not.toMatch(CONTROL);
    for (const message of server.sink.messages) {
      const formatted = formatLogLine(message);
      expect(formatted.indexOf('\n')).toBe(formatted.length - 1); // one line, always
    }
    for (const record of server.sink.requests) {
      const strings = [
        record.requestLine,
        record.method,
        record.path,
        record.requestVersion,
        record.responseStatusLine,
        ...record.requestHeaders.flat(),
        ...record.responseHeaders.flat(),
      ];
      for (const text of strings) {
        expect(text).not.toMatch(CONTROL);
        expect(displayText(text)).not.toMatch(BIDI_OR_INVISIBLE);
      }
    }
    const texts = server.sink.texts().join('\n');
    expect(texts).toContain('G\\x1bET'); // Python 3.12's \xNN form
    expect(texts).toContain('/\\x9b2J'); // C1 scrubbed too
    expect(texts).toContain('/a\\\\x1b'); // a real backslash is doubled
  });

  it('escapes bidi and invisible characters for the window', () => {
    const trojan = 'GET /admin\u202e\u2066txt.exe\u2069\u200b\u00ad\ufeff HTTP/1.1';
    const shown = scrubForDisplay(trojan);
    expect(shown).not.toMatch(BIDI_OR_INVISIBLE);
    expect(shown).toContain('\\u{202e}');
    expect(shown).toContain('\\u{00ad}');
    expect(scrubForDisplay('\x1b[31m\x9b')).toBe('\\x1b[31m\\x9b');
  });
});
