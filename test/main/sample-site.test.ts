/**
 * The bundled sample site (app/sample-site) served by the real server host, CGI on, as the
 * first-run demo does: the explanation page, the directory listing and the CGI script.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerHost } from '../../main/server-host.js';
import { defaultServerConfig } from '../../shared/settings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const site = path.join(root, 'app/sample-site');
const host = new ServerHost({ onState: () => undefined, onLog: () => undefined });
let base = '';

beforeAll(async () => {
  const state = await host.start({
    ...defaultServerConfig('sample-site', site),
    port: 0,
    cgi: true,
  });
  if (state.status !== 'running') throw new Error(JSON.stringify(state.failure));
  base = `http://127.0.0.1:${state.boundPort}`;
});

afterAll(() => host.stopAll());

describe('the sample site', () => {
  it('explains to a newcomer what they see and how HTTP works', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html');
    const html = await response.text();
    for (const idea of [
      'your own web server',
      'GET / HTTP/1.1',
      'Status codes',
      '404',
      'CGI',
      'All interfaces',
    ]) {
      expect(html).toContain(idea);
    }
  });

  it('loads nothing from the Internet (it must work offline, on a LAN)', () => {
    const html = readFileSync(path.join(site, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('links to files that exist: a folder to list, and the script', async () => {
    const listing = await fetch(`${base}/files/`);
    expect(listing.status).toBe(200);
    const text = await listing.text();
    expect(text).toContain('notes.txt');
    expect(text).toContain('data.json');
    const redirect = await fetch(`${base}/files`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
  });

  it('ships an executable CGI script', () => {
    expect(() => accessSync(path.join(site, 'cgi-bin/hello.py'), constants.X_OK)).not.toThrow();
    expect(readFileSync(path.join(site, 'cgi-bin/hello.py'), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env python3\n/,
    );
  });

  it('runs the CGI script for GET, escaping what the visitor typed', async () => {
    const response = await fetch(`${base}/cgi-bin/hello.py?name=%3Cb%3EAda%3C/b%3E`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('Hello, &lt;b&gt;Ada&lt;/b&gt;!');
    expect(html).toContain('<th>REQUEST_METHOD</th><td>GET</td>');
  });

  it('runs the CGI script for POST, reading the form body', async () => {
    const response = await fetch(`${base}/cgi-bin/hello.py`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Bob',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Hello, Bob!');
  });
});
