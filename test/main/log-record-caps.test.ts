/**
 * A hostile request head cannot make the desktop log eat memory or CPU (docs/security.md
 * "Found by review, fixed"): through the app's real ServerHost, a 60,000-byte path and
 * three 65,000-byte headers of 0x80 bytes yield a record — and a batch over IPC — of a few
 * KiB, with every cut counted (the window marks it "… (N bytes cut)").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogBatch } from '../../shared/ipc.js';
import {
  LOG_FIELD_MAX_CHARS,
  LOG_FIELD_MIN_CHARS,
  LOG_MAX_HEADERS,
  LOG_MESSAGE_MAX_CHARS,
  LOG_RECORD_MAX_CHARS,
  LOG_SHORT_FIELD_MAX_CHARS,
  cutMarker,
} from '../../shared/scrub.js';
import { withCutMarker } from '../../shared/log.js';
import { ServerHost } from '../../main/server-host.js';
import { rawRequest } from '../helpers/raw-socket.js';
import { tempDir, waitFor, type TempDir } from './helpers.js';
import { defaultServerConfig } from '../../shared/settings.js';

/** The review's request: 60,000-byte path, three 65,000-byte headers of 0x80 bytes. */
function hostileRequest(): Buffer {
  const head = [Buffer.from(`GET /${'a'.repeat(59_999)} HTTP/1.1\r\n`)];
  for (const name of ['X-One', 'X-Two', 'X-Three']) {
    head.push(Buffer.from(`${name}: `), Buffer.alloc(65_000, 0x80), Buffer.from('\r\n'));
  }
  head.push(Buffer.from('Connection: close\r\n\r\n'));
  return Buffer.concat(head);
}

let site: TempDir;
let host: ServerHost;
let batches: LogBatch[];

beforeEach(() => {
  site = tempDir();
  site.file('hello.txt', 'hello\n');
  batches = [];
  host = new ServerHost(
    { onState: () => undefined, onLog: (batch) => batches.push(batch) },
    { batchIntervalMs: 10 },
  );
});

afterEach(async () => {
  await host.stopAll();
  site.remove();
});

async function startAndSend(requests: Buffer[]): Promise<LogBatch[]> {
  const state = await host.start({ ...defaultServerConfig('caps', site.path), port: 0 });
  for (const request of requests) await rawRequest(state.boundPort!, request);
  const count = () => batches.reduce((n, b) => n + b.requests.length, 0);
  await waitFor(() => (count() >= requests.length ? true : undefined));
  return batches;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('log record caps', () => {
  it('caps every field of a hostile head and counts each cut', async () => {
    const [batch] = await startAndSend([hostileRequest()]);
    const record = batch!.requests[0]!;
    expect(record.status).toBe(404);
    const lineLength = 'GET /'.length + 59_999 + ' HTTP/1.1'.length;
    expect(record.requestLine).toBe('GET /' + 'a'.repeat(LOG_FIELD_MAX_CHARS - 5));
    expect(record.cutBytes?.requestLine).toBe(lineLength - LOG_FIELD_MAX_CHARS);
    expect(withCutMarker(record, 'requestLine', record.requestLine)).toMatch(
      new RegExp(`a${escape(cutMarker(lineLength - LOG_FIELD_MAX_CHARS))}$`),
    );
    expect(record.path).toBe('/' + 'a'.repeat(LOG_SHORT_FIELD_MAX_CHARS - 1));
    expect(record.cutBytes?.path).toBe(60_000 - LOG_SHORT_FIELD_MAX_CHARS);
    const [one, two, three] = record.requestHeaders;
    expect(one![0]).toBe('X-One');
    // 0x80 is a C1 control: scrubbed to the four characters `\x80`, never split.
    const shown = one![1].length / 4;
    expect(one![1]).toBe('\\x80'.repeat(shown));
    expect(record.cutBytes?.['requestHeaders.0.value']).toBe(65_000 - shown);
    for (const [i, field] of [two, three].entries()) {
      expect(field![1]).toMatch(/^(\\x80)*$/);
      expect(record.cutBytes?.[`requestHeaders.${i + 1}.value`]).toBe(
        65_000 - field![1].length / 4,
      );
    }
    // A short field after the allowance is spent still shows whole.
    expect(record.requestHeaders.at(-1)).toEqual(['Connection', 'close']);

    const strings = [
      record.requestLine,
      record.method,
      record.path,
      record.requestVersion,
      record.responseStatusLine,
      ...record.requestHeaders.flat(),
      ...record.responseHeaders.flat(),
    ];
    const fields = record.requestHeaders.length + record.responseHeaders.length;
    const chars = strings.reduce((n, text) => n + text.length, 0);
    expect(chars).toBeLessThanOrEqual(LOG_RECORD_MAX_CHARS + 2 * fields * LOG_FIELD_MIN_CHARS);
    // One byte per character: no string in the record needs two (the marker is not in it).
    expect(strings.every((text) => [...text].every((ch) => ch.charCodeAt(0) <= 0xff))).toBe(true);
    // What crosses IPC for this exchange (the record and its log lines): 1.16 MB before.
    expect(JSON.stringify(batch).length).toBeLessThan(12 * 1024);
    for (const message of batch!.messages) {
      expect(message.text.length).toBeLessThanOrEqual(LOG_MESSAGE_MAX_CHARS + 30);
    }
    expect(batch!.messages.some((m) => m.text.endsWith(' bytes cut)'))).toBe(true);
  });

  it('keeps the first header fields and counts the rest', async () => {
    const fields = Array.from({ length: 90 }, (_, i) => `X-F${i}: v${i}\r\n`).join('');
    const [batch] = await startAndSend([
      Buffer.from(`GET /hello.txt HTTP/1.1\r\n${fields}Connection: close\r\n\r\n`),
    ]);
    const record = batch!.requests[0]!;
    expect(record.status).toBe(200);
    expect(record.requestHeaders).toHaveLength(LOG_MAX_HEADERS);
    expect(record.requestHeaders[0]).toEqual(['X-F0', 'v0']);
    expect(record.requestHeadersCut).toBe(91 - LOG_MAX_HEADERS);
  });

  it('leaves an ordinary request whole', async () => {
    const [batch] = await startAndSend([
      Buffer.from('GET /hello.txt HTTP/1.1\r\nUser-Agent: a\\b\r\nConnection: close\r\n\r\n'),
    ]);
    const record = batch!.requests[0]!;
    expect(record.requestLine).toBe('GET /hello.txt HTTP/1.1');
    expect(record.requestHeaders[0]).toEqual(['User-Agent', 'a\\\\b']);
    expect(record.requestHeadersCut).toBeUndefined();
    expect(record.cutBytes).toBeUndefined();
  });
});
