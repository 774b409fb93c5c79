// Before measuring, check that a server answers every workload's URL with the right bytes,
// so a fast wrong answer (an error page, a truncated file) cannot win.
import http from 'node:http';
import https from 'node:https';
import { LISTING_ENTRIES, PATHS } from './data.mjs';

/** `tls`: { scheme: 'https', ca } checks the certificate against `ca` (a PEM string). */
function get(port, urlPath, method, tls) {
  const client = tls.scheme === 'https' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      { host: '127.0.0.1', port, path: urlPath, method, agent: false, ca: tls.ca },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/**
 * Returns a list of problems (empty when the server serves the data correctly). With
 * `{ scheme: 'https', ca }` it asks over TLS and the certificate must verify against `ca`.
 */
export async function probeServer(port, sizes, { scheme = 'http', ca } = {}) {
  const problems = [];
  const expect = async (urlPath, check, method) => {
    try {
      const problem = check(await get(port, urlPath, method ?? 'GET', { scheme, ca }));
      if (problem) problems.push(`${method ?? 'GET'} ${urlPath}: ${problem}`);
    } catch (err) {
      problems.push(`${method ?? 'GET'} ${urlPath}: ${err.message}`);
    }
  };
  const okWithSize = (size) => (r) =>
    r.status !== 200
      ? `status ${r.status}`
      : r.body.length !== size
        ? `${r.body.length} bytes, expected ${size}`
        : null;
  await expect(PATHS.small, okWithSize(sizes.small));
  await expect(PATHS.medium, okWithSize(sizes.medium));
  await expect(
    PATHS.big,
    (r) =>
      r.status !== 200
        ? `status ${r.status}`
        : Number(r.headers['content-length']) !== sizes.big
          ? `Content-Length ${r.headers['content-length']}, expected ${sizes.big}`
          : null,
    'HEAD',
  );
  const last = `entry-${String(LISTING_ENTRIES - 1).padStart(5, '0')}.txt`;
  await expect(PATHS.listing, (r) =>
    r.status !== 200
      ? `status ${r.status}`
      : r.body.includes(last)
        ? null
        : `listing lacks ${last}`,
  );
  await expect(PATHS.missing, (r) =>
    r.status === 404 ? null : `status ${r.status}, expected 404`,
  );
  return problems;
}
