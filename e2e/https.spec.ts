/**
 * HTTPS in the panel, against the real server host: "Use HTTPS" with a certificate made for
 * this computer gives Chromium a secure context on a non-loopback name (where plain HTTP does
 * not), the panel shows https:// URLs and the certificate's fingerprint, the inspector names
 * the TLS version; the person's own files are checked next to each field, and the settings
 * survive a save and a reload; axe finds nothing serious in either state (docs/architecture.md
 * § Desktop app: HTTPS).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { X509Certificate, createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SettingsStore } from '../main/settings-store.js';
import { defaultServerConfig } from '../shared/settings.js';
import { makeOpensslCertificate } from '../test/helpers/tls-test-files.js';
import { seriousViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startButton, startServer } from './support/panel.js';

// A second browser and two axe walks: give them room on a busy machine.
test.describe.configure({ timeout: 90_000 });

/** This computer's mDNS name: a name the Host check and the certificate both accept. */
const LAN_NAME = `${os.hostname().split('.')[0]!.toLowerCase()}.local`;

/** base64 SHA-256 of the certificate's public key: what Chromium's SPKI allow-list takes. */
function spkiHash(certPem: Buffer): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/**
 * A Chromium that resolves LAN_NAME to loopback (a phone would use the LAN address) and
 * trusts exactly this certificate's key, as a phone does once the person trusted it.
 */
async function phoneBrowser(spki: string): Promise<Browser> {
  const launch = test.info().project.use.launchOptions ?? {};
  return chromium.launch({
    ...launch,
    args: [
      ...(launch.args ?? []),
      `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`,
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
  });
}

async function useHttps(panel: Page, choice: 'generated' | 'files'): Promise<void> {
  await panel.getByRole('switch', { name: 'Use HTTPS' }).check();
  const label =
    choice === 'generated'
      ? 'Create a certificate for this computer'
      : 'Use my certificate and key';
  await panel.getByRole('radio', { name: label }).check();
}

test('a certificate for this computer: a secure context in Chromium, https:// URLs and the fingerprint', async ({
  panel,
  desk,
  tmp,
}) => {
  test.skip(!/^[a-z0-9-]+\.local$/.test(LAN_NAME), `host name ${LAN_NAME} is not a DNS name`);
  await writeFile(path.join(tmp, 'index.html'), '<!doctype html><title>demo</title>');
  // Made ahead so the browser can be told its key; starting the server must reuse it.
  const made = await desk.certificates.ensure();
  const phone = await phoneBrowser(spkiHash(await readFile(made.certFile)));
  try {
    const port = await freePort();
    await configure(panel, { folder: tmp, port });
    await useHttps(panel, 'generated');
    await startServer(panel);

    await expect(panel.getByRole('link', { name: `https://127.0.0.1:${port}/` })).toBeVisible();
    await expect(panel.locator('.fingerprint')).toHaveText(made.fingerprint);
    await expect(
      panel.getByText('A phone will ask you to trust this certificate once'),
    ).toBeVisible();

    const page = await phone.newPage();
    await page.goto(`https://${LAN_NAME}:${port}/`);
    expect(await page.title()).toBe('demo');
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);

    // The control: the same name over plain HTTP is not a secure context.
    const plain = await desk.host.start({ ...defaultServerConfig('plain', tmp), port: 0 });
    await page.goto(`http://${LAN_NAME}:${plain.boundPort}/`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

    // The inspector names the TLS version of an exchange that came over TLS.
    await logRows(panel).filter({ hasText: 'GET /' }).first().click();
    await expect(panel.locator('.inspector-meta')).toContainText(/over TLSv1\.[23]/);
  } finally {
    await phone.close();
  }
});

test('my certificate and key: problems next to each field (axe-clean), then the settings survive a reload', async ({
  panel,
  desk,
  tmp,
}) => {
  await makeOpensslCertificate(tmp, 'own');
  await makeOpensslCertificate(tmp, 'other');
  const cert = path.join(tmp, 'own-cert.pem');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await useHttps(panel, 'files');

  // No certificate yet: said next to its field, and Start waits.
  await expect(panel.locator('#tls-tlsCertFile-msg')).toHaveText(/Choose the certificate file/);
  await expect(startButton(panel)).toBeDisabled();

  // Picked with the (played) system dialog; a key from another certificate typed in.
  desk.nextTlsFile = { tlsCertFile: cert };
  await panel.getByRole('button', { name: 'Choose the certificate file' }).click();
  await expect(panel.getByRole('textbox', { name: 'Certificate file' })).toHaveValue(cert);
  const key = panel.getByRole('textbox', { name: 'Private key file (optional)' });
  await key.fill(path.join(tmp, 'other-key.pem'));
  await startButton(panel).click();
  await expect(panel.locator('#tls-tlsKeyFile-msg')).toHaveText(
    /does not belong to the certificate/,
  );
  await expect(key).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(panel)).toEqual([]);

  await key.fill(path.join(tmp, 'own-key.pem'));
  await expect(panel.locator('#tls-tlsKeyFile-msg')).toHaveClass('field-hint');
  await startServer(panel);
  const fingerprint = new X509Certificate(await readFile(cert)).fingerprint256;
  await expect(panel.locator('.fingerprint')).toHaveText(fingerprint);
  await expect(panel.getByText('Your certificate, SHA-256 fingerprint:')).toBeVisible();
  await panel.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(panel)).toEqual([]);

  // The debounced save reached the settings file, and a fresh store reads it back.
  await expect
    .poll(() => desk.settings.settings.servers[0]?.tlsKeyFile)
    .toBe(path.join(tmp, 'own-key.pem'));
  const restored = await new SettingsStore(path.join(tmp, 'settings.json')).load();
  expect(restored.settings.servers[0]).toMatchObject({ tls: 'files', tlsCertFile: cert });

  await panel.reload();
  await expect(panel.getByRole('switch', { name: 'Use HTTPS' })).toBeChecked();
  await expect(panel.getByRole('radio', { name: 'Use my certificate and key' })).toBeChecked();
  await expect(panel.getByRole('textbox', { name: 'Certificate file' })).toHaveValue(cert);
  await expect(panel.getByRole('link', { name: `https://127.0.0.1:${port}/` })).toBeVisible();
  await expect(panel.locator('.fingerprint')).toHaveText(fingerprint);
});
