/** shared/user-agent.ts: real User-Agent strings → the short device names the panel shows. */
import { describe, expect, it } from 'vitest';
import {
  NO_USER_AGENT,
  USER_AGENT_SCAN_CHARS,
  deviceName,
  userAgentOf,
} from '../../shared/user-agent.js';

describe('deviceName', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'iPhone · Safari',
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
      'iPad · Safari',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
      'iPhone · Chrome',
    ],
    [
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      'Android · Chrome',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Android · Samsung Internet',
    ],
    ['Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0', 'Android · Firefox'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Windows · Firefox',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68',
      'Windows · Edge',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
      'Windows · Opera',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Mac · Safari',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'Mac · Chrome',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'Linux · Chrome',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36',
      'Linux · Headless Chrome',
    ],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      'ChromeOS · Chrome',
    ],
    [
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Android · bot',
    ],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot'],
    ['curl/8.5.0', 'curl 8.5'],
    ['curl/7.88.1', 'curl 7.88'],
    ['Wget/1.21.4', 'Wget 1.21'],
    ['Wget/1.21.3 (linux-gnu)', 'Wget 1.21'],
    ['python-requests/2.31.0', 'python-requests 2.31'],
    ['Python-urllib/3.11', 'Python-urllib 3.11'],
    ['aria2/1.37.0', 'aria2 1.37'],
    ['Go-http-client/1.1', 'Go-http-client 1.1'],
    ['node', 'node'],
    ['ApacheBench/2.3', 'ApacheBench 2.3'],
    ['Lavf/60.16.100', 'Lavf 60.16'],
    ['Mozilla/5.0', 'browser'],
    ['   ', NO_USER_AGENT],
    ['%%%', 'unknown client'],
  ])('%s → %s', (ua, name) => expect(deviceName(ua)).toBe(name));

  it('says so when there is no User-Agent', () => {
    expect(deviceName(undefined)).toBe(NO_USER_AGENT);
  });

  it('never echoes more than a short product name from a tool', () => {
    expect(deviceName(`${'a'.repeat(100)}/1.2`)).toBe('a'.repeat(24));
  });

  it('looks only at the first USER_AGENT_SCAN_CHARS characters', () => {
    const padded = `Mozilla/5.0 (${'x'.repeat(USER_AGENT_SCAN_CHARS)}; iPhone) Safari/604.1`;
    expect(deviceName(padded)).toBe('browser');
  });
});

describe('userAgentOf', () => {
  it('finds the field whatever its case', () => {
    expect(
      userAgentOf([
        ['Host', 'x'],
        ['user-AGENT', 'curl/8.5.0'],
      ]),
    ).toBe('curl/8.5.0');
    expect(userAgentOf([['Host', 'x']])).toBeUndefined();
  });
});
