/**
 * Following the log: clicking a row keeps following the newest rows; scrolling up stops
 * it. The toolbar keeps its layout as the count grows (fixed widths for count and filter).
 */
import type { Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

async function hits(port: number, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await (await fetch(`http://127.0.0.1:${port}/r${i}`)).arrayBuffer();
  }
}

async function toolbarLayout(page: Page) {
  const filter = await page.getByRole('searchbox', { name: 'Filter requests' }).boundingBox();
  const toolbar = await page.getByRole('toolbar', { name: 'Log tools' }).boundingBox();
  return { filterX: filter?.x, filterWidth: filter?.width, toolbarHeight: toolbar?.height };
}

test('clicking a row keeps following; scrolling up stops it', async ({ panel, tmp }) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  await hits(port, 0, 40);
  await expect(panel.getByRole('grid')).toContainText('GET /r39 ');

  await logRows(panel).filter({ hasText: 'GET /r39 ' }).click();
  await expect(panel.getByRole('button', { name: 'Pause auto-scroll' })).toBeVisible();
  await hits(port, 40, 30);
  // Still following: the newest row is on screen.
  await expect(logRows(panel).filter({ hasText: 'GET /r69 ' })).toBeInViewport();

  // Scrolling up by hand stops following; new rows no longer pull the view down.
  await panel.locator('.log-scroll').evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(panel.getByRole('button', { name: 'Resume auto-scroll' })).toBeVisible();
  await hits(port, 70, 5);
  await expect(panel.getByRole('grid')).toHaveAttribute('aria-rowcount', '76');
  await expect(logRows(panel).filter({ hasText: 'GET /r0 ' })).toBeInViewport();
});

test('the toolbar keeps its layout as the count grows', async ({ panel, tmp }) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  await hits(port, 0, 1);
  await expect(logRows(panel)).toHaveCount(1);
  const before = await toolbarLayout(panel);

  await hits(port, 1, 120);
  await writeFile(path.join(tmp, 'ok.txt'), 'ok');
  await (await fetch(`http://127.0.0.1:${port}/ok.txt`)).arrayBuffer();
  await panel.getByRole('button', { name: '2xx' }).click(); // "N of M" is the widest count
  await expect(panel.locator('.count')).toHaveText('121 of 122');
  expect(await toolbarLayout(panel)).toEqual(before);
});
