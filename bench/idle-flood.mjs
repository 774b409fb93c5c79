#!/usr/bin/env node
// Idle flood: 5,000 sockets connect and send nothing (with --reconnect each comes back when
// closed, a harsher churn), while a normal client GETs a small file on a fresh connection every
// 100 ms. Prints that client's latency and failures, and the server's peak RSS. At its
// connection cap (1,024) the server closes the connection idle longest to admit a new one.
//
//   npm run build && node bench/idle-flood.mjs [--seconds 10] [--sockets 5000] [--reconnect] [--python]
//
// Needs `ulimit -n` above the socket count (the attacker holds them all in one process).
import { fork } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { readMemory } from './lib/memory.mjs';
import { freePort, startProcess, stopProcess } from './lib/processes.mjs';
import { median } from './lib/stats.mjs';

const PROBE_EVERY_MS = 100;
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};

if (args[0] === '--attacker')
  await attack(Number(args[1]), Number(args[2]), args[3] === 'reconnect');
else await main();

/** Runs in its own process: opens `count` silent sockets (reconnecting closed ones if asked). */
async function attack(port, count, reconnect) {
  let open = 0;
  let opened = 0;
  const connect = () => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      open++;
      opened++;
      process.send?.({ open, opened });
    });
    socket.once('close', () => {
      open--;
      if (reconnect) setTimeout(connect, 50);
    });
  };
  for (let i = 0; i < count; i++) {
    connect();
    if (i % 200 === 199) await sleep(10); // do not overrun the listen backlog at once
  }
  await new Promise(() => undefined);
}

/** One GET on a fresh connection; ms until the whole response arrived, or null. */
function probe(port) {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ port, host: '127.0.0.1' });
    let received = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok ? performance.now() - started : null);
    };
    socket.setTimeout(5_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.endsWith('hello\n')) done(true);
    });
    socket.on('close', () => done(received.endsWith('hello\n')));
    socket.once('connect', () => socket.write('GET /hello.txt HTTP/1.0\r\n\r\n'));
  });
}

async function main() {
  const seconds = Number(option('--seconds', '10'));
  const sockets = Number(option('--sockets', '5000'));
  const python = args.includes('--python');
  const site = mkdtempSync(path.join(tmpdir(), 'idle-flood-'));
  writeFileSync(path.join(site, 'hello.txt'), 'hello\n');
  const port = await freePort();
  const cli = path.join(here, '..', 'dist/lib/main/cli.js');
  const [command, argv] = python
    ? ['python3', ['-m', 'http.server', '-b', '127.0.0.1', String(port)]]
    : [process.execPath, [cli, '-b', '127.0.0.1', String(port)]];
  const server = await startProcess({
    name: python ? 'python' : 'httpdesk',
    command,
    args: argv,
    cwd: site,
    port,
    cpu: null,
    logFile: path.join(site, 'server.log'),
  });
  const attacker = fork(fileURLToPath(import.meta.url), [
    '--attacker',
    String(port),
    String(sockets),
    args.includes('--reconnect') ? 'reconnect' : 'once',
  ]);
  const reconnect = args.includes('--reconnect');
  let attackerOpened = 0;
  let attackerOpen = 0;
  attacker.on('message', (m) => {
    attackerOpened = m.opened;
    attackerOpen = m.open;
  });
  try {
    const until = Date.now() + 30_000;
    while (attackerOpened < sockets && Date.now() < until) await sleep(100);
    const samples = [];
    let peakKiB = 0;
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      samples.push(await probe(port));
      peakKiB = Math.max(peakKiB, (await readMemory(server.pid))?.hwmKiB ?? 0);
      await sleep(PROBE_EVERY_MS);
    }
    const ok = samples.filter((v) => v !== null);
    const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
    console.log(
      JSON.stringify({
        server: server.name,
        reconnect,
        idleSocketsOpened: attackerOpened,
        stillOpenAtEnd: attackerOpen,
        requests: samples.length,
        failed: samples.length - ok.length,
        medianMs: round(median(ok)),
        maxMs: round(ok.length ? Math.max(...ok) : null),
        serverPeakRssMiB: Math.round(peakKiB / 102.4) / 10,
      }),
    );
  } finally {
    attacker.kill('SIGKILL');
    await stopProcess(server);
  }
}
