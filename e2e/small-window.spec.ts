/**
 * The inspector at 800×600: the settings and the address list fold away, the inspector
 * can take the whole log panel so both heads are in view, and its text can be made larger
 * for a projector. The choices survive a reload.
 */
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';

test('at 800×600 the heads fit once the settings fold away and the inspector fills the panel', async ({
  panel,
  tmp,
}) => {
  await panel.setViewportSize({ width: 800, height: 600 });
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  await configure(panel, { folder: site, port });
  await startServer(panel);
  for (const p of ['/', '/style.css', '/notes/', '/notes/http.txt']) {
    await (await fetch(`http://127.0.0.1:${port}${p}`)).arrayBuffer();
  }
  await expect(logRows(panel)).toHaveCount(4);

  const settings = panel.getByRole('button', { name: 'Hide settings' });
  await settings.click();
  await expect(panel.getByRole('region', { name: 'Settings of this server' })).toBeHidden();
  await expect(panel.getByRole('button', { name: 'Show settings' })).toHaveAttribute(
    'aria-expanded',
    'false',
  );
  await panel.getByRole('button', { name: 'Hide addresses' }).click();
  await expect(panel.getByRole('list', { name: 'Addresses of this server' })).toBeHidden();

  await logRows(panel).filter({ hasText: 'GET /notes/http.txt' }).click();
  const inspector = panel.getByRole('region', { name: /^Request \d+ on connection/ });
  await expect(inspector).toBeVisible();
  await inspector.getByRole('button', { name: 'Fill the log panel' }).click();
  await expect(panel.getByRole('grid', { name: 'Request log' })).toBeHidden();

  // Both heads, whole, inside the window without scrolling.
  for (const name of ['Request, as received', 'Response, as sent']) {
    const head = inspector.getByRole('region', { name }).locator('pre');
    await expect(head).toBeInViewport({ ratio: 1 });
  }
  const box = await inspector.boundingBox();
  expect(box!.height).toBeGreaterThan(300);

  // Larger text for a projector.
  const pre = inspector.getByRole('region', { name: 'Response, as sent' }).locator('pre');
  const fontSize = () => pre.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normal = await fontSize();
  await inspector.getByRole('button', { name: 'Larger text' }).click();
  await expect(inspector.getByRole('button', { name: 'Larger text' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(await fontSize()).toBeGreaterThanOrEqual(normal * 1.3);

  // The layout choices are kept across a reload of the window.
  await panel.reload();
  await expect(panel.getByRole('button', { name: 'Show settings' })).toBeVisible();
  await expect(panel.getByRole('button', { name: /Show addresses/ })).toBeVisible();
});
