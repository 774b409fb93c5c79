/** main/open-url.ts: only http(s) URLs of our own running servers open, and not in a flood. */
import { describe, expect, it } from 'vitest';
import type { ServerState } from '../../shared/ipc.js';
import { defaultServerConfig } from '../../shared/settings.js';
import { MIN_OPEN_INTERVAL_MS, createUrlOpener, refuseUrl } from '../../main/open-url.js';

function server(status: ServerState['status'], urls: string[]): ServerState {
  return { id: 's', config: defaultServerConfig('s', '/srv'), status, urls };
}

const running = [server('running', ['http://127.0.0.1:8000/', 'http://[::1]:8000/'])];

describe('refuseUrl', () => {
  it('allows any path on a running server, IPv4 or IPv6', () => {
    expect(refuseUrl('http://127.0.0.1:8000/', running)).toBeNull();
    expect(refuseUrl('http://127.0.0.1:8000/files/a.txt?x=1#top', running)).toBeNull();
    expect(refuseUrl('http://[::1]:8000/cgi-bin/hello.py', running)).toBeNull();
  });

  it.each([
    ['a non-string', 42, /Not a URL/],
    ['an empty string', '', /Not a URL/],
    ['garbage', 'http//nope', /Not a URL/],
    ['an overlong URL', `http://127.0.0.1:8000/${'a'.repeat(3000)}`, /Not a URL/],
    ['file:', 'file:///etc/passwd', /Only http and https/],
    ['javascript:', 'javascript:alert(1)', /Only http and https/],
    ['a custom protocol', 'ms-settings:privacy', /Only http and https/],
    ['another site', 'https://example.com/', /Only addresses of servers running/],
    ['another port', 'http://127.0.0.1:8001/', /Only addresses of servers running/],
    ['credentials', 'http://user:pw@127.0.0.1:8000/', /user name/],
  ])('refuses %s', (_what, url, why) => {
    expect(refuseUrl(url, running)).toMatch(why);
  });

  it('refuses the URL of a server that is not running', () => {
    expect(
      refuseUrl('http://127.0.0.1:8000/', [server('stopped', ['http://127.0.0.1:8000/'])]),
    ).toMatch(/Only addresses of servers running/);
  });
});

describe('createUrlOpener', () => {
  it('opens an allowed URL once per interval and reports refusals', async () => {
    const opened: string[] = [];
    let now = 1_000;
    const open = createUrlOpener({
      listServers: () => running,
      openExternal: async (url) => void opened.push(url),
      now: () => now,
    });
    expect(await open('http://127.0.0.1:8000/a b')).toEqual({ ok: true });
    expect(opened).toEqual(['http://127.0.0.1:8000/a%20b']);
    const tooSoon = await open('http://127.0.0.1:8000/');
    expect(tooSoon).toMatchObject({ ok: false, error: expect.stringMatching(/wait a moment/) });
    now += MIN_OPEN_INTERVAL_MS;
    expect(await open('http://127.0.0.1:8000/')).toEqual({ ok: true });
    expect(await open('https://evil.example/')).toMatchObject({ ok: false });
    expect(opened).toHaveLength(2);
  });

  it('turns a failing openExternal into a message', async () => {
    const open = createUrlOpener({
      listServers: () => running,
      openExternal: async () => {
        throw new Error('no browser');
      },
    });
    expect(await open('http://127.0.0.1:8000/')).toEqual({
      ok: false,
      error: 'The browser could not be opened: no browser',
    });
  });
});
