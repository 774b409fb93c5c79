import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

// Two requests written on one TCP connection; the second asks the server to close after it.
// Both name files that exist: an error response always closes the connection (server.py
// send_error adds "Connection: close"), which would hide keep-alive.
const TWO_REQUESTS =
  'GET /first HTTP/1.1\r\nHost: localhost\r\n\r\n' +
  'GET /second HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n';

async function twoFiles(dir: string): Promise<void> {
  await writeFile(path.join(dir, 'first'), 'one\n');
  await writeFile(path.join(dir, 'second'), 'two\n');
}

test('HTTP/1.1: the inspector shows two requests on one kept-alive connection', async ({
  panel,
  tmp,
}) => {
  await twoFiles(tmp);
  const port = await freePort();
  await configure(panel, { folder: tmp, port, protocol: 'HTTP/1.1' });
  await startServer(panel);

  const answer = await rawExchange(port, TWO_REQUESTS);
  expect(answer.match(/^HTTP\/1\.1 200 OK/gm)).toHaveLength(2);

  await expect(logRows(panel)).toHaveCount(2);
  await logRows(panel).filter({ hasText: 'GET /second' }).click();
  const inspector = panel.getByRole('region', { name: /^Request 2 on connection \d+$/ });
  await expect(inspector).toBeVisible();
  const connection = (await inspector.getByRole('heading').first().textContent())?.match(
    /\d+$/,
  )?.[0];
  await expect(inspector.getByText(/^Closed/)).toBeVisible();
  await expect(
    inspector.getByRole('region', { name: 'Request, as received' }).locator('pre'),
  ).toHaveText('GET /second HTTP/1.1\nHost: localhost\nConnection: close');

  const siblings = inspector.getByRole('navigation', { name: 'Requests on this connection' });
  await expect(siblings.getByRole('button')).toHaveText(['#1 GET /first', '#2 GET /second']);
  await siblings.getByRole('button', { name: '#1 GET /first' }).click();

  const first = panel.getByRole('region', { name: `Request 1 on connection ${connection}` });
  await expect(first).toBeVisible();
  await expect(first.getByText(/^Kept alive/)).toBeVisible();
  await expect(
    first.getByRole('region', { name: 'Response, as sent' }).locator('pre'),
  ).toContainText('HTTP/1.1 200 OK');
});

test('HTTP/1.0: the server closes after the first response, so the second request never runs', async ({
  panel,
  tmp,
}) => {
  await twoFiles(tmp);
  const port = await freePort();
  await configure(panel, { folder: tmp, port, protocol: 'HTTP/1.0' });
  await expect(panel.getByText('One request per connection')).toBeVisible();
  await startServer(panel);

  const answer = await rawExchange(port, TWO_REQUESTS);
  expect(answer.match(/^HTTP\/1\.0 200 OK/gm)).toHaveLength(1);

  await expect(logRows(panel)).toHaveCount(1);
  await logRows(panel).first().click();
  const inspector = panel.getByRole('region', { name: /^Request 1 on connection \d+$/ });
  await expect(inspector.getByText(/^Closed/)).toBeVisible();
  await expect(
    inspector.getByRole('region', { name: 'Response, as sent' }).locator('pre'),
  ).toContainText('HTTP/1.0 200 OK');
});
