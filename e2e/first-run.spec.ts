/**
 * First run and small wording fixes: a welcome line, Start explains itself without a
 * folder, "Follow links…" sits under Advanced, the CGI warning names who can run scripts
 * by the listening address, and a failed start's message goes once its field is edited.
 */
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startButton, statusCard } from './support/panel.js';

test('first run: welcome, Start says to choose a folder, Advanced holds the link setting', async ({
  panel,
}) => {
  await expect(statusCard(panel)).toContainText(
    'Welcome to HTTP Desk. Choose a folder to serve, press Start, then Open.',
  );
  await expect(startButton(panel)).toHaveAttribute('title', 'Choose a folder first');
  const follow = panel.getByRole('checkbox', { name: 'Follow links that lead outside the folder' });
  await expect(follow).toBeHidden();
  await panel.locator('summary', { hasText: 'Advanced' }).click();
  await expect(follow).toBeVisible();
});

test('the CGI warning follows the listening address', async ({ panel }) => {
  await configure(panel, { cgi: true });
  const warning = panel.locator('#cgi-msg');
  await expect(warning).toContainText('for any program or browser on this computer');
  await expect(warning).not.toContainText('anyone who can connect');
  await panel.getByLabel('Listen on').selectOption({ label: 'All interfaces' });
  await expect(warning).toContainText('for anyone on your network who can reach this computer');
});

test('a failed bind’s message goes once the address is edited', async ({ panel, tmp }) => {
  // TEST-NET-1 (RFC 5737): no interface of this machine has it, so the bind fails.
  await configure(panel, { folder: tmp, port: await freePort() });
  await panel.getByLabel('Listen on').selectOption({ label: 'Type an address…' });
  await panel.getByLabel('Address to listen on').fill('192.0.2.123');
  await startButton(panel).click();
  await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
  const reason = (await statusCard(panel).locator('.status-summary').textContent()) ?? '';
  expect(reason).toContain('192.0.2.123');

  await panel.getByLabel('Address to listen on').fill('127.0.0.1');
  await expect(statusCard(panel).locator('.status-summary')).not.toContainText('192.0.2.123');
  await expect(statusCard(panel)).toContainText('Ready to share');
  await expect(statusCard(panel).getByText('Failed', { exact: true })).toHaveCount(0);
});
