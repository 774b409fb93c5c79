/**
 * The composer keeps Content-Length right when a person edits a body, against the real
 * server host with CGI on: the CGI POST's edited body reaches the script whole, a length
 * set by hand to differ is explained, and one click sets it right.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startServer } from './support/panel.js';

const sampleSite = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../app/sample-site');

test('an edited body keeps its Content-Length; a wrong one is explained and fixed', async ({
  panel,
}) => {
  const port = await freePort();
  await configure(panel, { folder: sampleSite, port, protocol: 'HTTP/1.1', cgi: true });
  await startServer(panel);
  await panel.getByRole('button', { name: /Try a request/ }).click();
  const composer = panel.locator('section.composer');
  await composer.getByLabel('Preset').selectOption('cgi-post');
  const request = composer.getByLabel('Request 1 (raw: request line, headers, empty line, body)');
  const text = await request.inputValue();
  expect(text).toMatch(/Content-Length: 10\n\nname=class$/);

  await request.fill(text.replace('name=class', 'name=students'));
  await expect(request).toHaveValue(/Content-Length: 13\n\nname=students$/);
  await expect(composer.getByText('Content-Length follows the body: 13 bytes.')).toBeVisible();
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  const answer = composer.locator('article.composed').first();
  await expect(answer).toContainText('Hello, students!');

  // A length set by hand stays, and the note says what the server will do with it.
  await request.fill(
    (await request.inputValue()).replace('Content-Length: 13', 'Content-Length: 20'),
  );
  await expect(
    composer.getByRole('status').filter({ hasText: 'Content-Length says 20' }),
  ).toContainText('the server waits for the 7 missing bytes');
  await composer.getByRole('button', { name: 'Set Content-Length of request 1 to 13' }).click();
  await expect(request).toHaveValue(/Content-Length: 13\n\nname=students$/);
});
