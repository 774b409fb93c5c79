/**
 * Plain words for statuses in the panel: the inspector explains a 301 (meaning on hover and
 * focus, why this server sent it), links it to the request that followed it, and says why
 * each connection closed; the log's status cell carries the same words.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

test('a 301 is explained, linked to the request that followed it, and closes are explained', async ({
  panel,
  tmp,
}) => {
  await mkdir(path.join(tmp, 'docs'));
  await writeFile(path.join(tmp, 'docs', 'a.txt'), 'a');
  const port = await freePort();
  await configure(panel, { folder: tmp, port, protocol: 'HTTP/1.1' });
  await startServer(panel);

  await rawExchange(port, 'GET /docs HTTP/1.1\r\nConnection: close\r\n\r\n');
  await rawExchange(port, 'GET /docs/ HTTP/1.0\r\n\r\n');
  await expect(logRows(panel)).toHaveCount(2);

  const moved = logRows(panel).filter({ hasText: 'GET /docs HTTP/1.1' });
  await expect(moved.getByRole('gridcell').filter({ hasText: '301' })).toHaveAttribute(
    'title',
    /Moved Permanently.*lacked its trailing slash/,
  );
  await moved.click();
  const inspector = panel.getByRole('region', { name: /^Request \d+ on connection/ });
  await expect(
    inspector.getByText(/\/docs is a folder but the URL lacked its trailing slash/),
  ).toBeVisible();
  await expect(
    inspector.getByText('Closed: the client asked for it with "Connection: close".'),
  ).toBeVisible();

  const chip = inspector.locator('.status-chip');
  const tip = inspector.getByRole('tooltip');
  await expect(tip).toBeHidden();
  await chip.focus();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^Moved Permanently/);
  await expect(chip).toHaveAttribute('aria-describedby', (await tip.getAttribute('id'))!);

  await inspector
    .getByRole('button', { name: /^Followed by #1 on connection \d+: GET \/docs\/ → 200/ })
    .click();
  await expect(
    inspector.getByText(/no index\.html, so the server made this listing/),
  ).toBeVisible();
  await expect(
    inspector.getByText(
      'Closed: HTTP/1.0 closes after each response unless the client asks for keep-alive.',
    ),
  ).toBeVisible();
});
