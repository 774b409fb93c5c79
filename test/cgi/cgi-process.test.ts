/**
 * The lifecycle of script processes over real sockets: time limit, client disconnect,
 * concurrency, and streaming in constant memory both ways.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTUALLY_MS } from '../helpers/raw-socket.js';
import {
  get,
  isAlive,
  makeSite,
  rawRequest,
  removeSite,
  startServer,
  waitFor,
  type RunningServer,
} from './cgi-site.js';

let root = '';
/** Default settings (60 s limit). */
let server: RunningServer;
/** A 0.6 s limit, for the script that hangs. */
let hasty: RunningServer;

beforeAll(async () => {
  root = await makeSite();
  server = await startServer(root);
  hasty = await startServer(root, { configure: (h) => (h.cgiTimeoutMs = 600) });
});

afterAll(async () => {
  await Promise.all([server.close(), hasty.close()]);
  await removeSite(root);
});

// A real gc() without --expose-gc on the command line, to measure live memory.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Opens a connection, sends `request`, resolves with the socket once `marker` arrived. */
function openUntil(
  port: number,
  request: string,
  marker: RegExp,
): Promise<{ socket: net.Socket; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      if (marker.test(text)) {
        socket.off('data', onData);
        resolve({ socket, text });
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed before ${marker}: ${text}`)));
  });
}

describe('time limit', () => {
  it('ends a script that runs too long, and what it started, and logs why', async () => {
    const before = hasty.log.messages.length;
    const res = await rawRequest(hasty.port, get('/cgi-bin/hang.sh'));
    const match = /pids (\d+) (\d+)/.exec(res.body.toString());
    expect(match).not.toBeNull();
    const [shellPid, sleepPid] = [Number(match?.[1]), Number(match?.[2])];
    expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
    expect(res.body.toString()).not.toContain('never printed');
    // The whole process group went: the shell and its `sleep 300`.
    await waitFor(
      () => !isAlive(shellPid) && !isAlive(sleepPid),
      EVENTUALLY_MS,
      'script processes to end',
    );
    const texts = hasty.log.messages.slice(before).map((m) => m.text);
    expect(texts).toContain('CGI script /cgi-bin/hang.sh: ran longer than 0.6 s, ending it');
    expect(texts).toContain('CGI script exit code -15');
  });
});

describe('client disconnect', () => {
  it('ends a script that is still writing when the client goes away', async () => {
    // No time limit here: only the disconnect may end it.
    const patient = await startServer(root, { configure: (h) => (h.cgiTimeoutMs = 0) });
    try {
      const { socket, text } = await openUntil(
        patient.port,
        get('/cgi-bin/ticker.sh'),
        /pid (\d+)\n/,
      );
      const pid = Number(/pid (\d+)\n/.exec(text)?.[1]);
      expect(isAlive(pid)).toBe(true);
      socket.destroy();
      await waitFor(() => !isAlive(pid), EVENTUALLY_MS, 'ticker.sh to end');
      await waitFor(
        () =>
          // destroy() sends a FIN; a write after it may fail first: either reason is right.
          patient.log
            .texts()
            .some((t) =>
              /^CGI script \/cgi-bin\/ticker\.sh: client (went away|closed its side), ending it$/.test(
                t,
              ),
            ),
        EVENTUALLY_MS,
        'the disconnect to be logged',
      );
    } finally {
      await patient.close();
    }
  });

  it('ends a silent script when the connection is reset', async () => {
    const patient = await startServer(root, { configure: (h) => (h.cgiTimeoutMs = 0) });
    try {
      const { socket, text } = await openUntil(
        patient.port,
        get('/cgi-bin/hang.sh'),
        /pids \d+ \d+\n/,
      );
      const [, shell, sleeper] = /pids (\d+) (\d+)\n/.exec(text) ?? [];
      const pids = [Number(shell), Number(sleeper)];
      expect(pids.every(isAlive)).toBe(true);
      // RST, as when a browser tab or a killed curl drops the connection with data unread.
      socket.resetAndDestroy();
      await waitFor(() => !pids.some(isAlive), EVENTUALLY_MS, 'hang.sh and its sleep to end');
    } finally {
      await patient.close();
    }
  });
});

/** How many slow.sh processes of this site are running now (Linux /proc). */
function runningSlowScripts(): number {
  const script = path.join(root, 'cgi-bin', 'slow.sh');
  let running = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'latin1').includes(script)) running++;
    } catch {
      // it ended between the listing and the read
    }
  }
  return running;
}

describe('concurrency', () => {
  it.runIf(existsSync('/proc/self/cmdline'))(
    'runs many scripts at once without holding up static requests',
    async () => {
      const count = 16;
      let scriptsDone = 0;
      let mostAtOnce = 0;
      const slow = Array.from({ length: count }, () =>
        rawRequest(server.port, get('/cgi-bin/slow.sh')).then((res) => {
          scriptsDone += 1;
          return res;
        }),
      );
      // While sixteen one-second scripts run, a static file still comes back: before they
      // have all finished (an order, not a time; a server that queued it behind them would not).
      await new Promise((r) => setTimeout(r, 100));
      const page = await rawRequest(server.port, get('/index.html'));
      expect(page.statusLine).toBe('HTTP/1.0 200 OK');
      expect(scriptsDone).toBeLessThan(count);
      // In parallel: more than one script process alive at the same moment, which a server
      // running them one after another never shows.
      while (scriptsDone < count) {
        mostAtOnce = Math.max(mostAtOnce, runningSlowScripts());
        await new Promise((r) => setTimeout(r, 25));
      }
      const results = await Promise.all(slow);
      for (const res of results) expect(res.body.toString()).toBe('slow done\n');
      expect(mostAtOnce).toBeGreaterThan(1);
    },
  );
});

describe('streaming', () => {
  it('pipes a 64 MiB POST body to the script without holding it in memory', async () => {
    const size = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const big = await startServer(root, { configure: (h) => (h.cgiTimeoutMs = 0) });
    try {
      gc();
      const before = process.memoryUsage();
      let rssPeak = before.rss;
      let livePeak = before.arrayBuffers;
      // Every 10 ms: a full gc first, so garbage (64 MiB of it passes through in ~150 ms)
      // is not mistaken for memory the server holds.
      const sampler = setInterval(() => {
        gc();
        const usage = process.memoryUsage();
        livePeak = Math.max(livePeak, usage.arrayBuffers);
        rssPeak = Math.max(rssPeak, usage.rss);
      }, 10);
      const response = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(big.port, '127.0.0.1');
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        socket.on('connect', async () => {
          socket.write(`POST /cgi-bin/count.sh HTTP/1.0\r\nContent-Length: ${size}\r\n\r\n`);
          // Write with backpressure: the client holds one chunk at a time too.
          for (let sent = 0; sent < size; sent += chunk.length) {
            if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
          }
        });
      });
      clearInterval(sampler);
      const MiB = 1024 * 1024;
      const rssGrowth = (rssPeak - before.rss) / MiB;
      const liveGrowth = (livePeak - before.arrayBuffers) / MiB;
      expect(response).toMatch(/^HTTP\/1\.0 200 Script output follows\r\n/);
      expect(response.endsWith(`\n\n${size}\n`)).toBe(true);
      // Holding the body (or a leak per chunk) would keep ~64 MiB of buffers alive.
      expect(liveGrowth).toBeLessThan(16);
      expect(rssGrowth).toBeLessThan(32);
      console.log(
        `64 MiB POST through count.sh: live buffers +${liveGrowth.toFixed(1)} MiB, RSS +${rssGrowth.toFixed(1)} MiB`,
      );
    } finally {
      await big.close();
    }
  }, 60_000); // a full gc every 10 ms: slow on a busy machine, the limits are on bytes

  it('streams 8 MiB of script output to a slow reader with backpressure', async () => {
    const res = await new Promise<Buffer>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () =>
        socket.write(get('/cgi-bin/big.sh')),
      );
      const chunks: Buffer[] = [];
      // Read in bursts: pause, resume, so the server must wait on the socket.
      socket.on('data', (d: Buffer) => {
        chunks.push(d);
        socket.pause();
        setTimeout(() => socket.resume(), 1);
      });
      socket.on('close', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
    });
    const headEnd = res.indexOf('\n\n');
    expect(res.subarray(0, headEnd).toString()).toContain('Content-type: application/octet-stream');
    const body = res.subarray(headEnd + 2);
    expect(body.length).toBe(8 * 1024 * 1024);
    expect(body.every((b) => b === 0)).toBe(true);
  });
});

describe('start failures', () => {
  it('answers 403 before any 200 when the script cannot be executed', async () => {
    await writeFile(path.join(root, 'cgi-bin', 'bad-interpreter.sh'), '#!/nonexistent/shell\n', {
      mode: 0o755,
    });
    const res = await rawRequest(server.port, get('/cgi-bin/bad-interpreter.sh'));
    expect(res.statusLine).toBe(
      "HTTP/1.0 403 CGI script could not be run ('/cgi-bin/bad-interpreter.sh': ENOENT)",
    );
  });

  it('answers 403 when the Python interpreter is missing', async () => {
    const broken = await startServer(root, {
      configure: (h) => (h.pythonInterpreter = '/nonexistent/python3'),
    });
    try {
      const res = await rawRequest(broken.port, get('/cgi-bin/query.py'));
      expect(res.statusLine).toBe(
        "HTTP/1.0 403 CGI script could not be run ('/cgi-bin/query.py': ENOENT)",
      );
    } finally {
      await broken.close();
    }
  });
});
