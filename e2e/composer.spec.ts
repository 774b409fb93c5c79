/**
 * "Try a request" against the real server host: every preset sends what it says and gets the
 * status it names (the sample site, CGI on); a binary body reads as hex; a 2 MiB body is
 * capped with its marker; the composer's request appears in the log; and main refuses a
 * target that is not the selected server.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composerPresets } from '../shared/composer-presets.js';
import type { DeskBridge } from '../shared/ipc.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';
import { screenshotPath } from './support/screenshots.js';

const sampleSite = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../app/sample-site');

test('every preset gets the status it names, and shows up in the log', async ({ panel }) => {
  const port = await freePort();
  await configure(panel, { folder: sampleSite, port, protocol: 'HTTP/1.1', cgi: true });
  await startServer(panel);
  await panel.getByRole('button', { name: /Try a request/ }).click();
  const composer = panel.locator('section.composer');
  const presets = composerPresets({ host: '127.0.0.1', port }, { cgi: true, now: new Date() });
  expect(presets.length).toBe(15);
  for (const preset of presets) {
    await composer.getByLabel('Preset').selectOption(preset.id);
    await expect(
      composer.getByLabel('Request 1 (raw: request line, headers, empty line, body)'),
    ).toHaveValue(
      // The conditional GET's date is the moment the preset was picked.
      preset.id !== 'conditional'
        ? preset.requests[0]!
        : /^GET \/files\/notes\.txt HTTP\/1\.1\nHost: .*\nIf-Modified-Since: .* GMT\n\n$/,
    );
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    const answers = composer.locator('article.composed');
    await expect(answers).toHaveCount(preset.requests.length);
    for (const [i, status] of preset.expect.entries()) {
      const answer = answers.nth(i);
      await expect(answer.getByRole('heading')).toContainText(
        `Response to request ${i + 1}: ${status ?? 'none'}`,
      );
      await expect(answer.getByRole('heading')).toContainText('(as expected)');
    }
  }
  // The HTTP/1.0 pair: the second request found the connection closed.
  await composer.getByLabel('Preset').selectOption('http10-twice');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.locator('article.composed').nth(1)).toContainText(/closed/);
  // Every exchange that got a response is in the log like any other request.
  await composer.getByRole('button', { name: /Try a request/ }).click(); // fold it away
  const filter = panel.getByLabel('Filter requests');
  await filter.fill('HEAD /files/notes.txt');
  await expect(logRows(panel).filter({ hasText: 'HEAD /files/notes.txt HTTP/1.1' })).toHaveCount(1);
  await filter.fill('POST /cgi-bin/hello.py');
  await expect(logRows(panel).filter({ hasText: 'POST /cgi-bin/hello.py HTTP/1.1' })).toHaveCount(
    1,
  );
});

test('a binary body reads as hex and a 2 MiB body is capped with its marker', async ({
  panel,
  tmp,
}) => {
  await writeFile(path.join(tmp, 'bin.dat'), Buffer.from([0, 1, 2, 0xff, 0x48, 0x69]));
  await writeFile(path.join(tmp, 'big.txt'), 'y'.repeat(2 * 1024 * 1024));
  const port = await freePort();
  await configure(panel, { folder: tmp, port, protocol: 'HTTP/1.1' });
  await startServer(panel);
  await panel.getByRole('button', { name: /Try a request/ }).click();
  const composer = panel.locator('section.composer');
  const request = composer.getByLabel('Request 1 (raw: request line, headers, empty line, body)');

  await request.fill(`GET /bin.dat HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`);
  await request.press('Control+Enter');
  const hex = composer.getByRole('region', { name: /^Body of response 1 \(hex dump, 6 B\)/ });
  await expect(hex.locator('pre')).toHaveText(
    '00000000  00 01 02 ff 48 69' + ' '.repeat(32) + '|....Hi|',
  );

  await request.fill(`GET /big.txt HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`);
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  const big = composer.getByRole('region', { name: /^Body of response 1 \(text, 2\.0 MB\)/ });
  await expect(big.getByText('… 2,031,616 more bytes')).toBeVisible();
});

test('main refuses a target that is not the selected server', async ({ panel, tmp }) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  const other = await freePort();
  const answers = await panel.evaluate(
    async ([own, elsewhere]) => {
      const bridge = (window as unknown as { httpdesk: DeskBridge }).httpdesk;
      const ids = await bridge.listServers();
      const serverId = ids.find((s) => s.status === 'running')!.id;
      const base = { serverId, requests: ['GET / HTTP/1.1\r\n\r\n'], sameConnection: false };
      return Promise.all([
        bridge.sendComposed({ ...base, host: '127.0.0.1', port: elsewhere }),
        bridge.sendComposed({ ...base, host: '192.0.2.7', port: own }),
        bridge.sendComposed({ ...base, host: '127.0.0.1', port: own }),
      ]);
    },
    [port, other] as const,
  );
  expect(answers[0]).toEqual({
    ok: false,
    error: `Only this server's own port (${port}) can be tried here.`,
  });
  expect(answers[1]).toMatchObject({ ok: false });
  expect(answers[2]).toMatchObject({ ok: true });
});

test('screenshot: the composer with a 304 exchange (docs/composer-304.png)', async ({ panel }) => {
  await panel.setViewportSize({ width: 1400, height: 900 });
  const port = await freePort();
  await configure(panel, { folder: sampleSite, port, protocol: 'HTTP/1.1', cgi: true });
  await startServer(panel);
  await panel.getByRole('button', { name: /Try a request/ }).click();
  const composer = panel.locator('section.composer');
  await composer.getByLabel('Preset').selectOption('conditional');
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.locator('article.composed').getByRole('heading')).toContainText(': 304');
  await composer.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: screenshotPath('composer-304.png') });
});
