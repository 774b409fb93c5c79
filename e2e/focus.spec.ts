/**
 * Keyboard focus never falls to <body>: Start keeps it through starting and running, the
 * inspector's Close returns it to the selected row, and Escape closes the inspector from
 * anywhere in the log panel.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  logRows,
  startButton,
  statusCard,
  stopButton,
} from './support/panel.js';

test('Start and Stop keep the keyboard focus', async ({ panel, tmp }) => {
  await configure(panel, { folder: tmp, port: await freePort() });
  await startButton(panel).focus();
  await panel.keyboard.press('Enter');
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await expect(stopButton(panel)).toBeFocused();
  await panel.keyboard.press('Enter');
  await expect(statusCard(panel).getByText('Stopped', { exact: true })).toBeVisible();
  await expect(startButton(panel)).toBeFocused();
});

test('closing the inspector returns focus to the selected row; Escape works anywhere in the log', async ({
  panel,
  tmp,
}) => {
  await writeFile(path.join(tmp, 'a.txt'), 'a');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startButton(panel).click();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  for (const p of ['/a.txt', '/b', '/c'])
    await (await fetch(`http://127.0.0.1:${port}${p}`)).text();
  await expect(logRows(panel)).toHaveCount(3);

  const grid = panel.getByRole('grid', { name: 'Request log' });
  const inspector = panel.getByRole('region', { name: /^Request \d+ on connection/ });
  await logRows(panel).filter({ hasText: 'GET /b ' }).click();
  await expect(inspector).toBeVisible();
  await inspector.getByRole('button', { name: 'Close inspector' }).click();
  await expect(inspector).toHaveCount(0);
  await expect(grid).toBeFocused();
  await expect(grid.locator('[aria-selected="true"]')).toContainText('GET /b ');
  const active = await grid.getAttribute('aria-activedescendant');
  expect(active).toBe(await grid.locator('[aria-selected="true"]').getAttribute('id'));

  // Enter reopens it; Escape from a control outside the grid (the filter box) closes it.
  await panel.keyboard.press('Enter');
  await expect(inspector).toBeVisible();
  await panel.getByRole('searchbox', { name: 'Filter requests' }).focus();
  await panel.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
  await expect(grid).toBeFocused();

  // …and from inside the inspector itself.
  await panel.keyboard.press('Enter');
  await inspector.getByRole('button', { name: 'Close inspector' }).focus();
  await panel.keyboard.press('Escape');
  await expect(inspector).toHaveCount(0);
  await expect(grid).toBeFocused();
});
