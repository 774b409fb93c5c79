/**
 * The desktop log under hostile heads (docs/security.md "Found by review, fixed"): the panel
 * (dist/renderer in Chromium) bridged to the real ServerHost in this process, as in
 * bench/app-load.ts. Two runs, each in a fresh page with its own server:
 *  - normal: 300 × `GET /hello.txt` with a browser's headers;
 *  - hostile: 300 × a 60,000-byte path and three 65,000-byte headers of 0x80 bytes.
 * Requests come from a child process (its CPU is not counted). Reported per run: the
 * renderer's JS heap after a forced GC (CDP), this process's (main's) CPU per request until
 * the panel shows every row, and the bytes of log batches sent to the page per request.
 *
 *   node --import tsx bench/app-hostile-log.ts      (HOSTILE_LOG_REQUESTS to change 300)
 *
 * Writes bench/results/app-hostile-log.md.
 */
import { expect, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LogBatch } from '../shared/ipc.js';
import { silentLogSink } from '../main/server/log-sink.js';
import { ThreadingHTTPServer, makeHandlerClass } from '../main/server/index.js';
import { DeskHost, type DeskEvents } from '../e2e/support/desk-host.js';
import { openPanel } from '../e2e/support/fixtures.js';
import { configure, freePort, startServer } from '../e2e/support/panel.js';
import { serveStatic } from '../e2e/support/static-server.js';
import { ensureRenderer, launchChromium, REPO_ROOT, writeResult } from './lib/app-bench.js';

const MIB = 1024 * 1024;
const REQUESTS = Number(process.env.HOSTILE_LOG_REQUESTS ?? 300);

type Kind = 'normal' | 'hostile';

