/**
 * Pictures of the panel's main states for docs/ (shown in the README; written there only by
 * `npm run screenshots`, see support/screenshots.ts). Each also checks the state it
 * pictures, so a broken panel fails here rather than producing a broken image.
 */
import { bindPort, closeServer, rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer, statusCard } from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';
import { screenshotPath } from './support/screenshots.js';
import { makeOpensslCertificate } from '../test/helpers/tls-test-files.js';

async function someTraffic(port: number): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  for (const p of ['/', '/style.css', '/notes/', '/notes/http.txt', '/notes', '/favicon.ico']) {
    await (await fetch(base + p, { redirect: 'manual' })).arrayBuffer();
  }
  await rawExchange(port, 'GET /\x1b[2J\x1b[31mgotcha HTTP/1.0\r\n\r\n');
  await rawExchange(port, 'BREW /pot HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
}

test('running on all interfaces, with traffic, a QR code and the inspector', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port });
  // Listening on every interface shows each LAN address; the specs still only talk to loopback.
  await panel.getByLabel('Listen on').selectOption({ label: 'All interfaces' });
  await startServer(panel);
  const urls = panel.getByRole('list', { name: 'Addresses of this server' }).getByRole('link');
  await expect(urls.filter({ hasText: `http://127.0.0.1:${port}/` })).toHaveCount(1);
  await someTraffic(port);
  await expect(logRows(panel)).toHaveCount(8);
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: screenshotPath('panel-running.png') });

  const lan = (await urls.allTextContents()).find((u) => !/127\.0\.0\.1|\[::1\]/.test(u));
  const qrFor = lan ?? `http://127.0.0.1:${port}/`;
  await panel.getByRole('button', { name: `Show QR code for ${qrFor}` }).click();
  const dialog = panel.getByRole('dialog', { name: 'Scan to open on a phone' });
  await expect(dialog.getByRole('img', { name: `QR code for ${qrFor}` })).toBeVisible();
  await panel.screenshot({ path: screenshotPath('panel-qr.png') });
  await panel.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await logRows(panel).filter({ hasText: 'GET /notes/http.txt' }).click();
  await expect(panel.getByRole('region', { name: /on connection/ })).toBeVisible();
  await panel.screenshot({ path: screenshotPath('panel-inspector.png') });
});

test('first run, then a port that is taken, with the one-click fix', async ({ panel, tmp }) => {
  await expect(panel.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
  await expect(statusCard(panel)).toContainText(
    'Choose a folder to serve, press Start, then Open.',
  );
  await panel.screenshot({ path: screenshotPath('panel-first-run.png') });

  const site = await makeSampleSite(tmp);
  const port = await freePort();
  const blocker = await bindPort(port);
  try {
    await configure(panel, { folder: site, port });
    await panel.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
    await expect(panel.getByRole('button', { name: /Use free port \d+ and start/ })).toBeVisible();
    await panel.screenshot({ path: screenshotPath('panel-failed-port.png') });
  } finally {
    await closeServer(blocker);
  }
});

test('dark theme, and the layout at 800×600', async ({ panel, tmp }) => {
  await panel.emulateMedia({ colorScheme: 'dark' });
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port, cgi: true });
  await startServer(panel);
  await someTraffic(port);
  await (await fetch(`http://127.0.0.1:${port}/cgi-bin/hello.sh?x=1`)).text();
  await expect(logRows(panel)).toHaveCount(9);
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: screenshotPath('panel-dark.png') });

  await panel.emulateMedia({ colorScheme: 'light' });
  await panel.setViewportSize({ width: 800, height: 600 });
  await logRows(panel).filter({ hasText: 'GET /cgi-bin/hello.sh' }).click();
  await panel.screenshot({ path: screenshotPath('panel-800x600.png') });
});

test('sharing with a phone: one click, network addresses first, the QR code inline', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port });
  await startServer(panel);
  await panel.getByRole('button', { name: 'Share on my network' }).click();
  await expect(statusCard(panel)).toContainText('On a phone on the same Wi-Fi or network');
  await someTraffic(port);
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: screenshotPath('panel-share.png') });
});

