#!/usr/bin/env node
// A rate-limited HTTP/1.1 load client on raw sockets: Debian's wrk has no `-R` (that is wrk2),
// and the app-under-load benchmark needs a steady 5,000 requests/s, not "as fast as possible".
//
//   node bench/lib/rate-client.mjs PORT PATH RATE SECONDS [CONNECTIONS]
//
// Requests are due at a fixed schedule (RATE per second). A due request goes out on an idle
// keep-alive connection; when none is idle it waits (counted as `late`), and latency is measured
// from when it was due, so a stalled server shows up in p99 instead of being hidden.
// Prints one JSON line with the totals when done.
import net from 'node:net';

const TICK_MS = 2;
/** At most one second of requests may wait for a connection: memory stays bounded. */
const MAX_QUEUE_SECONDS = 1;
const HEADER_END = Buffer.from('\r\n\r\n');

function parseArgs(argv) {
  const [port, urlPath, rate, seconds, connections = '32'] = argv;
  const numbers = {
    port: Number(port),
    rate: Number(rate),
    seconds: Number(seconds),
    connections: Number(connections),
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`bad ${name}: ${value}`);
  }
  if (!urlPath?.startsWith('/')) throw new Error('PATH must start with /');
  return { ...numbers, urlPath };
}

/** Reads one response at a time off a keep-alive socket; calls back with (status, keepAlive). */
class ResponseReader {
  buffer = Buffer.alloc(0);
  head = null; // { status, length, keepAlive, bodyStart }

  push(chunk, onResponse) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (!this.head) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffer.length > 64 * 1024) throw new Error('response head over 64 KiB');
          return;
        }
        const text = this.buffer.subarray(0, end).toString('latin1');
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1]);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1]);
        if (!Number.isFinite(status) || !Number.isFinite(length)) {
          throw new Error(`unusable response head: ${JSON.stringify(text.slice(0, 80))}`);
        }
        const close = /\r\nconnection:\s*close/i.test(text) || text.startsWith('HTTP/1.0');
        this.head = { status, length, keepAlive: !close, bodyStart: end + HEADER_END.length };
      }
      const total = this.head.bodyStart + this.head.length;
      if (this.buffer.length < total) return;
      const { status, keepAlive } = this.head;
      this.buffer = this.buffer.subarray(total);
      this.head = null;
      onResponse(status, keepAlive);
    }
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const { port, urlPath, rate, seconds, connections } = parseArgs(process.argv.slice(2));
  const request = Buffer.from(
    `GET ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
    'latin1',
  );
  const stats = {
    sent: 0,
    completed: 0,
    errors: 0,
    late: 0,
    skipped: 0,
    status: {},
    reconnects: 0,
  };
  const latencies = [];
  /** Per second since start: answers and the worst latency, to see *when* a stall happened. */
  const perSecond = [];
  const queue = []; // due times (ms) of requests waiting for an idle connection
  const idle = [];
  const start = performance.now();
  const endAt = start + seconds * 1000;
  let scheduled = 0;
  let finished = false;

  const send = (conn, dueAt) => {
    conn.dueAt = dueAt;
    stats.sent++;
    conn.socket.write(request);
  };
  const release = (conn) => {
    const dueAt = queue.shift();
    if (dueAt !== undefined) send(conn, dueAt);
    else idle.push(conn);
  };
  const open = () => {
    const conn = {
      socket: net.connect({ port, host: '127.0.0.1', noDelay: true }),
      reader: new ResponseReader(),
      dueAt: null,
    };
    conn.socket.on('connect', () => release(conn));
    conn.socket.on('data', (chunk) => {
      try {
        conn.reader.push(chunk, (status, keepAlive) => {
          stats.completed++;
          stats.status[status] = (stats.status[status] ?? 0) + 1;
          const now = performance.now();
          const latency = now - conn.dueAt;
          latencies.push(latency);
          const second = Math.floor((now - start) / 1000);
          const bucket = (perSecond[second] ??= { answered: 0, maxMs: 0 });
          bucket.answered++;
          bucket.maxMs = Math.max(bucket.maxMs, Math.round(latency));
          conn.dueAt = null;
          if (keepAlive) release(conn);
          else replace(conn);
        });
      } catch (err) {
        stats.errors++;
        if (stats.errors < 5) process.stderr.write(`rate-client: ${err.message}\n`);
        replace(conn);
      }
    });
    conn.socket.on('error', () => undefined);
    conn.socket.on('close', () => {
      if (conn.replaced || finished) return;
      if (conn.dueAt !== null) stats.errors++;
      replace(conn);
    });
    return conn;
  };
  const replace = (conn) => {
    if (conn.replaced) return;
    conn.replaced = true;
    conn.socket.destroy();
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
    if (finished) return;
    stats.reconnects++;
    open();
  };
  for (let i = 0; i < connections; i++) open();

  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      const dueCount = Math.floor(((Math.min(now, endAt) - start) / 1000) * rate);
      for (; scheduled < dueCount; scheduled++) {
        const dueAt = start + (scheduled / rate) * 1000;
        const conn = idle.pop();
        if (conn) send(conn, dueAt);
        else if (queue.length < rate * MAX_QUEUE_SECONDS) {
          stats.late++;
          queue.push(dueAt);
        } else stats.skipped++;
      }
      if (now >= endAt) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  // Let answers to requests already sent arrive (bounded), then stop.
  const drainUntil = performance.now() + 5000;
  while (stats.completed + stats.errors < stats.sent && performance.now() < drainUntil) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  finished = true;
  const elapsedS = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    ...stats,
    scheduled,
    unanswered: stats.sent - stats.completed - stats.errors,
    targetRate: rate,
    achievedRate: stats.completed / seconds,
    elapsedS,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? null,
    perSecond: Array.from(perSecond, (b) => b ?? { answered: 0, maxMs: 0 }),
  };
  process.stdout.write(`RATE_JSON ${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`rate-client: ${err.message}\n`);
  process.exit(2);
});
