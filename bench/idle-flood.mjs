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
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { readMemory } from './lib/memory.mjs';
import { stopProcess } from './lib/processes.mjs';
import { latencies, option, startVictim } from './lib/victim.mjs';

const PROBE_EVERY_MS = 100;
const args = process.argv.slice(2);

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

async function main() {
  const seconds = Number(option(args, '--seconds', '10'));
  const sockets = Number(option(args, '--sockets', '5000'));
  const { server, port } = await startVictim({
    python: args.includes('--python'),
    prefix: 'idle-flood-',
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
    let peakKiB = 0;
    const client = await latencies(port, {
      seconds,
      everyMs: PROBE_EVERY_MS,
      each: async () => {
        peakKiB = Math.max(peakKiB, (await readMemory(server.pid))?.hwmKiB ?? 0);
      },
    });
    console.log(
      JSON.stringify({
        server: server.name,
        reconnect,
        idleSocketsOpened: attackerOpened,
        stillOpenAtEnd: attackerOpen,
        ...client,
        serverPeakRssMiB: Math.round(peakKiB / 102.4) / 10,
      }),
    );
  } finally {
    attacker.kill('SIGKILL');
    await stopProcess(server);
  }
}
