import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bindPort, closeServer, rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  logRows,
  startServer,
  statusCard,
  stopButton,
} from './support/panel.js';

test('serves a folder started from the panel, logs the request and frees the port on stop', async ({
  panel,
  desk,
  tmp,
}) => {
  const site = path.join(tmp, 'site');
  await mkdir(site);
  await writeFile(path.join(site, 'hello.txt'), 'hello from the panel\n');
  const port = await freePort();

  await configure(panel, { folder: site, port });
  await startServer(panel);
  const url = `http://127.0.0.1:${port}/`;
  await expect(panel.getByRole('link', { name: url })).toBeVisible();

  const response = await fetch(`${url}hello.txt`);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('hello from the panel\n');

  const row = logRows(panel).filter({ hasText: 'GET /hello.txt HTTP/1.1' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('gridcell').nth(5)).toHaveText(/^200/);
  await expect(row.getByRole('gridcell').nth(1)).toHaveText('127.0.0.1');

  await panel.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await panel.getByRole('button', { name: `Copy ${url}` }).click();
  await expect(panel.getByRole('status').filter({ hasText: `Copied ${url}` })).toBeVisible();
  expect(await panel.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // Open in the browser goes through main's URL check to the (recorded) shell.
  await panel.getByRole('button', { name: `Open ${url} in the browser` }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Opened' })).toBeVisible();
  expect(desk.opened).toEqual([url]);

  await stopButton(panel).click();
  await expect(statusCard(panel).getByText('Stopped', { exact: true })).toBeVisible();
  // The port is really free: this process can listen on it now.
  const again = await bindPort(port);
  await closeServer(again);
});

test('a request line with control characters is shown scrubbed, never interpreted', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);

  // RFC 9112 §3.2: controls are not allowed in a request target, so the engine answers 400.
  const answer = await rawExchange(port, 'GET /\x1b[31mred\x07 HTTP/1.0\r\n\r\n');
  expect(answer).toMatch(/^HTTP\/1\.[01] 400 /);

  const row = logRows(panel).filter({ hasText: 'red' });
  await expect(row).toHaveCount(1);
  const shown = row.getByRole('gridcell').nth(3);
  await expect(shown).toHaveText('GET /\\x1b[31mred\\x07 HTTP/1.0');
  // No raw ESC or BEL reached the DOM.
  // eslint-disable-next-line no-control-regex
  expect(await shown.evaluate((el) => /[\x00-\x1f]/.test(el.textContent ?? ''))).toBe(false);

  await row.click();
  const inspector = panel.getByRole('region', { name: /Request 1 on connection/ });
  await expect(
    inspector.getByRole('region', { name: 'Request, as received' }).locator('pre'),
  ).toContainText('GET /\\x1b[31mred\\x07 HTTP/1.0');
  await expect(
    inspector.getByRole('region', { name: 'Response, as sent' }).locator('pre'),
  ).toContainText(/HTTP\/1\.[01] 400 /);
  await expect(inspector.getByText(/^Closed/)).toBeVisible();
});

test('opened outside the app (no bridge), the page says what it is and how to run it', async ({
  page,
  panelUrl,
}) => {
  await page.goto(panelUrl);
  await expect(page.getByRole('heading', { name: 'HTTP Desk' })).toBeVisible();
  await expect(page.getByText('It needs the HTTP Desk app around it')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0);
});
