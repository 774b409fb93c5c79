/**
 * First run: "Serve the sample site" starts a server on the bundled site (as main resolves
 * it) in one click, with CGI on, and the site's page points at the composer's presets.
 */
import { rawExchange } from './support/raw-http.js';
import { expect, test } from './support/fixtures.js';
import { statusCard } from './support/panel.js';

test('Serve the sample site: one click, and its page names the presets', async ({ panel }) => {
  await panel.getByRole('button', { name: 'Serve the sample site' }).click();
  await expect(statusCard(panel).getByText('Running', { exact: true })).toBeVisible();
  await expect(statusCard(panel)).toContainText('app/sample-site');
  const url = await statusCard(panel).getByRole('link').first().textContent();
  const port = Number(new URL(url!).port);
  const page = await rawExchange(port, 'GET / HTTP/1.0\r\n\r\n');
  expect(page).toMatch(/^HTTP\/1\.\d 200 /);
  expect(page).toContain('Try a request');
  expect(page).toContain('Conditional GET (304)');
  const cgi = await rawExchange(port, 'GET /cgi-bin/hello.py?name=class HTTP/1.0\r\n\r\n');
  expect(cgi).toContain('Hello, class!');
  await expect(panel.getByRole('button', { name: 'Serve the sample site' })).toHaveCount(0);
});
