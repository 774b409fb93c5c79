import { expect, test } from './support/fixtures.js';
import {
  configure,
  freePort,
  logRows,
  startServer,
  stopButton,
  statusCard,
} from './support/panel.js';
import { makeSampleSite } from './support/sample-site.js';

test('CGI mode runs cgi-bin scripts, with a warning; without it the script is only a file', async ({
  panel,
  tmp,
}) => {
  const site = await makeSampleSite(tmp);
  const port = await freePort();
  const script = `http://127.0.0.1:${port}/cgi-bin/hello.sh?name=ann`;

  await configure(panel, { folder: site, port, cgi: true });
  await expect(panel.locator('#cgi-msg')).toHaveClass('field-warning');
  await expect(panel.locator('#cgi-msg')).toContainText('will run as programs');
  await startServer(panel);

  const ran = await fetch(script);
  expect(ran.status).toBe(200);
  expect(await ran.text()).toBe('hello from cgi, query=name=ann\n');
  await expect(logRows(panel).filter({ hasText: 'GET /cgi-bin/hello.sh?name=ann' })).toContainText(
    '200',
  );

  await stopButton(panel).click();
  await expect(statusCard(panel).getByText('Stopped', { exact: true })).toBeVisible();
  await configure(panel, { cgi: false });
  await expect(panel.locator('#cgi-msg')).toHaveClass('field-hint');
  await startServer(panel);

  const served = await fetch(script);
  expect(served.status).toBe(200);
  expect(await served.text()).toContain('#!/bin/sh');
});
