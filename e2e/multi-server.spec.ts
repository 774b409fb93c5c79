import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  logRows,
  startServer,
  stopButton,
  statusCard,
} from './support/panel.js';

async function folderWith(root: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir);
  await writeFile(path.join(dir, 'who.txt'), `${name}\n`);
  return dir;
}

async function get(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
}

test('several servers run at once, each with its own settings, state and log', async ({
  panel,
  tmp,
}) => {
  const [alpha, beta] = [await folderWith(tmp, 'alpha'), await folderWith(tmp, 'beta')];
  const [portA, portB] = [await freePort(), await freePort()];
  const tabs = panel.getByRole('tablist', { name: 'Servers' }).getByRole('tab');

  await configure(panel, { folder: alpha, port: portA });
  await startServer(panel);

  await panel.getByRole('button', { name: '+ Add server' }).click();
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  // A new server starts from the previous folder, on a port no other tab uses.
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(alpha);
  await expect(panel.getByLabel('Port', { exact: true })).not.toHaveValue(String(portA));
  await configure(panel, { folder: beta, port: portB, protocol: 'HTTP/1.0' });
  await startServer(panel);

  await expect(tabs.nth(0)).toContainText(`alpha : ${portA}`);
  await expect(tabs.nth(0)).toContainText('Running');
  await expect(tabs.nth(1)).toContainText(`beta : ${portB}`);
  await expect(tabs.nth(1)).toContainText('Running');

  expect(await get(`http://127.0.0.1:${portA}/who.txt`)).toBe('alpha\n');
  expect(await get(`http://127.0.0.1:${portB}/who.txt`)).toBe('beta\n');
  expect(await get(`http://127.0.0.1:${portB}/who.txt?again`)).toBe('beta\n');

  // beta's tab shows beta's two requests, over HTTP/1.0 as configured.
  await expect(logRows(panel)).toHaveCount(2);
  await expect(logRows(panel).first()).toContainText('GET /who.txt HTTP/1.1');
  await expect(statusCard(panel)).toContainText('over HTTP/1.0');

  await tabs.nth(0).click();
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(alpha);
  await expect(logRows(panel)).toHaveCount(1);
  await stopButton(panel).click();
  await expect(statusCard(panel).getByText('Stopped', { exact: true })).toBeVisible();
  await expect(tabs.nth(1)).toContainText('Running');
  expect(await get(`http://127.0.0.1:${portB}/who.txt`)).toBe('beta\n');
  await expect(fetch(`http://127.0.0.1:${portA}/who.txt`)).rejects.toThrow();

  // Keyboard: arrow keys move between tabs.
  await tabs.nth(0).focus();
  await panel.keyboard.press('ArrowRight');
  await expect(tabs.nth(1)).toBeFocused();
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(beta);
});
