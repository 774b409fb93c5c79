/**
 * Connections are numbered per run of a server: a fresh start shows connection 1 again, and
 * the inspector never mixes a new run's connection 1 with the old run's connection 1.
 */
import { expect, test } from './support/fixtures.js';
import {
  logRows,
  serveOnFreePort,
  startButton,
  stopButton,
  statusCard,
  visit,
} from './support/panel.js';

test('a restarted server numbers its connections from 1, and keeps runs apart', async ({
  panel,
  tmp,
}) => {
  const port = await serveOnFreePort(panel, tmp);
  await visit(port, '/missing');
  await expect(logRows(panel)).toHaveCount(1);

  await stopButton(panel).click();
  await expect(statusCard(panel).getByText('Stopped', { exact: true })).toBeVisible();
  await startButton(panel).click();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await visit(port, '/');
  await expect(logRows(panel)).toHaveCount(2);

  await logRows(panel).nth(0).click();
  const title = panel.locator('#inspector-title');
  await expect(title).toHaveText('Request 1 on connection 1');
  await expect(
    panel.getByRole('list', { name: 'Server messages for this connection' }),
  ).toContainText('code 404');

  // The second run's first connection is connection 1 too, and the 404's message is not its.
  await logRows(panel).nth(1).click();
  await expect(title).toHaveText('Request 1 on connection 1');
  await expect(
    panel.getByRole('list', { name: 'Server messages for this connection' }),
  ).toHaveCount(0);
});
