/**
 * Real download clients against byte ranges (RFC 9110 §14) on a 200 MiB file: curl fetching
 * it in two `-r` pieces, curl `-C -` and `wget -c` resuming a download that was cut (killed
 * mid-transfer), and aria2c splitting it over 4 connections. Each result must hash exactly
 * like the original, and the server's request records must show the 206s that did it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePatternedFile } from '../helpers/patterned-file.js';
import { waitUntil } from '../helpers/recording-sink.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const MiB = 1024 * 1024;
const SIZE_MIB = 200;
const SIZE = SIZE_MIB * MiB;
const CLIENT_TIMEOUT_MS = 180_000;
const has = (tool: string) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;

let root = '';
let out = '';
let expected = '';
let srv: TestServer;
let url = '';

beforeAll(async () => {
  root = await makeTempDir({}, 'httpdesk-ranges-');
  out = await makeTempDir({}, 'httpdesk-ranges-out-');
  expected = await writePatternedFile(path.join(root, 'big.bin'), SIZE_MIB);
  srv = await startTestServer({ directory: root, settings: { protocolVersion: 'HTTP/1.1' } });
  url = `http://127.0.0.1:${srv.port}/big.bin`;
}, 120_000);

afterAll(async () => {
  await srv?.close();
  await removeDir(root);
  await removeDir(out);
});

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/** Runs a client to its end; rejects with its stderr when it fails. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} exited ${code}: ${stderr.slice(-500)}`)),
    );
  });
}

/**
 * Starts a rate-limited client and kills it once `file` holds at least `atLeast` bytes: a
 * download cut in the middle, as by a dropped Wi-Fi. Returns how much it had written.
 */
async function cutDownload(command: string, args: string[], file: string, atLeast: number) {
  const child = spawn(command, args, { stdio: 'ignore' });
  const closed = new Promise((resolve) => child.once('close', resolve));
  const size = async () => (await stat(file).catch(() => null))?.size ?? 0;
  let written = 0;
  const poll = setInterval(() => void size().then((n) => (written = n)), 10);
  try {
    await waitUntil(
      () => written >= atLeast || child.exitCode !== null,
      60_000,
      `${command} to write ${atLeast} bytes`,
    );
  } finally {
    clearInterval(poll);
    child.kill('SIGKILL');
    await closed;
  }
  return size();
}

/** The Range field of every 206 the server sent since `from`. */
function rangesServed(from: number): string[] {
  return srv.sink.requests
    .slice(from)
    .filter((r) => r.status === 206)
    .map((r) => r.requestHeaders.find(([n]) => n.toLowerCase() === 'range')?.[1] ?? '');
}

describe(`real clients download a ${SIZE_MIB} MiB file by ranges`, () => {
  it.runIf(has('curl'))(
    'curl -r in two pieces',
    async () => {
      const from = srv.sink.requests.length;
      const half = SIZE / 2;
      const first = path.join(out, 'curl-1');
      const second = path.join(out, 'curl-2');
      await run('curl', ['-sS', '-f', '-r', `0-${half - 1}`, '-o', first, url]);
      await run('curl', ['-sS', '-f', '-r', `${half}-`, '-o', second, url]);
      const joined = path.join(out, 'curl-joined');
      await run('sh', ['-c', `cat "${first}" "${second}" > "${joined}"`]);
      expect(await sha256(joined)).toBe(expected);
      await waitUntil(() => rangesServed(from).length === 2);
      expect(rangesServed(from)).toEqual([`bytes=0-${half - 1}`, `bytes=${half}-`]);
    },
    CLIENT_TIMEOUT_MS,
  );

  it.runIf(has('curl'))(
    'curl -C - resumes a cut download',
    async () => {
      const file = path.join(out, 'curl-resumed');
      const cutAt = await cutDownload(
        'curl',
        ['-sS', '--limit-rate', '40M', '-o', file, url],
        file,
        8 * MiB,
      );
      expect(cutAt).toBeGreaterThan(0);
      expect(cutAt).toBeLessThan(SIZE);
      const from = srv.sink.requests.length;
      await run('curl', ['-sS', '-f', '-C', '-', '-o', file, url]);
      expect(await sha256(file)).toBe(expected);
      await waitUntil(() => rangesServed(from).length === 1);
      expect(rangesServed(from)).toEqual([`bytes=${cutAt}-`]);
    },
    CLIENT_TIMEOUT_MS,
  );

  it.runIf(has('wget'))(
    'wget -c resumes a cut download',
    async () => {
      const file = path.join(out, 'wget-resumed');
      const cutAt = await cutDownload(
        'wget',
        ['-q', '--limit-rate=40m', '-O', file, url],
        file,
        8 * MiB,
      );
      expect(cutAt).toBeGreaterThan(0);
      expect(cutAt).toBeLessThan(SIZE);
      const from = srv.sink.requests.length;
      await run('wget', ['-q', '-c', '-O', file, url]);
      expect(await sha256(file)).toBe(expected);
      await waitUntil(() => rangesServed(from).length === 1);
      expect(rangesServed(from)).toEqual([`bytes=${cutAt}-`]);
    },
    CLIENT_TIMEOUT_MS,
  );

  it.runIf(has('aria2c'))(
    'aria2c -x 4 -s 4 splits it over four connections',
    async () => {
      const from = srv.sink.requests.length;
      await run('aria2c', [
        '-q',
        '-x',
        '4',
        '-s',
        '4',
        '-k',
        '1M',
        '--file-allocation=none',
        '--allow-overwrite=true',
        '--auto-file-renaming=false',
        '-d',
        out,
        '-o',
        'aria2',
        url,
      ]);
      expect(await sha256(path.join(out, 'aria2'))).toBe(expected);
      const ranges = rangesServed(from);
      expect(ranges.length).toBeGreaterThanOrEqual(4);
      expect(new Set(ranges).size).toBe(ranges.length);
      const connections = new Set(
        srv.sink.requests
          .slice(from)
          .filter((r) => r.status === 206)
          .map((r) => r.connectionId),
      );
      expect(connections.size).toBeGreaterThanOrEqual(2);
    },
    CLIENT_TIMEOUT_MS,
  );
});
