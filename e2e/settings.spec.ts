import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, openPanel, test, watchErrors } from './support/fixtures.js';
import { configure, freePort, startButton, startServer, statusCard } from './support/panel.js';

test('invalid values get a message next to the field and Start stays disabled', async ({
  panel,
  tmp,
}) => {
  await expect(startButton(panel)).toBeDisabled();
  await expect(panel.locator('#folder-msg')).toHaveText(
    'Choose a folder, or drop one onto this window.',
  );
  await configure(panel, { folder: tmp, port: '80a' });
  await expect(panel.locator('#port-msg')).toHaveText(
    'The port must be a whole number, like 8000.',
  );
  await expect(startButton(panel)).toBeDisabled();
  await configure(panel, { port: '70000' });
  await expect(panel.locator('#port-msg')).toHaveText('The port must be between 0 and 65535.');
  await configure(panel, { port: '' });
  await expect(panel.locator('#port-msg')).toHaveText(
    'Enter a port number (0 picks any free port).',
  );

  await configure(panel, { port: await freePort() });
  await expect(startButton(panel)).toBeEnabled();
  await panel.getByLabel('Listen on').selectOption({ label: 'Type an address…' });
  const typed = panel.getByLabel('Address to listen on');
  await typed.fill('999.1.1.1');
  await expect(panel.locator('#bind-msg')).toHaveText(/^Enter an IP address such as 127\.0\.0\.1/);
  await expect(startButton(panel)).toBeDisabled();
  await typed.fill('127.0.0.1');
  await expect(startButton(panel)).toBeEnabled();

  // Main checks what only it can: a folder that does not exist.
  await configure(panel, { folder: path.join(tmp, 'no-such-folder') });
  await startButton(panel).click();
  await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
  await expect(panel.locator('#folder-msg')).toHaveClass('field-error');
});

test('settings and running servers survive a reload', async ({ panel, desk, tmp }) => {
  const site = path.join(tmp, 'kept');
  await mkdir(site);
  desk.nextFolder = site;
  const port = await freePort();

  await panel.getByRole('button', { name: 'Choose…' }).click();
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(site);
  await configure(panel, { port, protocol: 'HTTP/1.0', cgi: true });
  await panel.locator('summary', { hasText: 'Advanced' }).click();
  await panel.getByRole('checkbox', { name: 'Follow links that lead outside the folder' }).check();
  await startServer(panel);
  await panel.getByRole('button', { name: '+ Add server' }).click();
  await configure(panel, { port: port + 1 });

  // Debounced save reached the real settings store.
  await expect
    .poll(() => desk.settings.settings.servers.map((s) => s.port))
    .toEqual([port, port + 1]);
  expect(desk.settings.settings.servers[0]).toMatchObject({
    folder: site,
    bind: '127.0.0.1',
    protocol: 'HTTP/1.0',
    cgi: true,
    followSymlinks: true,
  });
  expect(desk.settings.settings.recentFolders).toEqual([site]);

  await panel.reload();
  const tabs = panel.getByRole('tablist', { name: 'Servers' }).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(0)).toContainText('Running');
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(site);
  await expect(panel.getByLabel('Port', { exact: true })).toHaveValue(String(port));
  await expect(panel.getByRole('radio', { name: 'HTTP/1.0' })).toBeChecked();
  await expect(panel.getByRole('checkbox', { name: 'Run CGI scripts' })).toBeChecked();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await expect(panel.getByRole('link', { name: `http://127.0.0.1:${port}/` })).toBeVisible();

  await tabs.nth(1).click();
  await expect(panel.getByLabel('Port', { exact: true })).toHaveValue(String(port + 1));
  // Recent folders offer the folder used before.
  await configure(panel, { folder: tmp });
  await panel.getByLabel('Recent folders').selectOption(site);
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(site);
});

test('a corrupt settings file falls back to defaults and says so', async ({
  page,
  desk,
  panelUrl,
}) => {
  const errors = watchErrors(page);
  await writeFile(desk.settings.file, '{ not json');
  await openPanel(page, desk, panelUrl);
  // A sentence a person can act on — what happened, where the old file is, what to do —
  // never the JSON parser's own words.
  const banner = page.getByRole('alert');
  await expect(banner).toContainText(
    'HTTP Desk started with its default settings because your saved settings file is damaged',
  );
  await expect(banner).toContainText(
    `A copy of the old file was kept at ${desk.settings.file}.corrupt`,
  );
  await expect(banner).toContainText('Nothing else to do');
  await expect(banner).not.toContainText(/JSON|Unexpected|position \d/);
  await expect(page.getByLabel('Folder to serve')).toHaveValue('');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});
