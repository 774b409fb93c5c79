// The server under attack in bench/trickle-heads.mjs and bench/idle-flood.mjs, and the normal
// client whose latency they report: one small file, fresh connection per request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess } from './processes.mjs';
import { median } from './stats.mjs';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../dist/lib/main/cli.js');
const BODY = 'hello\n';

/** `--name value` from argv, or `fallback`. */
export function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
}

/** Starts the built `httpdesk` (or `python3 -m http.server`) on a folder with /hello.txt. */
export async function startVictim({ python, prefix }) {
  const site = mkdtempSync(path.join(tmpdir(), prefix));
  writeFileSync(path.join(site, 'hello.txt'), BODY);
  const port = await freePort();
  const [command, args] = python
    ? ['python3', ['-m', 'http.server', '-b', '127.0.0.1', String(port)]]
    : [process.execPath, [CLI, '-b', '127.0.0.1', String(port)]];
  const server = await startProcess({
    name: python ? 'python' : 'httpdesk',
    command,
    args,
    cwd: site,
    port,
    cpu: null,
    logFile: path.join(site, 'server.log'),
  });
  return { server, port };
}

/** One GET /hello.txt on a fresh connection; ms until the whole response arrived, or null. */
export function probe(port, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1' });
    let received = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok ? performance.now() - started : null);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.endsWith(BODY)) done(true);
    });
    socket.on('close', () => done(received.endsWith(BODY)));
    socket.once('connect', () => socket.write('GET /hello.txt HTTP/1.0\r\n\r\n'));
  });
}

/**
 * Probes every `everyMs` for `seconds`; `each` runs after every probe (memory sampling).
 * Returns request count, failures, median and max latency in ms.
 */
export async function latencies(port, { seconds, everyMs, each = async () => undefined }) {
  const samples = [];
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    samples.push(await probe(port));
    await each();
    await sleep(everyMs);
  }
  const ok = samples.filter((v) => v !== null);
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    requests: samples.length,
    failed: samples.length - ok.length,
    medianMs: round(median(ok)),
    maxMs: round(ok.length ? Math.max(...ok) : null),
  };
}
