import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { freePort, logRows, startButton, statusCard } from './support/panel.js';

test('every control has a name a screen reader can read', async ({ panel, tmp }) => {
  await panel.getByLabel('Folder to serve').fill(tmp);
  await panel.getByLabel('Port', { exact: true }).fill(String(await freePort()));
  await startButton(panel).click();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await (await fetch((await panel.getByRole('link').first().textContent()) ?? '')).arrayBuffer();
  await logRows(panel).first().click();

  const unnamed = await panel.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'input, select, button, [role="grid"], [role="tab"]',
    )) {
      const labelled =
        (el as HTMLInputElement).labels?.length ||
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        (el.tagName === 'BUTTON' && el.textContent?.trim());
      if (!labelled) problems.push(el.outerHTML.slice(0, 120));
    }
    return problems;
  });
  expect(unnamed).toEqual([]);
});

test('the panel works from the keyboard: start, move through the log, inspect, close', async ({
  panel,
  tmp,
}) => {
  await writeFile(path.join(tmp, 'one.txt'), '1');
  const port = await freePort();
  await panel.getByLabel('Folder to serve').fill(tmp);
  await panel.getByLabel('Port', { exact: true }).fill(String(port));

  // Tab from the port field reaches Start (settings first, then the status card).
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await panel.keyboard.press('Tab');
    reached = await startButton(panel).evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await panel.keyboard.press('Enter');
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();

  for (const p of ['/one.txt', '/two', '/three']) {
    await (await fetch(`http://127.0.0.1:${port}${p}`)).arrayBuffer();
  }
  await expect(logRows(panel)).toHaveCount(3);

  const grid = panel.getByRole('grid', { name: 'Request log' });
  await grid.focus();
  await panel.keyboard.press('ArrowDown'); // nothing selected yet: the newest row
  await expect(panel.getByRole('region', { name: /^Request \d+ on connection/ })).toBeVisible();
  await expect(grid.locator('[aria-selected="true"]')).toContainText('GET /three');
  await panel.keyboard.press('Home');
  await expect(grid.locator('[aria-selected="true"]')).toContainText('GET /one.txt');
  await panel.keyboard.press('ArrowDown');
  await expect(grid.locator('[aria-selected="true"]')).toContainText('GET /two');
  await expect(grid).toHaveAttribute('aria-activedescendant', /^log-row-\d+$/);
  await panel.keyboard.press('Escape');
  await expect(panel.getByRole('region', { name: /^Request \d+ on connection/ })).toHaveCount(0);
});

test('a drop that cannot name its folder explains what to do instead', async ({ panel }) => {
  const drop = await panel.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['x'], 'site'));
    return data;
  });
  await panel.dispatchEvent('.app', 'dragover', { dataTransfer: drop });
  await expect(panel.getByText('Drop a folder to serve it')).toBeVisible();
  await panel.dispatchEvent('.app', 'drop', { dataTransfer: drop });
  await expect(panel.getByText('Drop a folder to serve it')).toBeHidden();
  await expect(
    panel.getByRole('alert').filter({ hasText: 'Use "Choose…" instead.' }),
  ).toBeVisible();
  await expect(panel.getByLabel('Folder to serve')).toHaveValue('');
});
