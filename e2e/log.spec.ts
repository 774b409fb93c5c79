import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LOG_CAPACITY } from '../renderer/log/log-store.js';
import { rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

test('filter by text and status class, clear, and export as a log file', async ({
  panel,
  desk,
  tmp,
}) => {
  await writeFile(path.join(tmp, 'page.html'), '<p>hi</p>\n');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  for (const p of ['/page.html', '/missing-one', '/page.html?x', '/missing-two']) {
    await (await fetch(`http://127.0.0.1:${port}${p}`)).arrayBuffer();
  }
  await expect(logRows(panel)).toHaveCount(4);

  const filter = panel.getByLabel('Filter requests');
  await filter.fill('MISSING');
  await expect(logRows(panel)).toHaveCount(2);
  await expect(panel.locator('.count')).toHaveText('2 of 4');
  await filter.fill('');

  const chip4xx = panel.getByRole('button', { name: '4xx' });
  await chip4xx.click();
  await expect(chip4xx).toHaveAttribute('aria-pressed', 'false');
  await expect(logRows(panel)).toHaveCount(2);
  await expect(logRows(panel).filter({ hasText: 'missing' })).toHaveCount(0);
  await chip4xx.click();
  await expect(logRows(panel)).toHaveCount(4);

  await panel.getByRole('button', { name: 'Export…' }).click();
  await expect(
    panel.getByRole('status').filter({ hasText: `Saved ${desk.exportFile}` }),
  ).toBeVisible();
  const lines = (await readFile(desk.exportFile, 'utf8')).trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  // python -m http.server's line, with the body size: client - - [date] "request line" status size
  expect(lines[0]).toMatch(
    /^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4} \d\d:\d\d:\d\d\] "GET \/page\.html HTTP\/1\.1" 200 10$/,
  );
  expect(lines[1]).toMatch(/"GET \/missing-one HTTP\/1\.1" 404 \d+$/);

  await panel.getByRole('button', { name: 'Clear' }).click();
  await expect(logRows(panel)).toHaveCount(0);
  await expect(panel.getByText('No requests yet.')).toBeVisible();
});

/** `count` pipelined requests for /a on one connection; the last one closes it. */
function pipelined(count: number): string {
  const one = 'GET /a HTTP/1.1\r\nHost: localhost\r\n\r\n';
  return one.repeat(count - 1) + 'GET /a HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n';
}

test('thousands of requests: the list stays virtual, capped and following, and can be paused', async ({
  panel,
  desk,
  tmp,
}) => {
  // 24,000 requests take a while with one core busy: a bound on how long to wait for them,
  // not a speed check.
  test.setTimeout(180_000);
  await writeFile(path.join(tmp, 'a'), 'a');
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  // Behaviour only: how long the page's main thread is busy meanwhile is a figure of
  // `npm run bench:app` (long tasks, frame gaps, input delay), not a threshold here.
  const sockets = 6;
  const each = 4_000;
  const answers = await Promise.all(
    Array.from({ length: sockets }, () => rawExchange(port, pipelined(each))),
  );
  for (const answer of answers) expect(answer.match(/HTTP\/1\.1 200 OK\r\n/g)).toHaveLength(each);

  // The host drops records that do not fit in a batch (and says how many); the panel keeps
  // the newest LOG_CAPACITY of the request records that reach it, and says rows were lost.
  const total = sockets * each;
  const count = panel.locator('.count');
  await expect
    .poll(
      async () => Number(await count.textContent()) - Math.min(LOG_CAPACITY, desk.requestRecords),
      { timeout: 60_000 },
    )
    .toBe(0);
  await expect(panel.locator('.log-note')).toContainText('not kept');
  const domRows = await logRows(panel).count();
  expect(domRows).toBeGreaterThan(5);
  expect(domRows).toBeLessThan(80);
  // Following: the newest row is on screen, at the bottom.
  const last = await panel.locator('.log-grid').getAttribute('aria-rowcount');
  await expect(panel.locator(`.log-scroll [aria-rowindex="${last}"]`)).toBeInViewport();

  test.info().annotations.push({
    type: 'counted',
    description: `${total} requests, ${desk.requestRecords} request records reached the page (${desk.droppedRecords} records dropped by the host); ${domRows} rows in the DOM`,
  });

  // Paused, new rows do not move the view.
  await panel.getByRole('button', { name: 'Pause auto-scroll' }).click();
  const scroller = panel.locator('.log-scroll');
  await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
  await rawExchange(port, pipelined(50));
  await expect(panel.getByRole('button', { name: 'Resume auto-scroll' })).toBeVisible();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
  await panel.getByRole('button', { name: 'Resume auto-scroll' }).click();
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});
