/** A filter that matches nothing says so and offers to reset, instead of an empty grid. */
import { expect, test } from './support/fixtures.js';
import { configure, freePort, logRows, startServer } from './support/panel.js';

test('no matches: a message naming the filter, and Reset brings the rows back', async ({
  panel,
  tmp,
}) => {
  const port = await freePort();
  await configure(panel, { folder: tmp, port });
  await startServer(panel);
  for (const p of ['/', '/missing']) await (await fetch(`http://127.0.0.1:${port}${p}`)).text();
  await expect(logRows(panel)).toHaveCount(2);

  await panel.getByRole('searchbox', { name: 'Filter requests' }).fill('nothing-like-this');
  await expect(logRows(panel)).toHaveCount(0);
  await expect(panel.getByText('No requests match “nothing-like-this”.')).toBeVisible();
  await panel.getByRole('button', { name: 'Reset filter' }).click();
  await expect(logRows(panel)).toHaveCount(2);
  await expect(panel.getByRole('searchbox', { name: 'Filter requests' })).toHaveValue('');

  // Status classes alone can hide everything too.
  await panel.getByRole('button', { name: '2xx' }).click();
  await panel.getByRole('button', { name: '4xx' }).click();
  await expect(panel.getByText('No requests match the status classes shown.')).toBeVisible();
  await panel.getByRole('button', { name: 'Reset filter' }).click();
  await expect(logRows(panel)).toHaveCount(2);
  await expect(panel.getByRole('button', { name: '4xx' })).toHaveAttribute('aria-pressed', 'true');
});
