/**
 * `httpdesk` as a process, as a user runs it (the built dist/lib/main/cli.js): the start-up
 * line, log lines on stderr, Ctrl-C / SIGTERM, and one clear line for every problem a person
 * can fix — compared with `python3 -m http.server` where Python has the same behaviour.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltLib } from '../helpers/built-lib.js';
import { runCli, type CliRun } from '../helpers/cli-process.js';
import { freePort } from '../helpers/free-port.js';
import { parseResponse } from '../helpers/http-response.js';
import { pythonLogLine } from '../helpers/log-line.js';
import { EVENTUALLY_MS, rawRequest } from '../helpers/raw-socket.js';
import { settlesWithin } from '../helpers/settles.js';
import { startPythonServer } from '../helpers/python-server.js';

const STARTUP = /^Serving HTTP on (\S+) port (\d+) \(http:\/\/(\S+):(\d+)\/\) \.\.\.\n/;
let dir = '';
let outside = '';
const running: CliRun[] = [];

beforeAll(async () => {
  await ensureBuiltLib();
  dir = await mkdtemp(path.join(tmpdir(), 'httpdesk-cli-'));
  outside = await mkdtemp(path.join(tmpdir(), 'httpdesk-cli-outside-'));
  await writeFile(path.join(dir, 'hello.txt'), 'hello from the cli\n');
  await writeFile(path.join(outside, 'secret.txt'), 'outside\n');
  await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'out.txt'));
}, 120_000);

afterAll(async () => {
  for (const run of running) run.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function start(args: string[], cwd?: string): CliRun {
  const run = runCli(args, { cwd });
  running.push(run);
  return run;
}

/** Starts a server and returns it with the port from its start-up line. */
async function serve(args: string[], cwd?: string): Promise<{ run: CliRun; port: number }> {
  const run = start(args, cwd);
  const match = await run.waitFor(STARTUP);
  return { run, port: Number(match[2]) };
}

