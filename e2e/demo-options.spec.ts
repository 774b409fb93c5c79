/**
 * The demo options in Chromium, set by clicks in the panel and served by the real server
 * host (docs/architecture.md § Desktop app: response headers, SPA and password): a CORS
 * preflight from a page on another origin, cross-origin isolation, a single-page app's
 * deep link surviving a reload, and Basic auth accepted and refused, with the password
 * masked in the inspector.
 */
import type { Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultServerConfig } from '../shared/settings.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer, stopButton } from './support/panel.js';

/** Opens Advanced (it opens by itself once a demo option is set). */
async function openAdvanced(panel: Page): Promise<void> {
  const advanced = panel.locator('details.advanced');
  if (!(await advanced.getAttribute('open'))) await advanced.locator('summary').click();
}

/** What `fetch` from `page` to `url` with a custom header gives: the body or the error. */
function fetchWithHeader(page: Page, url: string): Promise<string> {
  return page.evaluate(async (target) => {
    try {
      const response = await fetch(target, { headers: { 'X-Demo-Token': 'abc' } });
      return `${response.status} ${await response.text()}`;
    } catch (error) {
      return `failed: ${(error as Error).name}`;
    }
  }, url);
}

test('headers editor: a bad line is named next to it; presets and lines are saved and restored', async ({
  panel,
  desk,
  tmp,
}) => {
  await configure(panel, { folder: tmp, port: await freePort() });
  await openAdvanced(panel);
  await panel.getByRole('checkbox', { name: 'No caching (for development)' }).check();
  await panel.getByRole('button', { name: 'Add a header' }).click();
  const line = panel.getByLabel('Header line 1', { exact: true });
  await line.fill('X Demo: yes');
  await expect(panel.locator('#header-line-0-msg')).toHaveText(/"X Demo" is not a header name/);
  await expect(line).toHaveAttribute('aria-invalid', 'true');
  await line.fill('Cache-Control: max-age=60');
  await expect(panel.locator('#header-line-0-msg')).toHaveText(
    '"No caching (for development)" already sends Cache-Control.',
  );
  await expect(panel.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
  await line.fill('X-Demo: yes');
  await expect(panel.locator('#header-line-0-msg')).toHaveClass('field-hint');

  await startServer(panel);
  const port = Number(await panel.getByLabel('Port', { exact: true }).inputValue());
  await (await fetch(`http://127.0.0.1:${port}/`)).text();
  // The inspector shows the added headers in the response head as sent.
  await logRows(panel).first().click();
  const inspector = panel.getByRole('region', { name: /on connection/ });
  await expect(inspector).toContainText('Cache-Control: no-store');
  await expect(inspector).toContainText('X-Demo: yes');

  // Restored after a reload, from the settings main saved (debounced, so wait for the file).
  await expect
    .poll(() => desk.settings.settings.servers[0]?.responseHeaders)
    .toEqual({ presets: ['no-cache'], custom: ['X-Demo: yes'] });
  await panel.reload();
  // Advanced opens by itself while one of its settings is on.
  await expect(panel.locator('details.advanced')).toHaveAttribute('open', '');
  await expect(panel.getByRole('checkbox', { name: 'No caching (for development)' })).toBeChecked();
  await expect(panel.getByLabel('Header line 1', { exact: true })).toHaveValue('X-Demo: yes');
});

test('CORS preset: a page on another origin fetches with a custom header (preflight 204)', async ({
  panel,
  desk,
  tmp,
  context,
}) => {
  // The page's own origin: a plain server on another port.
  const origin = await desk.host.start({ ...defaultServerConfig('origin', tmp), port: 0 });
  const apiPort = await freePort();
  await configure(panel, { folder: tmp, port: apiPort });
  await startServer(panel);

  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${origin.boundPort}/`);
  await writeFile(path.join(tmp, 'data.txt'), 'shared data');
  const api = `http://127.0.0.1:${apiPort}/data.txt`;
  // Without the preset the preflight gets Python's 501, so the browser never sends the GET.
  expect(await fetchWithHeader(page, `${api}?first`)).toBe('failed: TypeError');
  await expect(logRows(panel).filter({ hasText: 'OPTIONS /data.txt?first' })).toContainText('501');

  await stopButton(panel).click();
  await openAdvanced(panel);
  await panel.getByRole('checkbox', { name: 'Allow other sites (CORS)' }).check();
  await startServer(panel);
  expect(await fetchWithHeader(page, `${api}?second`)).toBe('200 shared data');
  await expect(logRows(panel).filter({ hasText: 'OPTIONS /data.txt?second' })).toContainText('204');
});

test('cross-origin isolation preset: crossOriginIsolated is true, and false without it', async ({
  panel,
  tmp,
  context,
}) => {
  await writeFile(path.join(tmp, 'index.html'), '<!doctype html><title>isolated?</title>');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  const page = await context.newPage();
  await startServer(panel);
  await page.goto(`http://127.0.0.1:${port}/`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

  await stopButton(panel).click();
  await openAdvanced(panel);
  await panel.getByRole('checkbox', { name: 'Cross-origin isolation' }).check();
  await startServer(panel);
  await page.goto(`http://127.0.0.1:${port}/`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});

test('single-page app: a deep link survives a reload; off, it is a 404', async ({
  panel,
  tmp,
  context,
}) => {
  await writeFile(path.join(tmp, 'index.html'), '<!doctype html><h1>App shell</h1>');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await openAdvanced(panel);
  await panel.getByRole('checkbox', { name: 'Single-page app' }).check();
  await startServer(panel);

  const page = await context.newPage();
  const deep = `http://127.0.0.1:${port}/settings/profile`;
  const first = await page.goto(deep);
  expect(first?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'App shell' })).toBeVisible();
  const again = await page.reload();
  expect(again?.status()).toBe(200);
  await expect(page).toHaveURL(deep);
  await expect(page.getByRole('heading', { name: 'App shell' })).toBeVisible();

  await stopButton(panel).click();
  await panel.getByRole('checkbox', { name: 'Single-page app' }).uncheck();
  await startServer(panel);
  expect((await page.reload())?.status()).toBe(404);
});

test('password: accepted with the credentials, refused without; the inspector masks them', async ({
  panel,
  tmp,
  browser,
}) => {
  await writeFile(path.join(tmp, 'index.html'), '<!doctype html><h1>Members only</h1>');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await openAdvanced(panel);
  await panel.getByLabel('User name').fill('ann');
  await panel.getByLabel('Password', { exact: true }).fill('');
  await expect(panel.locator('#auth-password-msg')).toHaveText(/Enter a password/);
  await panel.getByLabel('Password', { exact: true }).fill('correct horse');
  // Listening on this computer only: no warning.
  await expect(panel.locator('#auth-warning')).toHaveText('');
  await startServer(panel);
  const url = `http://127.0.0.1:${port}/`;

  const wrong = await browser.newContext({ httpCredentials: { username: 'ann', password: 'x' } });
  const refused = await (await wrong.newPage()).goto(url);
  expect(refused?.status()).toBe(401);
  expect(await refused?.headerValue('WWW-Authenticate')).toBe(
    'Basic realm="HTTP Desk", charset="UTF-8"',
  );
  await wrong.close();

  const allowed = await browser.newContext({
    httpCredentials: { username: 'ann', password: 'correct horse' },
  });
  const page = await allowed.newPage();
  expect((await page.goto(url))?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Members only' })).toBeVisible();
  await allowed.close();

  const granted = logRows(panel).filter({ hasText: '200' }).first();
  await granted.click();
  const inspector = panel.getByRole('region', { name: /on connection/ });
  await expect(inspector).toContainText('Authorization: Basic •••• (user "ann")');
  const base64 = Buffer.from('ann:correct horse').toString('base64');
  await expect(panel.locator('body')).not.toContainText(base64);
  await expect(panel.locator('body')).not.toContainText('correct horse');
});

test('password warning: shown on every interface without HTTPS, not on this computer only or with HTTPS', async ({
  panel,
  tmp,
}) => {
  await configure(panel, { folder: tmp });
  await openAdvanced(panel);
  await panel.getByLabel('User name').fill('ann');
  await panel.getByLabel('Password', { exact: true }).fill('secret');
  const warning = panel.locator('#auth-warning');
  await expect(warning).toHaveText('');
  await panel.getByLabel('Listen on').selectOption({ label: 'All interfaces' });
  await expect(warning).toHaveText(/without HTTPS the password crosses the network/);
  await expect(warning).toHaveClass('field-warning');
  // With HTTPS the credentials are encrypted on the way: no warning.
  await panel.getByRole('switch', { name: 'Use HTTPS' }).check();
  await expect(warning).toHaveText('');
});
