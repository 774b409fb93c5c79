/**
 * Pictures for docs/ of "Who connected" and of a restart divider (README). Each checks the
 * state it pictures first. Written to docs/ only with HTTPDESK_SCREENSHOTS=1, like
 * e2e/screenshots.spec.ts; otherwise into this run's test-results.
 */
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  logDividers,
  logRows,
  startServer,
  statusCard,
} from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const docs = path.resolve(
  here,
  process.env.HTTPDESK_SCREENSHOTS ? '../docs' : '../test-results/screenshots',
);

/** Phones and a laptop in a classroom, played from other loopback addresses (127.0.0.0/8). */
const VISITORS: ReadonlyArray<[from: string, userAgent: string, paths: string[]]> = [
  [
    '127.0.0.21',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    ['/', '/style.css', '/notes/'],
  ],
  [
    '127.0.0.34',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    ['/', '/style.css'],
  ],
  [
    '127.0.0.57',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
    ['/', '/notes/http.txt', '/missing.png'],
  ],
  ['127.0.0.1', 'curl/8.5.0', ['/notes/http.txt']],
];

/** One HTTP/1.0 GET from `from`, read to the close. */
function getFrom(port: number, from: string, userAgent: string, target: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', localAddress: from }, () =>
      socket.write(`GET ${target} HTTP/1.0\r\nHost: localhost\r\nUser-Agent: ${userAgent}\r\n\r\n`),
    );
    socket.on('data', () => undefined);
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
}

test('who connected: devices in the log and the clients summary', async ({ panel, tmp }) => {
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port });
  await startServer(panel);
  for (const [from, userAgent, paths] of VISITORS) {
    for (const target of paths) await getFrom(port, from, userAgent, target);
  }
  await expect(logRows(panel)).toHaveCount(9);
  await panel.getByRole('button', { name: 'Who connected' }).click();
  const summary = panel.getByRole('region', { name: /Who connected/ });
  await expect(summary.getByRole('row')).toHaveCount(5);
  await expect(summary).toContainText('127.0.0.21iPhone · Safari3');
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: path.join(docs, 'panel-clients.png') });
});

test('apply & restart: the divider where HTTP/1.1 became HTTP/1.0', async ({ panel, tmp }) => {
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port, protocol: 'HTTP/1.1' });
  await startServer(panel);
  const [, userAgent] = VISITORS[2]!;
  for (const target of ['/', '/style.css']) await getFrom(port, '127.0.0.57', userAgent, target);
  await panel.getByRole('radio', { name: 'HTTP/1.0' }).check();
  await panel.getByRole('button', { name: 'Apply & restart' }).click();
  await expect(statusCard(panel).locator('.version-badge')).toHaveText('HTTP/1.0');
  for (const target of ['/', '/style.css']) await getFrom(port, '127.0.0.57', userAgent, target);
  await expect(logRows(panel)).toHaveCount(4);
  await expect(logDividers(panel)).toContainText('Restarted — HTTP/1.0');
  // The next edit, listed before it is applied.
  await configure(panel, { cgi: true });
  await expect(panel.locator('#apply-note')).toHaveText('Changed: CGI on.');
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: path.join(docs, 'panel-restart.png') });
});
