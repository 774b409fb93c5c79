/**
 * Recent folders hold only folders a server started on; a path that does not exist says
 * "No folder at …", and `~` means the home folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  startButton,
  startServer,
  statusCard,
  stopButton,
} from './support/panel.js';

test('failed folders are not remembered; errors say "No folder at …"; ~ is expanded', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  const file = path.join(tmp, 'notes.txt');
  await writeFile(file, 'x');
  const failures: Array<[string, string]> = [
    ['/no/such/folder', 'No folder at /no/such/folder.'],
    ['site', `No folder at "site": type the full path (like ${path.join(os.homedir(), 'site')})`],
    [file, `${file} is a file, not a folder.`],
    [
      '~/httpdesk-no-such-folder',
      `No folder at ${path.join(os.homedir(), 'httpdesk-no-such-folder')}.`,
    ],
  ];
  for (const [folder, message] of failures) {
    await configure(panel, { folder, port });
    await startButton(panel).click();
    await expect(statusCard(panel)).toContainText(message);
    await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
  }
  // The field shows the folder main really looked for.
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(
    path.join(os.homedir(), 'httpdesk-no-such-folder'),
  );
  await expect(panel.getByRole('combobox', { name: 'Recent folders' })).toHaveCount(0);

  const site = path.join(tmp, 'site');
  await mkdir(site);
  await configure(panel, { folder: site });
  await startServer(panel);
  await stopButton(panel).click();
  await configure(panel, { folder: tmp });
  const recent = panel.getByRole('combobox', { name: 'Recent folders' });
  const offered = await recent.locator('option').allTextContents();
  expect(offered).toEqual(['Recent folders…', site]);
});
