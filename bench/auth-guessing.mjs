#!/usr/bin/env node
// Password guessing against `--auth`: one client address sends wrong Basic credentials on
// `--parallel` connections at once for `--seconds`, and we count how many guesses the server
// answered (after the 10 free failures of the first minute, every answer to that address is
// slowed). Also times BasicAuth.check for a right password, a wrong one sharing a long
// prefix with it and a wrong one sharing nothing, to show the comparison does not leak how
// much matched.
//
//   npm run build && node bench/auth-guessing.mjs [--seconds 5] [--parallel 50]
import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BasicAuth,
  ThreadingHTTPServer,
  makeHandlerClass,
  silentLogSink,
} from '../dist/lib/main/server/index.js';
import { median } from './lib/stats.mjs';
import { option } from './lib/victim.mjs';

const args = process.argv.slice(2);
const seconds = Number(option(args, '--seconds', '5'));
const parallel = Number(option(args, '--parallel', '50'));
const PASSWORD = 'correct horse battery staple';

function basic(user, password) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** One request on a fresh connection; resolves with the status code (0 on error). */
function guess(port, password) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () =>
      socket.write(`GET / HTTP/1.0\r\nAuthorization: ${basic('ann', password)}\r\n\r\n`),
    );
    let head = '';
    socket.on('data', (chunk) => (head += chunk.toString('latin1')));
    socket.on('close', () => resolve(Number(head.slice(9, 12)) || 0));
    socket.on('error', () => resolve(0));
  });
}

async function guessing() {
  const site = mkdtempSync(path.join(tmpdir(), 'auth-guessing-'));
  writeFileSync(path.join(site, 'index.html'), 'members only\n');
  const Handler = makeHandlerClass({ directory: site, auth: { user: 'ann', password: PASSWORD } });
  const server = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, { logSink: silentLogSink });
  await server.ready;
  void server.serveForever();
  const [, port] = server.boundAddress();
  // The first 10 failures of the minute are not slowed.
  for (let i = 0; i < 10; i++) await guess(port, `warm-up-${i}`);
  let answered = 0;
  let refused = 0;
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < until) {
        const status = await guess(port, `guess-${n++}`);
        if (status === 401) answered++;
        else if (status === 429) refused++;
      }
    }),
  );
  // Answers still queued when the time was up are waited for: count the whole time taken.
  const elapsed = (performance.now() - started) / 1000;
  await server.shutdown();
  await server.serverClose();
  return { checked: answered / elapsed, refused: refused / elapsed };
}

/** Median ns per check() of each value, the values' rounds interleaved so JIT warm-up favours none. */
function timeChecks(auth, values, rounds = 50_000) {
  const samples = values.map(() => []);
  for (let r = 0; r < 11; r++) {
    values.forEach((authorization, v) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) auth.check(authorization);
      samples[v].push(Number(process.hrtime.bigint() - start) / rounds);
    });
  }
  return samples.map(median);
}

const { checked, refused } = await guessing();
console.log(
  `${parallel} connections from one address, after 10 failures, per second: ` +
    `${checked.toFixed(1)} guesses checked (401), ${refused.toFixed(1)} refused unchecked (429)`,
);
const auth = new BasicAuth('ann', PASSWORD);
const [right, prefix, nothing] = timeChecks(auth, [
  basic('ann', PASSWORD),
  basic('ann', `${PASSWORD.slice(0, -1)}X`),
  basic('ann', 'X'.repeat(PASSWORD.length)),
]);
console.log(
  `check() median ns: right ${right.toFixed(0)}, wrong last char ${prefix.toFixed(0)}, wrong first char ${nothing.toFixed(0)}`,
);
