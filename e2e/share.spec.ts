/**
 * Sharing with a phone: one click from "this computer only" to the network; the network
 * addresses come first, named by interface, the best one's QR code inline with a one-line
 * hint; the bind menu hides link-local and duplicate addresses. (Requests still go to
 * loopback only.)
 */
import { interfaceLabel } from '../shared/interface-label.js';
import { listAddresses } from '../main/network.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startServer, statusCard } from './support/panel.js';

test('Share on my network: restarts on all interfaces, network addresses first with an inline QR', async ({
  panel,
  tmp,
}) => {
  const lan = listAddresses().filter((a) => !a.internal && !/^fe[89ab]/i.test(a.address));
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  const card = statusCard(panel);
  await expect(card).toContainText('Only this computer can open this.');

  await card.getByRole('button', { name: 'Share on my network' }).click();
  await expect(card.getByText('Running', { exact: true })).toBeVisible();
  await expect(card).toContainText('Serving');
  await expect(panel.getByLabel('Listen on')).toHaveValue('');
  const items = panel.getByRole('list', { name: 'Addresses of this server' }).getByRole('listitem');
  await expect(items.last()).toContainText('This computer');
  expect((await (await fetch(`http://127.0.0.1:${port}/`)).text()).length).toBeGreaterThan(0);

  test.skip(lan.length === 0, 'this machine has no network interface besides loopback');
  const first = lan.find((a) => a.family === 'IPv4') ?? lan[0]!;
  const firstUrl = first.family === 'IPv4' ? `http://${first.address}:${port}/` : null;
  await expect(items.first()).toContainText(interfaceLabel(first.name));
  if (firstUrl) {
    await expect(items.first()).toContainText(firstUrl);
    await expect(card.getByRole('img', { name: `QR code for ${firstUrl}` })).toBeVisible();
  }
  await expect(card).toContainText('On a phone on the same Wi-Fi or network');
  await expect(card).toContainText('firewall may ask');
  await expect(card.getByRole('button', { name: 'Share on my network' })).toHaveCount(0);
});

test('the bind menu hides link-local and duplicate addresses', async ({ panel }) => {
  const options = await panel
    .getByLabel('Listen on')
    .locator('option')
    .evaluateAll((els) => els.map((el) => [(el as HTMLOptionElement).value, el.textContent]));
  const values = options.map(([value]) => value);
  expect(values.filter((v) => v?.toLowerCase().startsWith('fe80'))).toEqual([]);
  expect(new Set(values).size).toBe(values.length);
  expect(values).not.toContain('::1');
  expect(options.filter(([, text]) => text?.startsWith('lo:'))).toEqual([]);
});