test('many servers: the overflow menu lists each with its state', async ({ panel, tmp }) => {
  const site = await makeSampleSite(tmp);
  await configure(panel, { folder: site, port: await freePort() });
  await startServer(panel);
  const add = panel.getByRole('button', { name: '+ Add server' });
  for (let n = 2; n <= 16; n++) await add.click();
  await panel.getByRole('button', { name: /All servers \(16\)/ }).click();
  await expect(panel.getByRole('menu', { name: 'All servers' })).toBeVisible();
  await panel.screenshot({ path: screenshotPath('panel-many-tabs.png') });
});

test('the inspector at 800×600: settings folded away, the inspector fills the log panel', async ({
  panel,
  tmp,
}) => {
  await panel.setViewportSize({ width: 800, height: 600 });
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port, cgi: true });
  await startServer(panel);
  await someTraffic(port);
  await (await fetch(`http://127.0.0.1:${port}/cgi-bin/hello.sh?x=1`)).text();
  await expect(logRows(panel)).toHaveCount(9);
  await panel.getByRole('button', { name: 'Hide settings' }).click();
  await panel.getByRole('button', { name: 'Hide addresses' }).click();
  await logRows(panel).filter({ hasText: 'GET /cgi-bin/hello.sh' }).click();
  await panel.getByRole('button', { name: 'Fill the log panel' }).click();
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: screenshotPath('panel-inspector-800x600.png') });
});

test('demo options: response-header presets and a line, the password warning', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  await configure(panel, { folder: site, port: await freePort() });
  await panel.getByLabel('Listen on').selectOption({ label: 'All interfaces' });
  await panel.locator('details.advanced > summary').click();
  await panel.getByRole('checkbox', { name: 'No caching (for development)' }).check();
  await panel.getByRole('checkbox', { name: 'Allow other sites (CORS)' }).check();
  await panel.getByRole('button', { name: 'Add a header' }).click();
  await panel.getByLabel('Header line 1', { exact: true }).fill('X-Robots-Tag: noindex');
  await panel.getByRole('button', { name: 'Add a header' }).click();
  await panel.getByLabel('Header line 2', { exact: true }).fill('Cache-Control: max-age=60');
  await expect(panel.locator('#header-line-1-msg')).toHaveText(/already sends Cache-Control/);
  const headers = panel.getByRole('group', { name: 'Response headers' });
  await headers.scrollIntoViewIfNeeded();
  await headers.screenshot({ path: screenshotPath('settings-response-headers.png') });

  await panel.getByRole('button', { name: 'Remove header line 2' }).click();
  await panel.getByLabel('User name').fill('ann');
  await panel.getByLabel('Password', { exact: true }).fill('correct horse');
  const password = panel.getByRole('group', { name: 'Password protection' });
  await expect(password.locator('#auth-warning')).toHaveClass('field-warning');
  await password.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: screenshotPath('settings-password-warning.png') });
});

test('HTTPS: the settings with a problem next to its field, the fingerprint next to the URLs', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  await makeOpensslCertificate(tmp, 'own');
  await makeOpensslCertificate(tmp, 'other');
  await configure(panel, { folder: site, port: await freePort() });
  await panel.getByRole('switch', { name: 'Use HTTPS' }).check();
  await panel.getByRole('radio', { name: 'Use my certificate and key' }).check();
  await panel.getByRole('textbox', { name: 'Certificate file' }).fill(`${tmp}/own-cert.pem`);
  const key = panel.getByRole('textbox', { name: 'Private key file (optional)' });
  await key.fill(`${tmp}/other-key.pem`);
  await panel.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(panel.locator('#tls-tlsKeyFile-msg')).toHaveText(/does not belong/);
  const https = panel.getByRole('group', { name: 'HTTPS' });
  await https.scrollIntoViewIfNeeded();
  await panel.mouse.move(0, 0);
  await https.screenshot({ path: screenshotPath('settings-https.png') });

  await panel.getByRole('radio', { name: 'Create a certificate for this computer' }).check();
  await panel.getByLabel('Listen on').selectOption({ label: 'All interfaces' });
  await startServer(panel);
  await expect(statusCard(panel).locator('.fingerprint')).toHaveText(/^([0-9A-F]{2}:){31}/);
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: screenshotPath('panel-https.png') });
});
