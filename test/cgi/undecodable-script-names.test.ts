/**
 * A CGI script whose file name is not UTF-8 runs, or is refused, exactly as one with a
 * UTF-8 name would: found by the listing's href (`%ED%B3%BF`) and by the plain `%FF`,
 * refused when not executable, missing or a link out of the CGI directory.
 */
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponse } from '../helpers/http-response.js';
import { nameBytes } from '../helpers/byte-names.js';
import { rawRequest } from '../helpers/raw-socket.js';
import {
  makeTempDir,
  removeDir,
  startTestServer,
  type TestServer,
} from '../helpers/test-server.js';

const SCRIPT =
  '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\nran %s\\n" "$QUERY_STRING"\n';
const PYTHON =
  'import sys\nsys.stdout.write("Content-Type: text/plain\\r\\n\\r\\npython ran\\n")\n';

let base = '';
let server: TestServer;

beforeAll(async () => {
  base = await makeTempDir({ 'outside/out.sh': SCRIPT });
  const site = `${base}/site`;
  await mkdir(`${site}/cgi-bin`, { recursive: true });
  const at = (...parts: Array<string | number[]>) => nameBytes(site, '/cgi-bin/', ...parts);
  await writeFile(at([0xff], '-run.sh'), SCRIPT, { mode: 0o755 });
  await writeFile(at('ok-run.sh'), SCRIPT, { mode: 0o755 });
  await writeFile(at([0xfe], '-plain.sh'), SCRIPT, { mode: 0o644 });
  await writeFile(at('ok-plain.sh'), SCRIPT, { mode: 0o644 });
  await writeFile(at('caf', [0xe9], '.py'), PYTHON, { mode: 0o755 });
  await symlink(`${base}/outside/out.sh`, at([0xfd], '-out.sh'));
  await chmod(`${base}/outside/out.sh`, 0o755);
  // When the tests run as root, scripts run as nobody: the folders must be readable.
  for (const dir of [base, site, `${site}/cgi-bin`, `${base}/outside`]) await chmod(dir, 0o755);
  server = await startTestServer({ directory: site, settings: { cgi: true } });
});

afterAll(async () => {
  await server?.close();
  await removeDir(base);
});

async function get(target: string) {
  const { bytes: reply } = await rawRequest(server.port, `GET ${target} HTTP/1.0\r\n\r\n`, {
    timeoutMs: 10_000,
  });
  return parseResponse(reply);
}

describe('CGI scripts whose names are not UTF-8', () => {
  it.each([
    ['/cgi-bin/%ED%B3%BF-run.sh?a', 200, 'ran a\n'],
    ['/cgi-bin/%FF-run.sh?b', 200, 'ran b\n'],
    ['/cgi-bin/ok-run.sh?c', 200, 'ran c\n'],
    ['/cgi-bin/caf%ED%B3%A9.py', 200, 'python ran\n'],
    ['/cgi-bin/caf%E9.py', 200, 'python ran\n'],
  ])('%s runs', async (target, status, body) => {
    const res = await get(target);
    expect([res.status, res.body.toString()]).toEqual([status, body]);
  });

  it('a script that is not executable is refused the same way', async () => {
    const [undecodable, plain] = await Promise.all([
      get('/cgi-bin/%FE-plain.sh'),
      get('/cgi-bin/ok-plain.sh'),
    ]);
    expect(plain.status).toBe(403);
    expect(undecodable.status).toBe(plain.status);
  });

  it.each(['/cgi-bin/%FD-out.sh', '/cgi-bin/%FB-missing.sh', '/cgi-bin/%ED%B3%BB-missing.sh'])(
    '%s → 404 (a link out of cgi-bin, or nothing)',
    async (target) => {
      const res = await get(target);
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain('ran');
    },
  );
});
