/**
 * Changing a running server's settings: "Apply & restart" (validated as Start is), a divider
 * row in the log where the runs part, naming what changed, and the HTTP version that
 * answered, as a badge and a log column. A failed apply leaves the server clearly stopped,
 * with the reason next to the field.
 */
import { bindPort, closeServer, rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  logDividers,
  logRows,
  startServer,
  statusCard,
  visit,
} from './support/panel.js';

test('Apply & restart switches HTTP/1.1 to HTTP/1.0, with a divider and the version shown', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port, protocol: 'HTTP/1.1' });
  await startServer(panel);
  const badge = statusCard(panel).locator('.version-badge');
  await expect(badge).toHaveText('HTTP/1.1');
  await visit(port, '/');
  await expect(logRows(panel)).toHaveCount(1);
  const versionCell = (n: number) => logRows(panel).nth(n).getByRole('gridcell').nth(4);
  await expect(versionCell(0)).toHaveText('1.1');

  const apply = panel.getByRole('button', { name: 'Apply & restart' });
  await expect(apply).toHaveAttribute('aria-disabled', 'true');
  await expect(panel.locator('#apply-note')).toHaveText(
    'Running. Change a setting, then press Apply & restart.',
  );
  // The fields are editable while it runs; the change is listed before it is applied.
  await panel.getByRole('radio', { name: 'HTTP/1.0' }).check();
  await expect(panel.locator('#apply-note')).toHaveText('Changed: HTTP/1.1 → HTTP/1.0.');
  await expect(apply).toHaveAttribute('aria-disabled', 'false');
  await apply.click();

  await expect(badge).toHaveText('HTTP/1.0');
  await expect(statusCard(panel)).toContainText('over HTTP/1.0');
  await expect(apply).toBeFocused();
  await expect(apply).toHaveAttribute('aria-disabled', 'true');
  const divider = logDividers(panel);
  await expect(divider).toHaveCount(1);
  await expect(divider).toContainText('Restarted — HTTP/1.0 · changed: HTTP/1.1 → HTTP/1.0');

  // The new run answers with HTTP/1.0, on the wire and in the log, below the divider.
  const answer = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
  expect(answer.startsWith('HTTP/1.0 200 ')).toBe(true);
  await expect(logRows(panel)).toHaveCount(2);
  await expect(versionCell(1)).toHaveText('1.0');
  const order = await panel
    .locator('.log-scroll [role="row"]')
    .evaluateAll((rows) =>
      rows
        .sort((a, b) => Number(a.ariaRowIndex) - Number(b.ariaRowIndex))
        .map((row) => (row.classList.contains('log-divider') ? 'divider' : 'row')),
    );
  expect(order).toEqual(['row', 'divider', 'row']);

  // Main keeps the divider with the log: a reloaded window shows it in place.
  await panel.reload();
  await expect(logRows(panel)).toHaveCount(2);
  await expect(logDividers(panel)).toContainText('Restarted — HTTP/1.0');
});

test('an apply that fails leaves the server stopped, the reason next to the field', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  const taken = await freePort();
  const blocker = await bindPort(taken);
  try {
    await configure(panel, { folder: tmp, port });
    await startServer(panel);
    const apply = panel.getByRole('button', { name: 'Apply & restart' });

    // Validated as Start is: a bad port keeps Apply unavailable, the error at the field.
    await configure(panel, { port: '80a' });
    await expect(panel.locator('#port-msg')).toHaveText(
      'The port must be a whole number, like 8000.',
    );
    await expect(apply).toHaveAttribute('aria-disabled', 'true');
    await apply.focus();
    await panel.keyboard.press('Enter');
    await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
    await expect(panel.locator('#apply-note')).toHaveText(
      'Fix the settings marked in red, then apply them.',
    );

    await configure(panel, { port: taken });
    await expect(panel.locator('#apply-note')).toHaveText(`Changed: port ${port} → ${taken}.`);
    await apply.click();
    await expect(statusCard(panel).getByText('Failed', { exact: true })).toBeVisible();
    await expect(panel.locator('#port-msg')).toHaveText(`Port ${taken} is already in use.`);
    // Clearly stopped: the old port no longer answers, and Start is offered again.
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await expect(panel.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
  } finally {
    await closeServer(blocker);
  }
});
