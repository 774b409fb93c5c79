/**
 * CGI exchanges as the inspector shows them: the response head as the client got it (the
 * server's status line and headers, then the script's own header block), and a script
 * that crashed marked in its row and explained with its stderr.
 */
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { rawExchange } from './support/raw-http.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';

test('the head as sent includes the script’s headers; a crashed script is marked', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  const crash = path.join(site, 'cgi-bin', 'crash.py');
  await writeFile(
    crash,
    'print("Content-Type: text/plain")\nprint("Content-Length: 3")\nprint()\nraise RuntimeError("boom")\n',
  );
  await chmod(crash, 0o755);
  const port = await freePort();
  await configure(panel, { folder: site, port, cgi: true });
  await startServer(panel);

  const hello = await fetch(`http://127.0.0.1:${port}/cgi-bin/hello.sh?x=1`);
  expect(hello.headers.get('content-type')).toBe('text/plain');
  await hello.text();
  // Python's print() ends lines with a bare LF, which fetch refuses: a raw client reads it.
  const crashed = await rawExchange(
    port,
    `GET /cgi-bin/crash.py HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
  );
  expect(crashed).toMatch(/^HTTP\/1\.1 200 /); // sent before the script ran, as server.py does
  await expect(logRows(panel)).toHaveCount(2);

  // The good script: its Content-Type line is part of the head as sent; its row is plain.
  const good = logRows(panel).filter({ hasText: 'GET /cgi-bin/hello.sh' });
  await expect(good.locator('.status-code')).not.toHaveClass(/script-failed/);
  await good.click();
  const inspector = panel.getByRole('region', { name: /^Request \d+ on connection/ });
  const responseHead = inspector.getByRole('region', { name: 'Response, as sent' }).locator('pre');
  await expect(responseHead).toContainText('HTTP/1.1 200 Script output follows');
  await expect(responseHead).toContainText(/Connection: close\nContent-Type: text\/plain$/);
  await expect(inspector.getByRole('note')).toHaveCount(0);

  // The crashed one: marked in the row, explained with its traceback in the inspector.
  const bad = logRows(panel).filter({ hasText: 'GET /cgi-bin/crash.py' });
  await expect(bad.locator('.status-code')).toHaveClass(/script-failed/);
  await expect(bad.locator('.status-code')).toContainText('script failed');
  const color = (row: typeof bad) =>
    row.locator('.status-code').evaluate((el) => getComputedStyle(el).color);
  expect(await color(bad)).not.toBe(await color(good));
  await bad.click();
  await expect(responseHead).toContainText('Content-Type: text/plain\nContent-Length: 3');
  await expect(inspector.getByRole('note')).toContainText(
    'The CGI script failed: it exited with code 1.',
  );
  const stderr = inspector.getByRole('list', { name: 'Server messages for this connection' });
  await expect(stderr).toContainText('Traceback (most recent call last)');
  await expect(stderr).toContainText('RuntimeError: boom');
});
