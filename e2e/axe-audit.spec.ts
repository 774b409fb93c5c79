/**
 * An axe-core audit of the panel's three main states — first run, running with a log, the
 * inspector open — in light and dark. Any serious or critical violation fails the spec
 * (WCAG 2.1 AA: colour contrast 4.5:1, names, ARIA use, landmarks).
 */
import { seriousViolations } from './support/axe.js';
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';

// axe walks the whole DOM three times per test: give it room on a busy machine.
test.describe.configure({ timeout: 120_000 });

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no serious violations in the ${scheme} theme`, async ({ panel, tmp }) => {
    await panel.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    const audit = async (state: string) => {
      for (const v of await seriousViolations(panel)) found.push(`${state}: ${v}`);
    };
    await audit('first run');

    // The demo options, with a line's error and the password warning showing.
    await panel.locator('details.advanced > summary').click();
    await panel.getByLabel('Listen on').selectOption({ label: 'All interfaces' });
    await panel.getByRole('checkbox', { name: 'No caching (for development)' }).check();
    await panel.getByRole('button', { name: 'Add a header' }).click();
    await panel.getByLabel('Header line 1', { exact: true }).fill('Bad Name: x');
    await panel.getByLabel('User name').fill('ann');
    await panel.getByLabel('Password', { exact: true }).fill('pw');
    await expect(panel.locator('#auth-warning')).toHaveClass('field-warning');
    await audit('demo options');
    await panel.getByRole('button', { name: 'Remove header line 1' }).click();
    await panel.getByLabel('Listen on').selectOption({ label: 'This computer only (127.0.0.1)' });

    const site = await makeSampleSite(tmp);
    const port = await freePort();
    await configure(panel, { folder: site, port });
    await startServer(panel);
    for (const p of ['/', '/missing', '/notes', '/style.css']) {
      await (await fetch(`http://127.0.0.1:${port}${p}`, { redirect: 'manual' })).arrayBuffer();
    }
    await expect(logRows(panel)).toHaveCount(4);
    await audit('running with a log');

    await logRows(panel).filter({ hasText: 'GET /missing' }).click();
    await expect(panel.getByRole('region', { name: /on connection/ })).toBeVisible();
    await audit('inspector open');
    expect(found, found.join('\n')).toEqual([]);
  });
}
