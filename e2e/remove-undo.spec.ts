/**
 * Remove gets an Undo: the notice takes the keyboard focus (the Remove button left with the
 * tab), Undo brings the tab back where it was, with its settings and its log, and the next
 * action on the tabs makes the removal final.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { configure, logRows, serveOnFreePort, stopButton, visit } from './support/panel.js';

test('Remove offers Undo by keyboard, and the next action makes it final', async ({
  panel,
  tmp,
}) => {
  const site = path.join(tmp, 'site');
  const other = path.join(tmp, 'other');
  await mkdir(site);
  await mkdir(other);
  await configure(panel, { folder: site });
  await panel.getByRole('button', { name: '+ Add server' }).click();
  const port = await serveOnFreePort(panel, other);
  await visit(port, '/');
  await expect(logRows(panel)).toHaveCount(1);
  await stopButton(panel).click();

  const tabs = panel.getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await panel.getByRole('button', { name: 'Remove this server' }).click();
  await expect(tabs).toHaveCount(1);
  const notice = panel.getByRole('status').filter({ hasText: 'Removed the tab' });
  await expect(notice).toHaveText(new RegExp(`Removed the tab ‘other : ${port}’\\.`));
  const undo = notice.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await panel.keyboard.press('Enter');

  // Back in its place, selected, with its settings and its log.
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(1)).toContainText(`other : ${port}`);
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(other);
  await expect(logRows(panel)).toHaveCount(1);
  await expect(notice).toHaveCount(0);

  // Removed again, then another action on the tabs: no Undo any more.
  await panel.getByRole('button', { name: 'Remove this server' }).click();
  await expect(notice).toBeVisible();
  await panel.getByRole('button', { name: '+ Add server' }).click();
  await expect(notice).toHaveCount(0);
  await expect(tabs).toHaveCount(2);
  await expect(panel.getByRole('tab', { name: /other/ })).toHaveCount(0);
});
