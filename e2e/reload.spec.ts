/**
 * View › Reload keeps the servers running in main, and now their log too: main keeps each
 * server's recent records and replays them to the reloaded window, without duplicates.
 * Clear forgets main's copy as well.
 */
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer, statusCard } from './support/panel.js';

test('a reloaded window gets each server its log back, once', async ({ panel, tmp }) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  for (const p of ['/one', '/two', '/three']) {
    await (await fetch(`http://127.0.0.1:${port}${p}`)).arrayBuffer();
  }
  await expect(logRows(panel)).toHaveCount(3);

  await panel.reload();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await expect(logRows(panel)).toHaveCount(3);
  await expect(panel.getByText('No requests yet.')).toHaveCount(0);
  await expect(logRows(panel).nth(0)).toContainText('GET /one ');
  await expect(logRows(panel).nth(2)).toContainText('GET /three ');

  // Live rows carry on after the replay, none twice.
  await (await fetch(`http://127.0.0.1:${port}/four`)).arrayBuffer();
  await expect(logRows(panel)).toHaveCount(4);
  await expect(logRows(panel).nth(3)).toContainText('GET /four ');

  // The inspector still finds each row's server messages (code 404 …).
  await logRows(panel).nth(0).click();
  await expect(
    panel.getByRole('list', { name: 'Server messages for this connection' }),
  ).toContainText('code 404');

  // Cleared is cleared, also after another reload.
  await panel.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(panel.getByText('No requests yet.')).toBeVisible();
  await panel.reload();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await expect(panel.getByText('No requests yet.')).toBeVisible();
});
