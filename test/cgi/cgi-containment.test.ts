/**
 * Only scripts whose real path lies below a CGI directory run, whatever the URL's spelling:
 * the path is decoded once, and links are resolved before a script is run. A marker script
 * outside cgi-bin/ leaves a file behind if it ever runs; the file must never appear.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  get,
  makeSite,
  rawRequest,
  removeSite,
  startServer,
  type RunningServer,
} from './cgi-site.js';

let root = '';
let markers = '';
let server: RunningServer;
let following: RunningServer;

const MARKER_NAME = 'ran';
const RAN_OUTPUT = 'marker-ran-42';
const marker = (): string => path.join(markers, MARKER_NAME);

/** A script that records that it ran (and its arguments) in a file outside the site. */
function markerScript(): string {
  return [
    '#!/bin/sh',
    `echo "$*" > '${marker()}'`,
    'echo "Content-type: text/plain"',
    'echo',
    // Computed, so a served copy of the script's source never contains the output.
    'echo "marker-ran-$((40 + 2))"',
    '',
  ].join('\n');
}

beforeAll(async () => {
  root = await makeSite();
  // World-writable: when the tests run as root, scripts run as nobody.
  markers = await mkdtemp(path.join(tmpdir(), 'httpdesk-cgi-marker-'));
  await chmod(markers, 0o777);
  await mkdir(path.join(root, 'tools'), { mode: 0o755 });
  await writeFile(path.join(root, 'tools', 'maint.sh'), markerScript(), { mode: 0o755 });
  // Links inside cgi-bin/ whose targets lie outside it (inside and outside the site).
  await symlink('../tools/maint.sh', path.join(root, 'cgi-bin', 'maint-link.sh'));
  await symlink('../tools', path.join(root, 'cgi-bin', 'tools-link'));
  const outside = path.join(markers, 'outside.sh');
  await writeFile(outside, markerScript(), { mode: 0o755 });
  await symlink(outside, path.join(root, 'cgi-bin', 'outside-link.sh'));
  [server, following] = await Promise.all([
    startServer(root),
    startServer(root, { configure: (h) => (h.followSymlinks = true) }),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.close(), following?.close()]);
  await removeSite(root);
  await rm(markers, { recursive: true, force: true });
});

beforeEach(async () => {
  await rm(marker(), { force: true });
});

const TOOL = 'tools/maint.sh';

/** Every spelling, with what the server answers instead of running the script. */
const SPELLINGS: ReadonlyArray<[target: string, statusLine: string]> = [
  // Decoded once these climb out of cgi-bin: not a CGI path, so the file is served.
  [`/cgi-bin/%2e%2e/${TOOL}`, 'HTTP/1.0 200 OK'],
  [`/cgi-bin/..%2f${TOOL}`, 'HTTP/1.0 200 OK'],
  [`/cgi-bin/./../${TOOL}`, 'HTTP/1.0 200 OK'],
  [`/htbin/%2e%2e/${TOOL}`, 'HTTP/1.0 200 OK'],
  // Decoded once these are names inside cgi-bin that do not exist.
  [
    `/cgi-bin/%252e%252e/${TOOL}?/home/victim+-rf`,
    "HTTP/1.0 404 No such CGI script ('/cgi-bin/%2e%2e')",
  ],
  [`/cgi-bin/..%252f${TOOL}`, "HTTP/1.0 404 No such CGI script ('/cgi-bin/..%2ftools')"],
  [`/cgi-bin/%2e%2e%5c${TOOL}`, "HTTP/1.0 404 No such CGI script ('/cgi-bin/..\\\\tools')"],
  [
    `/cgi-bin/%252e%252e%255c${TOOL}`,
    "HTTP/1.0 404 No such CGI script ('/cgi-bin/%2e%2e%5ctools')",
  ],
  [`/htbin/%252e%252e/${TOOL}?-c`, "HTTP/1.0 404 No such CGI script ('/htbin/%2e%2e')"],
  [`/cgi-bin/%25252e%25252e/${TOOL}`, "HTTP/1.0 404 No such CGI script ('/cgi-bin/%252e%252e')"],
  // Links inside cgi-bin/ that lead out of it, with `?-c` style arguments.
  ['/cgi-bin/maint-link.sh?-c', "HTTP/1.0 404 No such CGI script ('/cgi-bin/maint-link.sh')"],
  [
    '/cgi-bin/tools-link/maint.sh?-c+id',
    "HTTP/1.0 404 No such CGI script ('/cgi-bin/tools-link/maint.sh')",
  ],
  ['/cgi-bin/outside-link.sh?-c', "HTTP/1.0 404 No such CGI script ('/cgi-bin/outside-link.sh')"],
];

describe('a script outside the CGI directories never runs', () => {
  it.each(SPELLINGS)('%s → %s', async (target, statusLine) => {
    for (const method of ['GET', 'HEAD']) {
      const res = await rawRequest(server.port, get(target, [], method));
      expect(res.statusLine).toBe(statusLine);
      expect(res.body.toString()).not.toContain(RAN_OUTPUT);
    }
    const post = await rawRequest(
      server.port,
      `POST ${target} HTTP/1.0\r\nContent-Length: 3\r\n\r\nabc`,
    );
    expect(post.body.toString()).not.toContain(RAN_OUTPUT);
    expect(existsSync(marker())).toBe(false);
  });

  it.each([
    '/cgi-bin/maint-link.sh?-c',
    '/cgi-bin/tools-link/maint.sh?-c',
    '/cgi-bin/outside-link.sh?-c',
    `/cgi-bin/%252e%252e/${TOOL}?-c`,
  ])('not with followSymlinks either: %s', async (target) => {
    const res = await rawRequest(following.port, get(target));
    expect(res.statusLine).toMatch(/^HTTP\/1\.0 404 No such CGI script/);
    expect(existsSync(marker())).toBe(false);
  });

  it('still runs the scripts that are inside (the marker setup can detect a run)', async () => {
    const inside = path.join(root, 'cgi-bin', 'marker.sh');
    await writeFile(inside, markerScript(), { mode: 0o755 });
    try {
      const res = await rawRequest(server.port, get('/cgi-bin/marker.sh?-c'));
      expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
      expect(res.body.toString()).toBe(`${RAN_OUTPUT}\n`);
      expect(existsSync(marker())).toBe(true);
    } finally {
      await rm(inside);
    }
  });

  it('never serves a script’s source through a link to the CGI directory', async () => {
    await symlink('cgi-bin', path.join(root, 'alias'));
    try {
      const res = await rawRequest(server.port, get('/alias/hello.sh'));
      expect(res.statusLine).toBe('HTTP/1.0 403 CGI scripts are run, not served as files');
      expect(res.body.toString()).not.toContain('#!/bin/sh');
    } finally {
      await rm(path.join(root, 'alias'));
    }
  });

  it('runs a CGI directory that is itself a link, by its target', async () => {
    await symlink('cgi-bin', path.join(root, 'linked-cgi'));
    const linked = await startServer(root, {
      configure: (h) => h.cgiDirectories.push('/linked-cgi'),
    });
    try {
      const res = await rawRequest(linked.port, get('/linked-cgi/hello.sh'));
      expect(res.statusLine).toBe('HTTP/1.0 200 Script output follows');
      expect(res.body.toString()).toBe('Hello World\n');
    } finally {
      await linked.close();
      await rm(path.join(root, 'linked-cgi'));
    }
  });
});
