/**
 * The composer's range presets against the real server host: one range gets 206 with its
 * Content-Range, two get a multipart/byteranges 206, a range past the end gets 416 with the
 * file's length, and a stale If-Range gets the whole file; each status explained in words.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startServer } from './support/panel.js';

const sampleSite = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../app/sample-site');

test('range presets: 206, multipart 206, 416 and a stale If-Range', async ({ panel }) => {
  const port = await freePort();
  await configure(panel, { folder: sampleSite, port, protocol: 'HTTP/1.1' });
  await startServer(panel);
  await panel.getByRole('button', { name: /Try a request/ }).click();
  const composer = panel.locator('section.composer');
  const send = async (preset: string) => {
    await composer.getByLabel('Preset').selectOption(preset);
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    return composer.locator('article.composed').first();
  };

  let answer = await send('range');
  await expect(answer.getByRole('heading')).toContainText('Response to request 1: 206');
  await expect(answer).toContainText('Content-Range: bytes 0-99/280');
  await expect(answer).toContainText('Content-Length: 100');
  await expect(composer.getByText(/Range: bytes=0-99 asks for the first 100 bytes/)).toBeVisible();

  answer = await send('multi-range');
  await expect(answer.getByRole('heading')).toContainText('Response to request 1: 206');
  await expect(answer).toContainText(/Content-type: multipart\/byteranges; boundary=/i);
  await expect(answer.locator('pre.body-text')).toContainText('Content-Range: bytes 200-219/280');

  answer = await send('range-unsatisfiable');
  await expect(answer.getByRole('heading')).toContainText('Response to request 1: 416');
  await expect(answer).toContainText('Content-Range: bytes */280');

  answer = await send('if-range');
  await expect(answer.getByRole('heading')).toContainText('Response to request 1: 200');
  await expect(answer).toContainText('Content-Length: 280');

  // The log explains each status on focus: the 416 names the file's length.
  await composer.getByRole('button', { name: /Try a request/ }).click();
  const row = panel.locator('.log-scroll [role="row"]').filter({ hasText: '416' });
  await row.click();
  await expect(panel.getByRole('region', { name: /^Request \d+ on connection/ })).toContainText(
    'but the file has only 280 bytes',
  );
});