/** Sends REQUESTS requests of `kind`, four connections at a time, from another process. */
function sendFromChild(port: number, kind: Kind): Promise<void> {
  const script = `
    const net = require('node:net');
    const [port, kind, total] = [Number(process.argv[1]), process.argv[2], Number(process.argv[3])];
    function request() {
      if (kind === 'normal') {
        return Buffer.from('GET /hello.txt HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\\r\\nAccept: text/html,*/*;q=0.8\\r\\nAccept-Language: en\\r\\nConnection: close\\r\\n\\r\\n');
      }
      const parts = [Buffer.from('GET /' + 'a'.repeat(59999) + ' HTTP/1.1\\r\\n')];
      for (const name of ['X-One', 'X-Two', 'X-Three'])
        parts.push(Buffer.from(name + ': '), Buffer.alloc(65000, 0x80), Buffer.from('\\r\\n'));
      parts.push(Buffer.from('Connection: close\\r\\n\\r\\n'));
      return Buffer.concat(parts);
    }
    const payload = request();
    let next = 0;
    function one() {
      if (next >= total) return Promise.resolve();
      next++;
      return new Promise((resolve, reject) => {
        const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.write(payload));
        socket.on('data', () => {});
        socket.on('error', reject);
        socket.on('close', resolve);
      }).then(one);
    }
    Promise.all([one(), one(), one(), one()]).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, String(port), kind, String(REQUESTS)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`client ${code}`))));
  });
}

async function rendererHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** This process's CPU per request for the engine alone (no log records): the floor. */
async function engineAlone(tmp: string, kind: Kind): Promise<number> {
  const site = path.join(tmp, `engine-${kind}`);
  await mkdir(site, { recursive: true });
  await writeFile(path.join(site, 'hello.txt'), 'hello\n');
  const Handler = makeHandlerClass({ directory: site, protocolVersion: 'HTTP/1.1' });
  const server = new ThreadingHTTPServer(['127.0.0.1', 0], Handler, { logSink: silentLogSink });
  await server.ready;
  const served = server.serveForever();
  try {
    const cpu = process.cpuUsage();
    await sendFromChild(server.serverPort, kind);
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000 / REQUESTS;
  } finally {
    await server.shutdown();
    await server.serverClose();
    await served;
  }
}

interface RunResult {
  kind: Kind;
  engineCpuMsPerRequest: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
  mainCpuMsPerRequest: number;
  batchBytesPerRequest: number;
}

async function run(
  browser: Browser,
  panelUrl: string,
  tmp: string,
  kind: Kind,
): Promise<RunResult> {
  const dir = path.join(tmp, kind);
  const site = path.join(dir, 'site');
  await mkdir(site, { recursive: true });
  await writeFile(path.join(site, 'hello.txt'), 'hello\n');
  const desk = new DeskHost(dir);
  // Count what the host sends the page: the bridge's stand-in for Electron's IPC.
  let batchBytes = 0;
  const attach = desk.attach.bind(desk);
  desk.attach = (listeners: DeskEvents) =>
    attach({
      ...listeners,
      onLog: (batch: LogBatch) => {
        batchBytes += Buffer.byteLength(JSON.stringify(batch));
        listeners.onLog(batch);
      },
    });
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  try {
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    await openPanel(page, desk, panelUrl);
    const port = await freePort();
    await configure(page, { folder: site, port, protocol: 'HTTP/1.1' });
    await startServer(page);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const heapBefore = await rendererHeap(page);
    batchBytes = 0;
    const cpu = process.cpuUsage();
    await sendFromChild(port, kind);
    await expect(page.locator('.count').first()).toHaveText(String(REQUESTS), {
      timeout: 120_000,
    });
    const used = process.cpuUsage(cpu);
    const heapAfter = await rendererHeap(page);
    return {
      kind,
      engineCpuMsPerRequest: await engineAlone(dir, kind),
      heapBeforeMiB: heapBefore / MIB,
      heapAfterMiB: heapAfter / MIB,
      mainCpuMsPerRequest: (used.user + used.system) / 1000 / REQUESTS,
      batchBytesPerRequest: batchBytes / REQUESTS,
    };
  } finally {
    await page.close();
    await desk.close();
  }
}

function render(results: RunResult[]): string {
  const [normal, hostile] = results as [RunResult, RunResult];
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
  const row = (r: RunResult) =>
    `| ${r.kind} | ${r.heapBeforeMiB.toFixed(1)} → ${r.heapAfterMiB.toFixed(1)} | ${r.mainCpuMsPerRequest.toFixed(2)} | ${r.engineCpuMsPerRequest.toFixed(2)} | ${Math.round(r.batchBytesPerRequest).toLocaleString('en')} |`;
  return `# HTTP Desk — the desktop log under hostile heads

${new Date().toISOString()} · ${os.cpus()[0]?.model ?? '?'} × ${os.availableParallelism()} cores · Node ${process.version}
${REQUESTS} requests per run, each run in a fresh panel page with its own server (the e2e bridge).
Hostile: a 60,000-byte path and three 65,000-byte headers of 0x80 bytes.
Command: \`node --import tsx bench/app-hostile-log.ts\`

| Run | renderer heap after GC, before → after (MiB) | main CPU per request (ms) | engine alone, no log (ms) | log batch bytes per request |
| --- | --- | ---: | ---: | ---: |
${row(normal)}
${row(hostile)}

Hostile ÷ normal: renderer heap after ${ratio(hostile.heapAfterMiB, normal.heapAfterMiB)}×, main CPU per request ${ratio(hostile.mainCpuMsPerRequest, normal.mainCpuMsPerRequest)}× (the log's own share, main minus engine alone: ${ratio(hostile.mainCpuMsPerRequest - hostile.engineCpuMsPerRequest, normal.mainCpuMsPerRequest - normal.engineCpuMsPerRequest)}×), batch bytes ${ratio(hostile.batchBytesPerRequest, normal.batchBytesPerRequest)}×.
`;
}

async function main(): Promise<void> {
  await ensureRenderer();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'httpdesk-hostile-log-'));
  const panelServer = await serveStatic(path.join(REPO_ROOT, 'dist/renderer'));
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const results = [
      await run(browser, panelServer.url, tmp, 'normal'),
      await run(browser, panelServer.url, tmp, 'hostile'),
    ];
    const text = render(results);
    process.stdout.write(`${text}\n`);
    await writeResult('app-hostile-log.md', text);
  } finally {
    await browser?.close().catch(() => undefined);
    await panelServer.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`app-hostile-log: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
