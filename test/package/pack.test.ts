/**
 * The npm package as a stranger gets it (docs/architecture.md § Packaging, § Testing tiers,
 * tier 7): `npm pack` in a copy of the sources (its prepack builds dist/lib there, so the
 * tree other tests use is never rebuilt under them), the tarball installed into an empty
 * folder from the npm cache only, then its `httpdesk` run and its library imported from
 * TypeScript that must type-check.
 */
import { execFile, spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** What the package is built from; everything else in the repository stays out of it. */
const SOURCES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE'];
const SOURCE_DIRS = ['main', 'shared', 'scripts'];

/** Registry tarball URLs of the runtime dependencies and theirs, at the lockfile's versions. */
function runtimeTarballs(registry: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const lock = JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string; dependencies?: Record<string, string> }>;
  };
  const urls = new Map<string, string>();
  const visit = (name: string): void => {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry || urls.has(name)) return;
    const base = name.split('/').pop();
    urls.set(name, `${registry.replace(/\/$/, '')}/${name}/-/${base}-${entry.version}.tgz`);
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(dep);
  };
  for (const name of Object.keys(manifest.dependencies)) visit(name);
  return [...urls.values()];
}

let work: string;
let tarball: string;
let files: string[];
let consumer: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'httpdesk-pack-'));
  const source = path.join(work, 'source');
  mkdirSync(source);
  for (const name of SOURCES) cpSync(path.join(repo, name), path.join(source, name));
  for (const name of SOURCE_DIRS) {
    cpSync(path.join(repo, name), path.join(source, name), { recursive: true });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(source, 'node_modules'), 'dir');
  // A stale app bundle must not ride along: npm packs the file `main` names if it exists.
  mkdirSync(path.join(source, 'dist/main'), { recursive: true });
  writeFileSync(path.join(source, 'dist/main/main.js'), '// stale\n');

  const packed = await run(npm, ['pack', '--json', '--pack-destination', work], {
    cwd: source,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = path.join(work, info!.filename);
  files = info!.files.map((f) => f.path);

  consumer = path.join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "private": true }\n');
  // Offline: the package's runtime dependencies come from the npm cache that installing this
  // repository filled, named by their tarball URLs (the cache holds tarballs, not metadata).
  const registry = (await run(npm, ['config', 'get', 'registry'])).stdout.trim();
  await run(
    npm,
    ['install', '--offline', '--no-audit', '--no-fund', tarball, ...runtimeTarballs(registry)],
    { cwd: consumer },
  );
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds only the built CLI and library, their types, README, licence and package.json', () => {
    const outside = files.filter(
      (f) =>
        !['package.json', 'README.md', 'LICENSE'].includes(f) &&
        !/^dist\/lib\/.+\.(js|d\.ts)$/.test(f),
    );
    expect(outside).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'dist/lib/main/cli.js',
        'dist/lib/main/server/index.js',
        'dist/lib/main/server/index.d.ts',
      ]),
    );
  });
});

describe('the installed package', () => {
  const bin = () => path.join(consumer, 'node_modules/.bin/httpdesk');

  it('httpdesk --help prints the usage and exits 0', async () => {
    const { stdout } = await run(bin(), ['--help']);
    expect(stdout).toMatch(/^usage: httpdesk /);
    expect(stdout).toContain('--directory');
  });

  it('httpdesk serves a file from a folder', async () => {
    const site = path.join(work, 'site');
    mkdirSync(site);
    writeFileSync(path.join(site, 'hello.txt'), 'hello from the tarball\n');
    const child = spawn(bin(), ['0', '-b', '127.0.0.1', '-d', site], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (text: string) => {
          out += text;
          const match = /port (\d+) /.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.once('exit', (code) => reject(new Error(`httpdesk exited ${code}`)));
      });
      const { status, type, body } = await new Promise<{
        status: number;
        type: string;
        body: string;
      }>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/hello.txt' }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              type: res.headers['content-type'] ?? '',
              body: text,
            }),
          );
        }).on('error', reject);
      });
      expect({ status, type, body }).toEqual({
        status: 200,
        type: 'text/plain',
        body: 'hello from the tarball\n',
      });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('its library imports and type-checks from TypeScript, and runs', async () => {
    writeFileSync(
      path.join(consumer, 'serve.ts'),
      [
        "import { BaseHTTPRequestHandler, ThreadingHTTPServer } from 'httpdesk';",
        'class Hello extends BaseHTTPRequestHandler {',
        "  override protocolVersion = 'HTTP/1.1';",
        '  async do_GET(): Promise<void> {',
        "    const body = Buffer.from('typed\\n');",
        '    this.sendResponse(200);',
        "    this.sendHeader('Content-Length', body.length);",
        '    await this.endHeaders();',
        '    await this.wfile.write(body);',
        '  }',
        '}',
        "const server = new ThreadingHTTPServer(['127.0.0.1', 0], Hello);",
        'await server.ready;',
        'const [host, port] = server.boundAddress();',
        'const port2: number = port;',
        'console.log(`${host} ${port2}`);',
        'await server.serverClose();',
        '',
      ].join('\n'),
    );
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noImplicitOverride: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [path.join(repo, 'node_modules/@types')],
        },
        files: ['serve.ts'],
      }),
    );
    writeFileSync(
      path.join(consumer, 'package.json'),
      '{ "name": "consumer", "type": "module" }\n',
    );
    await run(path.join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
      cwd: consumer,
    });
    // A file with a type error fails the same check, so passing above means something.
    writeFileSync(
      path.join(consumer, 'broken.ts'),
      "import { HTTPServer } from 'httpdesk';\nnew HTTPServer('x');\n",
    );
    writeFileSync(
      path.join(consumer, 'tsconfig.broken.json'),
      JSON.stringify({ extends: './tsconfig.json', files: ['broken.ts'] }),
    );
    await expect(
      run(path.join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.broken.json'], {
        cwd: consumer,
      }),
    ).rejects.toMatchObject({ stdout: expect.stringMatching(/broken\.ts\(2,\d+\): error TS/) });
    const { stdout } = await run(path.join(repo, 'node_modules/.bin/tsx'), ['serve.ts'], {
      cwd: consumer,
    });
    expect(stdout).toMatch(/^127\.0\.0\.1 \d+\n$/);
  }, 180_000);
});
