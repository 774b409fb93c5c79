/**
 * `httpdesk`'s Host check flags as a user runs them (dist/lib/main/cli.js): on by default,
 * `--allowed-host` adds names, `*` restores Python's behaviour, a bad name is a usage error.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltLib } from '../helpers/built-lib.js';
import { runCli, type CliRun } from '../helpers/cli-process.js';
import { parseResponse } from '../helpers/http-response.js';
import { rawRequest } from '../helpers/raw-socket.js';

const STARTUP = /^Serving HTTPS? on \S+ port (\d+) /;
let dir = '';
const running: CliRun[] = [];

beforeAll(async () => {
  await ensureBuiltLib();
  dir = await mkdtemp(path.join(tmpdir(), 'httpdesk-cli-access-'));
  await writeFile(path.join(dir, 'hello.txt'), 'hello\n');
}, 120_000);

afterAll(async () => {
  for (const run of running) run.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<{ run: CliRun; port: number }> {
  const run = runCli(['0', '-b', '127.0.0.1', '-d', dir, ...args]);
  running.push(run);
  const match = await run.waitFor(STARTUP);
  return { run, port: Number(match[1]) };
}

async function get(port: number, target: string, extra = '') {
  const request = `GET ${target} HTTP/1.0\r\nHost: localhost\r\n${extra}\r\n`;
  return parseResponse((await rawRequest(port, request, { end: true })).bytes);
}

async function statusWithHost(port: number, host: string): Promise<number | undefined> {
  const request = `GET /hello.txt HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
  const result = await rawRequest(port, request, { end: true });
  return parseResponse(result.bytes).status;
}

async function usageError(args: string[]): Promise<string> {
  const run = runCli(args);
  running.push(run);
  expect(await run.exited).toBe(2);
  const lines = run.stderr().trimEnd().split('\n');
  expect(lines[0]).toMatch(/^usage: httpdesk /);
  return lines.at(-1) ?? '';
}

describe('--allowed-host', () => {
  it('by default refuses a foreign Host with 403 and logs how to allow it', async () => {
    const { run, port } = await serve([]);
    expect(await statusWithHost(port, 'attacker.example')).toBe(403);
    expect(await statusWithHost(port, `127.0.0.1:${port}`)).toBe(200);
    expect(await statusWithHost(port, 'localhost')).toBe(200);
    await run.waitFor(/--allowed-host attacker\.example/, 'stderr');
    run.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('adds names (repeatable); * answers any Host, as Python does', async () => {
    const named = await serve([
      '--allowed-host',
      'demo.example',
      '--allowed-host',
      '.corp.example',
    ]);
    expect(await statusWithHost(named.port, 'demo.example:8000')).toBe(200);
    expect(await statusWithHost(named.port, 'www.corp.example')).toBe(200);
    expect(await statusWithHost(named.port, 'attacker.example')).toBe(403);
    const any = await serve(['--allowed-host', '*']);
    expect(await statusWithHost(any.port, 'attacker.example')).toBe(200);
  });

  it('a name that is not a host name is a usage error (exit 2, one line)', async () => {
    expect(await usageError(['--allowed-host', 'bad name'])).toBe(
      'httpdesk: error: argument --allowed-host: "bad name" is not a host name (letters, digits, dots and hyphens, or * for any)',
    );
  });
});

describe('-H/--header', () => {
  it('adds each header to files and errors', async () => {
    const { port } = await serve(['-H', 'Cache-Control: no-store', '--header', 'X-Demo:  on ']);
    for (const target of ['/hello.txt', '/missing']) {
      const response = await get(port, target);
      expect(response.headers).toContainEqual(['Cache-Control', 'no-store']);
      expect(response.headers).toContainEqual(['X-Demo', 'on']);
    }
  });

  for (const [line, message] of [
    ['Bad Name: x', '"Bad Name" is not a header name (letters, digits, -)'],
    ['X-Split: a\r\nSet-Cookie: b', 'the value of X-Split has a line break or control character'],
    ['NoColon', '"NoColon" is not "Name: value"'],
  ] as const) {
    it(`${JSON.stringify(line)} is a usage error`, async () => {
      expect(await usageError(['-H', line])).toBe(
        `httpdesk: error: argument -H/--header: ${message}`,
      );
    });
  }
});

describe('--spa', () => {
  it('a client-side route gets the root index.html; a missing asset stays 404', async () => {
    await writeFile(path.join(dir, 'index.html'), '<p>app</p>\n');
    const { port } = await serve(['--spa']);
    const route = await get(port, '/settings/profile');
    expect(route.status).toBe(200);
    expect(route.body.toString()).toBe('<p>app</p>\n');
    expect((await get(port, '/missing.js')).status).toBe(404);
  });
});

describe('--auth / --auth-file', () => {
  const basic = (text: string) =>
    `Authorization: Basic ${Buffer.from(text).toString('base64')}\r\n`;

  it('--auth-file: 401 without, 200 with the right credentials; the password is not logged', async () => {
    const file = path.join(dir, '..', `auth-${path.basename(dir)}.txt`);
    await writeFile(file, 'alice:s3cret:x\n');
    const { run, port } = await serve(['--auth-file', file]);
    expect((await get(port, '/hello.txt')).status).toBe(401);
    expect((await get(port, '/hello.txt', basic('alice:s3cret:x'))).status).toBe(200);
    await run.waitFor(/ - alice \[/, 'stderr');
    expect(run.stderr()).not.toContain('s3cret');
    await rm(file);
  });

  it('a missing --auth-file: one line, exit 1', async () => {
    const run = runCli(['0', '-d', dir, '--auth-file', '/nonexistent/auth.txt']);
    running.push(run);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe(
      "httpdesk: error: cannot read the --auth-file '/nonexistent/auth.txt': ENOENT\n",
    );
  });

  it('--auth without a colon is a usage error', async () => {
    expect(await usageError(['--auth', 'alice'])).toBe(
      'httpdesk: error: argument --auth: expected USER:PASSWORD',
    );
  });
});
