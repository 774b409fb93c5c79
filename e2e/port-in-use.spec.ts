import { bindPort, closeServer } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startButton, statusCard } from './support/panel.js';

test('a taken port says so next to the field, and the free-port button starts the server', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  const blocker = await bindPort(port);
  try {
    await configure(panel, { folder: tmp, port });
    await startButton(panel).click();

    await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
    await expect(statusCard(panel)).toContainText(`Port ${port} is already in use`);
    await expect(panel.locator('#port-msg')).toHaveText(`Port ${port} is already in use.`);
    await expect(panel.getByLabel('Port', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    const fix = panel.getByRole('button', { name: /^Use free port \d+ and start$/ });
    const offered = Number((await fix.textContent())?.match(/\d+/)?.[0]);
    expect(offered).not.toBe(port);
    await fix.click();

    await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
    await expect(panel.getByLabel('Port', { exact: true })).toHaveValue(String(offered));
    await expect(panel.locator('#port-msg')).not.toHaveClass('field-error');
    const response = await fetch(`http://127.0.0.1:${offered}/`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  } finally {
    await closeServer(blocker);
  }
});

test('the old failure leaves the port field once another port is typed', async ({ panel, tmp }) => {
  const port = await freePort();
  const blocker = await bindPort(port);
  try {
    await configure(panel, { folder: tmp, port });
    await startButton(panel).click();
    await expect(panel.locator('#port-msg')).toHaveText(`Port ${port} is already in use.`);
    await configure(panel, { port: port + 1 });
    await expect(panel.locator('#port-msg')).toHaveClass('field-hint');
  } finally {
    await closeServer(blocker);
  }
});
