/**
 * Who connected: a device column in the log, named from each request's User-Agent, and a
 * per-server summary of clients (address, device, request count, last seen) from the log's
 * toolbar. Real clients: curl, and fetch sending the User-Agent strings of an iPhone and an
 * Android phone.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './support/fixtures.js';
import { logRows, serveOnFreePort, visit } from './support/panel.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

async function curlVersion(): Promise<string> {
  const { stdout } = await promisify(execFile)('curl', ['--version']);
  const [, major, minor] = /^curl (\d+)\.(\d+)/.exec(stdout) ?? [];
  return `curl ${major}.${minor}`;
}

test('the log names each device, and "Who connected" sums up the clients', async ({
  panel,
  tmp,
}) => {
  const port = await serveOnFreePort(panel, tmp);
  await visit(port, '/', { 'User-Agent': IPHONE });
  await visit(port, '/missing', { 'User-Agent': IPHONE });
  await visit(port, '/', { 'User-Agent': ANDROID });
  await promisify(execFile)('curl', ['-s', '-o', '/dev/null', `http://127.0.0.1:${port}/`]);
  const curl = await curlVersion();
  await expect(logRows(panel)).toHaveCount(4);

  const deviceCells = logRows(panel).locator('[role="gridcell"]:nth-child(3)');
  await expect(panel.getByRole('columnheader', { name: 'Device' })).toBeVisible();
  await expect(deviceCells).toHaveText([
    'iPhone · Safari',
    'iPhone · Safari',
    'Android · Chrome',
    curl,
  ]);

  await panel.getByRole('button', { name: 'Who connected' }).click();
  const summary = panel.getByRole('region', { name: /Who connected/ });
  await expect(summary).toContainText('3 clients since the log was cleared');
  const rows = summary.getByRole('row');
  // Header, then newest first: curl, Android, iPhone (2 requests).
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText(`127.0.0.1${curl}1`);
  await expect(rows.nth(2)).toContainText('127.0.0.1Android · Chrome1');
  await expect(rows.nth(3)).toContainText('127.0.0.1iPhone · Safari2');
  await expect(rows.nth(3).getByRole('cell').nth(3)).toHaveText(/^\d\d:\d\d:\d\d$/);

  // The device is searchable, and "Show in log" filters by the address.
  await panel.getByRole('searchbox', { name: 'Filter requests' }).fill('iphone');
  await expect(logRows(panel)).toHaveCount(2);
  await rows
    .nth(2)
    .getByRole('button', { name: 'Show requests from 127.0.0.1 in the log' })
    .click();
  await expect(panel.getByRole('searchbox', { name: 'Filter requests' })).toHaveValue('127.0.0.1');
  await expect(logRows(panel)).toHaveCount(4);

  // Clear empties the summary too.
  await panel.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(summary).toContainText('Nobody yet');
});
