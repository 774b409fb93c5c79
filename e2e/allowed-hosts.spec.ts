/**
 * "Allowed host names" (Advanced): a bad name gets its message next to the field and keeps
 * Start disabled; a listed name is answered by the started server and any other is refused
 * (the Host check against DNS rebinding, docs/architecture.md § Engine: Host check).
 */
import net from 'node:net';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, startButton, startServer } from './support/panel.js';

/** The status code of a GET for `/` sent with this Host header, over a raw socket. */
function statusFor(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET / HTTP/1.0\r\nHost: ${host}\r\n\r\n`),
    );
    let head = '';
    socket.on('data', (chunk) => (head += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

test('allowed host names: checked next to the field, answered by the server', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await panel.getByText('Advanced', { exact: true }).click();
  const field = panel.getByLabel('Allowed host names');
  await field.fill('good.test, bad name:80');
  await expect(panel.locator('#allowed-hosts-msg')).toHaveText(/is not a host name/);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(startButton(panel)).toBeDisabled();

  await field.fill('good.test, ');
  await expect(panel.locator('#allowed-hosts-msg')).toHaveClass('field-hint');
  await expect(field).toHaveValue('good.test, '); // what was typed stays as typed
  await startServer(panel);
  expect(await statusFor(port, 'good.test')).toBe(200);
  expect(await statusFor(port, 'rebound.attacker.test')).toBe(403);
});
