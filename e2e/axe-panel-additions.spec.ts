/**
 * The axe-core audit of e2e/axe-audit.spec.ts, on what the panel gained since: "Who
 * connected" open with devices in the log, a restart divider with a change waiting to be
 * applied, and Remove's Undo notice — in light and dark.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './support/fixtures.js';
import { seriousViolations } from './support/axe.js';
import {
  configure,
  logDividers,
  logRows,
  serveOnFreePort,
  stopButton,
  visit,
} from './support/panel.js';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

// axe walks the whole DOM three times per test: give it room on a busy machine.
test.describe.configure({ timeout: 120_000 });

for (const scheme of ['light', 'dark'] as const) {
  test(`clients, restart divider, Apply and Undo pass axe in the ${scheme} theme`, async ({
    panel,
    tmp,
  }) => {
    await panel.emulateMedia({ colorScheme: scheme });
    const found: string[] = [];
    const audit = async (state: string) => {
      for (const v of await seriousViolations(panel)) found.push(`${state}: ${v}`);
    };
    const site = path.join(tmp, 'site');
    await mkdir(site);
    await configure(panel, { protocol: 'HTTP/1.1' });
    const port = await serveOnFreePort(panel, site);
    await visit(port, '/', { 'User-Agent': IPHONE });
    await visit(port, '/missing', { 'User-Agent': 'curl/8.5.0' });
    await panel.getByRole('button', { name: 'Who connected' }).click();
    await expect(panel.getByRole('region', { name: /Who connected/ })).toContainText('2 clients');
    await audit('who connected');

    await panel.getByRole('radio', { name: 'HTTP/1.0' }).check();
    await panel.getByRole('button', { name: 'Apply & restart' }).click();
    await expect(logDividers(panel)).toHaveCount(1);
    await visit(port, '/');
    await expect(logRows(panel)).toHaveCount(3);
    await configure(panel, { cgi: true });
    await expect(panel.locator('#apply-note')).toHaveText('Changed: CGI on.');
    await audit('restart divider, change pending');

    await stopButton(panel).click();
    await panel.getByRole('button', { name: '+ Add server' }).click();
    await panel.getByRole('button', { name: 'Remove this server' }).click();
    await expect(panel.getByRole('button', { name: 'Undo' })).toBeFocused();
    await audit('undo notice');

    expect(found, found.join('\n\n')).toEqual([]);
  });
}
