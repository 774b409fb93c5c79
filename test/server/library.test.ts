/**
 * The library is the package's export: `import { … } from 'httpdesk'` works from
 * JavaScript and TypeScript, through package.json "exports" (node's self-reference), and the
 * README's examples — the reference's run() with a BaseHTTPRequestHandler subclass, and a
 * SimpleHTTPRequestHandler server — answer real requests.
 *
 * The scripts are written under dist/ (inside the package, so 'httpdesk' resolves to itself;
 * ignored by git, lint and prettier) and run in a child process against the built dist/lib.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltLib, PROJECT_ROOT } from '../helpers/built-lib.js';
import { header, parseResponse } from '../helpers/http-response.js';
import { pythonLogLine } from '../helpers/log-line.js';
import { rawRequest } from '../helpers/raw-socket.js';

/** README "Library", in JavaScript, with port 0 and the folder from argv. */
const EXAMPLE_MJS = `
import { ThreadingHTTPServer, SimpleHTTPRequestHandler, BaseHTTPRequestHandler } from 'httpdesk';

// The reference's run(): a server whose handler answers GET itself.
class Hello extends BaseHTTPRequestHandler {
  protocolVersion = 'HTTP/1.1';
  async do_GET() {
    const body = Buffer.from(\`Hello from \${this.path}\\n\`);
    this.sendResponse(200);
    this.sendHeader('Content-Type', 'text/plain; charset=utf-8');
    this.sendHeader('Content-Length', body.length);
    await this.endHeaders();
    await this.wfile.write(body);
  }
}
const hello = new ThreadingHTTPServer(['127.0.0.1', 0], Hello);
await hello.ready;
const helloDone = hello.serveForever();

// SimpleHTTPRequestHandler serving a folder, like python -m http.server -d site.
class Site extends SimpleHTTPRequestHandler {
  directory = process.argv[2];
}
const files = new ThreadingHTTPServer(['127.0.0.1', 0], Site);
await files.ready;
const filesDone = files.serveForever();

console.log(JSON.stringify({ hello: hello.serverPort, files: files.serverPort }));
process.stdin.resume();
process.stdin.on('end', async () => {
  for (const server of [hello, files]) {
    await server.shutdown();
    await server.serverClose();
  }
  await Promise.all([helloDone, filesDone]);
  console.log('stopped');
});
`;

/** README "Library", the TypeScript as printed (ports aside): it must type-check against dist. */
const EXAMPLE_MTS = `
import { ThreadingHTTPServer, SimpleHTTPRequestHandler, BaseHTTPRequestHandler } from 'httpdesk';
import type { LogSink, RequestRecord } from 'httpdesk';

class Hello extends BaseHTTPRequestHandler {
  override protocolVersion = 'HTTP/1.1';
  async do_GET() {
    const body = Buffer.from(\`Hello from \${this.path}\\n\`);
    this.sendResponse(200);
    this.sendHeader('Content-Type', 'text/plain; charset=utf-8');
    this.sendHeader('Content-Length', body.length);
    await this.endHeaders();
    await this.wfile.write(body);
  }
}
const records: RequestRecord[] = [];
const sink: LogSink = { message() {}, request: (r) => void records.push(r) };
const hello = new ThreadingHTTPServer(['127.0.0.1', 8000], Hello, { logSink: sink });
await hello.ready;
void hello.serveForever();

class Site extends SimpleHTTPRequestHandler {
  override directory = 'site';
}
const files = new ThreadingHTTPServer(['', 8080], Site);
await files.ready;
void files.serveForever();
await files.shutdown();
await files.serverClose();
const port: number = hello.serverPort;
export { port };
`;

const run = promisify(execFile);
let work = '';
let site = '';

beforeAll(async () => {
  await ensureBuiltLib();
  work = path.join(PROJECT_ROOT, 'dist', `test-library-${process.pid}`);
  await mkdir(work, { recursive: true });
  await writeFile(path.join(work, 'example.mjs'), EXAMPLE_MJS);
  await writeFile(path.join(work, 'example.mts'), EXAMPLE_MTS);
  site = await mkdtemp(path.join(tmpdir(), 'httpdesk-lib-site-'));
  await writeFile(path.join(site, 'index.html'), '<h1>site</h1>\n');
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(site, { recursive: true, force: true });
});

describe("import … from 'httpdesk'", () => {
  it('the README examples run from JavaScript and answer requests', async () => {
    const child = spawn(process.execPath, [path.join(work, 'example.mjs'), site], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const deadline = Date.now() + 10_000;
      while (!stdout.includes('\n') && Date.now() < deadline && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(stderr).toBe('');
      const ports = JSON.parse(stdout.split('\n')[0] ?? '') as { hello: number; files: number };

      const hello = parseResponse(
        (await rawRequest(ports.hello, 'GET /spam?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n'))
          .bytes,
      );
      expect(hello.statusLine).toBe('HTTP/1.1 200 OK');
      expect(header(hello, 'Server')).toMatch(/^BaseHTTP\/0\.6 Node\.js\//);
      expect(header(hello, 'Content-Type')).toBe('text/plain; charset=utf-8');
      expect(hello.body.toString()).toBe('Hello from /spam?x=1\n');

      const files = parseResponse((await rawRequest(ports.files, 'GET / HTTP/1.0\r\n\r\n')).bytes);
      expect(files.statusLine).toBe('HTTP/1.0 200 OK');
      expect(header(files, 'Server')).toMatch(/^SimpleHTTP\/0\.6 /);
      expect(files.body.toString()).toBe('<h1>site</h1>\n');

      // No sink given: Python's log lines on stderr.
      const deadline2 = Date.now() + 2_000;
      while (stderr.split('\n').length < 3 && Date.now() < deadline2)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const lines = stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(pythonLogLine('"GET /spam?x=1 HTTP/1.1" 200 -'));
      expect(lines[1]).toMatch(pythonLogLine('"GET / HTTP/1.0" 200 -'));

      child.stdin.end(); // the example shuts both servers down and closes them
      expect(await exited).toBe(0);
      expect(stdout).toContain('stopped\n');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the TypeScript example type-checks against the published types', async () => {
    const tsc = path.join(PROJECT_ROOT, 'node_modules/.bin/tsc');
    const result = await run(
      tsc,
      [
        '--noEmit',
        '--strict',
        '--noImplicitOverride',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        '--skipLibCheck',
        path.join(work, 'example.mts'),
      ],
      { cwd: PROJECT_ROOT },
    ).catch((err: { stdout?: string; stderr?: string }) => ({
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? 'failed',
    }));
    expect(result.stdout + result.stderr).toBe('');
  }, 60_000);

  it("a type error in a user's handler is caught by the published types", async () => {
    await writeFile(
      path.join(work, 'bad.mts'),
      "import { BaseHTTPRequestHandler } from 'httpdesk';\n" +
        'class Bad extends BaseHTTPRequestHandler {\n' +
        '  async do_GET() { this.sendResponse("200"); }\n' +
        '}\nexport { Bad };\n',
    );
    const tsc = path.join(PROJECT_ROOT, 'node_modules/.bin/tsc');
    const failed = await run(
      tsc,
      [
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--types',
        'node',
        '--skipLibCheck',
        path.join(work, 'bad.mts'),
      ],
      { cwd: PROJECT_ROOT },
    ).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? '',
    );
    expect(failed).toMatch(
      /error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/,
    );
  }, 60_000);
});
