/** Steps a person takes in the panel, named as they would say them. */
import { expect, type Locator, type Page } from '@playwright/test';
import { findFreePort } from '../../main/network.js';

export async function freePort(): Promise<number> {
  return findFreePort('127.0.0.1');
}

export function startButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Start', exact: true });
}

export function stopButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Stop', exact: true });
}

export function statusCard(page: Page): Locator {
  return page.locator('section.status-card');
}

/** Fills the settings of the selected server. */
export async function configure(
  page: Page,
  opts: {
    folder?: string;
    port?: number | string;
    protocol?: 'HTTP/1.0' | 'HTTP/1.1';
    cgi?: boolean;
  },
): Promise<void> {
  if (opts.folder !== undefined) await page.getByLabel('Folder to serve').fill(opts.folder);
  if (opts.port !== undefined)
    await page.getByLabel('Port', { exact: true }).fill(String(opts.port));
  if (opts.protocol !== undefined) await page.getByRole('radio', { name: opts.protocol }).check();
  if (opts.cgi !== undefined)
    await page.getByRole('checkbox', { name: 'Run CGI scripts' }).setChecked(opts.cgi);
}

/** Presses Start and waits until the panel says Running. */
export async function startServer(page: Page): Promise<void> {
  await startButton(page).click();
  await expect(statusCard(page).getByText('Running', { exact: true })).toBeVisible();
}

/** The log's request rows (restart dividers left out). */
export function logRows(page: Page): Locator {
  return page.locator('.log-scroll [role="row"]:not(.log-divider)');
}

/** The divider rows a restart leaves in the log. */
export function logDividers(page: Page): Locator {
  return page.locator('.log-scroll [role="row"].log-divider');
}

/** Serves `folder` from the selected tab on a free port; the port. */
export async function serveOnFreePort(page: Page, folder: string): Promise<number> {
  const port = await freePort();
  await configure(page, { folder, port });
  await startServer(page);
  return port;
}

/** One GET from this process (not the page), body read to the end. */
export async function visit(port: number, path: string, headers?: HeadersInit): Promise<void> {
  await (await fetch(`http://127.0.0.1:${port}${path}`, { headers })).arrayBuffer();
}
