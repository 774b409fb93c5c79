/**
 * The inspector shows bodies, against the real server host: a text file's body as text, a
 * binary file's as a hex dump, a 2 MiB file's first 64 KiB with its "more bytes" marker, a
 * CGI POST's request body and the script's output, "no body" for HEAD, and "not kept" for
 * exchanges of a server that was not selected when they happened.
 */
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';
import { rawExchange } from './support/raw-http.js';
import { screenshotPath } from './support/screenshots.js';

function inspector(panel: Page) {
  return panel.getByRole('region', { name: /^Request \d+ on connection/ });
}

async function open(panel: Page, text: string) {
  await logRows(panel).filter({ hasText: text }).first().click();
  return inspector(panel);
}

test('text, hex, a capped 2 MiB body, a CGI POST and HEAD in the inspector', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  await writeFile(
    path.join(site, 'pixel.png'),
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  );
  const big = 'HTTP is text over TCP.\n'.repeat(91_181); // just over 2 MiB
  await writeFile(path.join(site, 'big.txt'), big);
  const echo = path.join(site, 'cgi-bin', 'echo.sh');
  await writeFile(echo, '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\ncat\n');
  await chmod(echo, 0o755);
  const port = await freePort();
  await configure(panel, { folder: site, port, cgi: true, protocol: 'HTTP/1.1' });
  await startServer(panel);
  const base = `http://127.0.0.1:${port}`;
  for (const p of ['/notes/http.txt', '/pixel.png', '/big.txt'])
    await (await fetch(base + p)).arrayBuffer();
  const posted = await fetch(`${base}/cgi-bin/echo.sh`, { method: 'POST', body: 'name=class' });
  expect(await posted.text()).toBe('name=class');
  await fetch(`${base}/notes/http.txt`, { method: 'HEAD' });
  await expect(logRows(panel)).toHaveCount(5);

  const shown = await open(panel, 'GET /notes/http.txt');
  const response = shown.getByRole('region', { name: 'Response body' });
  await expect(response.locator('pre')).toHaveText('HTTP is text over TCP.\n'.repeat(200));
  await expect(response).toContainText('4.5 KB · text');
  await expect(shown.getByRole('region', { name: 'Request body' })).toHaveCount(0);

  await open(panel, 'GET /pixel.png');
  await expect(response.locator('pre')).toHaveText(
    '00000000  89 50 4e 47 0d 0a 1a 0a 00 00 00 0d 49 48 44 52  |.PNG........IHDR|',
  );
  await expect(response).toContainText('hex dump: not text');

  await open(panel, 'GET /big.txt');
  await expect(response).toContainText(`… ${(big.length - 65536).toLocaleString('en')} more bytes`);
  await expect(response.locator('pre')).toContainText('HTTP is text over TCP.');

  await open(panel, 'POST /cgi-bin/echo.sh');
  await expect(shown.getByRole('region', { name: 'Request body' }).locator('pre')).toHaveText(
    'name=class',
  );
  await expect(response.locator('pre')).toHaveText('name=class');

  await open(panel, 'HEAD /notes/http.txt');
  await expect(response).toContainText('No body: a HEAD response');
  await expect(response.locator('pre')).toHaveCount(0);
});

test('another server’s exchanges say their bodies were not kept', async ({ panel, tmp }) => {
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port });
  await startServer(panel);
  await (await fetch(`http://127.0.0.1:${port}/style.css`)).text();
  await expect(logRows(panel)).toHaveCount(1);
  // A second tab is selected: main now keeps its bodies and lets the first one's go.
  await panel.getByRole('button', { name: '+ Add server' }).click();
  await panel.getByRole('tablist', { name: 'Servers' }).getByRole('tab').first().click();
  const shown = await open(panel, 'GET /style.css');
  await expect(shown.getByRole('region', { name: 'Response body' })).toContainText(
    'Not kept: 20 bytes.',
  );
});

test('screenshot: the inspector showing a CGI POST’s bodies (docs/inspector-body.png)', async ({
  panel,
}) => {
  await panel.setViewportSize({ width: 1400, height: 900 });
  const sampleSite = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../app/sample-site',
  );
  const port = await freePort();
  await configure(panel, { folder: sampleSite, port, protocol: 'HTTP/1.1', cgi: true });
  await startServer(panel);
  // A raw client that reads until the server closes: the script ends on its own (a client
  // that hangs up once it has Content-Length bytes can beat the script's exit).
  const answer = await rawExchange(
    port,
    `POST /cgi-bin/hello.py HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUser-Agent: curl/8.5.0\r\n` +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nname=class',
  );
  expect(answer).toContain('Hello, class!');
  const shown = await open(panel, 'POST /cgi-bin/hello.py');
  await expect(shown.getByRole('region', { name: 'Request body' })).toContainText('name=class');
  await expect(shown.getByRole('region', { name: 'Response body' })).toContainText('Hello, class!');
  await panel.getByRole('button', { name: 'Hide settings' }).click();
  await shown.getByRole('button', { name: 'Fill the log panel' }).click();
  await panel.screenshot({ path: screenshotPath('inspector-body.png') });
});
