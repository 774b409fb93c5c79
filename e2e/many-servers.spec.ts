/**
 * A developer with many servers: at the 16-server limit the selected tab stays in view, a
 * long folder name is cut but its port never is, "All servers" lists every server with its
 * state, and the disabled "+ Add server" says why.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startServer } from './support/panel.js';

test('sixteen tabs: selected in view, ports whole, an overflow menu, the limit stated', async ({
  panel,
  tmp,
}) => {
  test.setTimeout(90_000);
  const folder = path.join(tmp, 'a-rather-long-folder-name-for-a-class-project');
  await mkdir(folder);
  const port = await freePort();
  await configure(panel, { folder, port });
  await startServer(panel);

  const add = panel.getByRole('button', { name: '+ Add server' });
  const tabs = panel.getByRole('tablist', { name: 'Servers' }).getByRole('tab');
  for (let n = 2; n <= 16; n++) {
    await add.click();
    await expect(tabs).toHaveCount(n);
  }

  // The newest tab is selected and scrolled into the strip's visible part.
  const selected = tabs.nth(15);
  await expect(selected).toHaveAttribute('aria-selected', 'true');
  const strip = await panel.getByRole('tablist', { name: 'Servers' }).boundingBox();
  const box = await selected.boundingBox();
  expect(strip && box).toBeTruthy();
  expect(box!.x).toBeGreaterThanOrEqual(strip!.x - 1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(strip!.x + strip!.width + 1);

  // Every port is shown in full, however short the name is cut.
  for (const i of [0, 15]) {
    const portSpan = tabs.nth(i).locator('.tab-port');
    const cut = await portSpan.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(cut).toBe(false);
  }
  await expect(tabs.nth(0).locator('.tab-port')).toHaveText(` : ${port}`);
  const nameCut = await tabs
    .nth(0)
    .locator('.tab-name')
    .evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(nameCut).toBe(true);

  // At the limit, Add says why it does nothing.
  await expect(add).toHaveAttribute('aria-disabled', 'true');
  await expect(add).toHaveAccessibleDescription(/16 of 16: the most at once/);
  await add.focus(); // still focusable, so a keyboard or screen-reader user hears the reason
  await panel.keyboard.press('Enter');
  await expect(tabs).toHaveCount(16);

  // The overflow menu lists all sixteen with their state, and picks one by keyboard.
  const menuButton = panel.getByRole('button', { name: /All servers \(16\)/ });
  await menuButton.click();
  const menu = panel.getByRole('menu', { name: 'All servers' });
  const items = menu.getByRole('menuitemradio');
  await expect(items).toHaveCount(16);
  await expect(items.nth(0)).toContainText(`: ${port}`);
  await expect(items.nth(0)).toContainText('Running');
  await expect(items.nth(1)).toContainText('Stopped');
  await expect(items.nth(15)).toHaveAttribute('aria-checked', 'true');
  await expect(items.nth(15)).toBeFocused();
  await panel.keyboard.press('Home');
  await panel.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toBeFocused();
  await expect(tabs.nth(0)).toHaveAttribute('aria-selected', 'true');
  const first = await tabs.nth(0).boundingBox();
  expect(first!.x).toBeGreaterThanOrEqual(strip!.x - 1);
  await expect(panel.getByLabel('Folder to serve')).toHaveValue(folder);
});
