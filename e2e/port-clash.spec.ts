/** A port held by another tab of this app names that tab, in the card and next to the field. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { configure, serveOnFreePort, startButton, statusCard } from './support/panel.js';

test('a port clash with another tab says which tab holds the port', async ({ panel, tmp }) => {
  const site = path.join(tmp, 'site');
  const other = path.join(tmp, 'other');
  await mkdir(site);
  await mkdir(other);
  const port = await serveOnFreePort(panel, site);

  await panel.getByRole('button', { name: '+ Add server' }).click();
  await configure(panel, { folder: other, port });
  await startButton(panel).click();

  await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
  await expect(statusCard(panel)).toContainText(`Port ${port} is used by the tab 'site'`);
  await expect(panel.locator('#port-msg')).toHaveText(`Port ${port} is used by the tab 'site'.`);
  // The one-click fix still offers a free port.
  await expect(panel.getByRole('button', { name: /^Use free port \d+ and start$/ })).toBeVisible();
});