/** A failure: exit code, stderr, and no stack trace. */
async function failure(args: string[]) {
  const run = start(args);
  const code = await run.exited;
  const stderr = run.stderr();
  expect(stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(stderr).not.toMatch(/Error:|node:internal/);
  return { code, stderr, stdout: run.stdout() };
}

describe('start-up line and shutdown, as Python', () => {
  it('-b 127.0.0.1: the same start-up line as python3 -m http.server, and the same exit', async () => {
    const { run, port } = await serve(['0', '-b', '127.0.0.1', '-d', dir]);
    expect(run.stdout()).toBe(
      `Serving HTTP on 127.0.0.1 port ${port} (http://127.0.0.1:${port}/) ...\n`,
    );

    const python = await startPythonServer(dir);
    try {
      // Python's own start-up line, port aside, is byte for byte ours.
      const pyLine = `Serving HTTP on 127.0.0.1 port ${python.port} (http://127.0.0.1:${python.port}/) ...\n`;
      expect(run.stdout().replaceAll(String(port), 'N')).toBe(
        pyLine.replaceAll(String(python.port), 'N'),
      );
    } finally {
      await python.stop();
    }

    run.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toBe(
      `Serving HTTP on 127.0.0.1 port ${port} (http://127.0.0.1:${port}/) ...\n` +
        '\nKeyboard interrupt received, exiting.\n',
    );
  });

  it('no --bind: every interface, the :: form, reachable over IPv4 and IPv6', async () => {
    const { run, port } = await serve(['0', '-d', dir]);
    expect(run.stdout()).toBe(`Serving HTTP on :: port ${port} (http://[::]:${port}/) ...\n`);
    for (const host of ['127.0.0.1', '::1']) {
      const result = await rawRequest(port, 'GET /hello.txt HTTP/1.0\r\n\r\n', { host });
      expect(parseResponse(result.bytes).body.toString()).toBe('hello from the cli\n');
    }
    await run.waitFor(
      /"GET \/hello.txt HTTP\/1.0" 200 -\n.*"GET \/hello.txt HTTP\/1.0" 200 -\n/s,
      'stderr',
    );
    // An IPv4 client is shown as 127.0.0.1 (Python's dual-stack server shows ::ffff:127.0.0.1).
    expect(run.stderr().split('\n')[0]).toMatch(pythonLogLine('"GET /hello.txt HTTP/1.0" 200 -'));
    expect(run.stderr().split('\n')[1]).toMatch(
      pythonLogLine('"GET /hello.txt HTTP/1.0" 200 -', '::1'),
    );
    run.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout().endsWith('\nKeyboard interrupt received, exiting.\n')).toBe(true);
  });

  it('-b ::1: the bracketed URL', async () => {
    const { run, port } = await serve(['0', '--bind', '::1', '--directory', dir]);
    expect(run.stdout()).toBe(`Serving HTTP on ::1 port ${port} (http://[::1]:${port}/) ...\n`);
    run.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('serves the current folder by default; log lines go to stderr in Python’s format', async () => {
    const { run, port } = await serve(['0', '-b', '127.0.0.1'], dir);
    await rawRequest(port, 'GET /hello.txt HTTP/1.0\r\n\r\n');
    await rawRequest(port, 'GET /nope HTTP/1.0\r\n\r\n');
    await run.waitFor(/"GET \/nope HTTP\/1.0" 404 -\n/, 'stderr');
    const lines = run.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(pythonLogLine('"GET /hello.txt HTTP/1.0" 200 -'));
    expect(lines[1]).toMatch(pythonLogLine('code 404, message File not found'));
    expect(lines[2]).toMatch(pythonLogLine('"GET /nope HTTP/1.0" 404 -'));
    expect(run.stdout()).not.toContain('GET'); // stdout has only the start-up line
    run.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('-p HTTP/1.1 keeps connections alive; the default HTTP/1.0 does not', async () => {
    for (const [args, statusLine, kept] of [
      [['-p', 'HTTP/1.1'], 'HTTP/1.1 200 OK', true],
      [[], 'HTTP/1.0 200 OK', false],
    ] as const) {
      const { run, port } = await serve(['0', '-b', '127.0.0.1', '-d', dir, ...args]);
      const result = await rawRequest(port, 'GET /hello.txt HTTP/1.1\r\n\r\n', { timeoutMs: 300 });
      expect(parseResponse(result.bytes).statusLine).toBe(statusLine);
      expect(result.closed).toBe(!kept);
      run.kill('SIGINT');
      expect(await run.exited).toBe(0);
    }
  });

  it('--follow-symlinks serves a link to outside the folder; by default it is 404', async () => {
    for (const [args, status] of [
      [[], 404],
      [['--follow-symlinks'], 200],
    ] as const) {
      const { run, port } = await serve(['0', '-b', '127.0.0.1', '-d', dir, ...args]);
      const result = await rawRequest(port, 'GET /out.txt HTTP/1.0\r\n\r\n');
      expect(parseResponse(result.bytes).status).toBe(status);
      run.kill('SIGINT');
      await run.exited;
    }
  });

  it('SIGINT while a client holds a keep-alive connection closes it and exits with 0', async () => {
    const { run, port } = await serve(['0', '-b', '127.0.0.1', '-d', dir, '-p', 'HTTP/1.1']);
    const held = net.connect({ port, host: '127.0.0.1' });
    held.on('error', () => undefined);
    const serverClosed = new Promise<void>((resolve) => held.once('end', () => resolve()));
    held.resume(); // a browser reads what arrives (and so sees our FIN)
    held.write('GET /hello.txt HTTP/1.1\r\n\r\n');
    await run.waitFor(/200 -\n/, 'stderr');
    run.kill('SIGINT');
    // The idle connection would otherwise last the 15 s keep-alive timeout: exiting well
    // inside it shows the CLI closed the connection rather than waiting for the client.
    expect(await settlesWithin(run.exited, EVENTUALLY_MS)).toEqual({ settled: true, value: 0 });
    await serverClosed; // the FIN came from the server
    held.destroy();
  });
});

describe('problems a person can fix: one clear line, non-zero exit, no stack trace', () => {
  it('port in use: says so and suggests a free port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, stderr, stdout } = await failure([String(port), '-b', '127.0.0.1', '-d', dir]);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      const match =
        /^httpdesk: error: port (\d+) is already in use on 127\.0\.0\.1; port (\d+) is free: httpdesk (\d+)$/.exec(
          lines[0] ?? '',
        );
      expect(match, lines[0]).not.toBeNull();
      expect(Number(match![1])).toBe(port);
      expect(match![2]).toBe(match![3]);
      // The suggestion really is free.
      const suggested = Number(match![2]);
      const probe = net.createServer();
      await new Promise<void>((resolve, reject) => {
        probe.once('error', reject);
        probe.listen({ host: '127.0.0.1', port: suggested }, resolve);
      });
      await new Promise((resolve) => probe.close(resolve));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('port in use on every interface (no --bind)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '::', port: 0 }, resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { code, stderr } = await failure([String(port), '-d', dir]);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(
        new RegExp(
          `^httpdesk: error: port ${port} is already in use on all interfaces; port \\d+ is free: httpdesk \\d+\\n$`,
        ),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a missing folder', async () => {
    const missing = path.join(dir, 'no-such-folder');
    const { code, stderr } = await failure(['0', '-d', missing]);
    expect(code).toBe(1);
    expect(stderr).toBe(`httpdesk: error: directory '${missing}' does not exist\n`);
  });

  it('a file given as the folder', async () => {
    const file = path.join(dir, 'hello.txt');
    const { code, stderr } = await failure(['0', '-d', file]);
    expect(code).toBe(1);
    expect(stderr).toBe(`httpdesk: error: '${file}' is not a directory\n`);
  });

  it('a bad protocol value (argparse style: usage, then the error, exit 2)', async () => {
    const { code, stderr } = await failure(['-p', 'HTTP/2.0']);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^usage: httpdesk /);
    expect(lines.at(-1)).toBe(
      "httpdesk: error: argument -p/--protocol: 'HTTP/2.0' is not HTTP/1.0 or HTTP/1.1",
    );
  });

  for (const [port, message] of [
    ['abc', "argument port: invalid int value: 'abc'"],
    ['-5', null],
    ['70000', 'argument port: 70000 is not between 0 and 65535'],
    ['8.5', "argument port: invalid int value: '8.5'"],
  ] as const) {
    it(`a bad port: ${port}`, async () => {
      const { code, stderr } = await failure([port]);
      expect(code).toBe(2);
      const last = stderr.trimEnd().split('\n').at(-1) ?? '';
      expect(last).toMatch(/^httpdesk: error: /);
      if (message) expect(last).toBe(`httpdesk: error: ${message}`);
    });
  }

  it('too many positional arguments, an unknown option', async () => {
    let result = await failure(['8000', '9000']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'httpdesk: error: unrecognized arguments: 9000',
    );
    result = await failure(['--nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toMatch(/^httpdesk: error: .*--nope/);
  });

  it('an address that is not this machine’s', async () => {
    const { code, stderr } = await failure(['0', '-b', '203.0.113.7', '-d', dir]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'httpdesk: error: cannot bind to 203.0.113.7: that address does not belong to this machine\n',
    );
  });

  it('an address that is not an address', async () => {
    const { code, stderr } = await failure(['0', '-b', 'not an address!']);
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(
      "httpdesk: error: argument -b/--bind: 'not an address!' is not an address or host name",
    );
  });

  it.skipIf(process.getuid?.() === 0)('a privileged port without the right', async () => {
    const { code, stderr } = await failure(['80', '-b', '127.0.0.1', '-d', dir]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'httpdesk: error: no permission to use port 80: ports below 1024 need administrator rights; try 8000\n',
    );
  });
});

describe('--help', () => {
  it('prints the usage and every option, exits 0', async () => {
    for (const flag of ['--help', '-h']) {
      const run = start([flag]);
      expect(await run.exited).toBe(0);
      const out = run.stdout();
      expect(
        out.startsWith(
          'usage: httpdesk [-h] [--cgi] [--follow-symlinks] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]',
        ),
      ).toBe(true);
      expect(out.split('\n\n')[0]).toMatch(/\[port\]$/);
      for (const option of [
        '--cgi',
        '--follow-symlinks',
        '-b ADDRESS, --bind ADDRESS',
        '-d DIRECTORY, --directory DIRECTORY',
        '-p VERSION, --protocol VERSION',
        'port',
      ])
        expect(out).toContain(option);
      expect(run.stderr()).toBe('');
    }
  });

  it('every flag Python’s CLI takes is accepted (python3 -m http.server --help lists the same)', async () => {
    const python = await import('node:child_process').then(({ execFileSync }) =>
      execFileSync('python3', ['-m', 'http.server', '--help'], { encoding: 'utf8' }),
    );
    const run = start(['--help']);
    await run.exited;
    for (const flag of python.match(/--[a-z-]+/g) ?? []) expect(run.stdout()).toContain(flag);
  });
});

describe('the served folder is the one asked for', () => {
  it('-d with a relative path is taken from the current folder', async () => {
    await mkdir(path.join(dir, 'rel'), { recursive: true });
    await writeFile(path.join(dir, 'rel', 'r.txt'), 'relative\n');
    const { run, port } = await serve(['0', '-b', '127.0.0.1', '-d', 'rel'], dir);
    const result = await rawRequest(port, 'GET /r.txt HTTP/1.0\r\n\r\n');
    expect(parseResponse(result.bytes).body.toString()).toBe('relative\n');
    run.kill('SIGINT');
    await run.exited;
  });

  it('the chosen port is used', async () => {
    const port = await freePort();
    const { run, port: announced } = await serve([String(port), '-b', '127.0.0.1', '-d', dir]);
    expect(announced).toBe(port);
    run.kill('SIGINT');
    await run.exited;
  });
});
